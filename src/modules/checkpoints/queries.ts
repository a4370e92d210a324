import { asc, desc, eq, lte, and, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { checkpointLeaves, checkpoints, eventStreams } from "../../db/schema/index.ts";

// The checkpoints' statements: the tree's leaves (stream heads appended) and the signed heads.

export async function lastCheckpoint(tx: Db) {
  const [row] = await tx.select().from(checkpoints).orderBy(desc(checkpoints.number)).limit(1);
  return row ?? null;
}

/** Locks the checkpoints so two sweeps (or a sweep and a click) never number the same one. */
export async function lockCheckpoints(tx: Db) {
  await tx.execute(sql`select pg_advisory_xact_lock(28282814)`);
}

/** Every stream's current head. */
export async function currentHeads(tx: Db) {
  return tx.select().from(eventStreams).orderBy(asc(eventStreams.stream));
}

/** Each stream's last appended head. */
export async function lastLeafPerStream(tx: Db) {
  return tx
    .selectDistinctOn([checkpointLeaves.stream], { stream: checkpointLeaves.stream, lastSeq: checkpointLeaves.lastSeq, lastHash: checkpointLeaves.lastHash })
    .from(checkpointLeaves)
    .orderBy(checkpointLeaves.stream, desc(checkpointLeaves.position));
}

/** All leaves in tree order (up to a size). */
export async function leavesUpTo(tx: Db, size: number) {
  return tx
    .select()
    .from(checkpointLeaves)
    .where(lte(checkpointLeaves.position, size - 1))
    .orderBy(asc(checkpointLeaves.position));
}

export async function insertLeaves(tx: Db, rows: (typeof checkpointLeaves.$inferInsert)[]) {
  if (rows.length > 0) {
    await tx.insert(checkpointLeaves).values(rows);
  }
}

export async function insertCheckpoint(tx: Db, row: typeof checkpoints.$inferInsert) {
  await tx.insert(checkpoints).values(row);
}

/** The latest checkpoints, newest first. */
export async function latestCheckpoints(tx: Db, limit: number) {
  return tx.select().from(checkpoints).orderBy(desc(checkpoints.number)).limit(limit);
}

/** Every checkpoint, oldest first. */
export async function allCheckpoints(tx: Db) {
  return tx.select().from(checkpoints).orderBy(asc(checkpoints.number));
}

/** A stream's leaves, in tree order. */
export async function leavesOfStream(tx: Db, stream: string) {
  return tx
    .select()
    .from(checkpointLeaves)
    .where(and(eq(checkpointLeaves.stream, stream)))
    .orderBy(asc(checkpointLeaves.position));
}
