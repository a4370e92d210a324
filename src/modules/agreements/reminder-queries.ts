// The statements of the signing reminders (signing-reminders.ts).
import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";

export interface OfferedAgreement {
  id: string;
  controllerId: string;
  offeredAt: Date;
  templateVersion: number;
  /** parameters.reminders.signingReminderDays (or clocks.signingReminderDays) of its template version, as stored (may be absent). */
  reminderDays: unknown;
  /** The latest scheduled day a reminder was already queued for, if any. */
  lastDay: number | null;
}

/**
 * Offered agreements not yet signed, offered before `offeredBefore` (none is due a reminder
 * sooner), oldest offer first, with the latest scheduled reminder day already sent.
 */
export async function offeredAgreements(db: Db, offeredBefore: Date, limit: number, afterId: string | null = null): Promise<OfferedAgreement[]> {
  const found = await rows<{
    id: string;
    controller_id: string;
    offered_at: Date | string;
    version: number;
    days: unknown;
    last_day: number | null;
  }>(
    db,
    sql`select a.id, a.controller_id, a.offered_at, t.version, coalesce(t.parameters->'reminders'->'signingReminderDays', t.parameters->'clocks'->'signingReminderDays') as days,
               (select max((n.data->>'day')::int) from notices n
                 where n.subject_type = 'agreement' and n.subject_id = a.id::text and n.kind = 'signing_reminder'
                   and n.data->>'day' is not null) as last_day
          from agreements a join template_versions t on t.id = a.template_version_id
         where a.status = 'offered' and a.offered_at <= ${offeredBefore.toISOString()}::timestamptz
           ${afterId ? sql`and a.id > ${afterId}` : sql``}
         order by a.id
         limit ${limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    controllerId: r.controller_id,
    offeredAt: new Date(r.offered_at),
    templateVersion: Number(r.version),
    reminderDays: r.days,
    lastDay: r.last_day === null ? null : Number(r.last_day),
  }));
}

/**
 * Locks these agreements for this transaction if still offered, skipping any another sweep holds;
 * the ids locked. With the lock held, a second read (lastReminderDays) sees every reminder another
 * process committed, so the same day is never sent twice.
 */
export async function lockOffered(tx: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from agreements where id = any(${sql.param(ids)}::uuid[]) and status = 'offered' order by id for update skip locked`,
  );
  return found.map((r) => r.id);
}

/** Per agreement, the latest scheduled reminder day already queued. */
export async function lastReminderDays(tx: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  const found = await rows<{ id: string; last_day: number }>(
    tx,
    sql`select n.subject_id as id, max((n.data->>'day')::int) as last_day from notices n
         where n.subject_type = 'agreement' and n.subject_id = any(${sql.param(ids)}::text[]) and n.kind = 'signing_reminder'
           and n.data->>'day' is not null
         group by n.subject_id`,
  );
  return new Map(found.map((r) => [r.id, Number(r.last_day)]));
}

/** Every customer's newest offered agreement not yet signed (the "remind all now" list), by id from `afterId`. */
export async function newestOfferPerCustomer(db: Db, limit: number, afterId: string | null) {
  const found = await rows<{ id: string; controller_id: string; offered_at: Date | string; version: number }>(
    db,
    sql`select distinct on (a.controller_id) a.id, a.controller_id, a.offered_at, t.version
          from agreements a join template_versions t on t.id = a.template_version_id
         where a.status = 'offered' ${afterId ? sql`and a.controller_id > ${afterId}` : sql``}
         order by a.controller_id, t.version desc
         limit ${limit}`,
  );
  return found.map((r) => ({ id: r.id, controllerId: r.controller_id, offeredAt: new Date(r.offered_at), templateVersion: Number(r.version) }));
}
