import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { afterKey, countUpTo, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";
import { insertMany } from "../../db/insert-many.ts";
import { calendarFeeds, controllers, obligations, users, type ObligationStatus, type StaffRole } from "../../db/schema/index.ts";

/** A user's iCalendar feed: one per user; a new token replaces the old one. */
export async function saveCalendarFeed(db: Db, userId: string, tokenHash: string, at: Date): Promise<void> {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: at })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: at } });
}

/** The user whose feed has this token, if any. */
export async function findCalendarFeedUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ user: users })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  return row?.user ?? null;
}

export interface ObligationFilter {
  status?: ObligationStatus | "all" | undefined;
  controllerId?: string | undefined;
  kind?: string | undefined;
  /** The customer's name or number contains it. */
  q?: string | undefined;
  /** Only those a staff role answers for. */
  responsibleRole?: StaffRole | undefined;
  onlyControllerIds?: string[] | null;
  /** Kinds left out: those the caller's staff role may not know of (restricted-kinds.ts). */
  hiddenKinds?: string[];
  limit: number;
  /** The key of the last obligation shown (`obligationListKey`), for the next page. */
  after?: readonly string[] | undefined;
  /** A page at an offset (the list before keyset pages); ignored after a cursor. */
  offset?: number;
}

/**
 * The list's order. Open ones by due time (the overdue ones come first by that alone), served by
 * obligations_status_due; closed ones newest due first, served by it backwards; all of them with
 * the overdue open ones first, then newest due first (sorted, not walked: `now` decides the group).
 */
function obligationKey(status: ObligationStatus | "all", now: Date): SortKey[] {
  if (status === "open") {
    return [
      { expr: obligations.dueAt, kind: "instant" },
      { expr: obligations.id, kind: "uuid" },
    ];
  }
  const byDue: SortKey[] = [
    { expr: obligations.dueAt, kind: "instant", descending: true },
    { expr: obligations.id, kind: "uuid", descending: true },
  ];
  if (status !== "all") {
    return byDue;
  }
  const overdue = sql`(case when ${obligations.status} = 'open' and ${obligations.dueAt} < ${now.toISOString()}::timestamptz then 1 else 0 end)`;
  return [{ expr: overdue, kind: "integer", descending: true }, ...byDue];
}

/** The kinds of an obligation list's cursor for a status filter. */
export const obligationListKey = (status: ObligationStatus | "all"): KeyKind[] => obligationKey(status, new Date(0)).map((k) => k.kind);

/**
 * A page of obligations: open ones by due time, overdue first (the staff dashboard); closed ones
 * newest first; `limit + 1` rows (the extra one says there is a next page), and the count of all
 * (up to COUNT_LIMIT). The page is chosen from obligations alone, by its index, then named.
 */
export async function listObligations(db: Db, now: Date, filter: ObligationFilter) {
  const where: (SQL | undefined)[] = [];
  const status = filter.status ?? "open";
  if (status !== "all") {
    where.push(eq(obligations.status, status));
  }
  if (filter.controllerId) {
    where.push(eq(obligations.controllerId, filter.controllerId));
  }
  if (filter.kind) {
    where.push(eq(obligations.kind, filter.kind));
  }
  if (filter.q) {
    where.push(ofCustomerMatching(obligations.controllerId, filter.q));
  }
  if (filter.responsibleRole) {
    where.push(sql`${obligations.responsibleRoles} @> ${JSON.stringify([filter.responsibleRole])}::jsonb`);
  }
  if (filter.hiddenKinds && filter.hiddenKinds.length > 0) {
    where.push(sql`${obligations.kind} <> all(${sql.param(filter.hiddenKinds)}::text[])`);
  }
  if (filter.onlyControllerIds) {
    where.push(filter.onlyControllerIds.length > 0 ? inArray(obligations.controllerId, filter.onlyControllerIds) : sql`false`);
  }
  const condition = and(...where);
  const key = obligationKey(status, now);
  const page = db
    .select({ id: obligations.id, key: keyText(key).as("key") })
    .from(obligations)
    .where(and(condition, afterKey(key, filter.after)))
    .orderBy(keyOrder(key))
    .limit(filter.limit + 1)
    .offset(filter.after ? 0 : (filter.offset ?? 0))
    .as("page");
  const items = await db
    .select({ obligation: obligations, customerName: controllers.name, key: page.key })
    .from(page)
    .innerJoin(obligations, eq(obligations.id, page.id))
    .leftJoin(controllers, eq(controllers.id, obligations.controllerId))
    .orderBy(keyOrder(key));
  return { ...(await countUpTo(db, obligations, condition)), items: items.map((row) => ({ ...row.obligation, customerName: row.customerName, key: row.key })) };
}

