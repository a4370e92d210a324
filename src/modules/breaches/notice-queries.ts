// The breach notices of an incident as sent: per customer its rounds, and the customer's own view of them.
import { and, eq, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { insertMany } from "../../db/insert-many.ts";
import { breachNotices } from "../../db/schema/index.ts";
import type { BreachFactKey, BreachNotice, StoredNoticeFacts } from "../../domain/breach-notice.ts";

const at = (value: Date | string | null) => (value === null ? null : new Date(value));

export interface RoundRow {
  id: string;
  controllerId: string;
  noticeId: string;
  sequence: number;
  stage: "initial" | "follow_up" | "final";
  sentAt: Date;
  deliveredAt: Date | null;
  /** An email of it is held in the outbox (no SMTP configured): not sent. */
  held: boolean;
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
    held: boolean;
    opened_at: Date | string | null;
    acknowledged_at: Date | string | null;
    changed: BreachFactKey[];
    facts: StoredNoticeFacts;
    due_at: string;
  }>(
    db,
    sql`select b.id, b.controller_id, b.notice_id, b.sequence, b.stage, b.sent_at, b.changed, b.facts,
               n.data->>'dueAt' as due_at, n.opened_at, n.acknowledged_at,
               (select min(d.sent_at) from deliveries d where d.notice_id = b.notice_id and d.status = 'sent') as delivered_at,
               exists (select 1 from deliveries d where d.notice_id = b.notice_id and d.status = 'held') as held
          from breach_notices b join notices n on n.id = b.notice_id
         where b.incident_id = ${incidentId} ${only}
         order by b.controller_id, b.sequence`,
  );
  return found.map((r) => ({
    id: r.id,
    controllerId: r.controller_id,
    noticeId: r.notice_id,
    sequence: Number(r.sequence),
    stage: r.stage,
    sentAt: new Date(r.sent_at),
    deliveredAt: at(r.delivered_at),
    held: r.held === true,
    openedAt: at(r.opened_at),
    acknowledgedAt: at(r.acknowledged_at),
    changed: r.changed,
    facts: r.facts,
    dueAt: r.due_at,
  }));
}

/** Per customer told before (of these customers), its latest notice's sequence and facts. */
export async function latestRounds(db: Db, incidentId: string, controllerIds: string[]): Promise<Map<string, { sequence: number; facts: StoredNoticeFacts }>> {
  if (controllerIds.length === 0) {
    return new Map();
  }
  const found = await rows<{ controller_id: string; sequence: number; facts: StoredNoticeFacts }>(
    db,
    sql`select distinct on (controller_id) controller_id, sequence, facts from breach_notices
         where incident_id = ${incidentId} and controller_id = any(${sql.param(controllerIds)}::uuid[]) order by controller_id, sequence desc`,
  );
  return new Map(found.map((r) => [r.controller_id, { sequence: Number(r.sequence), facts: r.facts }]));
}

/** Whether any notice of the incident has gone out. */
export async function hasBreachNotices(db: Db, incidentId: string): Promise<boolean> {
  const [row] = await db.select({ id: breachNotices.id }).from(breachNotices).where(eq(breachNotices.incidentId, incidentId)).limit(1);
  return row !== undefined;
}

/** Whether the customer has been told of the incident. */
export async function isNotified(db: Db, incidentId: string, controllerId: string): Promise<boolean> {
  const [notified] = await db
    .select({ id: breachNotices.id })
    .from(breachNotices)
    .where(and(eq(breachNotices.incidentId, incidentId), eq(breachNotices.controllerId, controllerId)))
    .limit(1);
  return notified !== undefined;
}

export async function insertBreachNotices(db: Db, values: (typeof breachNotices.$inferInsert)[]): Promise<void> {
  await insertMany(db, breachNotices, values);
}

export interface CustomerBreachGroup {
  incidentId: string;
  notices: number;
  firstSentAt: Date;
  lastSentAt: Date;
  unacknowledged: number;
  latest: BreachNotice;
  latestNoticeId: string;
}

/** The customer's breaches: its notices grouped per incident, latest first (under its row-level security). */
export async function customerBreachGroups(db: Db, controllerId: string): Promise<CustomerBreachGroup[]> {
  const found = await rows<{
    incident_id: string;
    notices: number;
    first_sent: Date | string;
    last_sent: Date | string;
    unacknowledged: number;
    latest: BreachNotice;
    latest_notice_id: string;
  }>(
    db,
    sql`select b.incident_id, count(*)::int as notices, min(b.sent_at) as first_sent, max(b.sent_at) as last_sent,
               count(*) filter (where n.acknowledged_at is null)::int as unacknowledged,
               (array_agg(n.data order by b.sequence desc))[1] as latest,
               (array_agg(n.id::text order by b.sequence desc))[1] as latest_notice_id
          from breach_notices b join notices n on n.id = b.notice_id
         where b.controller_id = ${controllerId}
         group by b.incident_id
         order by max(b.sent_at) desc`,
  );
  return found.map((r) => ({
    incidentId: r.incident_id,
    notices: Number(r.notices),
    firstSentAt: new Date(r.first_sent),
    lastSentAt: new Date(r.last_sent),
    unacknowledged: Number(r.unacknowledged),
    latest: r.latest,
    latestNoticeId: r.latest_notice_id,
  }));
}

export interface CustomerRound {
  id: string;
  noticeId: string;
  sequence: number;
  sentAt: Date;
  data: BreachNotice;
  openedAt: Date | null;
  acknowledgedAt: Date | null;
  deliveredAt: Date | null;
}

/** The notices the customer received of one incident, in order (none: it received none). */
export async function customerRounds(db: Db, controllerId: string, incidentId: string): Promise<CustomerRound[]> {
  const found = await rows<{
    id: string;
    notice_id: string;
    sequence: number;
    sent_at: Date | string;
    data: BreachNotice;
    opened_at: Date | string | null;
    acknowledged_at: Date | string | null;
    delivered_at: Date | string | null;
  }>(
    db,
    sql`select b.id, b.notice_id, b.sequence, b.sent_at, n.data, n.opened_at, n.acknowledged_at,
               (select min(d.sent_at) from deliveries d where d.notice_id = b.notice_id and d.status = 'sent') as delivered_at
          from breach_notices b join notices n on n.id = b.notice_id
         where b.controller_id = ${controllerId} and b.incident_id = ${incidentId}
         order by b.sequence`,
  );
  return found.map((r) => ({
    id: r.id,
    noticeId: r.notice_id,
    sequence: Number(r.sequence),
    sentAt: new Date(r.sent_at),
    data: r.data,
    openedAt: at(r.opened_at),
    acknowledgedAt: at(r.acknowledged_at),
    deliveredAt: at(r.delivered_at),
  }));
}
