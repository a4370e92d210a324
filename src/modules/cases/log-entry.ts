import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { acceptedEstimateOf, findCaseForUpdate, insertEntry, subjectOf } from "./queries.ts";
import type { EntryBodyType } from "./schemas.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";
import { MAX_AMOUNT_CENTS, realDate } from "./local-date.ts";

/** An entry's amount in cents: minutes × the hourly rate, rounded to the cent; or the cost given. */
export function entryAmount(input: EntryBodyType): { minutes: number | null; rateCents: number | null; amountCents: number } {
  if (input.type === "time") {
    if (input.minutes === undefined || input.rateCents === undefined) {
      throw invalid(input.minutes === undefined ? "body.minutes" : "body.rateCents", caseWords.timeNeeds);
    }
    const amountCents = Math.round((input.minutes * input.rateCents) / 60);
    if (amountCents > MAX_AMOUNT_CENTS) {
      throw invalid("body.rateCents", caseWords.tooMuch);
    }
    return { minutes: input.minutes, rateCents: input.rateCents, amountCents };
  }
  if (input.amountCents === undefined) {
    throw invalid("body.amountCents", caseWords.costNeeds);
  }
  return { minutes: null, rateCents: null, amountCents: input.amountCents };
}

/**
 * Time or a cost against a case. Billable work needs the customer's accepted estimate first
 * (art. 2.4); before that, or for work the processor does not charge, an entry is non-billable.
 */
export async function logCaseEntry(tx: Db, clock: Clock, who: Who, caseId: string, input: EntryBodyType): Promise<string> {
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  if (row.status === "closed") {
    throw conflict(caseWords.ended);
  }
  const figures = entryAmount(input);
  realDate(input.workDate, "body.workDate");
  const estimate = input.billable ? await acceptedEstimateOf(tx, caseId) : null;
  if (input.billable && (!estimate || row.status !== "accepted")) {
    throw conflict(caseWords.billableNeedsConsent);
  }
  const description = input.description.trim();
  if (description === "") {
    throw invalid("body.description", caseWords.required);
  }
  const entryId = await insertEntry(tx, {
    caseId,
    controllerId: row.controllerId,
    type: input.type,
    description,
    workDate: input.workDate,
    ...figures,
    billable: input.billable,
    estimateId: estimate?.id ?? null,
    createdAt: clock.now(),
    createdBy: who.userId,
  });
  await recordEvent(tx, clock, {
    type: "case.entry_logged",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: {
      reference: caseReference(row.number, row.askedAt),
      entryId,
      type: input.type,
      description,
      workDate: input.workDate,
      ...figures,
      billable: input.billable,
      estimateId: estimate?.id ?? null,
    },
  });
  return entryId;
}
