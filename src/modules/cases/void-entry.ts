import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { findCaseForUpdate, findEntryForUpdate, insertEntry, subjectOf, voidEntry } from "./queries.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";

/**
 * Voids an entry. Not yet exported, it simply leaves billing. Exported (billed), it is never
 * edited: a credit line, the same amount negated and naming it, becomes a billable item at once
 * and goes out with the next export. Both are evidence.
 */
export async function voidCaseEntry(tx: Db, clock: Clock, who: Who, caseId: string, entryId: string, reason: string): Promise<{ creditId: string | null }> {
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  const entry = await findEntryForUpdate(tx, caseId, entryId);
  if (!entry) {
    throw notFound(caseWords.noun.entry);
  }
  if (entry.type === "credit") {
    throw conflict(caseWords.creditNotVoidable);
  }
  if (entry.voidedAt) {
    throw conflict(caseWords.alreadyVoided);
  }
  const why = reason.trim();
  if (why === "") {
    throw invalid("body.reason", caseWords.required);
  }
  const now = clock.now();
  await voidEntry(tx, entryId, who.userId, why, now);
  const reference = caseReference(row.number, row.askedAt);
  await recordEvent(tx, clock, {
    type: "case.entry_voided",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: { reference, entryId, reason: why, exported: entry.exportId !== null, amountCents: entry.amountCents },
  });
  if (entry.exportId === null) {
    return { creditId: null };
  }
  const creditId = await insertEntry(tx, {
    caseId,
    controllerId: row.controllerId,
    type: "credit",
    description: `${entry.description} (credit: ${why})`.slice(0, 2000),
    workDate: entry.workDate,
    minutes: entry.minutes === null ? null : -entry.minutes,
    rateCents: entry.rateCents,
    amountCents: -entry.amountCents,
    currency: entry.currency,
    billable: true,
    estimateId: entry.estimateId,
    creditsId: entry.id,
    createdAt: now,
    createdBy: who.userId,
    billableAt: now,
  });
  await recordEvent(tx, clock, {
    type: "billing.credit_written",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: { reference, creditId, credits: entryId, creditsExport: entry.exportId, amountCents: -entry.amountCents, currency: entry.currency, reason: why },
  });
  return { creditId };
}
