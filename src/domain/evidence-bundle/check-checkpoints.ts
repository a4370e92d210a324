// A bundle's checkpoints checked (issue 14, point 3): signatures, their chain, consistency between
// them, and the inclusion of the customer's stream head. Pure, and free of Node.
import { CHECKPOINT_FORMAT, leafData, verifyStatementSignature, type BundleCheckpoints, type CheckpointStatement } from "./checkpoint.ts";
import { fail } from "./failure.ts";
import { CHECKPOINTS } from "./layout.ts";
import { fromHex, leafHash, verifyConsistency, verifyInclusion, type Digest } from "../merkle.ts";
import type { SyncSha256 } from "./stream-checker.ts";

const isHash = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);

/**
 * Checks a bundle's checkpoints: each signed by one key (the published one, when given), chained to
 * the one before and consistent with it, and including the stream's head as the events show it today
 * (`eventHashes`: the hash of each event a checkpoint committed to).
 */
export async function checkCheckpoints(
  bundle: BundleCheckpoints,
  stream: string,
  eventHashes: Map<number, string>,
  options: { sha256?: SyncSha256; publicKey?: string; hashOf: (data: Uint8Array | string) => Promise<string> },
): Promise<void> {
  const hashOf = options.hashOf;
  const digest: Digest | undefined = options.sha256 ? (data) => fromHex((options.sha256 as SyncSha256)(data)) : undefined;
  if (options.publicKey !== undefined && options.publicKey !== bundle.publicKey) {
    fail("checkpoint", CHECKPOINTS, null, "the checkpoints are signed by a key that is not the processor's published key");
  }
  if (!Array.isArray(bundle.checkpoints)) {
    fail("checkpoint", CHECKPOINTS, null, "checkpoints.json holds no list of checkpoints");
  }
  let previous: { statement: CheckpointStatement; text: string } | null = null;
  for (const entry of bundle.checkpoints) {
    let statement: CheckpointStatement;
    try {
      statement = JSON.parse(entry.statement) as CheckpointStatement;
    } catch {
      return fail("checkpoint", CHECKPOINTS, null, "a checkpoint's statement is not JSON");
    }
    const which = `checkpoint ${statement.number}`;
    if (statement.format !== CHECKPOINT_FORMAT || !isHash(statement.root)) {
      fail("checkpoint", CHECKPOINTS, null, `${which} is not an Art28 checkpoint`);
    }
    if (!(await verifyStatementSignature(entry.statement, entry.signature, bundle.publicKey))) {
      fail("checkpoint", CHECKPOINTS, null, `${which}'s signature is not the processor's key's (signed by another key, or altered)`);
    }
    if (previous) {
      if (statement.number !== previous.statement.number + 1 || statement.previous !== (await hashOf(previous.text))) {
        fail("checkpoint", CHECKPOINTS, null, `${which} does not follow checkpoint ${previous.statement.number} (the chain of checkpoints is broken)`);
      }
      const before = previous.statement;
      const consistent =
        before.treeSize === statement.treeSize
          ? before.root === statement.root
          : before.treeSize > 0 &&
            (await verifyConsistency(
              before.treeSize,
              statement.treeSize,
              fromHex(before.root),
              fromHex(statement.root),
              entry.consistency.map(fromHex),
              digest,
            ));
      if (before.treeSize > 0 && !consistent) {
        fail("checkpoint", CHECKPOINTS, null, `${which} is not consistent with checkpoint ${before.number}: the tree was rewritten between them`);
      }
    } else if (statement.previous !== null && statement.number === 1) {
      fail("checkpoint", CHECKPOINTS, null, `${which} claims a predecessor`);
    }
    if (entry.leaf) {
      const leaf = entry.leaf;
      if (leaf.stream !== stream) {
        fail("checkpoint", CHECKPOINTS, leaf.lastSeq, `${which} proves another stream's head`);
      }
      if (eventHashes.get(leaf.lastSeq) !== leaf.lastHash) {
        fail(
          "checkpoint",
          CHECKPOINTS,
          leaf.lastSeq,
          `${which} committed to event ${leaf.lastSeq} with another hash than the events show today (the history was rewritten after it)`,
        );
      }
      const included = await verifyInclusion(
        await leafHash(leafData(leaf), digest),
        leaf.position,
        statement.treeSize,
        entry.inclusion.map(fromHex),
        fromHex(statement.root),
        digest,
      );
      if (!included) {
        fail("checkpoint", CHECKPOINTS, leaf.lastSeq, `${which}: the inclusion proof of the stream's head does not lead to its root`);
      }
    }
    previous = { statement, text: entry.statement };
  }
}
