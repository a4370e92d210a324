// The subprocessors module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { announceSubprocessorChange } from "./announce-change.ts";
export { agreementClocks } from "./change-queries.ts";
export { feedChanges, publicRegister } from "./public-register.ts";
export type { PublicChange } from "./public-register.ts";
export { createSubprocessor } from "./save-subprocessor.ts";
export { subprocessorRoutes } from "./routes.ts";
export { SUBPROCESSOR_NOTICE_KINDS } from "./notice-kinds.ts";
export type { NoticeSubprocessor, SubprocessorChangeAnnounced } from "./notice-kinds.ts";
