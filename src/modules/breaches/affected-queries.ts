// The affected customers of an incident: who is on its list, why, their own facts and their 48-hour duties.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { batches } from "../../db/batches.ts";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, customerMatches, keyOrder, keyText, walkCustomersByName, type KeyKind, type SortKey } from "../../db/keyset.ts";
import { insertMany } from "../../db/insert-many.ts";
import { controllers, incidentCustomers, type AffectedBecause } from "../../db/schema/index.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";

export type AffectedInsert = typeof incidentCustomers.$inferInsert;

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

/** By name and customer number, as the customers list: controllers_name_number serves it. */
const affectedKey: SortKey[] = [
  { expr: sql`c.name`, kind: "text" },
  { expr: sql`c.customer_number`, kind: "text" },
  { expr: sql`c.id`, kind: "uuid" },
];
export const AFFECTED_LIST_KEY: KeyKind[] = affectedKey.map((k) => k.kind);

export interface AffectedPage {
  limit: number;
  /** The key of the last customer shown (AFFECTED_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
  /** A page at an offset (the list before keyset pages); ignored after a cursor. */
  offset?: number;
  q?: string | undefined;
  controllerId?: string;
}

/**
 * The affected customers of an incident, by name; `q` filters on name or customer number,
 * `controllerId` to one. With a page: `limit + 1` rows (the extra one says there is a next page),
 * chosen first (by walking the customers by name when the list is a large part of them, else by
 * sorting the list), and only theirs read in full.
 */
export async function affectedOf(db: Db, incidentId: string, page?: AffectedPage): Promise<{ total: number; rows: (AffectedRow & { key: string[] })[] }> {
  const own = sql`ic.incident_id = ${incidentId} ${page?.controllerId ? sql`and ic.controller_id = ${page.controllerId}` : sql``}`;
  const matching = page?.q ? sql`and ${customerMatches({ name: sql`c.name`, customerNumber: sql`c.customer_number` }, page.q)}` : sql``;
  const [count] = await rows<{ n: number }>(
    db,
    page?.q
      ? sql`select count(*)::int as n from incident_customers ic join controllers c on c.id = ic.controller_id where ${own} ${matching}`
      : sql`select count(*)::int as n from incident_customers ic where ${own}`,
  );
  const total = Number(count?.n ?? 0);
  // The page's customers first (their ids), then only theirs in full: joined in one statement,
  // the planner (blind to row-level security's filter) compares every row of the list with the page.
  let chosen: SQL = sql`true`;
  if (page) {
    const after = afterKey(affectedKey, page.after);
    const window = sql`${after ? sql`and ${after}` : sql``} order by ${keyOrder(affectedKey)} limit ${page.limit + 1} offset ${page.after ? 0 : (page.offset ?? 0)}`;
    const ids = await rows<{ id: string }>(
      db,
      (await walkCustomersByName(db, total))
        ? sql`select c.id from controllers c where (select true from incident_customers ic where ic.controller_id = c.id and ${own}) ${matching} ${window}`
        : sql`select c.id from incident_customers ic join controllers c on c.id = ic.controller_id where ${own} ${matching} ${window}`,
    );
    chosen = sql`ic.controller_id = any(${sql.param(ids.map((r) => r.id))}::uuid[])`;
  }
  const found = await rows<AffectedDbRow & { key: string[] }>(
    db,
    sql`select ${AFFECTED_COLUMNS}, ${keyText(affectedKey)} as key
          from incident_customers ic
          join controllers c on c.id = ic.controller_id
          left join obligations o on o.id = ic.obligation_id
         where ic.incident_id = ${incidentId} and ${chosen}
         order by ${keyOrder(affectedKey)}`,
  );
  return { total, rows: found.map((r) => ({ ...affectedRow(r), key: r.key })) };
}

