import type { Db } from "../../db/engine.ts";
import type { HoldCapacity } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { endOfCalendarDays, localDate } from "../../domain/legal-time.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, recordEvents, SYSTEM_ACTOR } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { issueCertificate } from "./certificate.ts";
import { said } from "./confirm-line.ts";
import { claimEndedHolds, findEndingOf, insertHold, lockEnding, lockHold, subjectOf, updateHold } from "./queries.ts";
import type { Who } from "./who.ts";
import { endingWords } from "./words.ts";

const SKEW_MS = 5 * 60_000;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** The date if it exists in the calendar (the pattern lets 31 November through); else a 400 naming the field. */
function realDate(value: string, field: string): string {
  const m = DATE.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw invalid(field, endingWords.notADate);
  }
  return value;
}

/** The end of a local calendar day (23:59:59.999 in the processor's zone): a hold runs to the end of its last day. */
export function endOfLocalDate(date: string, zone: string): Date {
  // Noon UTC lies on the same local date in every zone within twelve hours of UTC.
  return endOfCalendarDays(new Date(`${date}T12:00:00Z`), 0, zone);
}

/**
 * art. 12.4 "unless the processor is legally obliged to keep them": data kept after the end, with
 * the legal ground (e.g. art. 52 AWR, seven years, for the processor's own invoices, kept as
 * controller and not customer content) and the last day they must be kept. Recorded before the
 * final certificate, which states what is still held, why and until when.
 */
export async function recordHold(
  tx: Db,
  clock: Clock,
  who: Who,
  controllerId: string,
  input: { data: string; legalGround: string; capacity: HoldCapacity; endsOn: string },
): Promise<string> {
  const found = await findEndingOf(tx, controllerId);
  const ending = found ? await lockEnding(tx, found.id) : null;
  if (!ending) {
    throw conflict(endingWords.noEnding);
  }
  if (ending.completedAt) {
    throw conflict(endingWords.holdAfterCertificate);
  }
  const data = said("body.data", input.data);
  const legalGround = said("body.legalGround", input.legalGround);
  const endsOn = realDate(input.endsOn, "body.endsOn");
  const { timeZone: zone } = await findProcessor(tx);
  if (endsOn <= localDate(ending.endedAt, zone)) {
    throw invalid("body.endsOn", endingWords.holdEndsPast);
  }
  const saved = await insertHold(tx, {
    endingId: ending.id,
    controllerId,
    data,
    legalGround,
    capacity: input.capacity,
    endsOn,
    endsAt: endOfLocalDate(endsOn, zone),
    createdBy: who.userId,
    createdByName: who.name,
    createdAt: clock.now(),
  });
  await recordEvent(tx, clock, {
    type: "ending.hold_recorded",
    actor: who.actor,
    controllerId,
    subject: subjectOf(ending.id),
    data: { holdId: saved.id, data, legalGround, capacity: input.capacity, endsOn, endsAt: saved.endsAt.toISOString() },
  });
  return saved.id;
}

/**
 * The held data deleted once the hold ended: when and how. If the final certificate was issued, a
 * supplementary one goes to the customer; otherwise the final one will state it.
 */
export async function releaseHold(tx: Db, clock: Clock, who: Who, holdId: string, input: { deletedAt: string; method: string }): Promise<void> {
  const found = await lockHold(tx, holdId);
  if (!found) {
    throw notFound(endingWords.noun.hold);
  }
  const ending = await lockEnding(tx, found.endingId);
  const hold = await lockHold(tx, holdId);
  if (!ending || !hold) {
    throw notFound(endingWords.noun.hold);
  }
  if (hold.releasedAt) {
    throw conflict(endingWords.holdAlreadyReleased);
  }
  const now = clock.now();
  if (now < hold.endsAt) {
    throw conflict(endingWords.holdNotEnded);
  }
  const method = said("body.method", input.method);
  const deletedAt = new Date(input.deletedAt);
  if (deletedAt.getTime() > now.getTime() + SKEW_MS) {
    throw invalid("body.deletedAt", endingWords.inFuture);
  }
  if (deletedAt < hold.endsAt) {
    throw invalid("body.deletedAt", endingWords.beforeHoldEnd);
  }
  await updateHold(tx, holdId, { deletedAt, method, releasedBy: who.userId, releasedByName: who.name, releasedAt: now });
  await recordEvent(tx, clock, {
    type: "ending.hold_released",
    actor: who.actor,
    controllerId: hold.controllerId,
    subject: subjectOf(ending.id),
    data: { holdId, deletedAt: deletedAt.toISOString(), method, releasedBy: who.name },
  });
  if (ending.completedAt) {
    await issueCertificate(tx, clock, who.actor, ending, "supplementary", holdId);
  }
}

/**
 * Sweep task: a hold whose last day passed is reminded of once (claimed with SKIP LOCKED): the admin
 * and the privacy officers are told to delete its data now, with `ending.hold_ended`.
 */
export async function sweepEndedHolds(tx: Db, clock: Clock): Promise<number> {
  const due = await claimEndedHolds(tx, clock.now());
  for (const { hold, endingNumber, customerName } of due) {
    await updateHold(tx, hold.id, { remindedAt: clock.now() });
    const reference = endingWords.reference(endingNumber);
    await recordEvents(tx, clock, [
      {
        type: "ending.hold_ended",
        actor: SYSTEM_ACTOR,
        controllerId: hold.controllerId,
        subject: subjectOf(hold.endingId),
        data: { holdId: hold.id, endsOn: hold.endsOn, endsAt: hold.endsAt.toISOString() },
      },
    ]);
    await queueStaffNotice(tx, clock, SYSTEM_ACTOR, {
      controllerId: hold.controllerId,
      roles: ["admin", "privacy_officer"],
      subject: subjectOf(hold.endingId),
      data: {
        kind: "legal_hold_ended",
        endingId: hold.endingId,
        holdId: hold.id,
        reference,
        customerName,
        data: hold.data,
        legalGround: hold.legalGround,
        endsOn: hold.endsOn,
      },
    });
  }
  return due.length;
}
