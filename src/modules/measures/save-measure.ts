import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findActiveStaff, findMeasure, findMeasureByCode, insertMeasure, findOpenReviewDuties, updateMeasure } from "./queries.ts";
import { cancelReviewDuty, openReviewDuties } from "./review-duties.ts";
import type { MeasureBody } from "./schemas.ts";
import { measureWords } from "./words.ts";

export type MeasureInput = Static<typeof MeasureBody>;

/**
 * Creates or changes a technical or organisational measure of the register (art. 7.1). Its owner
 * must be an active staff member. A measure coming into force gets its review duty; one leaving it
 * loses it; a new interval moves the open duty's due instant (cancelled and opened again from the
 * last review). Annex 2 changes only when staff publish it (publish-annex2.ts).
 */
export async function saveMeasure(tx: Db, clock: Clock, actor: EventActor, id: string | null, input: MeasureInput): Promise<string> {
  const clash = await findMeasureByCode(tx, input.code);
  if (clash && clash.id !== id) {
    throw conflict(measureWords.codeTaken(input.code));
  }
  if (input.ownerUserId !== null && !(await findActiveStaff(tx, input.ownerUserId))) {
    throw invalid("body.ownerUserId", measureWords.notStaff);
  }
  const before = id === null ? null : await findMeasure(tx, id, true);
  if (id !== null && !before) {
    throw notFound(measureWords.noun.measure);
  }
  const row = before ? await updateMeasure(tx, before.id, input) : await insertMeasure(tx, { ...input, sortOrder: 1000, createdAt: clock.now() });
  if (!row) {
    throw notFound(measureWords.noun.measure);
  }
  const wasInPlace = before?.status === "implemented";
  const inPlace = row.status === "implemented";
  const intervalChanged = before !== null && before.reviewIntervalMonths !== row.reviewIntervalMonths;
  const ownerChanged = before !== null && before.ownerUserId !== row.ownerUserId;
  if (wasInPlace && (!inPlace || intervalChanged || ownerChanged)) {
    await cancelReviewDuty(tx, clock, actor, row.id, inPlace ? "review interval or owner changed" : `measure ${row.status}`);
  }
  if (inPlace && (!wasInPlace || intervalChanged || ownerChanged || (await findOpenReviewDuties(tx, [row.id])).length === 0)) {
    await openReviewDuties(tx, clock, actor, [{ measure: row, from: row.lastReviewedAt ?? clock.now() }]);
  }
  await recordEvent(tx, clock, {
    type: before ? "measure.changed" : "measure.created",
    actor,
    controllerId: null,
    subject: { type: "measure", id: row.id },
    data: {
      code: row.code,
      theme: row.theme,
      titleEn: row.titleEn,
      status: row.status,
      ownerUserId: row.ownerUserId,
      reviewIntervalMonths: row.reviewIntervalMonths,
      ...(before ? { previousStatus: before.status } : {}),
    },
  });
  return row.id;
}
