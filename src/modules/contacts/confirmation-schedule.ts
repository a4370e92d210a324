import { endOfMonthsAfter, startOfCalendarDayAfter, type Zone } from "../../domain/legal-time.ts";

// art. 4.4: the customer keeps its DPO or privacy contact current. Art28 asks it to confirm once a
// period (by default 12 months after the last confirmation), reminds it, and marks the contact stale
// when the period to confirm passes. Each step's moment is a legal-time instant in the processor's zone,
// from the parameters of the customer's template version (`parameters.reminders`), else the defaults.

export interface ConfirmationParameters {
  /** Months from the last confirmation to the next request (parameters.reminders.contactConfirmationMonths). */
  months: number;
  /** Calendar days from the request to the reminder (parameters.reminders.contactReminderDays). */
  reminderDays: number;
  /** Calendar days from the request after which an unconfirmed contact is stale (parameters.reminders.contactStaleDays). */
  staleDays: number;
}

export const DEFAULT_CONFIRMATION: Readonly<ConfirmationParameters> = { months: 12, reminderDays: 14, staleDays: 30 };

const whole = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

/** The parameters of a template version's `parameters.reminders` as stored (may be absent or invalid: the defaults then). */
export function confirmationParameters(stored: unknown): ConfirmationParameters {
  const r = stored !== null && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const staleDays = whole(r.contactStaleDays, 1, 365, DEFAULT_CONFIRMATION.staleDays);
  return {
    months: whole(r.contactConfirmationMonths, 1, 120, DEFAULT_CONFIRMATION.months),
    reminderDays: whole(r.contactReminderDays, 1, 365, DEFAULT_CONFIRMATION.reminderDays),
    staleDays,
  };
}

/**
 * When the customer is next asked: the start (00:00 local) of the day `months` months after the last
 * confirmation, by legal time's month rule (31 January + 1 month → 28/29 February).
 */
export function nextRequestAt(lastConfirmedAt: Date, months: number, zone: Zone): Date {
  return startOfCalendarDayAfter(endOfMonthsAfter(lastConfirmedAt, months, zone), 0, zone);
}

/** The reminder: the start of the `reminderDays`th local day after the request; none when it would not come before the contact goes stale. */
export function reminderAt(requestedAt: Date, reminderDays: number, staleAt: Date, zone: Zone): Date | null {
  const at = startOfCalendarDayAfter(requestedAt, reminderDays, zone);
  return at.getTime() < staleAt.getTime() ? at : null;
}