/** How many customers are on an incident's list. */
export async function countAffected(db: Db, incidentId: string): Promise<number> {
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from incident_customers ic where ic.incident_id = ${incidentId}`);
  return Number(count?.n ?? 0);
}

/**
 * At most `limit` of an incident's affected customers after the customer `after`, by id: how a
 * fan-out walks the list in pages (the primary key serves it), in the order the evidence streams
 * of the customers are locked, so two fan-outs never wait on each other in a circle.
 */
export async function affectedPageById(db: Db, incidentId: string, after: string | null, limit: number): Promise<AffectedRow[]> {
  const found = await rows<AffectedDbRow>(
    db,
    sql`select ${AFFECTED_COLUMNS}
          from incident_customers ic
          join controllers c on c.id = ic.controller_id
          left join obligations o on o.id = ic.obligation_id
         where ic.incident_id = ${incidentId} ${after === null ? sql`` : sql`and ic.controller_id > ${after}::uuid`}
         order by ic.controller_id
         limit ${limit}`,
  );
  return found.map(affectedRow);
}

const AFFECTED_COLUMNS = sql`ic.controller_id, c.name, c.customer_number, ic.source, ic.because, ic.facts, ic.obligation_id,
               o.status as obligation_status, o.due_at, o.clock_amount, o.template_version`;

interface AffectedDbRow {
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
}

const affectedRow = (r: AffectedDbRow): AffectedRow => ({
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
});

/**
 * The customers' own facts of an incident's affected customers, each distinct set once with how
 * many customers have it (most have none of their own): what the incident's page counts as ready
 * without reading every affected customer.
 */
export async function affectedFactsCounts(db: Db, incidentId: string): Promise<{ facts: StoredNoticeFacts; customers: number }[]> {
  const found = await rows<{ facts: StoredNoticeFacts | string; n: number | string }>(
    db,
    sql`select ic.facts, count(*) as n from incident_customers ic where ic.incident_id = ${incidentId} group by ic.facts`,
  );
  return found.map((r) => ({ facts: typeof r.facts === "string" ? (JSON.parse(r.facts) as StoredNoticeFacts) : r.facts, customers: Number(r.n) }));
}

export async function findAffected(db: Db, incidentId: string, controllerId: string) {
  const [row] = await db
    .select()
    .from(incidentCustomers)
    .where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.controllerId, controllerId)));
  return row ?? null;
}

/** How many of an incident's affected customers have not received a notice of it yet. */
export async function countUnnotified(db: Db, incidentId: string): Promise<number> {
  const [found] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from incident_customers ic
         where ic.incident_id = ${incidentId}
           and not exists (select 1 from breach_notices b where b.incident_id = ic.incident_id and b.controller_id = ic.controller_id)`,
  );
  return Number(found?.n ?? 0);
}

/** At most `limit` of an incident's affected customers not told yet, after the customer `after`, by id: a fan-out's page. */
export async function unnotifiedPage(db: Db, incidentId: string, after: string | null, limit: number): Promise<string[]> {
  const found = await rows<{ controller_id: string }>(
    db,
    sql`select ic.controller_id from incident_customers ic
         where ic.incident_id = ${incidentId} ${after === null ? sql`` : sql`and ic.controller_id > ${after}::uuid`}
           and not exists (select 1 from breach_notices b where b.incident_id = ic.incident_id and b.controller_id = ic.controller_id)
         order by ic.controller_id
         limit ${limit}`,
  );
  return found.map((r) => r.controller_id);
}

export interface ReachedRow {
  controllerId: string;
  name: string;
  customerNumber: string;
  because: AffectedBecause;
  /** Already on the incident's list. */
  affected: boolean;
}

/** Who an incident's services and sub-processors reach: a customer taking one of the services, or a service using one of the sub-processors. */
const reach = (serviceIds: string[], subprocessorIds: string[]) => sql`reach as (
          select s.id as service_id, null::uuid as subprocessor_id from unnest(${sql.param(serviceIds)}::uuid[]) as s(id)
          union all
          select ss.service_id, ss.subprocessor_id from service_subprocessors ss where ss.subprocessor_id = any(${sql.param(subprocessorIds)}::uuid[])
        )`;

/** The proposal's order, by name like the affected list: the key of a customer reached. */
const reachedKey: SortKey[] = [
  { expr: sql`c.name`, kind: "text" },
  { expr: sql`c.customer_number`, kind: "text" },
  { expr: sql`c.id`, kind: "uuid" },
];
export const REACHED_LIST_KEY: KeyKind[] = reachedKey.map((k) => k.kind);

/** By id alone: how a fan-out walks the proposal (in the order the customers' evidence streams are locked). */
const reachedIdKey: SortKey[] = [{ expr: sql`c.id`, kind: "uuid" }];

export interface ReachedPage {
  limit: number;
  /** The key of the last customer shown (REACHED_LIST_KEY; with `byId`, its id alone), for the next page. */
  after?: readonly string[] | undefined;
  /** Only those not on the incident's list yet. */
  waiting?: boolean | undefined;
  /** By id instead of by name. */
  byId?: boolean | undefined;
}

/**
 * Every customer taking one of `serviceIds`, or a service that uses one of `subprocessorIds`, with the
 * services and sub-processors that reach it, and whether it is on the incident's list already; by
 * name (or id). With a page: `limit + 1` of them after its cursor (the extra one says there is a next
 * page). With `only`: of those customers alone.
 */
