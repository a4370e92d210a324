// The notices module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { loadProcessorContext, publicUrl } from "./context.ts";
export type { BreachNotice, NoticeSubprocessor, ObjectionOutcome, SubprocessorChangeKind } from "./kinds.ts";
export { queueCustomerNotices, queueStaffNotice } from "./queue-notices.ts";
export { markOpened } from "./use-cases.ts";
export { noticeRoutes } from "./routes.ts";
