// Makes a checkpoint: appends the heads of the streams that moved since the last one to the tree,
// computes its RFC 6962 root, signs the statement (number, size, root, time, the previous
// statement's hash) with the processor's Ed25519 key, and records it in the processor's stream.
import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { CHECKPOINT_FORMAT, leafData, statementText, type CheckpointStatement } from "../../domain/evidence-bundle/checkpoint.ts";
import { leafHash, rootOf, toHex, type Digest } from "../../domain/merkle.ts";
import { recordEvent, SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { signStatement, type CheckpointKey } from "./signing-key.ts";
import { currentHeads, insertCheckpoint, insertLeaves, lastCheckpoint, lastLeafPerStream, leavesUpTo, lockCheckpoints } from "./queries.ts";

export const nodeDigest: Digest = (data) => new Uint8Array(createHash("sha256").update(data).digest());

/** The leaf hashes of the tree's first `size` leaves. */
export async function leafHashesUpTo(tx: Db, size: number): Promise<{ hashes: Uint8Array[]; leaves: Awaited<ReturnType<typeof leavesUpTo>> }> {
  const leaves = size > 0 ? await leavesUpTo(tx, size) : [];
  return { leaves, hashes: await Promise.all(leaves.map((leaf) => leafHash(leafData(leaf), nodeDigest))) };
}

export interface MadeCheckpoint {
  number: number;
  treeSize: number;
  root: string;
  madeAt: string;
}

/** Run as the processor (inScope). */
export async function makeCheckpoint(tx: Db, clock: Clock, key: CheckpointKey, actor: EventActor = SYSTEM_ACTOR): Promise<MadeCheckpoint> {
  await lockCheckpoints(tx);
  const last = await lastCheckpoint(tx);
  const known = new Map((await lastLeafPerStream(tx)).map((leaf) => [leaf.stream, leaf]));
  const moved = (await currentHeads(tx)).filter((head) => {
    const leaf = known.get(head.stream);
    return head.lastSeq > 0 && (!leaf || leaf.lastSeq !== head.lastSeq || leaf.lastHash !== head.lastHash);
  });
  const number = (last?.number ?? 0) + 1;
  const start = last?.treeSize ?? 0;
  await insertLeaves(
    tx,
    moved.map((head, i) => ({ position: start + i, stream: head.stream, lastSeq: head.lastSeq, lastHash: head.lastHash, checkpoint: number })),
  );
  const treeSize = start + moved.length;
  const { hashes } = await leafHashesUpTo(tx, treeSize);
  const root = toHex(await rootOf(hashes, nodeDigest));
  const madeAt = clock.now().toISOString();
  const statement: CheckpointStatement = {
    format: CHECKPOINT_FORMAT,
    number,
    treeSize,
    root,
    madeAt,
    previous: last ? createHash("sha256").update(last.statement, "utf8").digest("hex") : null,
  };
  const text = statementText(statement);
  await insertCheckpoint(tx, { number, treeSize, root, madeAt: new Date(madeAt), statement: text, signature: signStatement(key, text), keyId: key.keyId });
  await recordEvent(tx, clock, { type: "checkpoint.made", actor, controllerId: null, data: { number, treeSize, root, keyId: key.keyId } });
  return { number, treeSize, root, madeAt };
}
