// The subprocessors module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { applyDueChanges } from "./apply-change.ts";
import { subprocessorRoutes } from "./routes.ts";
import { SUBPROCESSOR_NOTICE_KINDS } from "./notice-kinds.ts";

export { announceSubprocessorChange } from "./announce-change.ts";
export { agreementClocks } from "./change-queries.ts";
export { feedChanges, publicRegister } from "./public-register.ts";
export type { PublicChange } from "./public-register.ts";
export { createSubprocessor } from "./save-subprocessor.ts";
export type { NoticeSubprocessor, SubprocessorChangeAnnounced } from "./notice-kinds.ts";

/** What the subprocessors module brings to the core (sub-processors, changes and objections (art. 5), transfers (art. 3.1)); src/modules.ts lists it. */
export const subprocessorsModule = {
  name: "subprocessors",
  routes: [subprocessorRoutes],
  noticeKinds: SUBPROCESSOR_NOTICE_KINDS,
  sweepTasks: {
    /** Changes whose date has come take effect (art. 5). */
    subprocessorChangesApplied: async (tx: Db, clock: Clock) => (await applyDueChanges(tx, clock)).length,
  },
};
