import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, containsPattern, countUpTo, keyOrder, keyText, type KeyKind, type SortKey } from "../../db/keyset.ts";
import { breachNotices, controllers, incidentAssessments, incidents, notices, services, subprocessors, type AffectedBecause } from "../../db/schema/index.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { breachWords } from "./words.ts";

// The incident register: incidents, their assessments, counts and timeline. The affected customers'
// queries are in affected-queries.ts, the notices' in notice-queries.ts, the register export's in register-queries.ts.

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentInsert = typeof incidents.$inferInsert;
export type AssessmentRow = typeof incidentAssessments.$inferSelect;

export const INCIDENT_SUBJECT = "incident";
export const subjectOf = (id: string) => ({ type: INCIDENT_SUBJECT, id });

/** INC-0001: the register's number for an incident. */
export const referenceOf = (incident: Pick<IncidentRow, "number">) => `INC-${String(incident.number).padStart(4, "0")}`;

/** One breach notice as sent, with the customer it went to. */
export async function findSentBreachNotice(db: Db, id: string) {
  const [row] = await db
    .select({
      controllerId: breachNotices.controllerId,
      sentAt: breachNotices.sentAt,
      data: notices.data,
      incidentId: breachNotices.incidentId,
      customer: controllers.name,
      locale: controllers.locale,
    })
    .from(breachNotices)
    .innerJoin(notices, eq(notices.id, breachNotices.noticeId))
    .innerJoin(controllers, eq(controllers.id, breachNotices.controllerId))
    .where(eq(breachNotices.id, id));
  return row ?? null;
}

export async function findIncident(db: Db, id: string, lock = false): Promise<IncidentRow | null> {
  const query = db.select().from(incidents).where(eq(incidents.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** The incident, locked for the act, if it exists (404) and is not closed (409). */
export async function lockOpenIncident(db: Db, id: string): Promise<IncidentRow> {
  const incident = await findIncident(db, id, true);
  if (!incident) {
    throw notFound(breachWords.noun.incident);
  }
  if (incident.status === "closed") {
    throw conflict(breachWords.incidentClosed);
  }
  return incident;
}

/** Records an incident; its number comes from the register's sequence. */
export async function insertIncident(db: Db, values: IncidentInsert): Promise<{ id: string; number: number } | undefined> {
  const [row] = await db.insert(incidents).values(values).returning({ id: incidents.id, number: incidents.number });
  return row;
}

/** Changes what the register says about an incident (`updatedAt` included). */
export async function updateIncidentFields(db: Db, id: string, fields: Partial<IncidentInsert>): Promise<void> {
  await db.update(incidents).set(fields).where(eq(incidents.id, id));
}

export async function setIncidentDecision(db: Db, id: string, decision: IncidentRow["decision"], now: Date): Promise<void> {
  await db.update(incidents).set({ decision, updatedAt: now }).where(eq(incidents.id, id));
}

/** Replaces the facts every affected customer's notice shares. */
export async function setSharedFacts(db: Db, id: string, facts: StoredNoticeFacts, now: Date): Promise<void> {
  await db.update(incidents).set({ facts, updatedAt: now }).where(eq(incidents.id, id));
}

/** Marks the incident as changed now (a round of notices went out). */
export async function touchIncident(db: Db, id: string, now: Date): Promise<void> {
  await db.update(incidents).set({ updatedAt: now }).where(eq(incidents.id, id));
}

export async function markIncidentClosed(db: Db, id: string, closing: { closedAt: Date; closedBy: string | null; closingSummary: string }): Promise<void> {
  await db
    .update(incidents)
    .set({
      status: "closed",
      closedAt: closing.closedAt,
      closedBy: closing.closedBy,
      closingSummary: closing.closingSummary,
      ongoing: false,
      updatedAt: closing.closedAt,
    })
    .where(eq(incidents.id, id));
}

export async function assessmentsOf(db: Db, incidentId: string): Promise<AssessmentRow[]> {
  return db.select().from(incidentAssessments).where(eq(incidentAssessments.incidentId, incidentId)).orderBy(desc(incidentAssessments.revision));
}

/** The highest revision of the incident's assessments, 0 before the first. */
export async function lastAssessmentRevision(db: Db, incidentId: string): Promise<number> {
  const [last] = await db
    .select({ revision: sql<number>`coalesce(max(${incidentAssessments.revision}), 0)::int` })
    .from(incidentAssessments)
    .where(eq(incidentAssessments.incidentId, incidentId));
  return Number(last?.revision ?? 0);
}

/** Stores an assessment (a revision is a new row); its id. */
export async function insertAssessment(db: Db, values: typeof incidentAssessments.$inferInsert): Promise<string | undefined> {
  const [row] = await db.insert(incidentAssessments).values(values).returning({ id: incidentAssessments.id });
  return row?.id;
}

/** Which of `ids` are services. */
export async function existingServiceIds(db: Db, ids: string[]): Promise<string[]> {
  return (await db.select({ id: services.id }).from(services).where(inArray(services.id, ids))).map((s) => s.id);
}

/** Which of `ids` are sub-processors. */
export async function existingSubprocessorIds(db: Db, ids: string[]): Promise<string[]> {
  return (await db.select({ id: subprocessors.id }).from(subprocessors).where(inArray(subprocessors.id, ids))).map((s) => s.id);
}

export async function serviceNames(db: Db, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: services.id, nl: services.nameNl, en: services.nameEn })
    .from(services)
    .where(inArray(services.id, ids))
    .orderBy(asc(services.sortOrder));
}

export async function subprocessorNames(db: Db, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: subprocessors.id, name: subprocessors.name })
    .from(subprocessors)
    .where(inArray(subprocessors.id, ids))
    .orderBy(asc(subprocessors.name));
}

