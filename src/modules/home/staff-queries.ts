// What the staff home reads (the processor's scope). `only`: the customers a support user is assigned (null: all).
import { sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { userSeen } from "../../db/schema/index.ts";

const at = (value: Date | string | null) => (value === null ? null : new Date(value));
const within = (column: SQL, only: string[] | null) => (only ? sql`and ${column} = any(${sql.param(only)}::uuid[])` : sql``);

/** Agreements signed by the customer and waiting for the processor's countersignature, oldest first. */
export async function awaitingCountersign(db: Db, only: string[] | null, limit: number) {
  const found = await rows<{ id: string; controller_id: string; name: string; customer_number: string; version: number; signed_at: Date | string }>(
    db,
    sql`select a.id, a.controller_id, c.name, c.customer_number, t.version, a.customer_signed_at as signed_at
          from agreements a join controllers c on c.id = a.controller_id join template_versions t on t.id = a.template_version_id
         where a.status = 'signed_by_customer' ${within(sql`a.controller_id`, only)}
         order by a.customer_signed_at, a.id limit ${limit}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from agreements a where a.status = 'signed_by_customer' ${within(sql`a.controller_id`, only)}`,
  );
  return {
    total: Number(total?.n ?? 0),
    items: found.map((r) => ({
      id: r.id,
      controllerId: r.controller_id,
      customerName: r.name,
      customerNumber: r.customer_number,
      templateVersion: Number(r.version),
      customerSignedAt: new Date(r.signed_at),
    })),
  };
}

/** Customers with an offered agreement they have not signed, and the oldest such offer. */
export async function unsignedOffers(db: Db, only: string[] | null) {
  const [row] = await rows<{ n: number; oldest: Date | string | null }>(
    db,
    sql`select count(distinct a.controller_id)::int as n, min(a.offered_at) as oldest from agreements a
         where a.status = 'offered' ${within(sql`a.controller_id`, only)}`,
  );
  return { customers: Number(row?.n ?? 0), oldestOfferedAt: at(row?.oldest ?? null) };
}

/** The processor's open duties due before `until` (overdue ones included), soonest first. */
export async function openDuties(db: Db, only: string[] | null, until: Date, limit: number, hiddenKinds: string[] = []) {
  const found = await rows<{
    id: string;
    controller_id: string | null;
    name: string | null;
    kind: string;
    title: { nl: string; en: string };
    due_at: Date | string;
    zone: string;
  }>(
    db,
    sql`select o.id, o.controller_id, c.name, o.kind, o.title, o.due_at, o.zone
          from obligations o left join controllers c on c.id = o.controller_id
         where o.status = 'open' and o.nature = 'duty' and o.party = 'processor' and o.due_at <= ${until.toISOString()}::timestamptz
           and o.kind <> all(${sql.param(hiddenKinds)}::text[])
           ${within(sql`o.controller_id`, only)}
         order by o.due_at, o.id limit ${limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    controllerId: r.controller_id,
    customerName: r.name,
    kind: r.kind,
    title: r.title,
    dueAt: new Date(r.due_at),
    zone: r.zone,
  }));
}

/** When the user last looked at a topic (objections, messages); null if never. */
export async function seenAt(db: Db, userId: string, topic: string): Promise<Date | null> {
  const [row] = await rows<{ seen_at: Date | string }>(db, sql`select seen_at from user_seen where user_id = ${userId} and topic = ${topic}`);
  return row ? new Date(row.seen_at) : null;
}

/** Remembers that the user looked at a topic now. */
export async function markSeen(db: Db, userId: string, topic: string, now: Date): Promise<void> {
  await db
    .insert(userSeen)
    .values({ userId, topic, seenAt: now })
    .onConflictDoUpdate({ target: [userSeen.userId, userSeen.topic], set: { seenAt: now } });
}

/** Objections submitted after `since` (all when null), newest first, and how many. */
export async function objectionsSince(db: Db, only: string[] | null, since: Date | null, limit: number) {
  const after = since ? sql`and o.submitted_at > ${since.toISOString()}::timestamptz` : sql``;
  const found = await rows<{ id: string; change_id: string; controller_id: string; name: string; submitted_at: Date | string; subprocessor: string }>(
    db,
    sql`select o.id, o.change_id, o.controller_id, c.name, o.submitted_at, s.name as subprocessor
          from objections o join controllers c on c.id = o.controller_id
          join subprocessor_changes ch on ch.id = o.change_id join subprocessors s on s.id = ch.subprocessor_id
         where true ${after} ${within(sql`o.controller_id`, only)}
         order by o.submitted_at desc, o.id limit ${limit}`,
  );
  const [total] = await rows<{ n: number }>(db, sql`select count(*)::int as n from objections o where true ${after} ${within(sql`o.controller_id`, only)}`);
  return {
    total: Number(total?.n ?? 0),
    items: found.map((r) => ({
      id: r.id,
      changeId: r.change_id,
      controllerId: r.controller_id,
      customerName: r.name,
      subprocessorName: r.subprocessor,
      submittedAt: new Date(r.submitted_at),
    })),
  };
}

/** Customers' consultation messages after `since` (all when null), newest first, and how many. */
export async function customerMessagesSince(db: Db, only: string[] | null, since: Date | null, limit: number) {
  const after = since ? sql`and m.created_at > ${since.toISOString()}::timestamptz` : sql``;
  const found = await rows<{
    id: string;
    objection_id: string;
    change_id: string;
    controller_id: string;
    name: string;
    author_name: string;
    created_at: Date | string;
  }>(
    db,
    sql`select m.id, m.subject_id as objection_id, o.change_id, m.controller_id, c.name, m.author_name, m.created_at
          from thread_messages m join objections o on o.id = m.subject_id join controllers c on c.id = m.controller_id
         where m.subject_type = 'objection' and m.from_party = 'customer' ${after} ${within(sql`m.controller_id`, only)}
         order by m.created_at desc, m.id limit ${limit}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from thread_messages m where m.subject_type = 'objection' and m.from_party = 'customer' ${after} ${within(sql`m.controller_id`, only)}`,
  );
  return {
    total: Number(total?.n ?? 0),
    items: found.map((r) => ({
      id: r.id,
      objectionId: r.objection_id,
      changeId: r.change_id,
      controllerId: r.controller_id,
      customerName: r.name,
      authorName: r.author_name,
      createdAt: new Date(r.created_at),
    })),
  };
}

/** Affected customers of open incidents assessed as a breach to notify, not yet sent a notice, with their 48-hour due. */
export async function unnotifiedBreachCustomers(db: Db, only: string[] | null, limit: number) {
  const found = await rows<{
    incident_id: string;
    reference: number | string;
    title: string;
    controller_id: string;
    name: string;
    due_at: Date | string | null;
  }>(
    db,
    sql`select i.id as incident_id, i.number as reference, i.title, ic.controller_id, c.name, o.due_at
          from incident_customers ic join incidents i on i.id = ic.incident_id join controllers c on c.id = ic.controller_id
          left join obligations o on o.id = ic.obligation_id
         where i.status = 'open' and i.decision <> 'no_notify'
           and not exists (select 1 from breach_notices b where b.incident_id = ic.incident_id and b.controller_id = ic.controller_id)
           ${within(sql`ic.controller_id`, only)}
         order by o.due_at nulls last, c.name, ic.controller_id limit ${limit}`,
  );
  return found.map((r) => ({
    incidentId: r.incident_id,
    incidentNumber: Number(r.reference),
    incidentTitle: r.title,
    controllerId: r.controller_id,
    customerName: r.name,
    dueAt: at(r.due_at),
  }));
}

/** Privacy contacts marked failing (deliveries to them failed after the last try). */
export async function failingContacts(db: Db, only: string[] | null, limit: number) {
  const found = await rows<{ controller_id: string; name: string; email: string; failing_since: Date | string; failing_reason: string | null }>(
    db,
    sql`select k.controller_id, c.name, k.email, k.failing_since, k.failing_reason
          from contacts k join controllers c on c.id = k.controller_id
         where k.failing_since is not null ${within(sql`k.controller_id`, only)}
         order by k.failing_since desc, k.controller_id limit ${limit}`,
  );
  return found.map((r) => ({
    controllerId: r.controller_id,
    customerName: r.name,
    email: r.email,
    failingSince: new Date(r.failing_since),
    reason: r.failing_reason,
  }));
}

/** Privacy contacts marked stale: not confirmed in time (art. 4.4, modules/contacts). */
export async function staleContactCount(db: Db, only: string[] | null): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from contacts k where k.stale_since is not null ${within(sql`k.controller_id`, only)}`,
  );
  return Number(row?.n ?? 0);
}

/** Deliveries that failed after their last try since `since`, and e-mail held because no SMTP server is configured. */
export async function deliveryTrouble(db: Db, only: string[] | null, since: Date) {
  const [row] = await rows<{ failed: number; held: number; oldest_held: Date | string | null }>(
    db,
    sql`select count(*) filter (where d.status = 'failed' and d.failed_at >= ${since.toISOString()}::timestamptz)::int as failed,
               count(*) filter (where d.status = 'held')::int as held,
               min(d.created_at) filter (where d.status = 'held') as oldest_held
          from deliveries d where d.status in ('failed', 'held') ${only ? sql`and (d.controller_id is null or d.controller_id = any(${sql.param(only)}::uuid[]))` : sql``}`,
  );
  return { failed: Number(row?.failed ?? 0), held: Number(row?.held ?? 0), oldestHeldAt: at(row?.oldest_held ?? null) };
}

/** Per instant, how many customers existed and how many had a signed agreement in force then. */
export async function signedAt(db: Db, only: string[] | null, points: Date[]) {
  const found = await rows<{ at: Date | string; customers: number; signed: number }>(
    db,
    sql`select p.at,
               (select count(*)::int from controllers c where c.created_at <= p.at ${within(sql`c.id`, only)}) as customers,
               (select count(distinct a.controller_id)::int from agreements a
                 where a.status in ('in_force', 'superseded') and a.effective_at <= p.at and (a.superseded_at is null or a.superseded_at > p.at)
                   ${within(sql`a.controller_id`, only)}) as signed
          from unnest(${sql.param(points.map((p) => p.toISOString()))}::timestamptz[]) as p(at)
         order by p.at`,
  );
  return found.map((r) => ({ at: new Date(r.at), customers: Number(r.customers), signed: Number(r.signed) }));
}

/**
 * The processor's duties due in [from, to), per local week (Monday, in `zone`): met in time, met
 * late, missed (due and not met), and still to come.
 */
export async function dutiesPerWeek(db: Db, only: string[] | null, zone: string, from: Date, to: Date, now: Date, hiddenKinds: string[] = []) {
  const found = await rows<{ week: string; in_time: number; late: number; missed: number; pending: number }>(
    db,
    sql`select to_char(date_trunc('week', o.due_at at time zone ${zone}), 'YYYY-MM-DD') as week,
               count(*) filter (where o.status = 'met' and o.met_in_time)::int as in_time,
               count(*) filter (where o.status = 'met' and not o.met_in_time)::int as late,
               count(*) filter (where o.status in ('open', 'lapsed') and o.due_at < ${now.toISOString()}::timestamptz)::int as missed,
               count(*) filter (where o.status = 'open' and o.due_at >= ${now.toISOString()}::timestamptz)::int as pending
          from obligations o
         where o.nature = 'duty' and o.party = 'processor' and o.status <> 'cancelled'
           and o.kind <> all(${sql.param(hiddenKinds)}::text[])
           and o.due_at >= ${from.toISOString()}::timestamptz and o.due_at < ${to.toISOString()}::timestamptz
           ${within(sql`o.controller_id`, only)}
         group by 1 order by 1`,
  );
  return found.map((r) => ({ week: r.week, inTime: Number(r.in_time), late: Number(r.late), missed: Number(r.missed), pending: Number(r.pending) }));
}
