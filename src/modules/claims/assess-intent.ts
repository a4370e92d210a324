import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findClaim, updateClaimEvent } from "./queries.ts";
import type { AssessmentBody } from "./schemas.ts";
import { claimWords } from "./words.ts";

/**
 * art. 11.4: the exclusions and the cap lapse where the damage stems from intent or deliberate
 * recklessness of the processor or its management. Staff record their assessment of the claim's
 * event (it holds for every claim of that event), with a note required when it is indicated.
 */
export async function assessIntent(tx: Db, clock: Clock, actor: EventActor, claimId: string, input: Static<typeof AssessmentBody>): Promise<void> {
  const found = await findClaim(tx, claimId);
  if (!found) {
    throw notFound(claimWords.noun.claim);
  }
  const note = input.note?.trim() || null;
  if (input.assessment === "indicated" && !note) {
    throw invalid("body.note", claimWords.assessmentNote);
  }
  const now = clock.now();
  await updateClaimEvent(tx, found.event.id, {
    intentAssessment: input.assessment,
    intentNote: note,
    intentAssessedAt: now,
    intentAssessedByName: actor.label,
  });
  await recordEvent(tx, clock, {
    type: "claim.assessed",
    actor,
    controllerId: found.claim.controllerId,
    subject: { type: "claim", id: claimId },
    data: { event: claimWords.eventReference(found.event.number), assessment: input.assessment, before: found.event.intentAssessment, note },
  });
}
