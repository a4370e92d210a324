import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SIGNING_REMINDER_DAYS, dueReminderDay, signingReminderDays } from "./signing-reminders.ts";

const ZONE = "Europe/Amsterdam";

test("the schedule is the template version's days, sorted and unique; the default when absent or unusable", () => {
  assert.deepEqual(signingReminderDays(undefined), [7, 14, 30]);
  assert.deepEqual(signingReminderDays(null), [...DEFAULT_SIGNING_REMINDER_DAYS]);
  assert.deepEqual(signingReminderDays([]), [7, 14, 30]);
  assert.deepEqual(signingReminderDays(["7", 0, -1, 1.5]), [7, 14, 30]);
  assert.deepEqual(signingReminderDays([21, 3, 3, 10]), [3, 10, 21]);
});

test("a day is due from the start of that local calendar day after the offer; only the latest due day counts", () => {
  // Offered Friday 27 March 2026 23:30 CET; summer time starts on Sunday the 29th.
  const offered = new Date("2026-03-27T22:30:00Z");
  // Day 2 = Sunday 29 March 00:00 CET = 28 March 23:00 UTC.
  assert.equal(dueReminderDay(offered, [2, 7], new Date("2026-03-28T22:59:59Z"), ZONE), null);
  assert.equal(dueReminderDay(offered, [2, 7], new Date("2026-03-28T23:00:00Z"), ZONE), 2);
  // Day 7 = Friday 3 April 00:00 CEST = 2 April 22:00 UTC.
  assert.equal(dueReminderDay(offered, [2, 7], new Date("2026-04-02T21:59:59Z"), ZONE), 2);
  assert.equal(dueReminderDay(offered, [2, 7], new Date("2026-04-02T22:00:00Z"), ZONE), 7);
  assert.equal(dueReminderDay(offered, [2, 7], new Date("2026-06-01T00:00:00Z"), ZONE), 7);
});
