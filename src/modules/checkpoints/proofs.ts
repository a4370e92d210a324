// What a customer's evidence bundle holds of the checkpoints: every checkpoint, the customer's stream
// head in each (its last leaf up to the tree's size) with its inclusion proof, and the consistency
// proof from the checkpoint before. Read as the processor (the leaves name every stream); only
// hashes leave, never another customer's stream.
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { BundleCheckpoints } from "../../domain/evidence-bundle/checkpoint.ts";
import { consistencyProof, inclusionPath, toHex } from "../../domain/merkle.ts";
import { leafHashesUpTo, nodeDigest } from "./make-checkpoint.ts";
import { allCheckpoints } from "./queries.ts";
import type { CheckpointKey } from "./signing-key.ts";

/** Up to the first checkpoint made after the stream's event `upToSeq` (the bundle's head). */
export async function checkpointsForStream(db: Db, stream: string, key: CheckpointKey | null, upToSeq: number): Promise<BundleCheckpoints> {
  return inScope(db, { kind: "processor" }, async (tx) => {
    const all = await allCheckpoints(tx);
    const largest = all.at(-1)?.treeSize ?? 0;
    const { leaves, hashes } = await leafHashesUpTo(tx, largest);
    const out: BundleCheckpoints = { publicKey: key?.publicKey ?? "", checkpoints: [] };
    let previousSize = 0;
    for (const checkpoint of all) {
      const size = checkpoint.treeSize;
      const tree = hashes.slice(0, size);
      let mine: (typeof leaves)[number] | undefined;
      for (let i = size - 1; i >= 0; i--) {
        if (leaves[i]?.stream === stream) {
          mine = leaves[i];
          break;
        }
      }
      if (mine && mine.lastSeq > upToSeq) {
        break; // made after the bundle's head was read
      }
      out.checkpoints.push({
        statement: checkpoint.statement,
        signature: checkpoint.signature,
        leaf: mine ? { position: mine.position, stream: mine.stream, lastSeq: mine.lastSeq, lastHash: mine.lastHash } : null,
        inclusion: mine ? (await inclusionPath(tree, mine.position, nodeDigest)).map(toHex) : [],
        consistency: previousSize > 0 && previousSize < size ? (await consistencyProof(tree, previousSize, nodeDigest)).map(toHex) : [],
      });
      previousSize = size;
    }
    return out;
  });
}
