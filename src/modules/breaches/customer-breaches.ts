import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { AP_NOTIFICATION_HOURS } from "../../domain/ap-draft.ts";
import { addHours } from "../../domain/legal-time.ts";
import type { BreachNotice } from "../../domain/breach-notice.ts";

// The customer's side of a breach: only its own notices (breach_notices and notices are under
// row-level security per customer). It never reads the incident register, so it never sees which
// other customers were affected; the number only if the processor chose to disclose it (in the notice).

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

export interface CustomerBreachView {
  incidentId: string;
  rounds: CustomerRound[];
  /** When the processor's notice first reached the customer: delivered by email or webhook, or opened in the portal. */
  awareAt: Date | null;
  apDeadline: Date | null;
}

const at = (value: Date | string | null) => (value === null ? null : new Date(value));

export async function listCustomerBreaches(db: Db, controllerId: string) {
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
    reference: r.latest.reference,
    title: r.latest.title,
    stage: r.latest.stage,
    notices: Number(r.notices),
    firstSentAt: new Date(r.first_sent),
    lastSentAt: new Date(r.last_sent),
    latestNoticeId: r.latest_notice_id,
    unacknowledged: Number(r.unacknowledged),
  }));
}

/** One breach as the customer received it, or null when it received no notice of it. */
export async function findCustomerBreach(db: Db, controllerId: string, incidentId: string): Promise<CustomerBreachView | null> {
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
  if (found.length === 0) {
    return null;
  }
  const rounds = found.map((r) => ({
    id: r.id,
    noticeId: r.notice_id,
    sequence: Number(r.sequence),
    sentAt: new Date(r.sent_at),
    data: r.data,
    openedAt: at(r.opened_at),
    acknowledgedAt: at(r.acknowledged_at),
    deliveredAt: at(r.delivered_at),
  }));
  const reached = rounds.flatMap((r) => [r.deliveredAt, r.openedAt]).filter((d): d is Date => d !== null);
  const awareAt = reached.length === 0 ? null : new Date(Math.min(...reached.map((d) => d.getTime())));
  return { incidentId, rounds, awareAt, apDeadline: awareAt ? addHours(awareAt, AP_NOTIFICATION_HOURS) : null };
}
