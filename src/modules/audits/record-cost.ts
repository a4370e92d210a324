import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { auditForAct, subjectOf, tellOtherParty } from "./act.ts";
import { insertCost } from "./queries.ts";
import type { AuditWho } from "./who.ts";
import { auditWords } from "./words.ts";

/**
 * art. 10.5: the costs of the audit are borne by the customer. The processor records each on the
 * audit; it is a billable item at once, exported once with the cases' billable items
 * (POST /billable-items/exports), and the customer is told.
 */
export async function recordAuditCost(
  tx: Db,
  clock: Clock,
  who: AuditWho,
  auditId: string,
  input: { description: string; amountCents: number; costDate: string },
): Promise<string> {
  const open = await auditForAct(tx, auditId);
  const description = input.description.trim();
  if (description === "") {
    throw invalid("body.description", auditWords.textNeeded);
  }
  if (input.amountCents <= 0) {
    throw invalid("body.amountCents", auditWords.amountPositive);
  }
  const cost = await insertCost(tx, {
    auditId,
    controllerId: open.audit.controllerId,
    description,
    costDate: input.costDate,
    amountCents: input.amountCents,
    recordedByName: who.name,
    recordedAt: clock.now(),
  });
  await recordEvent(tx, clock, {
    type: "audit.cost_recorded",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: { reference: open.reference, costId: cost.id, description, costDate: input.costDate, amountCents: input.amountCents, currency: cost.currency },
  });
  await tellOtherParty(tx, clock, who, open, "cost_recorded");
  return cost.id;
}
