import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { caseKindOf } from "./case-kinds.ts";
import { ESTIMATE_DECLINED } from "./kinds.ts";
import { decideEstimate, findCaseForUpdate, proposedEstimateOf, subjectOf, updateCase } from "./queries.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";

/**
 * art. 2.4: the customer's consent to the costs, or its refusal. Accepting lets billable work be
 * logged; declining ends the case without it. Either is evidence with who, when and the figures
 * decided on (the estimate named must be the one awaiting a decision, so nobody consents to figures
 * they did not see).
 */
export async function decideCaseEstimate(tx: Db, clock: Clock, who: Who, caseId: string, estimateId: string, accept: boolean): Promise<void> {
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  const estimate = await proposedEstimateOf(tx, caseId);
  if (row.status !== "estimated" || !estimate) {
    throw conflict(caseWords.noOpenEstimate);
  }
  if (estimate.id !== estimateId) {
    throw invalid("body.estimateId", caseWords.notCurrentEstimate);
  }
  const now = clock.now();
  await decideEstimate(tx, estimate.id, accept, who.userId, who.name, now);
  await updateCase(
    tx,
    caseId,
    accept ? { status: "accepted", updatedAt: now } : { status: "declined", outcome: ESTIMATE_DECLINED, closedAt: now, closedBy: who.userId, updatedAt: now },
  );
  const reference = caseReference(row.number, row.askedAt);
  const figures = {
    method: estimate.method,
    hoursHundredths: estimate.hoursHundredths,
    hourlyRateCents: estimate.hourlyRateCents,
    totalCents: estimate.totalCents,
    currency: estimate.currency,
    description: estimate.description,
  };
  await recordEvent(tx, clock, {
    type: accept ? "case.estimate_accepted" : "case.estimate_declined",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: { reference, estimateId, decidedBy: who.name, decidedAt: now.toISOString(), ...figures },
  });
  await queueStaffNotice(tx, clock, who.actor, {
    controllerId: row.controllerId,
    roles: ["privacy_officer"],
    subject: subjectOf(caseId),
    data: {
      kind: "case_estimate_decided",
      caseId,
      reference,
      caseKind: caseKindOf(row.kind).label,
      title: row.title,
      accepted: accept,
      decidedByName: who.name,
      totalCents: estimate.totalCents,
      currency: estimate.currency,
    },
  });
}
