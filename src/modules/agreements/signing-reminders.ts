import type { Db } from "../../db/engine.ts";
import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Clock } from "../../domain/clock.ts";
import { startOfCalendarDayAfter } from "../../domain/legal-time.ts";
import { recordEvents, SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { lastReminderDays, lockOffered, newestOfferPerCustomer, offeredAgreements, type OfferedAgreement } from "./reminder-queries.ts";
import type { SigningReminder } from "./notice-kinds.ts";

// Reminders to sign (art. 12.1: the agreement takes effect once both have signed): a customer that
// has not signed an offered version is reminded on the days its template version names in
// `parameters.reminders.signingReminderDays` (calendar days after the offer, in the processor's zone),
// by default 7, 14 and 30. Each scheduled day is sent once: the sweep locks the agreement and reads
// what was sent with the lock held, so two sweeps (or processes) never send the same day twice; a
// sweep that missed days sends only the latest one that is due.

export const DEFAULT_SIGNING_REMINDER_DAYS: readonly number[] = [7, 14, 30];

/** The schedule of a template version: its whole days from 1 to 365, sorted; the default when absent or invalid. */
export function signingReminderDays(stored: unknown): number[] {
  if (!Array.isArray(stored)) {
    return [...DEFAULT_SIGNING_REMINDER_DAYS];
  }
  const days = stored.filter((d): d is number => Number.isInteger(d) && d >= 1 && d <= 365);
  return days.length === 0 ? [...DEFAULT_SIGNING_REMINDER_DAYS] : [...new Set(days)].sort((a, b) => a - b);
}

/** The latest scheduled day whose moment (the start of that local day after the offer) has come, if any. */
export function dueReminderDay(offeredAt: Date, days: readonly number[], now: Date, zone: string): number | null {
  let due: number | null = null;
  for (const day of days) {
    if (startOfCalendarDayAfter(offeredAt, day, zone).getTime() <= now.getTime()) {
      due = day;
    }
  }
  return due;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function queueReminders(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  items: { id: string; controllerId: string; offeredAt: Date; templateVersion: number; day: number | null }[],
): Promise<number> {
  if (items.length === 0) {
    return 0;
  }
  const data = (item: (typeof items)[number]): SigningReminder => ({
    kind: "signing_reminder",
    agreementId: item.id,
    templateVersion: item.templateVersion,
    offeredAt: item.offeredAt.toISOString(),
    day: item.day,
  });
  await queueCustomerNotices(
    tx,
    clock,
    actor,
    items.map((item) => ({ controllerId: item.controllerId, data: data(item), subject: { type: "agreement", id: item.id } })),
  );
  await recordEvents(
    tx,
    clock,
    items.map((item) => ({
      type: "agreement.signing_reminder_queued" as const,
      actor,
      controllerId: item.controllerId,
      subject: { type: "agreement", id: item.id },
      data: { templateVersion: item.templateVersion, day: item.day, manual: item.day === null, offeredAt: item.offeredAt.toISOString() },
    })),
  );
  return items.length;
}

/**
 * The sweep task: queues the reminders that are due; the number queued.
 *
 * Bounded memory at any size: the offered agreements are walked a page at a time (`page`; by id,
 * the order they are locked in), each page's due reminders locked, checked and queued before the
 * next page is read, all in the sweep's one transaction.
 */
export async function sendSigningReminders(tx: Db, clock: Clock, page: number = ROWS_PER_STATEMENT): Promise<number> {
  const now = clock.now();
  const zone = (await findProcessor(tx)).timeZone;
  let queued = 0;
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const offered: OfferedAgreement[] = await offeredAgreements(tx, new Date(now.getTime() - DAY_MS), page, after);
    const due: (OfferedAgreement & { day: number })[] = [];
    for (const agreement of offered) {
      const day = dueReminderDay(agreement.offeredAt, signingReminderDays(agreement.reminderDays), now, zone);
      if (day !== null && (agreement.lastDay === null || day > agreement.lastDay)) {
        due.push({ ...agreement, day });
      }
    }
    if (due.length > 0) {
      const locked = new Set(
        await lockOffered(
          tx,
          due.map((a) => a.id),
        ),
      );
      // Read again with the lock held: another sweep may have sent a day since the page was read.
      const sent = await lastReminderDays(tx, [...locked]);
      const fresh = due.filter((a) => locked.has(a.id) && a.day > (sent.get(a.id) ?? 0));
      queued += await queueReminders(tx, clock, SYSTEM_ACTOR, fresh);
    }
    if (offered.length < page) {
      break;
    }
    after = offered.at(-1)?.id ?? null;
  }
  return queued;
}

/** Staff's "remind all unsigned customers now": one reminder per customer with an offer not signed; the number queued. */
export async function remindAllUnsigned(tx: Db, clock: Clock, actor: EventActor): Promise<number> {
  let queued = 0;
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const offers = await newestOfferPerCustomer(tx, ROWS_PER_STATEMENT, after);
    queued += await queueReminders(
      tx,
      clock,
      actor,
      offers.map((offer) => ({ ...offer, day: null })),
    );
    if (offers.length < ROWS_PER_STATEMENT) {
      break;
    }
    after = offers.at(-1)?.controllerId ?? null;
  }
  return queued;
}
