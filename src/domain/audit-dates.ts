// art. 10.2 and 10.4: the dates of an audit. The audit takes place at the earliest at the start of
// the Nth calendar day after the customer's written notice (legal-time.ts startOfCalendarDayAfter,
// "takes place N calendar days after notice"); an action after a finding is due at the end of a
// local date both parties chose, a calendar-day clock from the day it was agreed. Pure.

import { Temporal } from "temporal-polyfill";
import { localDate, startOfCalendarDayAfter, type Zone } from "./legal-time.ts";

/** The earliest instant an audit may take place: 00:00 local on the `noticeDays`th day after the notice day. */
export function earliestAuditStart(noticeAt: Date, noticeDays: number, zone: Zone): Date {
  return startOfCalendarDayAfter(noticeAt, noticeDays, zone);
}

/** Whether a proposed start is allowed: not before the earliest start (the earliest itself is allowed). */
export function auditDateAllowed(proposed: Date, earliest: Date): boolean {
  return proposed.getTime() >= earliest.getTime();
}

/**
 * The calendar days from the local day of `from` to the local date `due` (YYYY-MM-DD): the amount of
 * a calendar-day clock started at `from` that ends on that date (legal-time.ts endOfCalendarDays).
 * Negative when the date lies before today.
 */
export function calendarDaysUntil(from: Date, due: string, zone: Zone): number {
  const today = Temporal.PlainDate.from(localDate(from, zone));
  return today.until(Temporal.PlainDate.from(due), { largestUnit: "days" }).days;
}
