import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import {
  breachNotices,
  controllers,
  incidentAssessments,
  incidentCustomers,
  incidents,
  notices,
  services,
  subprocessors,
  type AffectedBecause,
} from "../../db/schema/index.ts";
import type { BreachFactKey, StoredNoticeFacts } from "../../domain/breach-notice.ts";
import { conflict, notFound } from "../../http/errors.ts";

export type IncidentRow = typeof incidents.$inferSelect;
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
    throw notFound("incident");
  }
  if (incident.status === "closed") {
    throw conflict({ nl: "het incident is afgesloten", en: "the incident is closed" });
  }
  return incident;
}

export async function assessmentsOf(db: Db, incidentId: string): Promise<AssessmentRow[]> {
  return db.select().from(incidentAssessments).where(eq(incidentAssessments.incidentId, incidentId)).orderBy(desc(incidentAssessments.revision));
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

export async function listIncidents(db: Db, filter: { status?: "open" | "closed" | undefined; decision?: IncidentRow["decision"] | undefined }) {
  return db
    .select()
    .from(incidents)
    .where(and(filter.status ? eq(incidents.status, filter.status) : undefined, filter.decision ? eq(incidents.decision, filter.decision) : undefined))
    .orderBy(desc(incidents.discoveredAt), desc(incidents.number));
}

export interface AffectedRow {
  controllerId: string;
  name: string;
  customerNumber: string;
  source: "proposed" | "manual";
  because: AffectedBecause;
  facts: StoredNoticeFacts;
  obligationId: string | null;
  obligationStatus: string | null;
  dueAt: Date | null;
  clockHours: number | null;
  templateVersion: number | null;
}

/** The affected customers of an incident, by name; `q` filters on name or customer number, `controllerId` to one. */
export async function affectedOf(
  db: Db,
  incidentId: string,
  page?: { limit: number; offset: number; q?: string | undefined; controllerId?: string },
): Promise<{ total: number; rows: AffectedRow[] }> {
  const filter = sql.join(
    [
      page?.q ? sql`and (c.name ilike ${`%${page.q}%`} or c.customer_number ilike ${`%${page.q}%`})` : sql``,
      page?.controllerId ? sql`and ic.controller_id = ${page.controllerId}` : sql``,
    ],
    sql` `,
  );
  const [count] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from incident_customers ic join controllers c on c.id = ic.controller_id where ic.incident_id = ${incidentId} ${filter}`,
  );
  const window = page ? sql`limit ${page.limit} offset ${page.offset}` : sql``;
  const found = await rows<{
    controller_id: string;
    name: string;
    customer_number: string;
    source: "proposed" | "manual";
    because: AffectedBecause;
    facts: StoredNoticeFacts;
    obligation_id: string | null;
    obligation_status: string | null;
    due_at: Date | string | null;
    clock_amount: number | null;
    template_version: number | null;
  }>(
    db,
    sql`select ic.controller_id, c.name, c.customer_number, ic.source, ic.because, ic.facts, ic.obligation_id,
               o.status as obligation_status, o.due_at, o.clock_amount, o.template_version
          from incident_customers ic
          join controllers c on c.id = ic.controller_id
          left join obligations o on o.id = ic.obligation_id
         where ic.incident_id = ${incidentId} ${filter}
         order by c.name, c.customer_number ${window}`,
  );
  return {
    total: Number(count?.n ?? 0),
    rows: found.map((r) => ({
      controllerId: r.controller_id,
      name: r.name,
      customerNumber: r.customer_number,
      source: r.source,
      because: r.because,
      facts: r.facts,
      obligationId: r.obligation_id,
      obligationStatus: r.obligation_status,
      dueAt: r.due_at === null ? null : new Date(r.due_at),
      clockHours: r.clock_amount === null ? null : Number(r.clock_amount),
      templateVersion: r.template_version === null ? null : Number(r.template_version),
    })),
  };
}

export interface RoundRow {
  id: string;
  controllerId: string;
  noticeId: string;
  sequence: number;
  stage: "initial" | "follow_up" | "final";
  sentAt: Date;
  deliveredAt: Date | null;
  openedAt: Date | null;
  acknowledgedAt: Date | null;
  changed: BreachFactKey[];
  facts: StoredNoticeFacts;
  dueAt: string;
}

/**
 * Every breach notice of an incident (optionally of some customers), with when it was first
 * delivered (an email or webhook accepted), opened in the portal and acknowledged.
 */
export async function roundsOf(db: Db, incidentId: string, controllerIds?: string[]): Promise<RoundRow[]> {
  const only = controllerIds ? sql`and b.controller_id = any(${sql.param(controllerIds)}::uuid[])` : sql``;
  const found = await rows<{
    id: string;
    controller_id: string;
    notice_id: string;
    sequence: number;
    stage: RoundRow["stage"];
    sent_at: Date | string;
    delivered_at: Date | string | null;
    opened_at: Date | string | null;
    acknowledged_at: Date | string | null;
    changed: BreachFactKey[];
    facts: StoredNoticeFacts;
    due_at: string;
  }>(
    db,
    sql`select b.id, b.controller_id, b.notice_id, b.sequence, b.stage, b.sent_at, b.changed, b.facts,
               n.data->>'dueAt' as due_at, n.opened_at, n.acknowledged_at,
               (select min(d.sent_at) from deliveries d where d.notice_id = b.notice_id and d.status = 'sent') as delivered_at
          from breach_notices b join notices n on n.id = b.notice_id
         where b.incident_id = ${incidentId} ${only}
         order by b.controller_id, b.sequence`,
  );
  const at = (value: Date | string | null) => (value === null ? null : new Date(value));
  return found.map((r) => ({
    id: r.id,
    controllerId: r.controller_id,
    noticeId: r.notice_id,
    sequence: Number(r.sequence),
    stage: r.stage,
    sentAt: new Date(r.sent_at),
    deliveredAt: at(r.delivered_at),
    openedAt: at(r.opened_at),
    acknowledgedAt: at(r.acknowledged_at),
    changed: r.changed,
    facts: r.facts,
    dueAt: r.due_at,
  }));
}

export async function findAffected(db: Db, incidentId: string, controllerId: string) {
  const [row] = await db
    .select()
    .from(incidentCustomers)
    .where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.controllerId, controllerId)));
  return row ?? null;
}

export interface TimelineRow {
  at: Date;
  type: string;
  actor: string;
  customer: { id: string; name: string } | null;
  data: Record<string, unknown>;
  hash: string;
}

/**
 * Every act of an incident, in order: the register's own events (recorded, assessed, customers,
 * facts, rounds, closed) and, per customer, its notices (queued, sent, opened, acknowledged, ...)
 * and its 48-hour duty (opened, met, missed), each with its hash in the evidence chain.
 */
export async function timelineOf(db: Db, incidentId: string, page: { limit: number; offset: number }): Promise<{ total: number; entries: TimelineRow[] }> {
  const about = sql`(e.subject_type = 'incident' and e.subject_id = ${incidentId})
      or (e.subject_type = 'notice' and e.subject_id in (select b.notice_id::text from breach_notices b where b.incident_id = ${incidentId}))
      or (e.subject_type = 'obligation' and e.subject_id in (select o.id::text from obligations o where o.subject_type = 'incident' and o.subject_id = ${incidentId}))`;
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from events e where ${about}`);
  const found = await rows<{
    occurred_at: Date | string;
    type: string;
    actor_label: string;
    controller_id: string | null;
    name: string | null;
    data: Record<string, unknown>;
    hash: string;
  }>(
    db,
    sql`select e.occurred_at, e.type, e.actor_label, e.controller_id, c.name, e.data, e.hash
          from events e left join controllers c on c.id = e.controller_id
         where ${about}
         order by e.occurred_at, e.seq
         limit ${page.limit} offset ${page.offset}`,
  );
  return {
    total: Number(count?.n ?? 0),
    entries: found.map((r) => ({
      at: new Date(r.occurred_at),
      type: r.type,
      actor: r.actor_label,
      customer: r.controller_id ? { id: r.controller_id, name: r.name ?? "" } : null,
      data: r.data,
      hash: r.hash,
    })),
  };
}

/** The affected customers of an incident that have not received a notice of it yet. */
export async function unnotifiedOf(db: Db, incidentId: string): Promise<string[]> {
  const found = await rows<{ controller_id: string }>(
    db,
    sql`select ic.controller_id from incident_customers ic
         where ic.incident_id = ${incidentId}
           and not exists (select 1 from breach_notices b where b.incident_id = ic.incident_id and b.controller_id = ic.controller_id)`,
  );
  return found.map((r) => r.controller_id);
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
