import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { insertMany } from "../../db/insert-many.ts";
import { changeRecipients, obligations, subprocessorChanges } from "../../db/schema/index.ts";
import type { ChangeRow } from "./change-queries.ts";

// A change's life (art. 5.2): announced to its recipients, then taking effect or withdrawn. The
// reads for lists and pages sit in change-queries.ts.

/** Locks a change's row (FOR UPDATE) and returns it, or null. */
export async function lockChange(db: Db, id: string): Promise<ChangeRow | null> {
  const [row] = await db.select().from(subprocessorChanges).where(eq(subprocessorChanges.id, id)).for("update");
  return row ?? null;
}

/** Claims the announced changes whose effective date has come (SKIP LOCKED: another worker's are skipped), oldest date first. */
export async function claimDueChanges(db: Db, now: Date): Promise<{ id: string }[]> {
  return db
    .select({ id: subprocessorChanges.id })
    .from(subprocessorChanges)
    .where(and(eq(subprocessorChanges.status, "announced"), lte(subprocessorChanges.effectiveAt, now)))
    .orderBy(subprocessorChanges.effectiveAt)
    .for("update", { skipLocked: true });
}

/** A new change row; returns its id. */
export async function insertChange(db: Db, row: typeof subprocessorChanges.$inferInsert): Promise<string> {
  const [change] = await db.insert(subprocessorChanges).values(row).returning({ id: subprocessorChanges.id });
  if (!change) {
    throw new Error("change insert returned nothing");
  }
  return change.id;
}

/** An announced change's latest window end and how many customers it was announced to (known after its pages). */
export async function setAnnouncedWindow(db: Db, id: string, windowClosesAt: Date, affectedCount: number): Promise<void> {
  await db.update(subprocessorChanges).set({ windowClosesAt, affectedCount }).where(eq(subprocessorChanges.id, id));
}

/** The customers a change was announced to, batched. */
export async function insertRecipients(db: Db, recipients: (typeof changeRecipients.$inferInsert)[]): Promise<void> {
  await insertMany(db, changeRecipients, recipients);
}

/** Locks one customer's recipient row of a change and returns it, or null. */
export async function lockRecipient(db: Db, changeId: string, controllerId: string) {
  const [row] = await db
    .select()
    .from(changeRecipients)
    .where(and(eq(changeRecipients.changeId, changeId), eq(changeRecipients.controllerId, controllerId)))
    .for("update");
  return row ?? null;
}

export async function setChangeEffectiveAt(db: Db, id: string, effectiveAt: Date, now: Date): Promise<void> {
  await db.update(subprocessorChanges).set({ effectiveAt, updatedAt: now }).where(eq(subprocessorChanges.id, id));
}

export async function markChangeEffective(db: Db, id: string, effectiveAt: Date, now: Date): Promise<void> {
  await db.update(subprocessorChanges).set({ status: "effective", effectiveAt, appliedAt: now, updatedAt: now }).where(eq(subprocessorChanges.id, id));
}

export async function markChangeWithdrawn(db: Db, id: string, reason: string, now: Date): Promise<void> {
  await db
    .update(subprocessorChanges)
    .set({ status: "withdrawn", withdrawnAt: now, withdrawnReason: reason, updatedAt: now })
    .where(eq(subprocessorChanges.id, id));
}

/** How many objection windows of a change are still open. */
export async function countOpenWindows(db: Db, subjectType: string, changeId: string): Promise<number> {
  return db.$count(obligations, and(eq(obligations.subjectType, subjectType), eq(obligations.subjectId, changeId), eq(obligations.status, "open")));
}

/**
 * Closes at most `limit` of the objection windows of a change still open as "lapsed", the first by
 * customer; returns them. Called until it closes fewer than `limit`.
 */
export async function lapseObjectionWindows(db: Db, subjectType: string, changeId: string, now: Date, limit: number) {
  const page = db
    .select({ id: obligations.id })
    .from(obligations)
    .where(and(eq(obligations.subjectType, subjectType), eq(obligations.subjectId, changeId), eq(obligations.status, "open")))
    .orderBy(obligations.controllerId, obligations.id)
    .limit(limit);
  return db
    .update(obligations)
    .set({ status: "lapsed", closedAt: now, nextReminderAt: null })
    .where(and(inArray(obligations.id, page), eq(obligations.status, "open")))
    .returning({ id: obligations.id, controllerId: obligations.controllerId, dueAt: obligations.dueAt });
}

/** The newest Annex 1 version of each of these customers (none asked: no statement). */
export async function latestAnnexVersions(db: Db, controllerIds: string[]): Promise<Map<string, number>> {
  if (controllerIds.length === 0) {
    return new Map<string, number>();
  }
  const found = await rows<{ controller_id: string; version: number }>(
    db,
    sql`select controller_id, max(version) as version from annex_versions where controller_id = any(${sql.param(controllerIds)}::uuid[]) group by controller_id`,
  );
  return new Map(found.map((r) => [r.controller_id, Number(r.version)]));
}
