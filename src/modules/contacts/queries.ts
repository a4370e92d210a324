// The statements of the yearly confirmation of the privacy contact (art. 4.4): the sweep claims each
// step's rows with FOR UPDATE SKIP LOCKED in the statement that marks them, so two sweeps never ask,
// remind or mark stale twice; a confirmation clears the cycle under the row's lock.
import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, containsPattern, countUpTo, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";

const at = (value: Date | string | null) => (value === null ? null : new Date(value));

export interface ContactParameters {
  controllerId: string;
  templateVersion: number | null;
  /** parameters.reminders of the template version, as stored (may be absent). */
  reminders: unknown;
}

/**
 * The template version whose parameters each customer's confirmation follows: its agreement in force,
 * else the newest offered or signed one; customers without either get none (the defaults apply).
 */
export async function parametersOf(db: Db, controllerIds: string[]): Promise<Map<string, ContactParameters>> {
  if (controllerIds.length === 0) {
    return new Map();
  }
  const found = await rows<{ controller_id: string; version: number; reminders: unknown }>(
    db,
    sql`select distinct on (a.controller_id) a.controller_id, t.version, t.parameters->'reminders' as reminders
          from agreements a join template_versions t on t.id = a.template_version_id
         where a.controller_id = any(${sql.param(controllerIds)}::uuid[]) and a.status in ('in_force', 'offered', 'signed_by_customer')
         order by a.controller_id, (a.status = 'in_force') desc, t.version desc`,
  );
  return new Map(found.map((r) => [r.controller_id, { controllerId: r.controller_id, templateVersion: Number(r.version), reminders: r.reminders }]));
}

/** Contacts with no request scheduled and none running (new, imported, or from before this feature), locked. */
export async function lockUnscheduled(tx: Db, limit: number) {
  const found = await rows<{ id: string; controller_id: string; confirmed_at: Date | string | null; updated_at: Date | string }>(
    tx,
    sql`select id, controller_id, confirmed_at, updated_at from contacts
         where confirmation_due_at is null and confirmation_requested_at is null
         order by id limit ${limit} for update skip locked`,
  );
  return found.map((r) => ({ id: r.id, controllerId: r.controller_id, lastConfirmedAt: at(r.confirmed_at) ?? new Date(r.updated_at) }));
}

/** Sets each contact's next request. */
export async function setRequestDue(tx: Db, due: { id: string; at: Date }[]) {
  if (due.length === 0) {
    return;
  }
  await tx.execute(sql`update contacts c set confirmation_due_at = v.due
    from unnest(${sql.param(due.map((d) => d.id))}::uuid[], ${sql.param(due.map((d) => d.at.toISOString()))}::timestamptz[]) as v(id, due)
   where c.id = v.id`);
}

export interface ClaimedContact {
  id: string;
  controllerId: string;
  name: string;
  email: string;
  lastConfirmedAt: Date;
  requestedAt: Date | null;
  staleAt: Date | null;
}

type ClaimedRow = {
  id: string;
  controller_id: string;
  name: string;
  email: string;
  confirmed_at: Date | string | null;
  updated_at: Date | string;
  confirmation_requested_at: Date | string | null;
  confirmation_stale_at: Date | string | null;
};
const claimed = (r: ClaimedRow): ClaimedContact => ({
  id: r.id,
  controllerId: r.controller_id,
  name: r.name,
  email: r.email,
  lastConfirmedAt: at(r.confirmed_at) ?? new Date(r.updated_at),
  requestedAt: at(r.confirmation_requested_at),
  staleAt: at(r.confirmation_stale_at),
});
const RETURNING = sql`returning id, controller_id, name, email, confirmed_at, updated_at, confirmation_requested_at, confirmation_stale_at`;

/** Marks as asked the contacts whose request is due and not yet made; the ones marked. */
export async function claimDueRequests(tx: Db, now: Date, limit: number): Promise<ClaimedContact[]> {
  const found = await rows<ClaimedRow>(
    tx,
    sql`update contacts set confirmation_requested_at = ${now.toISOString()}::timestamptz
         where id in (select id from contacts where confirmation_requested_at is null and confirmation_due_at <= ${now.toISOString()}::timestamptz
                       order by confirmation_due_at, id limit ${limit} for update skip locked)
         ${RETURNING}`,
  );
  return found.map(claimed);
}

