import type { Db } from "../../db/engine.ts";
import { allStreamHeads, eventsAfter } from "./queries.ts";
import { ChainVerifier, type BrokenLink } from "../../domain/evidence-chain.ts";

export interface VerifyResult {
  ok: boolean;
  events: number;
  streams: number;
  firstBroken: BrokenLink | null;
}

const BATCH = 5_000;

/**
 * Walks the whole log in global order (keyset pages) and checks every link. Runs as the owner,
 * outside any tenant scope: `art28 verify` is an operator's command.
 */
export async function verifyChain(db: Db, onProgress?: (done: number) => void): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const page = await eventsAfter(db, after, BATCH);
    for (const row of page) {
      if (!verifier.add(row)) {
        break;
      }
    }
    onProgress?.(verifier.count);
    const last = page.at(-1);
    if (verifier.firstBroken || !last || page.length < BATCH) {
      break;
    }
    after = last.seq;
  }
  const heads = await allStreamHeads(db);
  const firstBroken = verifier.finish(heads);
  return { ok: firstBroken === null, events: verifier.count, streams: heads.length, firstBroken };
}