export async function customersReachedBy(
  db: Db,
  incidentId: string,
  serviceIds: string[],
  subprocessorIds: string[],
  page?: ReachedPage,
  only?: string[],
): Promise<(ReachedRow & { key: string[] })[]> {
  const key = page?.byId ? reachedIdKey : reachedKey;
  const after = page ? afterKey(key, page.after) : undefined;
  const found = await rows<{
    controller_id: string;
    name: string;
    customer_number: string;
    services: string[] | null;
    subprocessors: string[] | null;
    affected: boolean;
    key: string[];
  }>(
    db,
    sql`with ${reach(serviceIds, subprocessorIds)}
        select c.id as controller_id, c.name, c.customer_number,
               array_agg(distinct cs.service_id::text) filter (where r.subprocessor_id is null) as services,
               array_agg(distinct r.subprocessor_id::text) filter (where r.subprocessor_id is not null) as subprocessors,
               exists (select 1 from incident_customers ic where ic.incident_id = ${incidentId} and ic.controller_id = c.id) as affected,
               ${keyText(key)} as key
          from controller_services cs
          join reach r on r.service_id = cs.service_id
          join controllers c on c.id = cs.controller_id
         where true ${after ? sql`and ${after}` : sql``}
               ${page?.byId && page.after?.[0] ? sql`and cs.controller_id > ${page.after[0]}::uuid` : sql``}
               ${only ? sql`and c.id = any(${sql.param(only)}::uuid[])` : sql``}
               ${page?.waiting ? sql`and not exists (select 1 from incident_customers ic where ic.incident_id = ${incidentId} and ic.controller_id = c.id)` : sql``}
         group by c.id, c.name, c.customer_number
         order by ${keyOrder(key)}
         ${page ? sql`limit ${page.limit + 1}` : sql``}`,
  );
  return found.map((r) => ({
    controllerId: r.controller_id,
    name: r.name,
    customerNumber: r.customer_number,
    because: { serviceIds: r.services ?? [], subprocessorIds: r.subprocessors ?? [] },
    affected: Boolean(r.affected),
    key: r.key,
  }));
}

/** How many customers an incident's services and sub-processors reach, and how many of them are not on its list yet. */
export async function reachedCounts(db: Db, incidentId: string, serviceIds: string[], subprocessorIds: string[]): Promise<{ total: number; waiting: number }> {
  const [found] = await rows<{ total: number | string; waiting: number | string }>(
    db,
    sql`with ${reach(serviceIds, subprocessorIds)},
        reached as (select distinct cs.controller_id from controller_services cs join reach r on r.service_id = cs.service_id)
        select count(*) as total,
               count(*) filter (where not exists (select 1 from incident_customers ic where ic.incident_id = ${incidentId} and ic.controller_id = reached.controller_id)) as waiting
          from reached`,
  );
  return { total: Number(found?.total ?? 0), waiting: Number(found?.waiting ?? 0) };
}

/** Which of `ids` are customers, read 5,000 at a time. */
export async function existingControllerIds(db: Db, ids: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db
      .select({ id: controllers.id })
      .from(controllers)
      .where(inArray(controllers.id, ids.slice(i, i + 5000)));
    found.forEach((row) => known.add(row.id));
  }
  return known;
}

/** Which of `controllerIds` are on an incident's list, read a batch at a time. */
export async function affectedAmong(db: Db, incidentId: string, controllerIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of batches(controllerIds)) {
    const on = await db
      .select({ id: incidentCustomers.controllerId })
      .from(incidentCustomers)
      .where(and(eq(incidentCustomers.incidentId, incidentId), inArray(incidentCustomers.controllerId, chunk)));
    on.forEach((row) => found.add(row.id));
  }
  return found;
}

export async function insertAffectedCustomers(db: Db, values: AffectedInsert[]): Promise<void> {
  await insertMany(db, incidentCustomers, values);
}

export async function deleteAffectedCustomer(db: Db, incidentId: string, controllerId: string): Promise<void> {
  await db.delete(incidentCustomers).where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.controllerId, controllerId)));
}

/** Replaces one affected customer's own facts. */
export async function setCustomerFacts(db: Db, incidentId: string, controllerId: string, facts: StoredNoticeFacts): Promise<void> {
  await db
    .update(incidentCustomers)
    .set({ facts })
    .where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.controllerId, controllerId)));
}

/** Links each customer's row on the incident to its 48-hour duty, a batch at a time. */
export async function linkObligations(db: Db, incidentId: string, opened: { controllerId: string | null; id: string }[]): Promise<void> {
  for (const chunk of batches(opened)) {
    await db.execute(
      sql`update incident_customers ic set obligation_id = o.id
            from unnest(${sql.param(chunk.map((o) => o.controllerId))}::uuid[], ${sql.param(chunk.map((o) => o.id))}::uuid[]) as o(controller_id, id)
           where ic.incident_id = ${incidentId} and ic.controller_id = o.controller_id`,
    );
  }
}
