import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { findMeasure, findOpenReviewDuties, insertReview, updateMeasure } from "./queries.ts";
import { openReviewDuties } from "./review-duties.ts";
import { measureWords } from "./words.ts";

/**
 * art. 7.1: a measure's periodic review. Records who reviewed it, when and what they found; meets
 * its open review duty (whether in time is recorded on the duty and the review) and opens the next,
 * due one interval after this review.
 */
export async function recordMeasureReview(tx: Db, clock: Clock, actor: EventActor, measureId: string, note: string) {
  const measure = await findMeasure(tx, measureId, true);
  if (!measure) {
    throw notFound(measureWords.noun.measure);
  }
  if (measure.status !== "implemented") {
    throw conflict(measureWords.reviewNotInPlace);
  }
  const now = clock.now();
  const open = await findOpenReviewDuties(tx, [measure.id]);
  const met = await meetObligations(
    tx,
    clock,
    actor,
    open.map((o) => o.id),
  );
  const duty = met[0] ?? null;
  const review = await insertReview(tx, {
    measureId: measure.id,
    reviewedAt: now,
    reviewedBy: actor.id,
    note: note.trim(),
    obligationId: duty?.id ?? null,
    inTime: duty?.metInTime ?? null,
    createdAt: now,
  });
  if (!review) {
    throw new Error("the review was not stored");
  }
  const updated = await updateMeasure(tx, measure.id, { lastReviewedAt: now });
  const [next] = await openReviewDuties(tx, clock, actor, [{ measure: updated ?? measure, from: now }]);
  await recordEvent(tx, clock, {
    type: "measure.reviewed",
    actor,
    controllerId: null,
    subject: { type: "measure", id: measure.id },
    data: {
      code: measure.code,
      reviewId: review.id,
      note: review.note,
      dutyDueAt: duty ? duty.dueAt.toISOString() : null,
      inTime: review.inTime,
      nextDueAt: next ? next.dueAt.toISOString() : null,
    },
  });
  return { review, nextDueAt: next?.dueAt ?? null };
}
