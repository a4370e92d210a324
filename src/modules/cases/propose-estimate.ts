import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { caseKindOf } from "./case-kinds.ts";
import { findCaseForUpdate, insertEstimate, subjectOf, supersedeProposed, updateCase } from "./queries.ts";
import type { EstimateBodyType } from "./schemas.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";
import { MAX_AMOUNT_CENTS } from "./local-date.ts";

/** The total of an estimate in cents: hours (in hundredths) × the hourly rate, rounded to the cent; or the fixed price. */
export function estimateTotal(input: EstimateBodyType): number {
  if (input.method === "hourly") {
    if (input.hoursHundredths === undefined || input.hourlyRateCents === undefined) {
      throw invalid(input.hoursHundredths === undefined ? "body.hoursHundredths" : "body.hourlyRateCents", caseWords.hourlyNeeds);
    }
    const total = Math.round((input.hoursHundredths * input.hourlyRateCents) / 100);
    if (total > MAX_AMOUNT_CENTS) {
      throw invalid("body.hourlyRateCents", caseWords.tooMuch);
    }
    return total;
  }
  if (input.fixedCents === undefined) {
    throw invalid("body.fixedCents", caseWords.fixedNeeds);
  }
  return input.fixedCents;
}

/**
 * art. 2.4 "redelijke kosten": the processor's estimate, which the customer must accept before
 * billable work. It is the processor's answer to the request, so it meets the case's duty (in time
 * or not is recorded). A new estimate replaces one still awaiting a decision.
 */
export async function proposeEstimate(tx: Db, clock: Clock, who: Who, caseId: string, input: EstimateBodyType): Promise<string> {
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  const definition = caseKindOf(row.kind);
  if (!definition.costs) {
    throw conflict(caseWords.noCosts);
  }
  if (row.status !== "open" && row.status !== "estimated") {
    throw conflict(caseWords.estimateNotNow);
  }
  const totalCents = estimateTotal(input);
  const description = input.description.trim();
  if (description === "") {
    throw invalid("body.description", caseWords.required);
  }
  const now = clock.now();
  await supersedeProposed(tx, caseId);
  const figures = {
    method: input.method,
    hoursHundredths: input.method === "hourly" ? (input.hoursHundredths ?? null) : null,
    hourlyRateCents: input.method === "hourly" ? (input.hourlyRateCents ?? null) : null,
    totalCents,
    currency: "EUR",
    description,
  };
  const estimateId = await insertEstimate(tx, {
    caseId,
    controllerId: row.controllerId,
    ...figures,
    status: "proposed",
    proposedAt: now,
    proposedBy: who.userId,
  });
  await updateCase(tx, caseId, { status: "estimated", updatedAt: now });
  if (row.obligationId) {
    await meetObligations(tx, clock, who.actor, [row.obligationId]);
  }
  const reference = caseReference(row.number, row.askedAt);
  await recordEvent(tx, clock, {
    type: "case.estimate_proposed",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: { reference, estimateId, ...figures },
  });
  await queueCustomerNotices(tx, clock, who.actor, [
    {
      controllerId: row.controllerId,
      subject: subjectOf(caseId),
      data: { kind: "case_estimate", caseId, reference, caseKind: definition.label, title: row.title, estimateId, totalCents, currency: "EUR", description },
    },
  ]);
  return estimateId;
}
