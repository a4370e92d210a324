import type { Db } from "../../db/engine.ts";
import type { CureSide } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { cureClockDays } from "../../domain/default-notice.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "../notices/index.ts";
import { meetObligations, openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { lockDefaultNotice, updateDefaultNotice, type DefaultNoticeRow } from "./queries.ts";
import { claimWords } from "./words.ts";

// art. 11.5: "a reasonable period for curing the failure is agreed in writing between the parties".
// One side proposes a date, the other confirms it (naming the same date); then the processor's duty
// to cure runs on the obligation engine to the end of that local day. Either side may propose
// another date until one is agreed.

export const CURE_OBLIGATION_KIND = "default_cure";

async function locked(tx: Db, id: string): Promise<DefaultNoticeRow> {
  const notice = await lockDefaultNotice(tx, id);
  if (!notice) {
    throw notFound(claimWords.noun.defaultNotice);
  }
  return notice;
}

/** Tells the other side: the customer (its privacy contact and owners) or the admin and privacy officer. */
async function tellOtherSide(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  side: CureSide,
  notice: DefaultNoticeRow,
  kind: "cure_date_proposed" | "cure_date_agreed",
  date: string,
) {
  const subject = { type: "default_notice", id: notice.id };
  const to = side === "processor" ? ("customer" as const) : ("staff" as const);
  const base = { noticeId: notice.id, reference: claimWords.noticeReference(notice.number), date, byName: actor.label.replace(/ <.*>$/, ""), to };
  const data = kind === "cure_date_proposed" ? { ...base, kind } : { ...base, kind };
  if (to === "customer") {
    await queueCustomerNotices(tx, clock, actor, [{ controllerId: notice.controllerId, subject, data }]);
  } else {
    await queueStaffNotice(tx, clock, actor, { controllerId: notice.controllerId, roles: ["admin", "privacy_officer"], subject, data });
  }
}

/** One side proposes the date by which the failure is to be cured. */
export async function proposeCureDate(tx: Db, clock: Clock, actor: EventActor, side: CureSide, id: string, date: string): Promise<void> {
  const notice = await locked(tx, id);
  if (notice.cureAgreedDate) {
    throw conflict(claimWords.alreadyAgreed);
  }
  const { timeZone: zone } = await findProcessor(tx);
  if (cureClockDays(clock.now(), date, zone) === null) {
    throw invalid("body.date", claimWords.notADate);
  }
  const now = clock.now();
  await updateDefaultNotice(tx, id, { cureProposedDate: date, cureProposedBy: side, cureProposedByName: actor.label, cureProposedAt: now });
  await recordEvent(tx, clock, {
    type: "default_notice.cure_proposed",
    actor,
    controllerId: notice.controllerId,
    subject: { type: "default_notice", id },
    data: { date, side },
  });
  await tellOtherSide(tx, clock, actor, side, notice, "cure_date_proposed", date);
}

/**
 * The other side confirms the proposed date in writing, naming it (a date proposed meanwhile is not
 * confirmed by mistake): the cure period is agreed and the processor's duty to cure opens, due at the
 * end of that local day.
 */
export async function confirmCureDate(tx: Db, clock: Clock, actor: EventActor, side: CureSide, id: string, date: string): Promise<void> {
  const notice = await locked(tx, id);
  if (notice.cureAgreedDate) {
    throw conflict(claimWords.alreadyAgreed);
  }
  if (!notice.cureProposedDate || !notice.cureProposedBy) {
    throw conflict(claimWords.noProposal);
  }
  if (notice.cureProposedBy === side) {
    throw conflict(claimWords.ownProposal);
  }
  if (date !== notice.cureProposedDate) {
    throw invalid("body.date", claimWords.differentDate(notice.cureProposedDate));
  }
  const { timeZone: zone } = await findProcessor(tx);
  const now = clock.now();
  const days = cureClockDays(now, date, zone);
  if (days === null) {
    throw invalid("body.date", claimWords.notADate);
  }
  const reference = claimWords.noticeReference(notice.number);
  const [duty] = await openObligations(tx, clock, actor, [
    {
      controllerId: notice.controllerId,
      kind: CURE_OBLIGATION_KIND,
      nature: "duty",
      party: "processor",
      responsibleRoles: ["privacy_officer", "admin"],
      title: claimWords.cureDuty(reference),
      subject: { type: "default_notice", id },
      article: "11.5",
      clock: { unit: "calendarDays", amount: days },
      templateVersion: null,
      zone,
      triggerAt: now,
    },
  ]);
  await updateDefaultNotice(tx, id, { cureAgreedDate: date, cureAgreedAt: now, cureAgreedByName: actor.label, cureObligationId: duty?.id ?? null });
  await recordEvent(tx, clock, {
    type: "default_notice.cure_agreed",
    actor,
    controllerId: notice.controllerId,
    subject: { type: "default_notice", id },
    data: { date, proposedBy: notice.cureProposedBy, confirmedBy: side, dueAt: duty?.dueAt.toISOString() ?? null },
  });
  await tellOtherSide(tx, clock, actor, side, notice, "cure_date_agreed", date);
}

/** The processor records the failure cured: its duty is met, in time or late. */
export async function recordCured(tx: Db, clock: Clock, actor: EventActor, id: string, note: string): Promise<void> {
  const notice = await locked(tx, id);
  if (notice.curedAt) {
    throw conflict(claimWords.alreadyCured);
  }
  if (!notice.cureObligationId) {
    throw conflict(claimWords.notAgreed);
  }
  const text = note.trim();
  if (text === "") {
    throw invalid("body.note", claimWords.empty);
  }
  const now = clock.now();
  const [met] = await meetObligations(tx, clock, actor, [notice.cureObligationId]);
  await updateDefaultNotice(tx, id, { curedAt: now, curedNote: text });
  await recordEvent(tx, clock, {
    type: "default_notice.cured",
    actor,
    controllerId: notice.controllerId,
    subject: { type: "default_notice", id },
    data: { note: text, agreedDate: notice.cureAgreedDate, inTime: met?.metInTime ?? null },
  });
}
