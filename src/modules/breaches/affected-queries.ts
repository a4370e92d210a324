// The affected customers of an incident: who is on its list, why, their own facts and their 48-hour duties.
import { and, eq, inArray, sql } from "drizzle-orm";
import { batches } from "../../db/batches.ts";
import { rows, type Db } from "../../db/engine.ts";
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

/** The affected customers of an incident, by name; `q` filters on name or customer number, `controllerId` to one. */
export async function affectedOf(
  db: Db,
  incidentId: string,
  page?: { limit: number; offset: number; q?: string | undefined; controllerId?: string },
): Promise<{ total: number; rows: AffectedRow[] }> {
  const filter = sql.join(
    [
      page?.q ? sql`and (c.name ilike ${`%${page.q}%`} or c.customer_number ilike ${`%${page.q}%`})` : sql``,
      page?.controllerId ? sql`and ic.controller_id = ${page.controllerId}` : sql``,
    ],
    sql` `,
  );
  const [count] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from incident_customers ic join controllers c on c.id = ic.controller_id where ic.incident_id = ${incidentId} ${filter}`,
  );
  const window = page ? sql`limit ${page.limit} offset ${page.offset}` : sql``;
  const found = await rows<{
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
  }>(
    db,
    sql`select ic.controller_id, c.name, c.customer_number, ic.source, ic.because, ic.facts, ic.obligation_id,
               o.status as obligation_status, o.due_at, o.clock_amount, o.template_version
          from incident_customers ic
          join controllers c on c.id = ic.controller_id
          left join obligations o on o.id = ic.obligation_id
         where ic.incident_id = ${incidentId} ${filter}
         order by c.name, c.customer_number ${window}`,
  );
  return {
    total: Number(count?.n ?? 0),
    rows: found.map((r) => ({
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
    })),
  };
}

export async function findAffected(db: Db, incidentId: string, controllerId: string) {
  const [row] = await db
    .select()
    .from(incidentCustomers)
    .where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.controllerId, controllerId)));
  return row ?? null;
}

/** The affected customers of an incident that have not received a notice of it yet. */
export async function unnotifiedOf(db: Db, incidentId: string): Promise<string[]> {
  const found = await rows<{ controller_id: string }>(
    db,
    sql`select ic.controller_id from incident_customers ic
         where ic.incident_id = ${incidentId}
           and not exists (select 1 from breach_notices b where b.incident_id = ic.incident_id and b.controller_id = ic.controller_id)`,
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

/**
 * Every customer taking one of `serviceIds`, or a service that uses one of `subprocessorIds`, with the
 * services and sub-processors that reach it, and whether it is on the incident's list already.
 */
export async function customersReachedBy(db: Db, incidentId: string, serviceIds: string[], subprocessorIds: string[]): Promise<ReachedRow[]> {
  const found = await rows<{
    controller_id: string;
    name: string;
    customer_number: string;
    services: string[] | null;
    subprocessors: string[] | null;
    affected: boolean;
  }>(
    db,
    sql`with reach as (
          select s.id as service_id, null::uuid as subprocessor_id from unnest(${sql.param(serviceIds)}::uuid[]) as s(id)
          union all
          select ss.service_id, ss.subprocessor_id from service_subprocessors ss where ss.subprocessor_id = any(${sql.param(subprocessorIds)}::uuid[])
        )
        select cs.controller_id, c.name, c.customer_number,
               array_agg(distinct cs.service_id::text) filter (where r.subprocessor_id is null) as services,
               array_agg(distinct r.subprocessor_id::text) filter (where r.subprocessor_id is not null) as subprocessors,
               exists (select 1 from incident_customers ic where ic.incident_id = ${incidentId} and ic.controller_id = cs.controller_id) as affected
          from controller_services cs
          join reach r on r.service_id = cs.service_id
          join controllers c on c.id = cs.controller_id
         group by cs.controller_id, c.name, c.customer_number
         order by c.name, c.customer_number`,
  );
  return found.map((r) => ({
    controllerId: r.controller_id,
    name: r.name,
    customerNumber: r.customer_number,
    because: { serviceIds: r.services ?? [], subprocessorIds: r.subprocessors ?? [] },
    affected: Boolean(r.affected),
  }));
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

/** The customers on an incident's list. */
export async function affectedControllerIds(db: Db, incidentId: string): Promise<string[]> {
  return (await db.select({ id: incidentCustomers.controllerId }).from(incidentCustomers).where(eq(incidentCustomers.incidentId, incidentId))).map(
    (row) => row.id,
  );
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