export async function findObligation(db: Db, id: string) {
  const [row] = await db
    .select({ obligation: obligations, customerName: controllers.name })
    .from(obligations)
    .leftJoin(controllers, eq(controllers.id, obligations.controllerId))
    .where(eq(obligations.id, id));
  return row ? { ...row.obligation, customerName: row.customerName } : null;
}

/** Many obligations, a bounded number of rows per statement. */
export async function insertObligations(tx: Db, rows: (typeof obligations.$inferInsert)[]) {
  await insertMany(tx, obligations, rows);
}

/** Marks these obligations met if still open, noting whether in time; the ones it marked. */
export async function markObligationsMet(tx: Db, ids: string[], now: Date) {
  return tx
    .update(obligations)
    .set({ status: "met", metAt: now, metInTime: sql`${obligations.dueAt} >= ${now}`, closedAt: now, nextReminderAt: null })
    .where(and(inArray(obligations.id, ids), eq(obligations.status, "open")))
    .returning({
      id: obligations.id,
      controllerId: obligations.controllerId,
      kind: obligations.kind,
      dueAt: obligations.dueAt,
      metInTime: obligations.metInTime,
    });
}

/** Marks these obligations lapsed if still open (their time passed; they no longer run); the ones it marked. */
export async function markObligationsLapsed(tx: Db, ids: string[], now: Date) {
  return tx
    .update(obligations)
    .set({ status: "lapsed", closedAt: now, nextReminderAt: null })
    .where(and(inArray(obligations.id, ids), eq(obligations.status, "open")))
    .returning({ id: obligations.id, controllerId: obligations.controllerId, kind: obligations.kind, article: obligations.article, dueAt: obligations.dueAt });
}

/**
 * Cancels at most `limit` of a subject's open obligations (only these customers', if given), the
 * first by customer; the ones it cancelled. Called until it cancels fewer than `limit`.
 */
export async function markObligationsCancelled(
  tx: Db,
  subject: { type: string; id: string },
  now: Date,
  onlyControllerIds: string[] | undefined,
  limit: number,
) {
  const page = tx
    .select({ id: obligations.id })
    .from(obligations)
    .where(
      and(
        eq(obligations.subjectType, subject.type),
        eq(obligations.subjectId, subject.id),
        eq(obligations.status, "open"),
        onlyControllerIds ? inArray(obligations.controllerId, onlyControllerIds) : undefined,
      ),
    )
    .orderBy(obligations.controllerId, obligations.id)
    .limit(limit);
  return tx
    .update(obligations)
    .set({ status: "cancelled", closedAt: now, nextReminderAt: null })
    .where(and(inArray(obligations.id, page), eq(obligations.status, "open")))
    .returning({ id: obligations.id, controllerId: obligations.controllerId, kind: obligations.kind });
}

/** How many of a subject's obligations are open. */
export async function countOpenObligations(tx: Db, subject: { type: string; id: string }): Promise<number> {
  return tx.$count(obligations, and(eq(obligations.subjectType, subject.type), eq(obligations.subjectId, subject.id), eq(obligations.status, "open")));
}
