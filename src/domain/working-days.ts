/**
 * Working days (DESIGN.md, "Legal time"; art. 8.1, forwarding a data subject's request): Monday
 * to Friday, except the holidays Dutch law counts for time limits, Algemene termijnenwet art. 3
 * lid 1: Nieuwjaarsdag, de Christelijke tweede Paas- en Pinksterdag, de beide Kerstdagen,
 * Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt gevierd (27 April, or 26 April
 * when 27 April is a Sunday) en 5 mei. Goede Vrijdag is not one. The list is a template
 * parameter (the codes below), so an agreement may add or drop a day; the dates of each year are
 * computed, the movable ones from the date of Easter.
 */
import { Temporal } from "temporal-polyfill";

export const HOLIDAY_CODES = [
  "new_years_day",
  "good_friday",
  "easter_monday",
  "kings_day",
  "liberation_day",
  "ascension_day",
  "whit_monday",
  "christmas_day",
  "boxing_day",
] as const;
export type HolidayCode = (typeof HOLIDAY_CODES)[number];

/** The holidays of the Algemene termijnenwet art. 3 (Goede Vrijdag is not one of them). */
export const DUTCH_TERM_HOLIDAYS: readonly HolidayCode[] = [
  "new_years_day",
  "easter_monday",
  "kings_day",
  "liberation_day",
  "ascension_day",
  "whit_monday",
  "christmas_day",
  "boxing_day",
];

/** Each holiday in words, as a template's parameters and the UI name it. */
export const HOLIDAY_LABELS: Record<HolidayCode, { nl: string; en: string }> = {
  new_years_day: { nl: "Nieuwjaarsdag", en: "New Year's Day" },
  good_friday: { nl: "Goede Vrijdag", en: "Good Friday" },
  easter_monday: { nl: "Tweede Paasdag", en: "Easter Monday" },
  kings_day: { nl: "Koningsdag", en: "King's Day" },
  liberation_day: { nl: "Bevrijdingsdag (5 mei)", en: "Liberation Day (5 May)" },
  ascension_day: { nl: "Hemelvaartsdag", en: "Ascension Day" },
  whit_monday: { nl: "Tweede Pinksterdag", en: "Whit Monday" },
  christmas_day: { nl: "Eerste Kerstdag", en: "Christmas Day" },
  boxing_day: { nl: "Tweede Kerstdag", en: "Boxing Day" },
};

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Temporal.PlainDate {
  if (!Number.isSafeInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year must be a Gregorian year 1583–9999, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

/** The date of one holiday in a year. */
export function holidayDate(code: HolidayCode, year: number): Temporal.PlainDate {
  const on = (month: number, day: number) => Temporal.PlainDate.from({ year, month, day });
  switch (code) {
    case "new_years_day":
      return on(1, 1);
    case "good_friday":
      return easterSunday(year).subtract({ days: 2 });
    case "easter_monday":
      return easterSunday(year).add({ days: 1 });
    case "kings_day": {
      const birthday = on(4, 27);
      return birthday.dayOfWeek === 7 ? on(4, 26) : birthday;
    }
    case "liberation_day":
      return on(5, 5);
    case "ascension_day":
      return easterSunday(year).add({ days: 39 });
    case "whit_monday":
      return easterSunday(year).add({ days: 50 });
    case "christmas_day":
      return on(12, 25);
    case "boxing_day":
      return on(12, 26);
    default: {
      const unknown: never = code;
      throw new RangeError(`unknown holiday: ${String(unknown)}`);
    }
  }
}

/** The holidays of a year, by date (YYYY-MM-DD), in date order. */
export function holidaysOf(year: number, codes: readonly HolidayCode[] = DUTCH_TERM_HOLIDAYS): { date: string; code: HolidayCode }[] {
  return codes.map((code) => ({ date: holidayDate(code, year).toString(), code })).sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Monday to Friday and not one of the holidays. */
export function isWorkingDay(date: Temporal.PlainDate, codes: readonly HolidayCode[] = DUTCH_TERM_HOLIDAYS): boolean {
  if (date.dayOfWeek > 5) {
    return false;
  }
  return !codes.some((code) => Temporal.PlainDate.compare(holidayDate(code, date.year), date) === 0);
}

/** The Nth working day after a local date (the date itself does not count); N = 0 is the date. */
export function addWorkingDays(from: Temporal.PlainDate, days: number, codes: readonly HolidayCode[] = DUTCH_TERM_HOLIDAYS): Temporal.PlainDate {
  if (!Number.isSafeInteger(days) || days < 0 || days > 3660) {
    throw new RangeError(`working days must be a whole number 0–3660, got ${days}`);
  }
  let date = from;
  for (let counted = 0; counted < days;) {
    date = date.add({ days: 1 });
    if (isWorkingDay(date, codes)) {
      counted += 1;
    }
  }
  return date;
}
