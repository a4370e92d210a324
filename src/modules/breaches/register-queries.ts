// The incident register as exported (GDPR art. 33(5)): every incident with its latest assessment and what was done.
import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import type { RegisterRow } from "./documents/register-export.ts";

/** One incident in the register, as read: its number and shared facts, the rest as the export's row says it. */
export type RegisterEntry = Omit<RegisterRow, "reference" | "measuresTaken" | "consequences"> & { number: number; facts: StoredNoticeFacts };

const at = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * The register's incidents by number, `page.size` of them after the number `page.after` (keyset;
 * from the first without it); services named in `locale`.
 */
export async function registerEntries(db: Db, locale: "nl" | "en", page: { after?: number | undefined; size: number }): Promise<RegisterEntry[]> {
  const found = await rows<{
    number: number;
    title: string;
    description: string;
    started_at: Date | string | null;
    ended_at: Date | string | null;
    ongoing: boolean;
    discovered_at: Date | string;
    discovery_how: string;
    systems: string[];
    services: string[] | null;
    subprocessors: string[] | null;
    decision: RegisterRow["decision"];
    breach: boolean | null;
    personal_data: boolean | null;
    risk: string | null;
    reasoning: string | null;
    decided_by: string | null;
    decided_at: Date | string | null;
    assessments: number;
    affected: number;
    notified: number;
    notified_in_time: number;
    first_notice_at: Date | string | null;
    status: "open" | "closed";
    closed_at: Date | string | null;
    closing_summary: string | null;
    facts: StoredNoticeFacts;
  }>(
    db,
    sql`select i.number, i.title, i.description, i.started_at, i.ended_at, i.ongoing, i.discovered_at, i.discovery_how, i.systems,
               (select array_agg(case when ${locale} = 'en' then s.name_en else s.name_nl end order by s.sort_order) from services s where s.id::text in (select jsonb_array_elements_text(i.service_ids))) as services,
               (select array_agg(p.name order by p.name) from subprocessors p where p.id::text in (select jsonb_array_elements_text(i.subprocessor_ids))) as subprocessors,
               i.decision, a.breach, a.personal_data, a.risk, a.reasoning, a.decided_by_name as decided_by, a.decided_at,
               (select count(*)::int from incident_assessments x where x.incident_id = i.id) as assessments,
               (select count(*)::int from incident_customers ic where ic.incident_id = i.id) as affected,
               (select count(distinct b.controller_id)::int from breach_notices b where b.incident_id = i.id) as notified,
               (select count(*)::int from breach_notices b join notices n on n.id = b.notice_id
                 where b.incident_id = i.id and b.sequence = 1 and b.sent_at <= (n.data->>'dueAt')::timestamptz) as notified_in_time,
               (select min(b.sent_at) from breach_notices b where b.incident_id = i.id) as first_notice_at,
               i.status, i.closed_at, i.closing_summary, i.facts
          from incidents i
          left join lateral (select * from incident_assessments x where x.incident_id = i.id order by x.revision desc limit 1) a on true
         where i.number > ${page.after ?? 0}
         order by i.number
         limit ${page.size}`,
  );
  return found.map((r) => ({
    number: r.number,
    title: r.title,
    description: r.description,
    startedAt: at(r.started_at),
    endedAt: at(r.ended_at),
    ongoing: r.ongoing,
    discoveredAt: new Date(r.discovered_at),
    discoveryHow: r.discovery_how,
    systems: r.systems,
    services: r.services ?? [],
    subprocessors: r.subprocessors ?? [],
    decision: r.decision,
    breach: r.breach,
    personalData: r.personal_data,
    risk: r.risk,
    reasoning: r.reasoning,
    decidedBy: r.decided_by,
    decidedAt: at(r.decided_at),
    assessments: Number(r.assessments),
    affectedCustomers: Number(r.affected),
    notifiedCustomers: Number(r.notified),
    notifiedInTime: Number(r.notified_in_time),
    firstNoticeAt: at(r.first_notice_at),
    status: r.status,
    closedAt: at(r.closed_at),
    closingSummary: r.closing_summary,
    facts: r.facts,
  }));
}
