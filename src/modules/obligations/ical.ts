/**
 * A user's deadlines as an iCalendar feed (RFC 5545), to subscribe to in any calendar app.
 *
 * Every clock of the agreement (48 h breach notice, 14-day windows, ...) ends at an instant, not on
 * a day: each deadline is a zero-length event at its due instant in UTC, so every app shows it at
 * the right local time whatever its own zone, with an alarm at each reminder the legal-time module
 * computed. Built only from what is passed in (no clock), so the same deadlines give the same
 * bytes and a subscribed app only sees a change when a deadline changed.
 */
import ical, { ICalAlarmType, ICalEventStatus, ICalEventTransparency, escape } from "ical-generator";
import type { Locale } from "../../domain/agreement-document.ts";
import { formatInstant, type Zone } from "../../domain/legal-time.ts";
import { obligationWords } from "./words.ts";

export interface CalendarDeadline {
  /** The obligation's id; the event's UID is derived from it and never changes. */
  id: string;
  title: { nl: string; en: string };
  dueAt: Date;
  /** When the clock started; used as DTSTAMP so the output does not depend on "now". */
  openedAt: Date;
  /** Reminder instants (legal-time `reminderInstants`), each an alarm while the deadline is open. */
  reminders: Date[];
  status: "open" | "met" | "lapsed" | "cancelled";
  /** The customer it concerns, for staff who see many; null in a customer's own calendar. */
  customerName: string | null;
  /** Where the deadline is handled in Art28. */
  url: string;
}

export interface CalendarInput {
  /** The calendar's name as the app shows it (NAME, X-WR-CALNAME). */
  name: string;
  locale: Locale;
  /** The processor's zone: due instants are described in it, and apps get it as X-WR-TIMEZONE. */
  zone: Zone;
  /** The full PRODID value; defaults to DEFAULT_PRODUCT_ID. */
  productId?: string;
  deadlines: CalendarDeadline[];
}

export const DEFAULT_PRODUCT_ID = "-//Art28//Deadlines//EN";

function summary(deadline: CalendarDeadline, locale: Locale): string {
  const title = deadline.title[locale];
  return deadline.customerName === null ? title : `${deadline.customerName}: ${title}`;
}

function description(deadline: CalendarDeadline, locale: Locale, zone: Zone): string {
  const words = obligationWords.feed;
  // The offset tells the two 02:30s of the October DST change apart (legal-time formatInstant).
  return [
    `${words.due[locale]}: ${formatInstant(deadline.dueAt, zone, locale)}`,
    `${words.status[locale]}: ${words.statuses[deadline.status][locale]}`,
    deadline.url,
  ].join("\n");
}

/** Soonest first; ties broken by id so the bytes never depend on the query's order. */
function byDue(a: CalendarDeadline, b: CalendarDeadline): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The iCalendar text of a user's deadlines: one VEVENT per deadline, UID `<id>@art28`, DTSTART its
 * due instant in UTC and no DTEND (RFC 5545 §3.6.1: a zero-length instant; a DTEND equal to
 * DTSTART is invalid, §3.8.2.2), a display alarm at each reminder while it is open, and STATUS
 * CANCELLED once cancelled.
 */
export function buildCalendar(input: CalendarInput): string {
  const { locale, zone } = input;
  // Fail on an unknown zone here, not in the first deadline's formatting (or never, when empty).
  new Intl.DateTimeFormat("en", { timeZone: zone });

  // No calendar time zone on purpose: with one set, ical-generator writes native Dates in the
  // machine's local time. Without, every date is written in UTC ("Z").
  const calendar = ical({
    // ical-generator writes NAME and X-WR-CALNAME as given, unescaped (RFC 5545 §3.3.11).
    name: escape(input.name, false),
    prodId: (input.productId ?? DEFAULT_PRODUCT_ID).replace(/^-/, ""),
    // Ask subscribed apps to refresh hourly: a new 48-hour clock should not wait a day to show.
    ttl: 60 * 60,
  });

  for (const deadline of [...input.deadlines].sort(byDue)) {
    const text = summary(deadline, locale);
    calendar.createEvent({
      id: `${deadline.id}@art28`,
      stamp: deadline.openedAt,
      start: deadline.dueAt,
      summary: text,
      description: description(deadline, locale, zone),
      url: deadline.url,
      // A deadline marks a moment; it does not make the user busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      status: deadline.status === "cancelled" ? ICalEventStatus.CANCELLED : null,
      // Reminders of a met, lapsed or cancelled deadline would only mislead.
      alarms: deadline.status === "open" ? deadline.reminders.map((at) => ({ type: ICalAlarmType.display, trigger: at, description: text })) : [],
    });
  }

  // ical-generator writes a calendar's X- properties after its events, outside the calendar's
  // properties (RFC 5545 §3.4), so X-WR-TIMEZONE goes in here, before the first component. Folded
  // and escaped text never starts a line with BEGIN/END, so the first match is the real one. It
  // also leaves off the CRLF that ends every content line, the last included (§3.1).
  const text = calendar.toString().replace(/^(BEGIN:VEVENT|END:VCALENDAR)/m, `X-WR-TIMEZONE:${escape(zone, false)}\r\n$1`);
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
