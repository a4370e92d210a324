import { eraseAfterEnd } from "./ending.ts";
import type { Db } from "../../db/engine.ts";
import type { SubjectRequestOutcome } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { lockRequest, subjectOf, updateRequest } from "./queries.ts";
import { requestReference, type Who } from "./reference.ts";
import { subjectRequestWords as W } from "./words.ts";

/**
 * The customer records what it did with a request forwarded to it: handled it, not its own, or sent
 * it on to the right organisation. The request ends; its content is erased after the retention
 * period (default 12 months); the evidence goes to the customer's chain.
 */
export async function recordOutcome(
  tx: Db,
  clock: Clock,
  who: Who,
  controllerId: string,
  id: string,
  input: { outcome: SubjectRequestOutcome; note: string },
): Promise<void> {
  const now = clock.now();
  const row = await lockRequest(tx, id);
  if (!row || row.controllerId !== controllerId) {
    throw notFound(W.noun.request);
  }
  if (row.status !== "forwarded") {
    throw conflict(W.notForwarded);
  }
  const note = input.note.trim();
  await updateRequest(tx, id, {
    status: "closed",
    outcome: input.outcome,
    outcomeNote: note === "" ? null : note,
    outcomeAt: now,
    outcomeBy: who.userId,
    closedAt: now,
    eraseAfter: await eraseAfterEnd(tx, now),
    updatedAt: now,
  });
  await recordEvent(tx, clock, {
    type: "subject_request.outcome_recorded",
    actor: who.actor,
    controllerId,
    subject: subjectOf(id),
    data: { reference: requestReference(row.number, row.receivedAt), outcome: input.outcome },
  });
}
