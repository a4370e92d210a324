// The sweep task: a checkpoint when the last is older than ART28_CHECKPOINT_MINUTES (default 60),
// if the process has a signing key.
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { makeCheckpoint } from "./make-checkpoint.ts";
import { lastCheckpoint, lockCheckpoints } from "./queries.ts";
import { checkpointKey } from "./signing-key.ts";

export function checkpointIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.ART28_CHECKPOINT_MINUTES ?? 60);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 60) * 60_000;
}

export async function checkpointSweep(tx: Db, clock: Clock): Promise<number> {
  const key = checkpointKey();
  if (!key) {
    return 0;
  }
  await lockCheckpoints(tx); // two sweeps at once make one checkpoint
  const last = await lastCheckpoint(tx);
  if (last && clock.now().getTime() - last.madeAt.getTime() < checkpointIntervalMs()) {
    return 0;
  }
  await makeCheckpoint(tx, clock, key);
  return 1;
}