/** Sets the reminder and stale moments of the cycles just asked. */
export async function setCycle(tx: Db, cycles: { id: string; remindAt: Date | null; staleAt: Date }[]) {
  if (cycles.length === 0) {
    return;
  }
  await tx.execute(sql`update contacts c set confirmation_remind_at = v.remind_at, confirmation_stale_at = v.stale_at
    from unnest(${sql.param(cycles.map((c) => c.id))}::uuid[], ${sql.param(cycles.map((c) => c.remindAt?.toISOString() ?? null))}::timestamptz[],
                ${sql.param(cycles.map((c) => c.staleAt.toISOString()))}::timestamptz[]) as v(id, remind_at, stale_at)
   where c.id = v.id`);
}

/** Marks as reminded the contacts whose reminder is due (and that are not stale yet); the ones marked. */
export async function claimDueReminders(tx: Db, now: Date, limit: number): Promise<ClaimedContact[]> {
  const found = await rows<ClaimedRow>(
    tx,
    sql`update contacts set confirmation_reminded_at = ${now.toISOString()}::timestamptz
         where id in (select id from contacts where confirmation_reminded_at is null and confirmation_remind_at <= ${now.toISOString()}::timestamptz
                         and stale_since is null and confirmation_stale_at >= ${now.toISOString()}::timestamptz
                       order by confirmation_remind_at, id limit ${limit} for update skip locked)
         ${RETURNING}`,
  );
  return found.map(claimed);
}

/** Marks stale the contacts whose period to confirm has passed; the ones marked. */
export async function claimStale(tx: Db, now: Date, limit: number): Promise<ClaimedContact[]> {
  const found = await rows<ClaimedRow>(
    tx,
    sql`update contacts set stale_since = ${now.toISOString()}::timestamptz
         where id in (select id from contacts where stale_since is null and confirmation_stale_at < ${now.toISOString()}::timestamptz
                       order by confirmation_stale_at, id limit ${limit} for update skip locked)
         ${RETURNING}`,
  );
  return found.map(claimed);
}

/** The customer's contact with its cycle, locked for a confirmation. */
export async function lockContact(tx: Db, controllerId: string) {
  const [row] = await rows<{
    id: string;
    role: "dpo" | "privacy_contact";
    name: string;
    email: string;
    updated_at: Date | string;
    confirmed_at: Date | string | null;
    confirmation_requested_at: Date | string | null;
    stale_since: Date | string | null;
  }>(
    tx,
    sql`select id, role, name, email, updated_at, confirmed_at, confirmation_requested_at, stale_since
          from contacts where controller_id = ${controllerId} for update`,
  );
  return row
    ? {
        id: row.id,
        role: row.role,
        name: row.name,
        email: row.email,
        updatedAt: new Date(row.updated_at),
        confirmedAt: at(row.confirmed_at),
        requestedAt: at(row.confirmation_requested_at),
        staleSince: at(row.stale_since),
      }
    : null;
}

/** A confirmation: confirmed now, the running cycle cleared, the next request scheduled. */
export async function markConfirmed(tx: Db, id: string, confirmedAt: Date, nextDueAt: Date) {
  await tx.execute(sql`update contacts set confirmed_at = ${confirmedAt.toISOString()}::timestamptz, confirmation_due_at = ${nextDueAt.toISOString()}::timestamptz,
      confirmation_requested_at = null, confirmation_remind_at = null, confirmation_reminded_at = null, confirmation_stale_at = null, stale_since = null
    where id = ${id}`);
}

