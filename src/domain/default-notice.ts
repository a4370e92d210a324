/**
 * art. 11.5: the customer must give the processor notice of default "onverwijld doch binnen 48 uur"
 * (without delay, and within 48 hours) in writing, and a reasonable period to cure is agreed in
 * writing. These rules state the facts (how long after the customer says it learned of the failure
 * the notice was given, and whether that is more than 48 elapsed hours); they decide no law.
 */
import { Temporal } from "temporal-polyfill";
import { addHours, endOfCalendarDays, type Zone } from "./legal-time.ts";

/** The 48 hours of art. 11.5, elapsed time (DESIGN.md "Legal time"). */
export const DEFAULT_NOTICE_HOURS = 48;

export interface DefaultNoticeTiming {
  /** 48 elapsed hours after the customer learned of the failure. */
  deadline: Date;
  /** Whole minutes from learning of it to giving notice (rounded down). */
  elapsedMinutes: number;
  /** Given later than 48 elapsed hours after it learned of the failure; exactly 48 hours is not later. */
  late: boolean;
}

/** The facts of a notice's timing; `learnedAt` after `givenAt` is a RangeError (the caller's 400). */
export function defaultNoticeTiming(learnedAt: Date, givenAt: Date): DefaultNoticeTiming {
  if (Number.isNaN(learnedAt.getTime()) || Number.isNaN(givenAt.getTime())) {
    throw new RangeError("an invalid Date");
  }
  if (learnedAt.getTime() > givenAt.getTime()) {
    throw new RangeError("learned of the failure after giving notice of it");
  }
  const deadline = addHours(learnedAt, DEFAULT_NOTICE_HOURS);
  return {
    deadline,
    elapsedMinutes: Math.floor((givenAt.getTime() - learnedAt.getTime()) / 60_000),
    late: givenAt.getTime() > deadline.getTime(),
  };
}

/** Elapsed minutes as "49 u 30 min" / "49 h 30 min". */
export function formatElapsed(minutes: number, locale: "nl" | "en"): string {
  const hours = Math.floor(minutes / 60);
  return `${hours} ${locale === "nl" ? "u" : "h"} ${minutes % 60} min`;
}

/**
 * The cure period agreed in writing (art. 11.5) ends at the end of its local date. For the obligation
 * engine: the calendar days from `trigger`'s local day to that date (its calendar-day clock then ends
 * at the end of the date), or null when the date is not a real date or lies before the trigger's day.
 */
export function cureClockDays(trigger: Date, date: string, zone: Zone): number | null {
  let cure: Temporal.PlainDate;
  try {
    cure = Temporal.PlainDate.from(date, { overflow: "reject" });
  } catch {
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return null;
  }
  const today = Temporal.Instant.fromEpochMilliseconds(trigger.getTime()).toZonedDateTimeISO(zone).toPlainDate();
  const days = today.until(cure, { largestUnit: "days" }).days;
  return days < 0 ? null : days;
}

/** The end of a cure date (23:59:59.999 local), or null when it is not a date on or after the trigger's day. */
export function cureDeadline(trigger: Date, date: string, zone: Zone): Date | null {
  const days = cureClockDays(trigger, date, zone);
  return days === null ? null : endOfCalendarDays(trigger, days, zone);
}
