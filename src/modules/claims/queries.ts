// The statements of notices of default (art. 11.5) and the claims register (art. 11.1–11.6). Every
// read runs in the caller's row-level-security scope: a customer sees its own rows only.
import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { claimEvents, claims, controllers, defaultNotices, obligations } from "../../db/schema/index.ts";

export type DefaultNoticeRow = typeof defaultNotices.$inferSelect;
export type ClaimRow = typeof claims.$inferSelect;
export type ClaimEventRow = typeof claimEvents.$inferSelect;

export async function insertDefaultNotice(tx: Db, row: typeof defaultNotices.$inferInsert): Promise<DefaultNoticeRow> {
  const [saved] = await tx.insert(defaultNotices).values(row).returning();
  if (!saved) {
    throw new Error("default notice insert returned nothing");
  }
  return saved;
}

export async function updateDefaultNotice(tx: Db, id: string, set: Partial<typeof defaultNotices.$inferInsert>): Promise<void> {
  await tx.update(defaultNotices).set(set).where(eq(defaultNotices.id, id));
}

/** A notice of default, locked for an act on it; null when the scope cannot see it. */
export async function lockDefaultNotice(tx: Db, id: string): Promise<DefaultNoticeRow | null> {
  const [row] = await tx.select().from(defaultNotices).where(eq(defaultNotices.id, id)).for("update");
  return row ?? null;
}

const noticeColumns = {
  notice: defaultNotices,
  customerName: controllers.name,
  cureStatus: obligations.status,
  cureDueAt: obligations.dueAt,
  cureMetInTime: obligations.metInTime,
};

/** Notices of default with their customer and cure duty, newest first; one customer's, or all the scope sees. */
export async function listDefaultNotices(tx: Db, controllerId: string | null) {
  const query = tx
    .select(noticeColumns)
    .from(defaultNotices)
    .innerJoin(controllers, eq(controllers.id, defaultNotices.controllerId))
    .leftJoin(obligations, eq(obligations.id, defaultNotices.cureObligationId))
    .orderBy(desc(defaultNotices.givenAt));
  return controllerId ? query.where(eq(defaultNotices.controllerId, controllerId)) : query;
}

export async function findDefaultNotice(tx: Db, id: string) {
  const [row] = await tx
    .select(noticeColumns)
    .from(defaultNotices)
    .innerJoin(controllers, eq(controllers.id, defaultNotices.controllerId))
    .leftJoin(obligations, eq(obligations.id, defaultNotices.cureObligationId))
    .where(eq(defaultNotices.id, id));
  return row ?? null;
}
export type DefaultNoticeListed = NonNullable<Awaited<ReturnType<typeof findDefaultNotice>>>;

/** The evidence of one subject (and of the obligations about it), oldest first. */
export async function timelineOf(tx: Db, subjectType: string, id: string, limit = 200) {
  const found = await rows<{ occurred_at: Date | string; type: string; actor_label: string }>(
    tx,
    sql`select e.occurred_at, e.type, e.actor_label
          from events e
         where (e.subject_type = ${subjectType} and e.subject_id = ${id})
            or (e.subject_type = 'obligation' and e.subject_id in (select o.id::text from obligations o where o.subject_type = ${subjectType} and o.subject_id = ${id}))
         order by e.occurred_at, e.seq
         limit ${limit}`,
  );
  return found.map((r) => ({ occurredAt: new Date(r.occurred_at), type: r.type, actorLabel: r.actor_label }));
}

export async function insertClaimEvent(tx: Db, row: typeof claimEvents.$inferInsert): Promise<ClaimEventRow> {
  const [saved] = await tx.insert(claimEvents).values(row).returning();
  if (!saved) {
    throw new Error("claim event insert returned nothing");
  }
  return saved;
}

export async function findClaimEvent(tx: Db, id: string): Promise<ClaimEventRow | null> {
  const [row] = await tx.select().from(claimEvents).where(eq(claimEvents.id, id));
  return row ?? null;
}

export async function updateClaimEvent(tx: Db, id: string, set: Partial<typeof claimEvents.$inferInsert>): Promise<void> {
  await tx.update(claimEvents).set(set).where(eq(claimEvents.id, id));
}

export async function insertClaim(tx: Db, row: typeof claims.$inferInsert): Promise<ClaimRow> {
  const [saved] = await tx.insert(claims).values(row).returning();
  if (!saved) {
    throw new Error("claim insert returned nothing");
  }
  return saved;
}

export async function setClaimLapseObligation(tx: Db, id: string, obligationId: string): Promise<void> {
  await tx.update(claims).set({ lapseObligationId: obligationId }).where(eq(claims.id, id));
}

const claimColumns = { claim: claims, event: claimEvents, customerName: controllers.name };

/** Claims with their event and customer, newest first; one customer's, or all the scope sees. */
export async function listClaims(tx: Db, controllerId: string | null) {
  const query = tx
    .select(claimColumns)
    .from(claims)
    .innerJoin(claimEvents, eq(claimEvents.id, claims.eventId))
    .innerJoin(controllers, eq(controllers.id, claims.controllerId))
    .orderBy(desc(claims.createdAt), desc(claims.number));
  return controllerId ? query.where(eq(claims.controllerId, controllerId)) : query;
}

export async function findClaim(tx: Db, id: string) {
  const [row] = await tx
    .select(claimColumns)
    .from(claims)
    .innerJoin(claimEvents, eq(claimEvents.id, claims.eventId))
    .innerJoin(controllers, eq(controllers.id, claims.controllerId))
    .where(eq(claims.id, id));
  return row ?? null;
}
export type ClaimListed = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

/** The claims of one event (art. 11.1: they share its cap). */
export async function claimsOfEvent(tx: Db, eventId: string): Promise<ClaimRow[]> {
  return tx.select().from(claims).where(eq(claims.eventId, eventId)).orderBy(asc(claims.number));
}

/** Whether a notice of default is this customer's (for linking a claim to it). */
export async function defaultNoticeOf(tx: Db, id: string, controllerId: string): Promise<{ id: string; number: number } | null> {
  const [row] = await tx
    .select({ id: defaultNotices.id, number: defaultNotices.number })
    .from(defaultNotices)
    .where(and(eq(defaultNotices.id, id), eq(defaultNotices.controllerId, controllerId)));
  return row ?? null;
}

export async function controllerExists(tx: Db, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: controllers.id }).from(controllers).where(eq(controllers.id, id));
  return row !== undefined;
}

/**
 * Claims not specified whose lapse is near (from `until`'s view) and whose staff were not yet
 * reminded: claimed once each (the update marks them), so two sweeps never remind twice.
 */
export async function claimLapseReminders(tx: Db, now: Date, until: Date, limit: number) {
  const due = await tx
    .select({ id: claims.id })
    .from(claims)
    .where(and(isNull(claims.lapseRemindedAt), isNull(claims.specifiedAt), lte(claims.lapsesAt, until), sql`${claims.lapsesAt} > ${now}`))
    .orderBy(asc(claims.lapsesAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  if (due.length === 0) {
    return [];
  }
  return tx
    .update(claims)
    .set({ lapseRemindedAt: now })
    .where(sql`${claims.id} = any(${sql.param(due.map((d) => d.id))}::uuid[])`)
    .returning();
}
