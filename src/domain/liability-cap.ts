/**
 * art. 11.1 and 11.6 of the agreement, as pure rules: the liability cap per event (the fees the
 * processor received for its work under the agreement in the calendar month before the event) and
 * the date a claim lapses (12 months after it arose). Money is in euro cents, integers only; months
 * are local calendar months in the processor's zone (Europe/Amsterdam), so an event at 00:30 on
 * 1 March local (23:30 UTC on 28 February) has February as its month before, not January.
 */
import { Temporal } from "temporal-polyfill";
import { endOfMonthsAfter, type Zone } from "./legal-time.ts";

/** What a customer paid in one calendar month ("YYYY-MM"), as billing reported it. */
export interface LedgerEntry {
  month: string;
  amountCents: number;
  /** Where it came from (the billing export's description or invoice), if given. */
  description: string | null;
}

/** A monthly fee Art28 holds for a service the customer takes (the fallback when billing reported nothing). */
export interface HeldFee {
  service: string;
  monthlyFeeCents: number;
  /** When the customer started taking it. */
  since: Date;
}

export interface CapLine {
  /** The ledger's description, or the service's name. */
  label: string;
  amountCents: number;
  /** Fallback only: the local days of the month the service was taken, of the month's days (a partial month is pro rata). */
  days: { counted: number; inMonth: number } | null;
}

/** How the cap was reached: the month, its source and each amount, so a reader can redo it. */
export interface CapDerivation {
  /** The calendar month before the event, "YYYY-MM". */
  month: string;
  /** First instant of that month and first instant of the event's month (local midnight), UTC. */
  monthStart: Date;
  monthEnd: Date;
  /** ledger: billing reported the month; fallback: the monthly fees Art28 holds; none: neither, so 0. */
  source: "ledger" | "fallback" | "none";
  lines: CapLine[];
  capCents: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a text is a calendar month "YYYY-MM" (years 2000–2999). */
export function isMonth(value: string): boolean {
  const match = MONTH.exec(value);
  return match !== null && Number(match[1]) >= 2000 && Number(match[1]) <= 2999;
}

function requireCents(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`${what} must be whole cents ≥ 0, got ${amount}`);
  }
}

const startOf = (month: Temporal.PlainYearMonth, zone: Zone): Date => new Date(month.toPlainDate({ day: 1 }).toZonedDateTime(zone).epochMilliseconds);

/** The local calendar month before the one `eventAt` falls in, with its first and last instant (end exclusive). */
export function monthBefore(eventAt: Date, zone: Zone): { month: string; start: Date; end: Date; daysInMonth: number } {
  if (Number.isNaN(eventAt.getTime())) {
    throw new RangeError("eventAt is an invalid Date");
  }
  const local = Temporal.Instant.fromEpochMilliseconds(eventAt.getTime()).toZonedDateTimeISO(zone);
  const eventMonth = Temporal.PlainYearMonth.from({ year: local.year, month: local.month });
  const before = eventMonth.subtract({ months: 1 });
  return { month: before.toString(), start: startOf(before, zone), end: startOf(eventMonth, zone), daysInMonth: before.daysInMonth };
}

/**
 * art. 11.1: the cap of one event = the fees received for work under the agreement over the month
 * before the damage-causing event. From the fee ledger when billing reported that month (even 0:
 * then nothing was received); else from the monthly fees Art28 holds, labelled as the fallback: a
 * service taken from part of the month counts pro rata by its local days (rounded down to the cent),
 * one taken from after the month not at all. Neither: a cap of 0, source "none".
 */
export function liabilityCap(input: { eventAt: Date; zone: Zone; ledger: readonly LedgerEntry[]; heldFees: readonly HeldFee[] }): CapDerivation {
  const { month, start, end, daysInMonth } = monthBefore(input.eventAt, input.zone);
  const base = { month, monthStart: start, monthEnd: end };
  const reported = input.ledger.filter((entry) => entry.month === month);
  if (reported.length > 0) {
    const lines = reported.map((entry) => {
      requireCents(entry.amountCents, "a ledger amount");
      return { label: entry.description ?? month, amountCents: entry.amountCents, days: null };
    });
    return { ...base, source: "ledger", lines, capCents: sum(lines) };
  }
  const lines = input.heldFees.flatMap((fee): CapLine[] => {
    requireCents(fee.monthlyFeeCents, "a monthly fee");
    if (fee.since.getTime() >= end.getTime()) {
      return [];
    }
    if (fee.since.getTime() <= start.getTime()) {
      return [{ label: fee.service, amountCents: fee.monthlyFeeCents, days: { counted: daysInMonth, inMonth: daysInMonth } }];
    }
    const firstDay = Temporal.Instant.fromEpochMilliseconds(fee.since.getTime()).toZonedDateTimeISO(input.zone).day;
    const counted = daysInMonth - firstDay + 1;
    // Integer arithmetic: cents × days stays far below 2^53.
    return [{ label: fee.service, amountCents: Math.floor((fee.monthlyFeeCents * counted) / daysInMonth), days: { counted, inMonth: daysInMonth } }];
  });
  if (lines.length === 0) {
    return { ...base, source: "none", lines: [], capCents: 0 };
  }
  return { ...base, source: "fallback", lines, capCents: sum(lines) };
}

const sum = (lines: readonly CapLine[]): number => lines.reduce((total, line) => total + line.amountCents, 0);

/** The twelve months of art. 11.6. */
export const CLAIM_LAPSE_MONTHS = 12;

/**
 * art. 11.6: a claim not specified and explicitly reported lapses by the mere passing of 12 months
 * after it arose: the end of the same local date 12 months later (or of that month's last day).
 */
export function claimLapsesAt(arisenAt: Date, zone: Zone): Date {
  return endOfMonthsAfter(arisenAt, CLAIM_LAPSE_MONTHS, zone);
}

/** A euro amount in cents as text, e.g. 123456 → "€ 1.234,56" (nl) / "€1,234.56" (en). */
export function formatCents(cents: number, locale: "nl" | "en"): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, locale === "nl" ? "." : ",");
  const rest = String(abs % 100).padStart(2, "0");
  return locale === "nl" ? `${sign}€ ${euros},${rest}` : `${sign}€${euros}.${rest}`;
}
