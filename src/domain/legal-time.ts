/**
 * Legal time: every deadline of the agreement is computed here (DESIGN.md, "Legal time").
 *
 * Pure functions: the triggering instant and "now" are always passed in, nothing reads the
 * machine's clock or its TZ. Instants go in and out as JS `Date` (stored as UTC); calendar
 * arithmetic happens on the local date in the processor's zone, through Temporal, because a
 * calendar day or month is a local notion and a UTC date is a day off around midnight.
 */
import { Temporal } from "temporal-polyfill";
import { addWorkingDays, DUTCH_TERM_HOLIDAYS, type HolidayCode } from "./working-days.ts";

/** An IANA time zone name, e.g. "Europe/Amsterdam". */
export type Zone = string;

/** The processor's zone unless its settings say otherwise. */
export const DEFAULT_ZONE = "Europe/Amsterdam";

const MS_PER_HOUR = 3_600_000;

function toZoned(instant: Date, zone: Zone): Temporal.ZonedDateTime {
  // Throws a RangeError for an invalid Date or an unknown zone: a silent NaN deadline is worse.
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);
}

function requireWholeCount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${amount}`);
  }
}

/** The first instant of a local day (00:00, or later where a DST change skips midnight). */
function startOfLocalDay(date: Temporal.PlainDate, zone: Zone): Date {
  return new Date(date.toZonedDateTime(zone).epochMilliseconds);
}

/**
 * The last millisecond of a local day (23:59:59.999 local): one ms before the next day starts,
 * which is also right where a DST change repeats or skips the hour around midnight.
 */
function endOfLocalDay(date: Temporal.PlainDate, zone: Zone): Date {
  return new Date(startOfLocalDay(date.add({ days: 1 }), zone).getTime() - 1);
}

/**
 * Hour clocks (art. 6.1 breach notice, art. 9.2, art. 11.5): exact elapsed time, so a DST change
 * inside the span moves the local clock time of the deadline, not its length.
 */
export function addHours(trigger: Date, hours: number): Date {
  if (Number.isNaN(trigger.getTime())) {
    throw new RangeError("trigger is an invalid Date");
  }
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
  }
  return new Date(trigger.getTime() + hours * MS_PER_HOUR);
}

/**
 * "Within N calendar days" (art. 2.2, 5.2, 10.3): the local day of the trigger does not count;
 * the period ends at 23:59:59.999 local on the Nth local day after it. Weekends and holidays count.
 */
export function endOfCalendarDays(trigger: Date, days: number, zone: Zone): Date {
  requireWholeCount(days, "days");
  return endOfLocalDay(toZoned(trigger, zone).toPlainDate().add({ days }), zone);
}

/**
 * "Takes place N calendar days after notice" (art. 10.2 audit): the earliest moment is the start
 * (00:00 local) of the Nth local day after the notice day.
 */
export function startOfCalendarDayAfter(trigger: Date, days: number, zone: Zone): Date {
  requireWholeCount(days, "days");
  return startOfLocalDay(toZoned(trigger, zone).toPlainDate().add({ days }), zone);
}

/**
 * "N months" (art. 11.6 claim lapse): the same local date N months later, or that month's last
 * day where the date does not exist (31 Jan + 1 month → 28/29 Feb); ends 23:59:59.999 local.
 */
export function endOfMonthsAfter(trigger: Date, months: number, zone: Zone): Date {
  requireWholeCount(months, "months");
  const date = toZoned(trigger, zone).toPlainDate().add({ months }, { overflow: "constrain" });
  return endOfLocalDay(date, zone);
}

/**
 * "Within N working days" (art. 8.1, forwarding a data subject's request): the local day of the
 * trigger does not count; the period ends at 23:59:59.999 local on the Nth working day after it
 * (working-days.ts: Monday to Friday except the holidays, by default those of the Algemene
 * termijnenwet art. 3).
 */
export function endOfWorkingDays(trigger: Date, days: number, zone: Zone, holidays: readonly HolidayCode[] = DUTCH_TERM_HOLIDAYS): Date {
  requireWholeCount(days, "days");
  return endOfLocalDay(addWorkingDays(toZoned(trigger, zone).toPlainDate(), days, holidays), zone);
}

export type ClockUnit = "hours" | "calendarDays" | "calendarDaysStart" | "months" | "workingDays";

/** One clock of the agreement (AgreementClocks), e.g. { unit: "hours", amount: 48 }. */
export interface Clock {
  unit: ClockUnit;
  amount: number;
  /** workingDays: the holidays that do not count (default: the Algemene termijnenwet's). */
  holidays?: readonly HolidayCode[];
}

/** The deadline of a clock started at `trigger`, by the rule of its unit (DESIGN.md, "Legal time"). */
export function dueAt(trigger: Date, clock: Clock, zone: Zone): Date {
  switch (clock.unit) {
    case "hours":
      return addHours(trigger, clock.amount);
    case "calendarDays":
      return endOfCalendarDays(trigger, clock.amount, zone);
    case "calendarDaysStart":
      return startOfCalendarDayAfter(trigger, clock.amount, zone);
    case "months":
      return endOfMonthsAfter(trigger, clock.amount, zone);
    case "workingDays":
      return endOfWorkingDays(trigger, clock.amount, zone, clock.holidays);
    default: {
      const unknown: never = clock.unit;
      throw new RangeError(`unknown clock unit: ${String(unknown)}`);
    }
  }
}

/**
 * Reminders before a deadline (DESIGN.md, "Legal time"): at 50 % and 80 % of the span, and for an
 * hour clock also 2 h before due. Sorted, without duplicates, all strictly between start and due;
 * fractions are rounded down to the millisecond so a reminder never lands after its share.
 */
export function reminderInstants(start: Date, due: Date, unit: ClockUnit): Date[] {
  const from = start.getTime();
  const to = due.getTime();
  const span = to - from;
  const candidates = [from + Math.floor(span * 0.5), from + Math.floor(span * 0.8)];
  if (unit === "hours") {
    candidates.push(to - 2 * MS_PER_HOUR);
  }
  const inside = candidates.filter((ms) => ms > from && ms < to);
  return [...new Set(inside)].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** A deadline has passed once `now` is after it; at the due instant itself it is still open. */
export function isOverdue(due: Date, now: Date): boolean {
  return now.getTime() > due.getTime();
}

/** Whether an obligation was met in time (DESIGN.md: shown once met); exactly at due is in time. */
export function metInTime(due: Date, metAt: Date): boolean {
  return metAt.getTime() <= due.getTime();
}

/**
 * Time left until a deadline, or, once overdue, time since it passed; `milliseconds` is never
 * negative, `overdue` says which of the two it is.
 */
export function remaining(due: Date, now: Date): { overdue: boolean; milliseconds: number } {
  const diff = due.getTime() - now.getTime();
  return { overdue: diff < 0, milliseconds: Math.abs(diff) };
}

/** Where a duty's clock stands, as the API names it: running, overdue, met in time or late, or none (no duty, or cancelled). */
export function dutyClock(
  duty: { obligationStatus: string | null; dueAt: Date | null; metInTime: boolean | null },
  now: Date,
): "running" | "overdue" | "met_in_time" | "met_late" | "none" {
  if (duty.obligationStatus === "met") {
    return duty.metInTime === false ? "met_late" : "met_in_time";
  }
  if (duty.obligationStatus === "open" && duty.dueAt) {
    return duty.dueAt.getTime() < now.getTime() ? "overdue" : "running";
  }
  return "none";
}

/** Milliseconds from `now` until `due`: negative once it has passed (by how much it is overdue). */
export function untilDue(due: Date, now: Date): number {
  return due.getTime() - now.getTime();
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

// Month abbreviations come from Intl (CLDR, bundled with Node), formatted at a fixed UTC instant
// so the machine's TZ plays no part. "en", not "en-GB": en-GB abbreviates September as "Sept".
const enMonth = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" });

function formatLocalDate(zoned: Temporal.ZonedDateTime, locale: "nl" | "en"): string {
  const year = String(zoned.year).padStart(4, "0");
  switch (locale) {
    case "nl":
      return `${pad2(zoned.day)}-${pad2(zoned.month)}-${year}`;
    case "en":
      return `${zoned.day} ${enMonth.format(Date.UTC(2000, zoned.month - 1, 1))} ${year}`;
    default: {
      const unknown: never = locale;
      throw new RangeError(`unknown locale: ${String(unknown)}`);
    }
  }
}

/**
 * Show a stored UTC instant in documents and UI (DESIGN.md: "show them in Europe/Amsterdam with
 * their offset"): local date, 24-hour time and UTC offset, e.g. "30-03-2026 11:00 (UTC+02:00)".
 * The offset tells the two 02:30s of the October DST change apart.
 */
export function formatInstant(instant: Date, zone: Zone, locale: "nl" | "en"): string {
  return remembered(`i${instant.getTime()} ${zone} ${locale}`, () => {
    const zoned = toZoned(instant, zone);
    const time = `${pad2(zoned.hour)}:${pad2(zoned.minute)}`;
    return `${formatLocalDate(zoned, locale)} ${time} (UTC${zoned.offset})`;
  });
}

/** The local date of an instant for documents and UI, e.g. "30-03-2026" / "30 Mar 2026". */
export function formatDate(instant: Date, zone: Zone, locale: "nl" | "en"): string {
  return remembered(`d${instant.getTime()} ${zone} ${locale}`, () => formatLocalDate(toZoned(instant, zone), locale));
}

/**
 * The same instant, zone and language always give the same text: the texts of the last instants
 * shown are kept (a page shows the same deadlines to each reader; Temporal's zone arithmetic is the
 * dearest part of answering it). At most 10,000, emptied when full.
 */
const formatted = new Map<string, string>();
function remembered(key: string, format: () => string): string {
  const known = formatted.get(key);
  if (known !== undefined) {
    return known;
  }
  const text = format();
  if (formatted.size >= 10_000) {
    formatted.clear();
  }
  formatted.set(key, text);
  return text;
}

/** The local calendar day of an instant as "YYYY-MM-DD" (the day calendar-day clocks count from). */
export function localDate(instant: Date, zone: Zone): string {
  return toZoned(instant, zone).toPlainDate().toString();
}
