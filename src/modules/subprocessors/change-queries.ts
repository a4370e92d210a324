import { and, desc, eq, gt, gte, inArray, or, sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { batches } from "../../db/batches.ts";
import { afterKey, countUpTo, customerMatches, keyOrder, keyText, walkCustomersByName, type KeyKind, type SortKey } from "../../db/keyset.ts";
import { changeRecipients, objections, serviceSubprocessors, subprocessorChanges, subprocessors } from "../../db/schema/index.ts";
import { DEFAULT_CLOCKS } from "../../domain/agreement-document.ts";

export type ChangeRow = typeof subprocessorChanges.$inferSelect;
export type ChangeStatus = ChangeRow["status"];

export async function findChange(db: Db, id: string): Promise<ChangeRow | null> {
  const [row] = await db.select().from(subprocessorChanges).where(eq(subprocessorChanges.id, id));
  return row ?? null;
}

/** For the public register (art. 5): changes still announced, and those in effect since `since`, newest announcement first. */
export async function announcedOrAppliedSince(db: Db, since: Date): Promise<ChangeRow[]> {
  return db
    .select()
    .from(subprocessorChanges)
    .where(or(eq(subprocessorChanges.status, "announced"), and(eq(subprocessorChanges.status, "effective"), gte(subprocessorChanges.appliedAt, since))))
    .orderBy(desc(subprocessorChanges.announcedAt), desc(subprocessorChanges.id));
}

/** The most recently updated changes in every state (the Atom feed). */
export async function newestChanges(db: Db, limit: number): Promise<ChangeRow[]> {
  return db.select().from(subprocessorChanges).orderBy(desc(subprocessorChanges.updatedAt), desc(subprocessorChanges.id)).limit(limit);
}

export interface ChangeListFilter {
  status?: ChangeStatus | undefined;
  /** A customer: only the changes announced to it. */
  recipient?: string | undefined;
  subprocessorId?: string | undefined;
  limit: number;
  /** The key of the last change shown (CHANGE_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
}

/** Newest announcement first: subprocessor_changes_announced (or _status, by status) serves it. */
const changeKey: SortKey[] = [
  { expr: subprocessorChanges.announcedAt, kind: "instant", descending: true },
  { expr: subprocessorChanges.id, kind: "uuid", descending: true },
];
export const CHANGE_LIST_KEY: KeyKind[] = changeKey.map((k) => k.kind);

/**
 * A page of announced changes, newest first: `limit + 1` after the cursor (the extra one says
 * there is a next page) and the count of all (up to COUNT_LIMIT).
 */
export async function listChanges(db: Db, filter: ChangeListFilter) {
  const where = and(
    filter.status ? eq(subprocessorChanges.status, filter.status) : undefined,
    filter.subprocessorId
      ? sql`(${subprocessorChanges.subprocessorId} = ${filter.subprocessorId} or ${subprocessorChanges.replacesId} = ${filter.subprocessorId})`
      : undefined,
    filter.recipient
      ? sql`exists (select 1 from change_recipients r where r.change_id = "subprocessor_changes"."id" and r.controller_id = ${filter.recipient})`
      : undefined,
  );
  const items = await db
    .select({ change: subprocessorChanges, key: keyText(changeKey) })
    .from(subprocessorChanges)
    .where(and(where, afterKey(changeKey, filter.after)))
    .orderBy(keyOrder(changeKey))
    .limit(filter.limit + 1);
  return { items, ...(await countUpTo(db, subprocessorChanges, where)) };
}

/** Names of the sub-processors the changes concern, and open objection counts (staff lists). */
export async function changeExtras(db: Db, changes: ChangeRow[]) {
  const subIds = [...new Set(changes.flatMap((c) => [c.subprocessorId, c.replacesId].filter((x): x is string => x !== null)))];
  const names =
    subIds.length === 0 ? [] : await db.select({ id: subprocessors.id, name: subprocessors.name }).from(subprocessors).where(inArray(subprocessors.id, subIds));
  const ids = changes.map((c) => c.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .select({
            changeId: objections.changeId,
            total: sql<number>`count(*)::int`,
            open: sql<number>`(count(*) filter (where ${objections.status} = 'open'))::int`,
          })
          .from(objections)
          .where(inArray(objections.changeId, ids))
          .groupBy(objections.changeId);
  return {
    nameOf: new Map(names.map((n) => [n.id, n.name])),
    objectionsOf: new Map(counts.map((c) => [c.changeId, { total: Number(c.total), open: Number(c.open) }])),
  };
}

export async function findRecipient(db: Db, changeId: string, controllerId: string) {
  const [row] = await db
    .select()
    .from(changeRecipients)
    .where(and(eq(changeRecipients.changeId, changeId), eq(changeRecipients.controllerId, controllerId)));
  return row ?? null;
}

/** One customer's recipient rows for these changes. */
export async function recipientRowsOf(db: Db, controllerId: string, changeIds: string[]) {
  if (changeIds.length === 0) {
    return [];
  }
  return db
    .select()
    .from(changeRecipients)
    .where(and(eq(changeRecipients.controllerId, controllerId), inArray(changeRecipients.changeId, changeIds)));
}

/** One customer's objections to these changes. */
export async function objectionsOfCustomer(db: Db, controllerId: string, changeIds: string[]) {
  if (changeIds.length === 0) {
    return [];
  }
  return db
    .select({ id: objections.id, changeId: objections.changeId, status: objections.status })
    .from(objections)
    .where(and(eq(objections.controllerId, controllerId), inArray(objections.changeId, changeIds)));
}

/** How many customers a change was announced to. */
export async function countRecipients(db: Db, changeId: string): Promise<number> {
  return db.$count(changeRecipients, eq(changeRecipients.changeId, changeId));
}

/** At most `limit` of the customers a change was announced to, after the customer `after`, by id: a fan-out's page. */
export async function recipientIdsPage(db: Db, changeId: string, after: string | null, limit: number): Promise<string[]> {
  const found = await db
    .select({ controllerId: changeRecipients.controllerId })
    .from(changeRecipients)
    .where(and(eq(changeRecipients.changeId, changeId), after === null ? undefined : gt(changeRecipients.controllerId, after)))
    .orderBy(changeRecipients.controllerId)
    .limit(limit);
  return found.map((r) => r.controllerId);
}

/** The services that use a sub-processor now. */
export async function linkedServiceIds(db: Db, subprocessorId: string): Promise<string[]> {
  const found = await db
    .select({ id: serviceSubprocessors.serviceId })
    .from(serviceSubprocessors)
    .where(eq(serviceSubprocessors.subprocessorId, subprocessorId));
  return found.map((r) => r.id);
}

/**
 * The services a change touches: those that will use the (new) sub-processor (plan.serviceIds,
 * which for remove and relocate holds the services using it when announced), and for a
 * replacement also those using the one that goes. Direct edits of an engaged sub-processor's
 * services are refused, so these do not move while the change is announced.
 */
export async function touchedServiceIds(db: Db, change: Pick<ChangeRow, "kind" | "plan" | "replacesId">): Promise<string[]> {
  const replaced = change.kind === "replace" && change.replacesId ? await linkedServiceIds(db, change.replacesId) : [];
  return [...new Set([...change.plan.serviceIds, ...replaced])];
}

/** How many customers take one of the services. */
export async function countCustomersTaking(db: Db, serviceIds: string[]): Promise<number> {
  if (serviceIds.length === 0) {
    return 0;
  }
  const [found] = await rows<{ n: number }>(
    db,
    sql`select count(distinct cs.controller_id)::int as n from controller_services cs where cs.service_id = any(${sql.param(serviceIds)}::uuid[])`,
  );
  return Number(found?.n ?? 0);
}

/**
 * At most `limit` of the customers taking one of the services, after the customer `after`, by id
 * with the ones each takes: a fan-out's page.
 */
export async function customersTakingPage(
  db: Db,
  serviceIds: string[],
  after: string | null,
  limit: number,
): Promise<{ controllerId: string; serviceIds: string[] }[]> {
  if (serviceIds.length === 0) {
    return [];
  }
  const found = await rows<{ controller_id: string; service_ids: string[] }>(
    db,
    sql`select cs.controller_id, array_agg(cs.service_id::text order by cs.service_id) as service_ids
        from controller_services cs where cs.service_id = any(${sql.param(serviceIds)}::uuid[])
         ${after === null ? sql`` : sql`and cs.controller_id > ${after}::uuid`}
        group by cs.controller_id order by cs.controller_id limit ${limit}`,
  );
  return found.map((r) => ({ controllerId: r.controller_id, serviceIds: r.service_ids }));
}

export interface CustomerClock {
  /** The template version whose clock applies. */
  templateVersion: number | null;
  /** art. 5.2: calendar days to object. */
  days: number;
}

/**
 * The objection window (art. 5.2) of each customer, from the template version its agreement is on:
 * the version in force; else, for a customer that has not signed yet, the newest version offered
 * to it (what it is being asked to agree to, and what the processor already applies to it); else,
 * with no agreement at all, the newest published template version. Batched: a statement per 5,000.
 */
export async function objectionClocks(db: Db, controllerIds: string[]): Promise<Map<string, CustomerClock>> {
  const found = await agreementClocks(db, controllerIds, "subprocessorObjectionDays");
  return new Map([...found].map(([id, c]) => [id, { templateVersion: c.templateVersion, days: c.amount }]));
}

/**
 * One clock of each customer's agreement (e.g. breachNoticeHours), chosen as for objectionClocks:
 * the version in force, else the newest offered, else the newest published. Batched.
 */
export async function agreementClocks(
  db: Db,
  controllerIds: string[],
  clock: keyof typeof DEFAULT_CLOCKS,
): Promise<Map<string, { templateVersion: number | null; amount: number }>> {
  const out = new Map<string, { templateVersion: number | null; amount: number }>();
  for (const chunk of batches(controllerIds)) {
    const found = await rows<{ controller_id: string; version: number | null; amount: number | null }>(
      db,
      sql`select c.id as controller_id, coalesce(f.version, o.version, cur.version) as version, coalesce(f.amount, o.amount, cur.amount) as amount
          from unnest(${sql.param(chunk)}::uuid[]) as c(id)
          left join lateral (select t.version, (t.parameters->'clocks'->>${clock})::int as amount
                             from agreements a join template_versions t on t.id = a.template_version_id
                             where a.controller_id = c.id and a.status = 'in_force' order by t.version desc limit 1) f on true
          left join lateral (select t.version, (t.parameters->'clocks'->>${clock})::int as amount
                             from agreements a join template_versions t on t.id = a.template_version_id
                             where a.controller_id = c.id and a.status in ('offered', 'signed_by_customer') order by t.version desc limit 1) o on true
          left join lateral (select t.version, (t.parameters->'clocks'->>${clock})::int as amount
                             from template_versions t order by t.version desc limit 1) cur on true`,
    );
    for (const r of found) {
      out.set(r.controller_id, {
        templateVersion: r.version === null ? null : Number(r.version),
        amount: r.amount === null ? DEFAULT_CLOCKS[clock] : Number(r.amount),
      });
    }
  }
  return out;
}

/**
 * How many of a change's recipients are still affected: they still take a service it touches,
 * and have not settled their objection by leaving (outcome customer_leaves). A customer that is
 * leaving stays affected for notices and its Annex 1 until its services end, but no longer holds
 * the change back (art. 5.2 window).
 */
export async function remainingAffected(db: Db, change: ChangeRow): Promise<number> {
  const touched = await touchedServiceIds(db, change);
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from change_recipients r
        where r.change_id = ${change.id}
          and exists (select 1 from controller_services cs where cs.controller_id = r.controller_id and cs.service_id = any(${sql.param(touched)}::uuid[]))
          and not exists (select 1 from objections o where o.change_id = r.change_id and o.controller_id = r.controller_id and o.status = 'customer_leaves')`,
  );
  return Number(row?.n ?? 0);
}

export interface RecipientFilter {
  search?: string | undefined;
  objected?: boolean | undefined;
  read?: boolean | undefined;
  acknowledged?: boolean | undefined;
  delivered?: boolean | undefined;
  /** Support staff: only these customers (art. 9.1). */
  onlyIds: string[] | null;
  limit: number;
  /** The key of the last recipient shown (RECIPIENT_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
  /** A page at an offset (the list before keyset pages); ignored after a cursor. */
  offset: number;
}

/** By name and customer number, as the customers list: controllers_name_number serves it. */
const recipientKey: SortKey[] = [
  { expr: sql`c.name`, kind: "text" },
  { expr: sql`c.customer_number`, kind: "text" },
  { expr: sql`c.id`, kind: "uuid" },
];
export const RECIPIENT_LIST_KEY: KeyKind[] = recipientKey.map((k) => k.kind);

const flag = (value: boolean | undefined, yes: SQL): SQL => (value === undefined ? sql`true` : value ? yes : sql`not (${yes})`);

/**
 * Per affected customer, by name: its window, and whether its notice was delivered, read and
 * acknowledged, and its objection; `limit + 1` of them (the extra one says there is a next page),
 * chosen first (by walking the customers by name when the list is a large part of them, else by
 * sorting the list), and only theirs read in full.
 */
export async function listRecipients(db: Db, changeId: string, filter: RecipientFilter) {
  const own = sql`r.change_id = ${changeId}
      and (${filter.onlyIds === null} or r.controller_id = any(${sql.param(filter.onlyIds ?? [])}::uuid[]))
      and ${flag(filter.objected, sql`exists (select 1 from objections o where o.change_id = r.change_id and o.controller_id = r.controller_id)`)}
      and ${flag(filter.read, sql`exists (select 1 from notices n where n.id = r.notice_id and n.opened_at is not null)`)}
      and ${flag(filter.acknowledged, sql`exists (select 1 from notices n where n.id = r.notice_id and n.acknowledged_at is not null)`)}
      and ${flag(filter.delivered, sql`exists (select 1 from deliveries d where d.notice_id = r.notice_id and d.status = 'sent')`)}`;
  const matching = filter.search ? sql`and ${customerMatches({ name: sql`c.name`, customerNumber: sql`c.customer_number` }, filter.search)}` : sql``;
  const [count] = await rows<{ total: number }>(
    db,
    filter.search
      ? sql`select count(*)::int as total from change_recipients r join controllers c on c.id = r.controller_id where ${own} ${matching}`
      : sql`select count(*)::int as total from change_recipients r where ${own}`,
  );
  const total = Number(count?.total ?? 0);
  const after = afterKey(recipientKey, filter.after);
  const window = sql`${after ? sql`and ${after}` : sql``} order by ${keyOrder(recipientKey)} limit ${filter.limit + 1} offset ${filter.after ? 0 : filter.offset}`;
  // The page's customers first (their ids), then only theirs in full: joined in one statement, the
  // planner (blind to row-level security's filter) compares every row of the list with the page.
  const chosen = await rows<{ id: string }>(
    db,
    (await walkCustomersByName(db, total))
      ? sql`select c.id from controllers c where (select true from change_recipients r where r.controller_id = c.id and ${own}) ${matching} ${window}`
      : sql`select c.id from change_recipients r join controllers c on c.id = r.controller_id where ${own} ${matching} ${window}`,
  );
  const page = await rows<{
    controller_id: string;
    customer_number: string;
    name: string;
    window_ends_at: string | Date;
    template_version: number | null;
    window_status: string;
    delivered: boolean;
    held: boolean;
    opened_at: string | Date | null;
    acknowledged_at: string | Date | null;
    objection_id: string | null;
    objection_status: string | null;
    key: string[];
  }>(
    db,
    sql`select r.controller_id, c.customer_number, c.name, r.window_ends_at, r.template_version, ob.status as window_status, ${keyText(recipientKey)} as key,
               exists (select 1 from deliveries d where d.notice_id = r.notice_id and d.status = 'sent') as delivered,
               exists (select 1 from deliveries d where d.notice_id = r.notice_id and d.status = 'held') as held,
               n.opened_at, n.acknowledged_at, o.id as objection_id, o.status as objection_status
          from change_recipients r
          join controllers c on c.id = r.controller_id
          join notices n on n.id = r.notice_id
          join obligations ob on ob.id = r.obligation_id
          left join objections o on o.change_id = r.change_id and o.controller_id = r.controller_id
         where r.change_id = ${changeId} and r.controller_id = any(${sql.param(chosen.map((c) => c.id))}::uuid[])
         order by ${keyOrder(recipientKey)}`,
  );
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return {
    total,
    items: page.map((r) => ({
      controllerId: r.controller_id,
      customerNumber: r.customer_number,
      name: r.name,
      windowEndsAt: new Date(r.window_ends_at),
      templateVersion: r.template_version === null ? null : Number(r.template_version),
      windowStatus: r.window_status,
      delivered: r.delivered,
      held: r.held,
      readAt: date(r.opened_at),
      acknowledgedAt: date(r.acknowledged_at),
      objection: r.objection_id && r.objection_status ? { id: r.objection_id, status: r.objection_status } : null,
      key: r.key,
    })),
  };
}
