import { and, eq, inArray, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { insertMany } from "../../db/insert-many.ts";
import { breachNotices, controllers, incidentCustomers, type AffectedBecause } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { cancelBreachClocks, openBreachClocks } from "./breach-clocks.ts";
import { findAffected, lockOpenIncident, subjectOf, type IncidentRow } from "./queries.ts";

export interface ProposedRow {
  controllerId: string;
  name: string;
  customerNumber: string;
  because: AffectedBecause;
  affected: boolean;
}

/**
 * Who the incident affects, as Art28 sees it: every customer taking one of the incident's services,
 * or a service that uses one of its sub-processors (an incident at a sub-processor). The officer
 * adjusts the list; this is only the proposal.
 */
export async function proposeCustomers(db: Db, incident: IncidentRow): Promise<ProposedRow[]> {
  if (incident.serviceIds.length === 0 && incident.subprocessorIds.length === 0) {
    return [];
  }
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
          select s.id as service_id, null::uuid as subprocessor_id from unnest(${sql.param(incident.serviceIds)}::uuid[]) as s(id)
          union all
          select ss.service_id, ss.subprocessor_id from service_subprocessors ss where ss.subprocessor_id = any(${sql.param(incident.subprocessorIds)}::uuid[])
        )
        select cs.controller_id, c.name, c.customer_number,
               array_agg(distinct cs.service_id::text) filter (where r.subprocessor_id is null) as services,
               array_agg(distinct r.subprocessor_id::text) filter (where r.subprocessor_id is not null) as subprocessors,
               exists (select 1 from incident_customers ic where ic.incident_id = ${incident.id} and ic.controller_id = cs.controller_id) as affected
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

/**
 * Adds customers to an incident's affected list: the ones named, or every proposed one. Each gets
 * its 48-hour clock from the discovery (unless the incident was assessed as not to be notified).
 * Returns how many were added; customers already on the list are left as they are.
 */
export async function addAffectedCustomers(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  id: string,
  input: { controllerIds?: string[] | undefined; fromProposal?: boolean | undefined },
): Promise<number> {
  const incident = await lockOpenIncident(tx, id);
  if (!input.fromProposal && (input.controllerIds ?? []).length === 0) {
    throw invalid("body.controllerIds", { nl: "noem de klanten, of kies fromProposal", en: "name the customers, or choose fromProposal" });
  }
  const proposal = new Map((await proposeCustomers(tx, incident)).map((p) => [p.controllerId, p]));
  let wanted: string[];
  if (input.fromProposal) {
    wanted = [...proposal.values()].filter((p) => !p.affected).map((p) => p.controllerId);
  } else {
    wanted = [...new Set(input.controllerIds ?? [])];
    const known = new Set<string>();
    for (let i = 0; i < wanted.length; i += 5000) {
      const found = await tx
        .select({ id: controllers.id })
        .from(controllers)
        .where(inArray(controllers.id, wanted.slice(i, i + 5000)));
      found.forEach((row) => known.add(row.id));
    }
    const unknown = wanted.findIndex((controllerId) => !known.has(controllerId));
    if (unknown >= 0) {
      throw invalid(`body.controllerIds.${unknown}`, { nl: "onbekende klant", en: "unknown customer" });
    }
    const already = new Set(
      (await tx.select({ id: incidentCustomers.controllerId }).from(incidentCustomers).where(eq(incidentCustomers.incidentId, id))).map((row) => row.id),
    );
    wanted = wanted.filter((controllerId) => !already.has(controllerId));
  }
  if (wanted.length === 0) {
    return 0;
  }
  const now = clock.now();
  await insertMany(
    tx,
    incidentCustomers,
    wanted.map((controllerId) => {
      const proposed = proposal.get(controllerId);
      return {
        incidentId: id,
        controllerId,
        source: proposed ? ("proposed" as const) : ("manual" as const),
        because: proposed?.because ?? { serviceIds: [], subprocessorIds: [] },
        facts: {},
        obligationId: null,
        addedAt: now,
        addedBy: actor.id,
      };
    }),
  );
  if (incident.decision !== "no_notify") {
    await openBreachClocks(tx, clock, actor, incident, wanted);
  }
  await recordEvent(tx, clock, {
    type: "incident.customers_added",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { count: wanted.length, fromProposal: input.fromProposal ?? false, controllerIds: wanted },
  });
  return wanted.length;
}

/** Takes a customer off the list, before it was told; after, it stays (its notices are evidence). */
export async function removeAffectedCustomer(tx: Db, clock: Clock, actor: EventActor, id: string, controllerId: string): Promise<void> {
  await lockOpenIncident(tx, id);
  const row = await findAffected(tx, id, controllerId);
  if (!row) {
    throw notFound("customer");
  }
  const [notified] = await tx
    .select({ id: breachNotices.id })
    .from(breachNotices)
    .where(and(eq(breachNotices.incidentId, id), eq(breachNotices.controllerId, controllerId)))
    .limit(1);
  if (notified) {
    throw conflict({ nl: "deze klant is al ingelicht en blijft op de lijst", en: "this customer has been notified and stays on the list" });
  }
  await cancelBreachClocks(tx, clock, actor, id, "removed from the affected customers", [controllerId]);
  await tx.delete(incidentCustomers).where(and(eq(incidentCustomers.incidentId, id), eq(incidentCustomers.controllerId, controllerId)));
  await recordEvent(tx, clock, { type: "incident.customer_removed", actor, controllerId: null, subject: subjectOf(id), data: { controllerId } });
}
