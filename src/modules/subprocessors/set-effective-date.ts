import type { Db } from "../../db/engine.ts";
import type { LocalizedText } from "../../domain/text.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import { OBJECTION_SUBJECT } from "./announce-change.ts";
import { remainingAffected, type ChangeRow } from "./change-queries.ts";
import { lockChange, setChangeEffectiveAt } from "./lifecycle-queries.ts";
import { subprocessorWords } from "./words.ts";

/**
 * art. 5.2: a change cannot take effect before every affected customer's objection window has
 * closed, unless no affected customer remains (all left the services it touches, or settled their
 * objection by leaving). Returns why `at` is too early, in both languages, or null.
 */
export async function takeEffectProblem(tx: Db, change: ChangeRow, at: Date): Promise<LocalizedText | null> {
  if (at >= change.windowClosesAt) {
    return null;
  }
  const remaining = await remainingAffected(tx, change);
  if (remaining === 0) {
    return null;
  }
  const { timeZone: zone } = await findProcessor(tx);
  return subprocessorWords.tooEarly(change.windowClosesAt, zone, remaining);
}

/** Sets the date an announced change takes effect (the sweep applies it then). */
export async function setChangeEffectiveDate(tx: Db, clock: Clock, actor: EventActor, id: string, effectiveAt: Date): Promise<void> {
  const change = await lockChange(tx, id);
  if (!change) {
    throw notFound(subprocessorWords.noun.change);
  }
  if (change.status !== "announced") {
    throw conflict(subprocessorWords.changeSettled(change.status));
  }
  const now = clock.now();
  if (effectiveAt < now) {
    throw invalid("body.effectiveAt", subprocessorWords.inThePast);
  }
  const problem = await takeEffectProblem(tx, change, effectiveAt);
  if (problem) {
    throw invalid("body.effectiveAt", problem);
  }
  await setChangeEffectiveAt(tx, id, effectiveAt, now);
  await recordEvent(tx, clock, {
    type: "subprocessor_change.effective_date_set",
    actor,
    controllerId: null,
    subject: { type: OBJECTION_SUBJECT, id },
    data: { effectiveAt: effectiveAt.toISOString(), previous: change.effectiveAt?.toISOString() ?? null, windowClosesAt: change.windowClosesAt.toISOString() },
  });
}
