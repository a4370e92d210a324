import { batches, ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { cancelBreachClocks, openBreachClocks } from "./breach-clocks.ts";
import {
  affectedAmong,
  customersReachedBy,
  deleteAffectedCustomer,
  existingControllerIds,
  findAffected,
  insertAffectedCustomers,
  reachedCounts,
  type ReachedPage,
  type ReachedRow,
} from "./affected-queries.ts";
import { isNotified } from "./notice-queries.ts";
import { lockOpenIncident, subjectOf, type IncidentRow } from "./queries.ts";
import { breachWords } from "./words.ts";

/**
 * Who the incident affects, as Art28 sees it: every customer taking one of the incident's services,
 * or a service that uses one of its sub-processors (an incident at a sub-processor). The officer
 * adjusts the list; this is only the proposal.
 */
export async function proposeCustomers(db: Db, incident: IncidentRow): Promise<ReachedRow[]> {
  if (incident.serviceIds.length === 0 && incident.subprocessorIds.length === 0) {
    return [];
  }
  return customersReachedBy(db, incident.id, incident.serviceIds, incident.subprocessorIds);
}

/**
 * A page of the proposal, by name (only the customers not on the list yet when `waiting`), with
 * how many it proposes and how many of them wait: what the incident's page shows at any size.
 */
export async function proposalPage(db: Db, incident: IncidentRow, page: ReachedPage) {
  if (incident.serviceIds.length === 0 && incident.subprocessorIds.length === 0) {
    return { total: 0, waiting: 0, customers: [], nextKey: null };
  }
  const [counts, found] = [
    await reachedCounts(db, incident.id, incident.serviceIds, incident.subprocessorIds),
    await customersReachedBy(db, incident.id, incident.serviceIds, incident.subprocessorIds, page),
  ];
  const customers = found.slice(0, page.limit);
  const last = customers.at(-1);
  return { ...counts, customers, nextKey: found.length > page.limit && last ? last.key : null };
}

/**
 * Adds customers to an incident's affected list: the ones named, or every proposed one. Each gets
 * its 48-hour clock from the discovery (unless the incident was assessed as not to be notified).
 * Returns how many were added; customers already on the list are left as they are.
 *
 * Bounded memory at any size: every proposed one is added a page at a time (by id, the order their
 * evidence streams are locked in), each page's rows and clocks written before the next is read, in
 * the caller's one transaction; only their ids are kept, for the evidence event. `page` is the page
 * size (tests make it small).
 */
export async function addAffectedCustomers(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  id: string,
  input: { controllerIds?: string[] | undefined; fromProposal?: boolean | undefined },
  page: number = ROWS_PER_STATEMENT,
): Promise<number> {
  const incident = await lockOpenIncident(tx, id);
  if (!input.fromProposal && (input.controllerIds ?? []).length === 0) {
    throw invalid("body.controllerIds", breachWords.nameCustomers);
  }
  const now = clock.now();
  const add = async (customers: { controllerId: string; proposed: ReachedRow | undefined }[]) => {
    await insertAffectedCustomers(
      tx,
      customers.map(({ controllerId, proposed }) => ({
        incidentId: id,
        controllerId,
        source: proposed ? ("proposed" as const) : ("manual" as const),
        because: proposed?.because ?? { serviceIds: [], subprocessorIds: [] },
        facts: {},
        obligationId: null,
        addedAt: now,
        addedBy: actor.id,
      })),
    );
    if (incident.decision !== "no_notify") {
      await openBreachClocks(
        tx,
        clock,
        actor,
        incident,
        customers.map((c) => c.controllerId),
      );
    }
  };
  const wanted: string[] = [];
  if (input.fromProposal) {
    if (incident.serviceIds.length > 0 || incident.subprocessorIds.length > 0) {
      // Each page is after the last one added: adding it does not move the pages still to come.
      const { waiting } = await reachedCounts(tx, id, incident.serviceIds, incident.subprocessorIds);
      let after: readonly string[] | undefined;
      for (let pages = Math.ceil(waiting / page) + 1; pages > 0; pages -= 1) {
        const found = await customersReachedBy(tx, id, incident.serviceIds, incident.subprocessorIds, { limit: page, after, waiting: true, byId: true });
        const customers = found.slice(0, page);
        if (customers.length > 0) {
          await add(customers.map((proposed) => ({ controllerId: proposed.controllerId, proposed })));
          wanted.push(...customers.map((c) => c.controllerId));
        }
        after = customers.at(-1)?.key;
        if (found.length <= page) {
          break;
        }
      }
    }
  } else {
    const named = [...new Set(input.controllerIds ?? [])];
    const known = await existingControllerIds(tx, named);
    const unknown = named.findIndex((controllerId) => !known.has(controllerId));
    if (unknown >= 0) {
      throw invalid(`body.controllerIds.${unknown}`, breachWords.unknownCustomer);
    }
    const already = await affectedAmong(tx, id, named);
    wanted.push(...named.filter((controllerId) => !already.has(controllerId)));
    const proposal = new Map<string, ReachedRow>();
    if (incident.serviceIds.length > 0 || incident.subprocessorIds.length > 0) {
      for (const chunk of batches(wanted)) {
        for (const p of await customersReachedBy(tx, id, incident.serviceIds, incident.subprocessorIds, undefined, chunk)) {
          proposal.set(p.controllerId, p);
        }
      }
    }
    if (wanted.length > 0) {
      await add(wanted.map((controllerId) => ({ controllerId, proposed: proposal.get(controllerId) })));
    }
  }
  if (wanted.length === 0) {
    return 0;
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
    throw notFound(breachWords.noun.customer);
  }
  if (await isNotified(tx, id, controllerId)) {
    throw conflict(breachWords.customerStaysNotified);
  }
  await cancelBreachClocks(tx, clock, actor, id, "removed from the affected customers", [controllerId]);
  await deleteAffectedCustomer(tx, id, controllerId);
  await recordEvent(tx, clock, { type: "incident.customer_removed", actor, controllerId: null, subject: subjectOf(id), data: { controllerId } });
}
