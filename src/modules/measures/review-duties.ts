import type { Db } from "../../db/engine.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { cancelObligations, openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { findActiveStaff, inPlaceWithoutReviewDuty, lockReviewDutySweep, MEASURE_SUBJECT, REVIEW_KIND, type MeasureRow } from "./queries.ts";
import { measureWords } from "./words.ts";

/** Who answers for a review: the owner's role when it has one, and the security officer. */
async function responsibleRoles(tx: Db, measure: MeasureRow): Promise<StaffRole[]> {
  const owner = measure.ownerUserId === null ? null : await findActiveStaff(tx, measure.ownerUserId);
  return [...new Set<StaffRole>([...(owner?.staffRole ? [owner.staffRole] : []), "security_officer"])];
}

/**
 * art. 7.1: a measure in place is reviewed every `reviewIntervalMonths` months. Opens the review
 * duty of each measure, due that many months after `from` (its last review, or when it came into
 * force) by the legal-time month rule: the same Dutch local date, or the month's last day.
 */
export async function openReviewDuties(tx: Db, clock: Clock, actor: EventActor, items: { measure: MeasureRow; from: Date }[]) {
  if (items.length === 0) {
    return [];
  }
  const { timeZone } = await findProcessor(tx);
  const inputs = [];
  for (const { measure, from } of items) {
    inputs.push({
      controllerId: null,
      kind: REVIEW_KIND,
      nature: "duty" as const,
      party: "processor" as const,
      responsibleRoles: await responsibleRoles(tx, measure),
      title: measureWords.reviewDuty({ nl: measure.titleNl, en: measure.titleEn }),
      subject: { type: MEASURE_SUBJECT, id: measure.id },
      article: "7.1",
      clock: { unit: "months" as const, amount: measure.reviewIntervalMonths },
      templateVersion: null,
      zone: timeZone,
      triggerAt: from,
    });
  }
  return openObligations(tx, clock, actor, inputs);
}

/** A measure no longer in place has nothing to review: its open duty is cancelled. */
export async function cancelReviewDuty(tx: Db, clock: Clock, actor: EventActor, measureId: string, reason: string) {
  return cancelObligations(tx, clock, actor, { type: MEASURE_SUBJECT, id: measureId }, reason);
}

/**
 * The sweep task: every measure in place has an open review duty. Opens the missing ones (measures
 * from before reviews ran, or loaded by install or demo), due an interval after the last review,
 * or after now if never reviewed. Idempotent: a measure with an open duty is left alone, also by two
 * sweeps at once.
 */
export async function ensureReviewDuties(tx: Db, clock: Clock): Promise<number> {
  await lockReviewDutySweep(tx);
  const missing = await inPlaceWithoutReviewDuty(tx);
  const now = clock.now();
  const opened = await openReviewDuties(
    tx,
    clock,
    SYSTEM_ACTOR,
    missing.map((measure) => ({ measure, from: measure.lastReviewedAt ?? now })),
  );
  return opened.length;
}
