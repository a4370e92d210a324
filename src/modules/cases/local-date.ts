import { Temporal } from "temporal-polyfill";
import { Type } from "typebox";
import { invalid } from "../../http/errors.ts";

/** A calendar date, YYYY-MM-DD, years 1000–9999 (closed classes only, so no control character gets through). */
export const LocalDate = Type.String({ pattern: "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", maxLength: 10, description: "YYYY-MM-DD" });

const NOT_A_DATE = { nl: "is geen bestaande datum", en: "is not a date that exists" };

/** The date, if it exists in the calendar (the pattern lets 31 November through); else a 400 naming the field. */
export function realDate(value: string, field: string): Temporal.PlainDate {
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" });
  } catch (error) {
    if (error instanceof RangeError) {
      throw invalid(field, NOT_A_DATE);
    }
    throw error;
  }
}

/** The most one estimate, entry or amount may be: € 1,000,000 in cents (well inside the integer columns). */
export const MAX_AMOUNT_CENTS = 100_000_000;
