// The customer's own 72-hour clocks to the Autoriteit Persoonsgegevens (GDPR art. 33(1)): read from the
// breach notices it received (breach_notices, notices and deliveries are under its row-level security).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { read, readTogether, type Read } from "../../db/read-together.ts";

export interface ApClockRow {
  incidentId: string;
  reference: string;
  title: string;
  /** The stage of the newest notice: a final notice closes the incident. */
  latestStage: "initial" | "follow_up" | "final";
  firstSentAt: Date;
  /** The first delivery of any of its notices that a mail server or webhook endpoint accepted. */
  deliveredAt: Date | null;
  deliveredChannel: "email" | "webhook" | null;
  deliveredTo: string | null;
  /** The first time any of its notices was opened in the portal. */
  openedAt: Date | null;
}

const at = (value: Date | string | null) => (value === null ? null : new Date(value));

/** Per breach this customer was notified of: when its notices first reached it (delivered or opened). */
export function apClockRowsRead(controllerId: string): Read<ApClockRow[]> {
  return read<
    {
      incident_id: string;
      reference: string | null;
      title: string | null;
      latest_stage: ApClockRow["latestStage"];
      first_sent_at: Date | string;
      delivered_at: Date | string | null;
      delivered_channel: "email" | "webhook" | null;
      delivered_to: string | null;
      opened_at: Date | string | null;
    },
    ApClockRow[]
  >(
    sql`select b.incident_id,
               (array_agg(n.data->>'reference' order by b.sequence desc))[1] as reference,
               (array_agg(n.data->>'title' order by b.sequence desc))[1] as title,
               (array_agg(b.stage order by b.sequence desc))[1] as latest_stage,
               min(b.sent_at) as first_sent_at,
               min(n.opened_at) as opened_at,
               (select d.sent_at from deliveries d join breach_notices b2 on b2.notice_id = d.notice_id
                 where b2.incident_id = b.incident_id and b2.controller_id = ${controllerId} and d.status = 'sent'
                 order by d.sent_at, d.id limit 1) as delivered_at,
               (select d.channel from deliveries d join breach_notices b2 on b2.notice_id = d.notice_id
                 where b2.incident_id = b.incident_id and b2.controller_id = ${controllerId} and d.status = 'sent'
                 order by d.sent_at, d.id limit 1) as delivered_channel,
               (select d.recipient from deliveries d join breach_notices b2 on b2.notice_id = d.notice_id
                 where b2.incident_id = b.incident_id and b2.controller_id = ${controllerId} and d.status = 'sent'
                 order by d.sent_at, d.id limit 1) as delivered_to
          from breach_notices b join notices n on n.id = b.notice_id
         where b.controller_id = ${controllerId}
         group by b.incident_id
         order by min(b.sent_at) desc`,
    (found) =>
      found.map((r) => ({
        incidentId: r.incident_id,
        reference: r.reference ?? "",
        title: r.title ?? "",
        latestStage: r.latest_stage,
        firstSentAt: new Date(r.first_sent_at),
        deliveredAt: at(r.delivered_at),
        deliveredChannel: r.delivered_channel,
        deliveredTo: r.delivered_to,
        openedAt: at(r.opened_at),
      })),
  );
}

export async function apClockRows(db: Db, controllerId: string): Promise<ApClockRow[]> {
  return (await readTogether(db, { clocks: apClockRowsRead(controllerId) })).clocks;
}