/** The open confirmation duties of these contacts (at most one runs per contact). */
export async function openConfirmationObligations(tx: Db, contactIds: string[]): Promise<string[]> {
  if (contactIds.length === 0) {
    return [];
  }
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from obligations where kind = 'contact_confirmation' and subject_type = 'contact'
         and subject_id = any(${sql.param(contactIds)}::text[]) and status = 'open'`,
  );
  return found.map((r) => r.id);
}

export type AttentionState = "attention" | "stale" | "failing" | "awaiting";

export interface AttentionFilter {
  state: AttentionState;
  search?: string | undefined;
  /** Support staff: only these customers (art. 9.1). */
  onlyIds: string[] | null;
  limit: number;
  /** The key of the last contact shown (ATTENTION_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
}

/**
 * The longest first: since when it is stale or failing (the earlier; least() passes over a null),
 * else since it was asked, else since its last change; then the contact's id. contacts_attention
 * (an index on that expression and the id) serves it.
 */
const attentionKey: SortKey[] = [
  { expr: sql`coalesce(least(k.stale_since, k.failing_since), k.confirmation_requested_at, k.updated_at)`, kind: "instant" },
  { expr: sql`k.id`, kind: "uuid" },
];
export const ATTENTION_LIST_KEY: KeyKind[] = attentionKey.map((k) => k.kind);

/**
 * A page of the contacts that need staff's attention: stale (unconfirmed), failing (bounced), or
 * asked and awaiting; the longest first: `limit + 1` after the cursor (the extra one says there is
 * a next page), chosen from the contacts alone, and the count of all (up to COUNT_LIMIT).
 */
export async function listAttention(db: Db, filter: AttentionFilter) {
  const only = filter.onlyIds;
  const state =
    filter.state === "stale"
      ? sql`k.stale_since is not null`
      : filter.state === "failing"
        ? sql`k.failing_since is not null`
        : filter.state === "awaiting"
          ? sql`k.confirmation_requested_at is not null and k.stale_since is null`
          : sql`(k.stale_since is not null or k.failing_since is not null)`;
  const pattern = filter.search ? containsPattern(filter.search) : null;
  const where = sql`${state}
      and (${pattern === null ? sql`true` : sql`(${ofCustomerMatching(sql`k.controller_id`, filter.search ?? "")} or k.email ilike ${pattern} or k.name ilike ${pattern})`})
      and (${only === null} or k.controller_id = any(${sql.param(only ?? [])}::uuid[]))`;
  const { total, exact } = await countUpTo(db, sql`contacts k`, where);
  const found = await rows<{
    controller_id: string;
    customer_number: string;
    customer_name: string;
    role: "dpo" | "privacy_contact";
    name: string;
    email: string;
    confirmed_at: Date | string | null;
    updated_at: Date | string;
    confirmation_requested_at: Date | string | null;
    confirmation_reminded_at: Date | string | null;
    confirmation_stale_at: Date | string | null;
    stale_since: Date | string | null;
    failing_since: Date | string | null;
    failing_reason: string | null;
    key: string[];
  }>(
    db,
    sql`select k.controller_id, c.customer_number, c.name as customer_name, k.role, k.name, k.email, k.confirmed_at, k.updated_at,
               k.confirmation_requested_at, k.confirmation_reminded_at, k.confirmation_stale_at, k.stale_since, k.failing_since, k.failing_reason, page.key
          from (select k.id, ${keyText(attentionKey)} as key from contacts k
                 where ${where} and ${afterKey(attentionKey, filter.after) ?? sql`true`}
                 order by ${keyOrder(attentionKey)}
                 limit ${filter.limit + 1}) page
          join contacts k on k.id = page.id
          join controllers c on c.id = k.controller_id
         order by ${keyOrder(attentionKey)}`,
  );
  return {
    total,
    exact,
    items: found.map((r) => ({
      key: r.key,
      controllerId: r.controller_id,
      customerNumber: r.customer_number,
      customerName: r.customer_name,
      role: r.role,
      name: r.name,
      email: r.email,
      lastConfirmedAt: at(r.confirmed_at) ?? new Date(r.updated_at),
      requestedAt: at(r.confirmation_requested_at),
      remindedAt: at(r.confirmation_reminded_at),
      staleAt: at(r.confirmation_stale_at),
      staleSince: at(r.stale_since),
      failingSince: at(r.failing_since),
      failingReason: r.failing_reason,
    })),
  };
}