export interface IncidentCounts {
  affected: number;
  notified: number;
  overdue: number;
}

/** Per incident: affected customers, those notified, and those not notified past their deadline. */
export async function countsOf(db: Db, incidentIds: string[], now: Date): Promise<Map<string, IncidentCounts>> {
  if (incidentIds.length === 0) {
    return new Map();
  }
  const found = await rows<{ incident_id: string; affected: number; notified: number; overdue: number }>(
    db,
    sql`select ic.incident_id,
               count(*)::int as affected,
               count(*) filter (where exists (select 1 from breach_notices b where b.incident_id = ic.incident_id and b.controller_id = ic.controller_id))::int as notified,
               count(*) filter (where o.status = 'open' and o.due_at < ${now})::int as overdue
          from incident_customers ic left join obligations o on o.id = ic.obligation_id
         where ic.incident_id = any(${sql.param(incidentIds)}::uuid[])
         group by ic.incident_id`,
  );
  return new Map(found.map((r) => [r.incident_id, { affected: Number(r.affected), notified: Number(r.notified), overdue: Number(r.overdue) }]));
}

/** Newest discovery first, then the highest number: incidents_discovered_number serves it. */
const incidentKey: SortKey[] = [
  { expr: incidents.discoveredAt, kind: "instant", descending: true },
  { expr: incidents.number, kind: "integer", descending: true },
];
export const INCIDENT_LIST_KEY: KeyKind[] = incidentKey.map((k) => k.kind);

