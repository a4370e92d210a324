import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { EventActor } from "../evidence/index.ts";
import { cancelObligations, openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { agreementClocks } from "../subprocessors/index.ts";
import { countUnnotified, linkObligations, unnotifiedPage } from "./affected-queries.ts";
import { referenceOf, subjectOf, type IncidentRow } from "./queries.ts";
import { breachWords } from "./words.ts";

/**
 * art. 6.1: opens each customer's duty to be told within 48 hours (its agreement version's clock)
 * of the incident's discovery: elapsed hours, whatever the wall clock does in between. A customer
 * added days after the discovery gets a clock that is already running, or already overdue (the
 * sweep escalates it). Links each duty to the customer's row on the incident.
 */
export async function openBreachClocks(tx: Db, clock: Clock, actor: EventActor, incident: IncidentRow, controllerIds: string[]): Promise<void> {
  if (controllerIds.length === 0) {
    return;
  }
  const clocks = await agreementClocks(tx, controllerIds, "breachNoticeHours");
  const { timeZone: zone } = await findProcessor(tx);
  const reference = referenceOf(incident);
  const opened = await openObligations(
    tx,
    clock,
    actor,
    controllerIds.map((controllerId) => {
      const own = clocks.get(controllerId) ?? { templateVersion: null, amount: 48 };
      return {
        controllerId,
        kind: "breach_notice",
        nature: "duty" as const,
        party: "processor" as const,
        responsibleRoles: ["security_officer" as const, "privacy_officer" as const],
        title: breachWords.notifyDuty(reference),
        subject: subjectOf(incident.id),
        article: "6.1",
        clock: { unit: "hours" as const, amount: own.amount },
        templateVersion: own.templateVersion,
        zone,
        triggerAt: incident.discoveredAt,
      };
    }),
  );
  await linkObligations(tx, incident.id, opened);
}

/** Stops the clocks of some (or all) of an incident's customers, e.g. assessed as no breach. */
export async function cancelBreachClocks(tx: Db, clock: Clock, actor: EventActor, incidentId: string, reason: string, controllerIds?: string[]): Promise<void> {
  await cancelObligations(tx, clock, actor, subjectOf(incidentId), reason, controllerIds);
}

/**
 * Gives every affected customer not yet notified a running clock again: after the assessment
 * turned back to "notify", or the discovery instant was corrected (the old clocks are cancelled).
 * A page of customers at a time (by id): any number in bounded memory.
 */
export async function reopenBreachClocks(tx: Db, clock: Clock, actor: EventActor, incident: IncidentRow, reason: string): Promise<void> {
  await cancelBreachClocks(tx, clock, actor, incident.id, reason);
  let after: string | null = null;
  for (let pages = Math.ceil((await countUnnotified(tx, incident.id)) / ROWS_PER_STATEMENT) + 1; pages > 0; pages -= 1) {
    const customers: string[] = await unnotifiedPage(tx, incident.id, after, ROWS_PER_STATEMENT);
    await openBreachClocks(tx, clock, actor, incident, customers);
    after = customers.at(-1) ?? null;
    if (customers.length < ROWS_PER_STATEMENT) {
      break;
    }
  }
}
