import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { afterKey, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";
import { changeRecipients, controllers, objections, subprocessorChanges, subprocessors, type ObjectionOutcome } from "../../db/schema/index.ts";

const objectionColumns = {
  id: objections.id,
  changeId: objections.changeId,
  controllerId: objections.controllerId,
  customerName: controllers.name,
  reason: objections.reason,
  submittedAt: objections.submittedAt,
  status: objections.status,
  outcomeNote: objections.outcomeNote,
  outcomeAt: objections.outcomeAt,
  changeKind: subprocessorChanges.kind,
  changeStatus: subprocessorChanges.status,
  subprocessorName: subprocessors.name,
  windowEndsAt: changeRecipients.windowEndsAt,
  messages: sql<number>`(select count(*)::int from thread_messages m where m.subject_type = 'objection' and m.subject_id = "objections"."id")`,
};

function objectionQuery(db: Db) {
  return db
    .select(objectionColumns)
    .from(objections)
    .innerJoin(controllers, eq(controllers.id, objections.controllerId))
    .innerJoin(subprocessorChanges, eq(subprocessorChanges.id, objections.changeId))
    .innerJoin(subprocessors, eq(subprocessors.id, subprocessorChanges.subprocessorId))
    .leftJoin(changeRecipients, and(eq(changeRecipients.changeId, objections.changeId), eq(changeRecipients.controllerId, objections.controllerId)));
}

export type ObjectionView = NonNullable<Awaited<ReturnType<typeof findObjection>>>;

export async function findObjection(db: Db, id: string) {
  const [row] = await objectionQuery(db).where(eq(objections.id, id));
  return row ?? null;
}

export interface ObjectionFilter {
  changeId?: string | undefined;
  controllerId?: string | undefined;
  status?: "open" | "withdrawn" | "resolved" | "customer_leaves" | undefined;
  /** The customer's name or number contains it. */
  q?: string | undefined;
  /** Support staff: only these customers (art. 9.1). */
  onlyIds: string[] | null;
  limit: number;
  /** The key of the last objection shown (OBJECTION_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
}

/** Newest first: objections_submitted serves it. */
const objectionKey: SortKey[] = [
  { expr: objections.submittedAt, kind: "instant", descending: true },
  { expr: objections.id, kind: "uuid", descending: true },
];
export const OBJECTION_LIST_KEY: KeyKind[] = objectionKey.map((k) => k.kind);

/**
 * A page of objections, newest first: `limit + 1` of them (the extra one says there is a next
 * page), chosen from objections alone by its index, then joined.
 */
export async function listObjections(db: Db, filter: ObjectionFilter) {
  if (filter.onlyIds?.length === 0) {
    return [];
  }
  const page = db
    .select({ id: objections.id, key: keyText(objectionKey).as("key") })
    .from(objections)
    .where(
      and(
        filter.changeId ? eq(objections.changeId, filter.changeId) : undefined,
        filter.controllerId ? eq(objections.controllerId, filter.controllerId) : undefined,
        filter.status ? eq(objections.status, filter.status) : undefined,
        filter.q ? ofCustomerMatching(objections.controllerId, filter.q) : undefined,
        filter.onlyIds ? inArray(objections.controllerId, filter.onlyIds) : undefined,
        afterKey(objectionKey, filter.after),
      ),
    )
    .orderBy(keyOrder(objectionKey))
    .limit(filter.limit + 1)
    .as("page");
  return db
    .select({ ...objectionColumns, key: page.key })
    .from(page)
    .innerJoin(objections, eq(objections.id, page.id))
    .innerJoin(controllers, eq(controllers.id, objections.controllerId))
    .innerJoin(subprocessorChanges, eq(subprocessorChanges.id, objections.changeId))
    .innerJoin(subprocessors, eq(subprocessors.id, subprocessorChanges.subprocessorId))
    .leftJoin(changeRecipients, and(eq(changeRecipients.changeId, objections.changeId), eq(changeRecipients.controllerId, objections.controllerId)))
    .orderBy(keyOrder(objectionKey));
}

export async function findObjectionForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(objections).where(eq(objections.id, id)).for("update");
  return row ?? null;
}

/** The objection of one customer to a change, if it made one. */
export async function findObjectionOf(db: Db, changeId: string, controllerId: string): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.changeId, changeId), eq(objections.controllerId, controllerId)));
  return row ?? null;
}

/** A new objection row; returns its id. */
export async function insertObjection(db: Db, row: typeof objections.$inferInsert): Promise<string> {
  const [objection] = await db.insert(objections).values(row).returning({ id: objections.id });
  if (!objection) {
    throw new Error("objection insert returned nothing");
  }
  return objection.id;
}

export async function closeObjection(db: Db, id: string, outcome: ObjectionOutcome, note: string, by: string, now: Date): Promise<void> {
  await db.update(objections).set({ status: outcome, outcomeNote: note, outcomeAt: now, outcomeBy: by }).where(eq(objections.id, id));
}

/** Settles the open objections to a change as "resolved" with this note; returns them. */
export async function settleOpenObjections(db: Db, changeId: string, note: string, by: string | null, now: Date) {
  return db
    .update(objections)
    .set({ status: "resolved", outcomeNote: note, outcomeAt: now, outcomeBy: by })
    .where(and(eq(objections.changeId, changeId), eq(objections.status, "open")))
    .returning({ id: objections.id, controllerId: objections.controllerId });
}

/** The name of the sub-processor a change concerns, or null. */
export async function subprocessorNameOfChange(db: Db, changeId: string): Promise<string | null> {
  const [about] = await db
    .select({ name: subprocessors.name })
    .from(subprocessorChanges)
    .innerJoin(subprocessors, eq(subprocessors.id, subprocessorChanges.subprocessorId))
    .where(eq(subprocessorChanges.id, changeId));
  return about?.name ?? null;
}

/** A customer's name, or null. */
export async function customerNameOf(db: Db, controllerId: string): Promise<string | null> {
  const [customer] = await db.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, controllerId));
  return customer?.name ?? null;
}
