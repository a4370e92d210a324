// The notices module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { noticeRoutes } from "./routes.ts";
import { NOTICES_OWN_KINDS } from "./own-kinds.ts";
import { scrubExpiredSecrets } from "./secrets.ts";

export { loadProcessorContext, processorContextChanged, publicUrl } from "./context.ts";
export { queueCustomerNotices, queueStaffNotice, queueUserNotice } from "./queue-notices.ts";
export { markOpened } from "./use-cases.ts";
export { noticeContentJson, noticeHidesSecret, noticePortalText } from "./evidence-content.ts";
export { defineNoticeKind, noticeKindLabel, registerNoticeKinds } from "./kind-registry.ts";
export type { NoticeKindDefinition, NoticeView } from "./kind-registry.ts";
export { countryListText, listText } from "./render.ts";
export { NOTICES_OWN_KINDS } from "./own-kinds.ts";

/** What the notices module brings to the core (inbox, outbox, webhooks); src/modules.ts lists it. */
export const noticesModule = {
  name: "notices",
  routes: [noticeRoutes],
  noticeKinds: NOTICES_OWN_KINDS,
  /** Single-use links whose time is up leave the notices that still hold them (secrets.ts). */
  sweepTasks: { noticeSecrets: scrubExpiredSecrets },
};
