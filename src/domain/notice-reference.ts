import { DEFAULT_ZONE } from "./legal-time.ts";

const YEAR = new Intl.DateTimeFormat("en", { timeZone: DEFAULT_ZONE, year: "numeric" });

/** The year of an instant in the processor's zone, as readable references name it (New Year's night belongs to the new year). */
export function referenceYear(at: Date): string {
  // The zone's offsets are whole hours, so the year is the same all through a UTC hour: kept per hour.
  const hour = Math.floor(at.getTime() / 3_600_000);
  const known = years.get(hour);
  if (known !== undefined) {
    return known;
  }
  const year = YEAR.format(at);
  if (years.size >= 10_000) {
    years.clear();
  }
  years.set(hour, year);
  return year;
}

const years = new Map<number, string>();

/**
 * A notice's reference as people quote it on the phone and in e-mails: `N-<year>-<number>`, the year
 * it was created (in the processor's zone, so a notice of New Year's night belongs to the new year) and
 * its number (`notices.number`) with at least six digits, e.g. `N-2026-000123`. The number is unique
 * on its own; the year only helps a reader place it.
 */
export function noticeReference(number: number, createdAt: Date): string {
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new RangeError(`a notice number is a whole number ≥ 0, got ${number}`);
  }
  return `N-${referenceYear(createdAt)}-${String(number).padStart(6, "0")}`;
}
