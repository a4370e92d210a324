// The notices module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { loadProcessorContext, publicUrl } from "./context.ts";
export { queueCustomerNotices, queueStaffNotice } from "./queue-notices.ts";
export { markOpened } from "./use-cases.ts";
export { noticeRoutes } from "./routes.ts";
export { defineNoticeKind, noticeKindOf, registerNoticeKinds, registeredNoticeKinds } from "./kind-registry.ts";
export type { NoticeKindDefinition, NoticeView } from "./kind-registry.ts";
export { countryListText, listText } from "./render.ts";
export { NOTICES_OWN_KINDS } from "./own-kinds.ts";