export interface IncidentListFilter {
  status?: "open" | "closed" | undefined;
  decision?: IncidentRow["decision"] | undefined;
  /** The title contains it, or it is the reference (INC-0042) or number (42). */
  q?: string | undefined;
  limit: number;
  /** The key of the last incident shown (INCIDENT_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
}

function incidentWhere(filter: IncidentListFilter): SQL | undefined {
  const q = filter.q?.trim();
  const number = q ? /^(?:inc-?)?0*(\d{1,9})$/i.exec(q)?.[1] : undefined;
  const search = q ? or(ilike(incidents.title, containsPattern(q)), number ? eq(incidents.number, Number(number)) : undefined) : undefined;
  return and(filter.status ? eq(incidents.status, filter.status) : undefined, filter.decision ? eq(incidents.decision, filter.decision) : undefined, search);
}

/**
 * A page of the incident register, newest discovery first: `limit + 1` incidents after the
 * cursor (the extra one says there is a next page) and the count of all (up to COUNT_LIMIT).
 */
export async function listIncidents(db: Db, filter: IncidentListFilter) {
  const where = incidentWhere(filter);
  const items = await db
    .select({ incident: incidents, key: keyText(incidentKey) })
    .from(incidents)
    .where(and(where, afterKey(incidentKey, filter.after)))
    .orderBy(keyOrder(incidentKey))
    .limit(filter.limit + 1);
  return { items, ...(await countUpTo(db, incidents, where)) };
}

/** How many incidents the register holds (up to COUNT_LIMIT). */
export async function countIncidents(db: Db) {
  return countUpTo(db, incidents, undefined);
}

export interface TimelineRow {
  at: Date;
  type: string;
  actor: string;
  customer: { id: string; name: string } | null;
  data: Record<string, unknown>;
  hash: string;
}

/** Oldest first, by the instant then the log's sequence (unique). */
const timelineKey: SortKey[] = [
  { expr: sql`e.occurred_at`, kind: "instant" },
  { expr: sql`e.seq`, kind: "integer" },
];
export const TIMELINE_KEY: KeyKind[] = timelineKey.map((k) => k.kind);

/**
 * A page of an incident's acts, in order: the register's own events (recorded, assessed,
 * customers, facts, rounds, closed) and, per customer, its notices (queued, sent, opened,
 * acknowledged, ...) and its 48-hour duty (opened, met, missed), each with its hash in the evidence
 * chain; `limit + 1` after the key `after` (the extra one says there is a next page) and the count
 * of all (up to COUNT_LIMIT).
 */
export async function timelineOf(
  db: Db,
  incidentId: string,
  page: { limit: number; after?: readonly string[] | undefined },
): Promise<{ total: number; exact: boolean; entries: (TimelineRow & { key: string[] })[] }> {
  const about = sql`((e.subject_type = 'incident' and e.subject_id = ${incidentId})
      or (e.subject_type = 'notice' and e.subject_id in (select b.notice_id::text from breach_notices b where b.incident_id = ${incidentId}))
      or (e.subject_type = 'obligation' and e.subject_id in (select o.id::text from obligations o where o.subject_type = 'incident' and o.subject_id = ${incidentId})))`;
  const { total, exact } = await countUpTo(db, sql`events e`, about);
  const found = await rows<{
    occurred_at: Date | string;
    type: string;
    actor_label: string;
    controller_id: string | null;
    name: string | null;
    data: Record<string, unknown>;
    hash: string;
    key: string[];
  }>(
    db,
    sql`select e.occurred_at, e.type, e.actor_label, e.controller_id, c.name, e.data, e.hash, ${keyText(timelineKey)} as key
          from events e left join controllers c on c.id = e.controller_id
         where ${and(about, afterKey(timelineKey, page.after))}
         order by ${keyOrder(timelineKey)}
         limit ${page.limit + 1}`,
  );
  return {
    total,
    exact,
    entries: found.map((r) => ({
      at: new Date(r.occurred_at),
      type: r.type,
      actor: r.actor_label,
      customer: r.controller_id ? { id: r.controller_id, name: r.name ?? "" } : null,
      data: r.data,
      hash: r.hash,
      key: r.key,
    })),
  };
}

/** Names for the services and sub-processors that explain why customers are (proposed as) affected. */
export async function becauseNames(db: Db, reasons: AffectedBecause[]) {
  const serviceOf = new Map((await serviceNames(db, [...new Set(reasons.flatMap((r) => r.serviceIds))])).map((s) => [s.id, s]));
  const subOf = new Map((await subprocessorNames(db, [...new Set(reasons.flatMap((r) => r.subprocessorIds))])).map((s) => [s.id, s]));
  return (because: AffectedBecause) => ({
    services: because.serviceIds.flatMap((id) => serviceOf.get(id) ?? []),
    subprocessors: because.subprocessorIds.flatMap((id) => subOf.get(id) ?? []),
  });
}
