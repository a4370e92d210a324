import { test } from "node:test";
import assert from "node:assert/strict";
import { dueAt } from "../../domain/legal-time.ts";
import { confirmationParameters, DEFAULT_CONFIRMATION, nextRequestAt, reminderAt } from "./confirmation-schedule.ts";

const zone = "Europe/Amsterdam";

test("the parameters: from parameters.reminders, each invalid or absent one its default", () => {
  assert.deepEqual(confirmationParameters(undefined), DEFAULT_CONFIRMATION);
  assert.deepEqual(confirmationParameters(null), { months: 12, reminderDays: 14, staleDays: 30 });
  assert.deepEqual(confirmationParameters({ signingReminderDays: [7] }), { months: 12, reminderDays: 14, staleDays: 30 });
  assert.deepEqual(confirmationParameters({ contactConfirmationMonths: 6, contactReminderDays: 7, contactStaleDays: 21 }), {
    months: 6,
    reminderDays: 7,
    staleDays: 21,
  });
  assert.deepEqual(confirmationParameters({ contactConfirmationMonths: 0, contactReminderDays: 1.5, contactStaleDays: "30" }), DEFAULT_CONFIRMATION);
});

test("the next request: the start of the local day 12 months on; month ends by legal time's rule", () => {
  // Confirmed Saturday 31 January 2026 at 10:00 local (CET): asked on 31 January 2027 at 00:00 local.
  assert.equal(nextRequestAt(new Date("2026-01-31T09:00:00Z"), 12, zone).toISOString(), "2027-01-30T23:00:00.000Z");
  // 13 months on there is no 31 February: the last day of February (2027 is no leap year).
  assert.equal(nextRequestAt(new Date("2026-01-31T09:00:00Z"), 13, zone).toISOString(), "2027-02-27T23:00:00.000Z");
  // 29 February 2028 + 12 months → 28 February 2029.
  assert.equal(nextRequestAt(new Date("2028-02-29T12:00:00Z"), 12, zone).toISOString(), "2029-02-27T23:00:00.000Z");
  // 31 January 2027 + 13 months → 29 February 2028 (a leap year).
  assert.equal(nextRequestAt(new Date("2027-01-31T12:00:00Z"), 13, zone).toISOString(), "2028-02-28T23:00:00.000Z");
  // A local day, not a UTC one: 31 December 23:30 local is 22:30 UTC the same day.
  assert.equal(nextRequestAt(new Date("2026-12-31T22:30:00Z"), 12, zone).toISOString(), "2027-12-30T23:00:00.000Z");
  // In summer time the day starts at 22:00 UTC.
  assert.equal(nextRequestAt(new Date("2026-06-15T10:00:00Z"), 12, zone).toISOString(), "2027-06-14T22:00:00.000Z");
});

test("the reminder 14 local days after the request, before the stale moment; none when not before it", () => {
  const requested = new Date("2027-01-30T23:00:00Z");
  const staleAt = dueAt(requested, { unit: "calendarDays", amount: 30 }, zone);
  assert.equal(staleAt.toISOString(), "2027-03-02T22:59:59.999Z", "the end of the 30th local day after 31 January");
  assert.equal(reminderAt(requested, 14, staleAt, zone)?.toISOString(), "2027-02-13T23:00:00.000Z");
  assert.equal(reminderAt(requested, 31, staleAt, zone), null);
});
