// What the customer's home reads, under its own row-level security: each a read of the one
// statement the home asks (db/read-together.ts), so its rows arrive as JSON.
import { sql } from "drizzle-orm";
import { read, type Read } from "../../db/read-together.ts";

const at = (value: Date | string | null) => (value === null ? null : new Date(value));

/** Its offered agreements not yet signed. */
export function offersToSign(controllerId: string) {
  return read(
    sql`select a.id, t.version, a.offered_at from agreements a join template_versions t on t.id = a.template_version_id
         where a.controller_id = ${controllerId} and a.status = 'offered' order by a.offered_at`,
    (found: { id: string; version: number; offered_at: Date | string }[]) =>
      found.map((r) => ({ id: r.id, templateVersion: Number(r.version), offeredAt: new Date(r.offered_at) })),
  );
}

/** Its objection windows still open (art. 5.2): announced changes it has not objected to, window not yet ended. */
export function openObjectionWindows(controllerId: string, now: Date) {
  return read(
    sql`select c.id as change_id, c.kind, s.name, r.window_ends_at
          from change_recipients r
          join subprocessor_changes c on c.id = r.change_id
          join subprocessors s on s.id = c.subprocessor_id
         where r.controller_id = ${controllerId} and c.status = 'announced' and r.window_ends_at >= ${now.toISOString()}::timestamptz
           and not exists (select 1 from objections o where o.change_id = c.id and o.controller_id = ${controllerId})
         order by r.window_ends_at, c.id`,
    (found: { change_id: string; kind: string; name: string; window_ends_at: Date | string }[]) =>
      found.map((r) => ({ changeId: r.change_id, kind: r.kind, subprocessorName: r.name, windowEndsAt: new Date(r.window_ends_at) })),
  );
}

/** Its notices that ask for an acknowledgement it has not given. */
export function noticesToAcknowledge(controllerId: string) {
  return read(
    sql`select n.id, n.number, n.kind, n.created_at, n.subject_type, n.subject_id from notices n
         where n.controller_id = ${controllerId} and n.requires_ack and n.acknowledged_at is null
         order by n.created_at, n.id limit 200`,
    (found: { id: string; number: number; kind: string; created_at: Date | string; subject_type: string | null; subject_id: string | null }[]) =>
      found.map((r) => ({
        id: r.id,
        number: Number(r.number),
        kind: r.kind,
        createdAt: new Date(r.created_at),
        subjectType: r.subject_type,
        subjectId: r.subject_id,
      })),
  );
}

/** Its privacy contact (art. 4.4): failing, and the state of its yearly confirmation (modules/contacts). */
interface ContactRow {
  id: string | null;
  name: string | null;
  email: string | null;
  confirmed_at: Date | string | null;
  updated_at: Date | string | null;
  failing_since: Date | string | null;
  failing_reason: string | null;
  requested_at: Date | string | null;
  stale_at: Date | string | null;
  stale_since: Date | string | null;
}

export function contactState(controllerId: string) {
  return read(
    sql`select k.id, k.name, k.email, k.confirmed_at, k.updated_at, k.failing_since, k.failing_reason,
               k.confirmation_requested_at as requested_at, k.confirmation_stale_at as stale_at, k.stale_since
          from controllers c left join contacts k on k.controller_id = c.id
         where c.id = ${controllerId}`,
    ([row]: ContactRow[]) => (row ? contactOf(row) : null),
  );
}

function contactOf(row: ContactRow) {
  return {
    exists: row.id !== null,
    name: row.name,
    email: row.email,
    confirmedAt: at(row.confirmed_at) ?? at(row.updated_at),
    failingSince: at(row.failing_since),
    failingReason: row.failing_reason,
    requestedAt: at(row.requested_at),
    staleAt: at(row.stale_at),
    staleSince: at(row.stale_since),
  };
}

/** Its unread notices (the inbox badge). */
export function unreadNotices(controllerId: string): Read<number> {
  return read(
    sql`select count(*)::int as n from notices where controller_id = ${controllerId} and staff_roles is null and opened_at is null`,
    ([row]: { n: number }[]) => Number(row?.n ?? 0),
  );
}

/** Its requests whose estimate (art. 2.4) waits for its decision before billable work starts. */
interface EstimateRow {
  case_id: string;
  number: number | string;
  title: string;
  asked_at: Date | string;
  proposed_at: Date | string;
  total_cents: number;
  currency: string;
}

export function estimatesToDecide(controllerId: string) {
  return read(
    sql`select c.id as case_id, c.number, c.title, c.asked_at, e.proposed_at, e.total_cents, e.currency
          from case_estimates e join cases c on c.id = e.case_id
         where c.controller_id = ${controllerId} and c.status = 'estimated' and e.status = 'proposed'
         order by e.proposed_at, c.id`,
    (found: EstimateRow[]) =>
      found.map((r) => ({
        caseId: r.case_id,
        number: Number(r.number),
        title: r.title,
        askedAt: new Date(r.asked_at),
        proposedAt: new Date(r.proposed_at),
        totalCents: Number(r.total_cents),
        currency: r.currency,
      })),
  );
}
