// The latest checkpoint, which every notice carries (email footer and header, webhook payload), so
// each customer's mailbox witnesses the log's state. Cached for a minute per process.
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import { latestCheckpoints } from "./queries.ts";

export interface LatestCheckpoint {
  number: number;
  root: string;
}

const CACHE_MS = 60_000;

/** A reader of the latest checkpoint for one process (the outbox worker), cached for a minute. */
export function latestCheckpointReader(db: Db): () => Promise<LatestCheckpoint | null> {
  let cached: { at: number; value: LatestCheckpoint | null } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < CACHE_MS) {
      return cached.value;
    }
    const [row] = await inScope(db, { kind: "processor" }, (tx) => latestCheckpoints(tx, 1));
    cached = { at: Date.now(), value: row ? { number: row.number, root: row.root } : null };
    return cached.value;
  };
}
