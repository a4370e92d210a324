import { DUTCH_TERM_HOLIDAYS, HOLIDAY_CODES, type HolidayCode } from "../../domain/working-days.ts";

/**
 * The parameters of data subjects' requests (art. 8.1), from the latest template version's
 * `parameters.subjectRequests` (the processor's, as the request is not yet any customer's), else
 * the defaults: forward within 2 working days, the Algemene termijnenwet's holidays, the content
 * erased 12 months after the end, a form submission's link valid 24 hours.
 */
export interface SubjectRequestParameters {
  forwardWorkingDays: number;
  holidays: readonly HolidayCode[];
  retentionMonths: number;
  confirmHours: number;
}

export const DEFAULT_SUBJECT_REQUEST_PARAMETERS: Readonly<SubjectRequestParameters> = {
  forwardWorkingDays: 2,
  holidays: DUTCH_TERM_HOLIDAYS,
  retentionMonths: 12,
  confirmHours: 24,
};

const whole = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

/** The stored parameters (may be absent or invalid: the defaults then). */
export function subjectRequestParameters(stored: unknown): SubjectRequestParameters {
  const r = stored !== null && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const d = DEFAULT_SUBJECT_REQUEST_PARAMETERS;
  const holidays =
    Array.isArray(r.holidays) && r.holidays.every((h) => (HOLIDAY_CODES as readonly unknown[]).includes(h)) ? (r.holidays as HolidayCode[]) : d.holidays;
  return {
    forwardWorkingDays: whole(r.forwardWorkingDays, 0, 30, d.forwardWorkingDays),
    holidays,
    retentionMonths: whole(r.retentionMonths, 1, 120, d.retentionMonths),
    confirmHours: whole(r.confirmHours, 1, 168, d.confirmHours),
  };
}
