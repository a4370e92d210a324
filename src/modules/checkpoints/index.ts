// The checkpoints module's public surface (issue 14): signed tree heads over every stream's head.
import { checkpointRoutes } from "./routes.ts";
import { checkpointSweep } from "./sweep.ts";

export { checkpointKey, checkpointKeyFrom, loadCheckpointKey, newCheckpointKeyPem, registerCheckpointKey } from "./signing-key.ts";
export type { CheckpointKey } from "./signing-key.ts";
export { checkpointsForStream } from "./proofs.ts";
export { makeCheckpoint } from "./make-checkpoint.ts";
export { latestCheckpointReader, type LatestCheckpoint } from "./latest.ts";

/** What the checkpoints module brings to the core; src/modules.ts lists it. */
export const checkpointsModule = {
  name: "checkpoints",
  routes: [checkpointRoutes],
  /** A checkpoint every ART28_CHECKPOINT_MINUTES (default 60), when the process has a key. */
  sweepTasks: { checkpoints: checkpointSweep },
};
