import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { postThreadMessage, type ThreadMessageInput } from "../threads/index.ts";
import { caseKindOf } from "./case-kinds.ts";
import { findCaseForUpdate, markBillable, subjectOf, updateCase } from "./queries.ts";
import { ENDED } from "./post-case-message.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";

/**
 * Ends a case with an outcome of its kind and a note to the customer; the deliverable (where the
 * outcome needs one) goes into the thread with the note, each file with its SHA-256. The case's
 * billable entries become billable items now (the final costs), its duty is met if still open,
 * and the customer is told.
 */
export async function closeCase(
  tx: Db,
  clock: Clock,
  who: Who,
  caseId: string,
  input: { outcome: string; note: string; files: ThreadMessageInput["files"] },
  options: {
    /** Set by a kind's own action (answer-measures-question.ts, accept-instruction.ts) that may end with its action outcomes. */
    byAction?: boolean;
    /** False when the action tells the customer with a notice of its own instead of case_closed. */
    notify?: boolean;
  } = {},
): Promise<void> {
  const { byAction = false, notify = true } = options;
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  if (ENDED.has(row.status)) {
    throw conflict(caseWords.ended);
  }
  const definition = caseKindOf(row.kind);
  const outcomes = Object.keys(definition.outcomes).filter((code) => byAction || !definition.actionOutcomes?.includes(code));
  const outcome = outcomes.includes(input.outcome) ? definition.outcomes[input.outcome] : undefined;
  if (!outcome) {
    throw invalid("body.outcome", caseWords.outcomeNotOfKind(outcomes));
  }
  const note = input.note.trim();
  if (note === "") {
    throw invalid("body.note", caseWords.required);
  }
  if (definition.deliverableOutcomes.includes(input.outcome) && input.files.length === 0) {
    throw invalid("body.files", caseWords.deliverableRequired);
  }
  const now = clock.now();
  const posted = await postThreadMessage(tx, clock, { type: "case", id: caseId }, row.controllerId, {
    from: "processor",
    authorId: who.userId,
    authorName: who.name,
    body: note,
    files: input.files,
  });
  const items = await markBillable(tx, caseId, now);
  const finalCents = items.reduce((sum, item) => sum + item.amountCents, 0);
  await updateCase(tx, caseId, { status: "closed", outcome: input.outcome, outcomeNote: note, closedAt: now, closedBy: who.userId, updatedAt: now });
  if (row.obligationId) {
    await meetObligations(tx, clock, who.actor, [row.obligationId]);
  }
  const reference = caseReference(row.number, row.askedAt);
  await recordEvent(tx, clock, {
    type: "case.closed",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: {
      reference,
      outcome: input.outcome,
      note,
      messageId: posted.messageId,
      deliverables: posted.attachments,
      billableItems: items.map((i) => i.id),
      finalCents,
      currency: "EUR",
    },
  });
  if (!notify) {
    return;
  }
  await queueCustomerNotices(tx, clock, who.actor, [
    {
      controllerId: row.controllerId,
      subject: subjectOf(caseId),
      data: {
        kind: "case_closed",
        caseId,
        reference,
        caseKind: definition.label,
        title: row.title,
        outcome,
        note,
        finalCents,
        currency: "EUR",
        deliverables: posted.attachments.length,
      },
    },
  ]);
}
