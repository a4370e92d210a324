import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_ZONE,
  addHours,
  dueAt,
  endOfCalendarDays,
  endOfMonthsAfter,
  formatDate,
  formatInstant,
  isOverdue,
  localDate,
  metInTime,
  remaining,
  reminderInstants,
  startOfCalendarDayAfter,
} from "./legal-time.ts";
import type { Clock, ClockUnit, Zone } from "./legal-time.ts";

// Europe/Amsterdam in 2026: CET (UTC+1) until Sun 29 March 01:00Z (02:00 → 03:00 local),
// CEST (UTC+2) until Sun 25 October 01:00Z (03:00 → 02:00 local). Inputs and expectations are
// written as UTC instants, with the local time they stand for in the comment.
const AMS = DEFAULT_ZONE;
const NYC = "America/New_York"; // EDT (UTC−4) from Sun 8 March 2026.
const at = (iso: string): Date => new Date(iso);

describe("addHours: exact elapsed time (art. 6.1, 9.2, 11.5)", () => {
  const rows: { why: string; trigger: string; hours: number; due: string }[] = [
    // DESIGN.md example: Sat 28 Mar 10:00 CET + 48 h = Mon 30 Mar 11:00 CEST (the lost hour shows).
    { why: "48 h over the March change", trigger: "2026-03-28T09:00:00.000Z", hours: 48, due: "2026-03-30T09:00:00.000Z" },
    // Fri 23 Oct 10:00 CEST + 48 h = Sun 25 Oct 09:00 CET: the repeated hour takes one off the clock.
    { why: "48 h over the October change", trigger: "2026-10-23T08:00:00.000Z", hours: 48, due: "2026-10-25T08:00:00.000Z" },
    // Sat 28 Mar 12:00 CET + 24 h = Sun 29 Mar 13:00 CEST, not "same time tomorrow".
    { why: "24 h is not one calendar day", trigger: "2026-03-28T11:00:00.000Z", hours: 24, due: "2026-03-29T11:00:00.000Z" },
    // First 02:30 (CEST) on 25 Oct + 1 h = second 02:30 (CET): same wall clock, one hour later.
    { why: "inside the repeated hour", trigger: "2026-10-25T00:30:00.000Z", hours: 1, due: "2026-10-25T01:30:00.000Z" },
    // Milliseconds of the trigger are kept: nothing is rounded to the minute.
    { why: "keeps milliseconds", trigger: "2026-06-01T12:34:56.789Z", hours: 72, due: "2026-06-04T12:34:56.789Z" },
    { why: "0 h is the trigger itself", trigger: "2026-06-01T12:00:00.000Z", hours: 0, due: "2026-06-01T12:00:00.000Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.equal(addHours(at(row.trigger), row.hours).toISOString(), row.due);
    });
  }

  test("rejects a negative amount and an invalid Date instead of returning a bogus deadline", () => {
    assert.throws(() => addHours(at("2026-06-01T12:00:00Z"), -1), RangeError);
    assert.throws(() => addHours(new Date(Number.NaN), 48), RangeError);
  });
});

describe("endOfCalendarDays: within N cd, ends 23:59:59.999 local on day N", () => {
  const rows: { why: string; trigger: string; days: number; zone: Zone; end: string }[] = [
    // Sun 15 Mar 10:00 CET + 14 cd: ends on 29 Mar, the spring DST day, whose end is in CEST (UTC+2).
    { why: "end day is the March DST day", trigger: "2026-03-15T09:00:00.000Z", days: 14, zone: AMS, end: "2026-03-29T21:59:59.999Z" },
    // Sun 11 Oct 10:00 CEST + 14 cd: ends on 25 Oct, the autumn DST day, whose end is in CET (UTC+1).
    { why: "end day is the October DST day", trigger: "2026-10-11T08:00:00.000Z", days: 14, zone: AMS, end: "2026-10-25T22:59:59.999Z" },
    // Trigger Sun 29 Mar 12:00 CEST (the DST day itself does not count) → Sun 12 Apr 23:59:59.999 CEST.
    { why: "trigger day is the March DST day", trigger: "2026-03-29T10:00:00.000Z", days: 14, zone: AMS, end: "2026-04-12T21:59:59.999Z" },
    // Trigger in the first 02:30 (CEST) of 25 Oct → Sun 8 Nov 23:59:59.999 CET.
    { why: "trigger day is the October DST day", trigger: "2026-10-25T00:30:00.000Z", days: 14, zone: AMS, end: "2026-11-08T22:59:59.999Z" },
    // Window spans the March change: Fri 20 Mar CET → Fri 3 Apr, ending in CEST.
    { why: "window spans the March change", trigger: "2026-03-20T09:00:00.000Z", days: 14, zone: AMS, end: "2026-04-03T21:59:59.999Z" },
    // Wed 11 Mar 00:30 CET is still 10 Mar in UTC: the local day (11th) is the one that does not count.
    { why: "local date, not UTC date (just after local midnight)", trigger: "2026-03-10T23:30:00.000Z", days: 14, zone: AMS, end: "2026-03-25T22:59:59.999Z" },
    // Tue 10 Mar 23:30 EDT is already 11 Mar in UTC: counting starts after the local 10th.
    { why: "local date, not UTC date (23:30 local, other zone)", trigger: "2026-03-11T03:30:00.000Z", days: 14, zone: NYC, end: "2026-03-25T03:59:59.999Z" },
    // Trigger exactly at local midnight Fri 1 May 00:00 CEST: 1 May is the trigger day, so → 15 May.
    { why: "trigger exactly at local midnight", trigger: "2026-04-30T22:00:00.000Z", days: 14, zone: AMS, end: "2026-05-15T21:59:59.999Z" },
    // One ms earlier is still Thu 30 April locally: the deadline is a whole day earlier.
    { why: "trigger one ms before local midnight", trigger: "2026-04-30T21:59:59.999Z", days: 14, zone: AMS, end: "2026-05-14T21:59:59.999Z" },
    // Leap year: Sun 20 Feb 2028 + 14 cd passes 29 Feb and ends Sun 5 Mar 2028 23:59:59.999 CET.
    { why: "spans the leap day 29 Feb 2028", trigger: "2028-02-20T09:00:00.000Z", days: 14, zone: AMS, end: "2028-03-05T22:59:59.999Z" },
    // Same date in a common year ends a day later: 20 Feb 2026 + 14 cd = 6 Mar 2026.
    { why: "same window in a common year", trigger: "2026-02-20T09:00:00.000Z", days: 14, zone: AMS, end: "2026-03-06T22:59:59.999Z" },
    // Fri 13 Mar + 2 cd ends Sun 15 Mar: weekends count, no roll to Monday.
    { why: "weekends count", trigger: "2026-03-13T09:00:00.000Z", days: 2, zone: AMS, end: "2026-03-15T22:59:59.999Z" },
    // Sun 20 Dec + 14 cd passes Christmas and New Year: holidays count, ends Sun 3 Jan 2027.
    { why: "holidays and the year end count", trigger: "2026-12-20T09:00:00.000Z", days: 14, zone: AMS, end: "2027-01-03T22:59:59.999Z" },
    // 0 cd: the end of the trigger's own local day.
    { why: "0 cd is the end of the trigger day", trigger: "2026-06-01T08:00:00.000Z", days: 0, zone: AMS, end: "2026-06-01T21:59:59.999Z" },
    // In UTC the same trigger ends at 23:59:59.999Z: the zone is a parameter, not a constant.
    { why: "zone is a parameter (UTC)", trigger: "2026-03-15T09:00:00.000Z", days: 14, zone: "UTC", end: "2026-03-29T23:59:59.999Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.equal(endOfCalendarDays(at(row.trigger), row.days, row.zone).toISOString(), row.end);
    });
  }

  test("rejects a fractional or negative number of days", () => {
    assert.throws(() => endOfCalendarDays(at("2026-06-01T08:00:00Z"), 1.5, AMS), RangeError);
    assert.throws(() => endOfCalendarDays(at("2026-06-01T08:00:00Z"), -1, AMS), RangeError);
  });

  test("rejects an unknown zone", () => {
    assert.throws(() => endOfCalendarDays(at("2026-06-01T08:00:00Z"), 14, "Europe/Atlantis"), RangeError);
  });
});

describe("startOfCalendarDayAfter: takes place N cd after notice (art. 10.2)", () => {
  const rows: { why: string; trigger: string; days: number; zone: Zone; start: string }[] = [
    // Notice Sun 15 Mar 16:00 CET → earliest Sun 29 Mar 00:00, still CET (the change is at 02:00).
    { why: "start day is the March DST day", trigger: "2026-03-15T15:00:00.000Z", days: 14, zone: AMS, start: "2026-03-28T23:00:00.000Z" },
    // Notice Sun 11 Oct 09:00 CEST → earliest Sun 25 Oct 00:00, still CEST.
    { why: "start day is the October DST day", trigger: "2026-10-11T07:00:00.000Z", days: 14, zone: AMS, start: "2026-10-24T22:00:00.000Z" },
    // Notice Fri 20 Mar CET → Fri 3 Apr 00:00 CEST (UTC+2).
    { why: "window spans the March change", trigger: "2026-03-20T09:00:00.000Z", days: 14, zone: AMS, start: "2026-04-02T22:00:00.000Z" },
    // Notice Wed 11 Mar 00:30 CET (10 Mar in UTC) counts from the local 11th → Wed 25 Mar 00:00 CET.
    { why: "local date, not UTC date", trigger: "2026-03-10T23:30:00.000Z", days: 14, zone: AMS, start: "2026-03-24T23:00:00.000Z" },
    // Notice at exactly local midnight Fri 1 May 00:00 CEST → Fri 15 May 00:00 CEST.
    { why: "notice exactly at local midnight", trigger: "2026-04-30T22:00:00.000Z", days: 14, zone: AMS, start: "2026-05-14T22:00:00.000Z" },
    // Notice Tue 10 Mar 23:30 EDT (11 Mar UTC) → Tue 24 Mar 00:00 EDT.
    { why: "zone is a parameter (New York)", trigger: "2026-03-11T03:30:00.000Z", days: 14, zone: NYC, start: "2026-03-24T04:00:00.000Z" },
    // Santiago skips 00:00 → 01:00 on Sun 6 Sep 2026: the day starts at 01:00 −03:00.
    {
      why: "a day whose midnight does not exist starts at its first instant",
      trigger: "2026-08-23T16:00:00.000Z",
      days: 14,
      zone: "America/Santiago",
      start: "2026-09-06T04:00:00.000Z",
    },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.equal(startOfCalendarDayAfter(at(row.trigger), row.days, row.zone).toISOString(), row.start);
    });
  }
});

describe("endOfMonthsAfter: N months, same date or the month's last day (art. 11.6)", () => {
  const rows: { why: string; trigger: string; months: number; zone: Zone; end: string }[] = [
    // Sat 31 Jan 2026 + 1 month: 31 Feb does not exist → Sat 28 Feb 23:59:59.999 CET.
    { why: "31 Jan + 1 month, common year", trigger: "2026-01-31T09:00:00.000Z", months: 1, zone: AMS, end: "2026-02-28T22:59:59.999Z" },
    // Mon 31 Jan 2028 + 1 month → Tue 29 Feb 2028 (leap year).
    { why: "31 Jan + 1 month, leap year", trigger: "2028-01-31T09:00:00.000Z", months: 1, zone: AMS, end: "2028-02-29T22:59:59.999Z" },
    // Tue 31 Mar + 1 month: 31 Apr does not exist → Thu 30 Apr 23:59:59.999 CEST.
    { why: "31 Mar + 1 month ends 30 Apr", trigger: "2026-03-31T08:00:00.000Z", months: 1, zone: AMS, end: "2026-04-30T21:59:59.999Z" },
    // Thu 30 Apr + 1 month → Sat 30 May, not the last day of May: same date where it exists.
    { why: "30 Apr + 1 month ends 30 May, not 31 May", trigger: "2026-04-30T08:00:00.000Z", months: 1, zone: AMS, end: "2026-05-30T21:59:59.999Z" },
    // Thu 31 Dec 2026 + 1 month → Sun 31 Jan 2027: the year rolls over.
    { why: "31 Dec + 1 month, next year", trigger: "2026-12-31T09:00:00.000Z", months: 1, zone: AMS, end: "2027-01-31T22:59:59.999Z" },
    // Thu 31 Dec 2026 + 2 months → Sun 28 Feb 2027.
    { why: "31 Dec + 2 months, next year's February", trigger: "2026-12-31T09:00:00.000Z", months: 2, zone: AMS, end: "2027-02-28T22:59:59.999Z" },
    // Tue 29 Feb 2028 + 12 months: no 29 Feb 2029 → Wed 28 Feb 2029.
    { why: "leap day + 12 months", trigger: "2028-02-29T09:00:00.000Z", months: 12, zone: AMS, end: "2029-02-28T22:59:59.999Z" },
    // Tue 29 Feb 2028 + 48 months → Sun 29 Feb 2032: the date exists again.
    { why: "leap day + 48 months", trigger: "2028-02-29T09:00:00.000Z", months: 48, zone: AMS, end: "2032-02-29T22:59:59.999Z" },
    // Sat 25 Oct 2025 + 12 months → Sun 25 Oct 2026, the autumn DST day, ending in CET.
    { why: "end day is the October DST day", trigger: "2025-10-25T08:00:00.000Z", months: 12, zone: AMS, end: "2026-10-25T22:59:59.999Z" },
    // Sun 1 Mar 00:30 CET is 28 Feb in UTC: + 1 month from the local date → Wed 1 Apr CEST.
    { why: "local date, not UTC date", trigger: "2026-02-28T23:30:00.000Z", months: 1, zone: AMS, end: "2026-04-01T21:59:59.999Z" },
    // 0 months: end of the trigger's own local day.
    { why: "0 months is the end of the trigger day", trigger: "2026-06-01T08:00:00.000Z", months: 0, zone: AMS, end: "2026-06-01T21:59:59.999Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.equal(endOfMonthsAfter(at(row.trigger), row.months, row.zone).toISOString(), row.end);
    });
  }
});

describe("dueAt: dispatches on the clock's unit", () => {
  // One trigger for all rows: Sat 28 Mar 2026 10:00 CET, the day before the spring change.
  const trigger = at("2026-03-28T09:00:00.000Z");
  const rows: { why: string; clock: Clock; due: string }[] = [
    { why: "48 h breach notice (art. 6.1): Mon 30 Mar 11:00 CEST", clock: { unit: "hours", amount: 48 }, due: "2026-03-30T09:00:00.000Z" },
    { why: "14 cd objection (art. 5.2): Sat 11 Apr 23:59:59.999 CEST", clock: { unit: "calendarDays", amount: 14 }, due: "2026-04-11T21:59:59.999Z" },
    { why: "audit 14 cd after notice (art. 10.2): Sat 11 Apr 00:00 CEST", clock: { unit: "calendarDaysStart", amount: 14 }, due: "2026-04-10T22:00:00.000Z" },
    { why: "12 months claim lapse (art. 11.6): Sun 28 Mar 2027 23:59:59.999 CEST", clock: { unit: "months", amount: 12 }, due: "2027-03-28T21:59:59.999Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.equal(dueAt(trigger, row.clock, AMS).toISOString(), row.due);
    });
  }
});

describe("reminderInstants: 50 %, 80 % and 2 h before an hour clock", () => {
  const rows: { why: string; start: string; due: string; unit: ClockUnit; reminders: string[] }[] = [
    // 48 h: +24 h, +38 h 24 min, and due − 2 h.
    {
      why: "48 h clock gets all three",
      start: "2026-03-28T09:00:00.000Z",
      due: "2026-03-30T09:00:00.000Z",
      unit: "hours",
      reminders: ["2026-03-29T09:00:00.000Z", "2026-03-29T23:24:00.000Z", "2026-03-30T07:00:00.000Z"],
    },
    // A 10-day span (not hours): only 50 % and 80 %, no 2 h-before reminder.
    {
      why: "calendar-day clock gets no 2 h reminder",
      start: "2026-01-01T00:00:00.000Z",
      due: "2026-01-11T00:00:00.000Z",
      unit: "calendarDays",
      reminders: ["2026-01-06T00:00:00.000Z", "2026-01-09T00:00:00.000Z"],
    },
    // 10 h: 80 % is exactly due − 2 h, so it appears once.
    {
      why: "80 % and 2 h before coincide: deduplicated",
      start: "2026-06-01T00:00:00.000Z",
      due: "2026-06-01T10:00:00.000Z",
      unit: "hours",
      reminders: ["2026-06-01T05:00:00.000Z", "2026-06-01T08:00:00.000Z"],
    },
    // 5 h: 50 % at +2 h 30, due − 2 h at +3 h, 80 % at +4 h: returned in time order.
    {
      why: "sorted when 2 h before falls between 50 % and 80 %",
      start: "2026-06-01T00:00:00.000Z",
      due: "2026-06-01T05:00:00.000Z",
      unit: "hours",
      reminders: ["2026-06-01T02:30:00.000Z", "2026-06-01T03:00:00.000Z", "2026-06-01T04:00:00.000Z"],
    },
    // 4 h: due − 2 h equals 50 %, so it appears once.
    {
      why: "50 % and 2 h before coincide: deduplicated",
      start: "2026-06-01T00:00:00.000Z",
      due: "2026-06-01T04:00:00.000Z",
      unit: "hours",
      reminders: ["2026-06-01T02:00:00.000Z", "2026-06-01T03:12:00.000Z"],
    },
    // 1 h: due − 2 h is before start, so it is left out.
    {
      why: "2 h before is dropped when it is before start",
      start: "2026-06-01T00:00:00.000Z",
      due: "2026-06-01T01:00:00.000Z",
      unit: "hours",
      reminders: ["2026-06-01T00:30:00.000Z", "2026-06-01T00:48:00.000Z"],
    },
    // Exactly 2 h: due − 2 h is start itself, not strictly after it.
    {
      why: "2 h before is dropped when it equals start",
      start: "2026-06-01T00:00:00.000Z",
      due: "2026-06-01T02:00:00.000Z",
      unit: "hours",
      reminders: ["2026-06-01T01:00:00.000Z", "2026-06-01T01:36:00.000Z"],
    },
    // 1 ms span: 50 % and 80 % round down to start, so nothing lies strictly between.
    { why: "nothing fits in a 1 ms span", start: "2026-06-01T00:00:00.000Z", due: "2026-06-01T00:00:00.001Z", unit: "hours", reminders: [] },
    // Due not after start (e.g. a clock of 0): no reminders.
    { why: "no reminders when due is not after start", start: "2026-06-01T00:00:00.000Z", due: "2026-06-01T00:00:00.000Z", unit: "months", reminders: [] },
  ];
  for (const row of rows) {
    test(row.why, () => {
      const got = reminderInstants(at(row.start), at(row.due), row.unit).map((d) => d.toISOString());
      assert.deepEqual(got, row.reminders);
    });
  }
});

describe("isOverdue, metInTime, remaining: the due instant itself is still in time", () => {
  const due = at("2026-03-30T09:00:00.000Z");
  const rows: { why: string; now: string; overdue: boolean; inTime: boolean; milliseconds: number }[] = [
    { why: "an hour before due", now: "2026-03-30T08:00:00.000Z", overdue: false, inTime: true, milliseconds: 3_600_000 },
    { why: "1 ms before due", now: "2026-03-30T08:59:59.999Z", overdue: false, inTime: true, milliseconds: 1 },
    { why: "exactly at due is in time", now: "2026-03-30T09:00:00.000Z", overdue: false, inTime: true, milliseconds: 0 },
    { why: "1 ms after due is late", now: "2026-03-30T09:00:00.001Z", overdue: true, inTime: false, milliseconds: 1 },
    { why: "an hour after due: milliseconds counts time since due", now: "2026-03-30T10:00:00.000Z", overdue: true, inTime: false, milliseconds: 3_600_000 },
  ];
  for (const row of rows) {
    test(row.why, () => {
      const now = at(row.now);
      assert.equal(isOverdue(due, now), row.overdue);
      assert.equal(metInTime(due, now), row.inTime);
      assert.deepEqual(remaining(due, now), { overdue: row.overdue, milliseconds: row.milliseconds });
    });
  }
});

describe("formatInstant, formatDate, localDate: local time with its offset", () => {
  const rows: { why: string; instant: string; zone: Zone; nl: string; en: string; date: string }[] = [
    // Sat 28 Mar 10:00 CET, before the spring change.
    {
      why: "before the March change (CET)",
      instant: "2026-03-28T09:00:00.000Z",
      zone: AMS,
      nl: "28-03-2026 10:00 (UTC+01:00)",
      en: "28 Mar 2026 10:00 (UTC+01:00)",
      date: "2026-03-28",
    },
    // Mon 30 Mar 11:00 CEST, the DESIGN.md example after the change.
    {
      why: "after the March change (CEST)",
      instant: "2026-03-30T09:00:00.000Z",
      zone: AMS,
      nl: "30-03-2026 11:00 (UTC+02:00)",
      en: "30 Mar 2026 11:00 (UTC+02:00)",
      date: "2026-03-30",
    },
    // 25 Oct: the first 02:30 (CEST) and the second 02:30 (CET) differ only by their offset.
    {
      why: "first 02:30 of the October change",
      instant: "2026-10-25T00:30:00.000Z",
      zone: AMS,
      nl: "25-10-2026 02:30 (UTC+02:00)",
      en: "25 Oct 2026 02:30 (UTC+02:00)",
      date: "2026-10-25",
    },
    {
      why: "second 02:30 of the October change",
      instant: "2026-10-25T01:30:00.000Z",
      zone: AMS,
      nl: "25-10-2026 02:30 (UTC+01:00)",
      en: "25 Oct 2026 02:30 (UTC+01:00)",
      date: "2026-10-25",
    },
    // 23:30Z on 10 Mar is 00:30 on the 11th in Amsterdam: the local date is shown, 24-hour clock.
    {
      why: "local date differs from UTC date",
      instant: "2026-03-10T23:30:00.000Z",
      zone: AMS,
      nl: "11-03-2026 00:30 (UTC+01:00)",
      en: "11 Mar 2026 00:30 (UTC+01:00)",
      date: "2026-03-11",
    },
    // Local midnight is 00:00, never 24:00.
    {
      why: "local midnight shows as 00:00",
      instant: "2026-04-30T22:00:00.000Z",
      zone: AMS,
      nl: "01-05-2026 00:00 (UTC+02:00)",
      en: "1 May 2026 00:00 (UTC+02:00)",
      date: "2026-05-01",
    },
    // The end of a calendar-day window shows as 23:59 of its day, not the next day.
    {
      why: "end of a calendar-day window",
      instant: "2026-03-29T21:59:59.999Z",
      zone: AMS,
      nl: "29-03-2026 23:59 (UTC+02:00)",
      en: "29 Mar 2026 23:59 (UTC+02:00)",
      date: "2026-03-29",
    },
    // September is "Sep", as in the other months' three-letter abbreviations.
    {
      why: "September abbreviation",
      instant: "2026-09-15T12:00:00.000Z",
      zone: AMS,
      nl: "15-09-2026 14:00 (UTC+02:00)",
      en: "15 Sep 2026 14:00 (UTC+02:00)",
      date: "2026-09-15",
    },
    // New York: 23:30 EDT on the 10th, a negative offset.
    {
      why: "another zone with a negative offset",
      instant: "2026-03-11T03:30:00.000Z",
      zone: NYC,
      nl: "10-03-2026 23:30 (UTC-04:00)",
      en: "10 Mar 2026 23:30 (UTC-04:00)",
      date: "2026-03-10",
    },
    {
      why: "UTC itself",
      instant: "2026-03-11T03:30:00.000Z",
      zone: "UTC",
      nl: "11-03-2026 03:30 (UTC+00:00)",
      en: "11 Mar 2026 03:30 (UTC+00:00)",
      date: "2026-03-11",
    },
  ];
  const timeAndOffset = / \d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/;
  for (const row of rows) {
    test(row.why, () => {
      const instant = at(row.instant);
      assert.equal(formatInstant(instant, row.zone, "nl"), row.nl);
      assert.equal(formatInstant(instant, row.zone, "en"), row.en);
      // formatDate is formatInstant without " HH:MM (UTC±hh:mm)".
      assert.equal(formatDate(instant, row.zone, "nl"), row.nl.replace(timeAndOffset, ""));
      assert.equal(formatDate(instant, row.zone, "en"), row.en.replace(timeAndOffset, ""));
      assert.equal(localDate(instant, row.zone), row.date);
    });
  }

  test("does not depend on the machine's TZ", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Kiritimati"; // UTC+14: a machine-local date would be a day off.
      const instant = at("2026-03-10T23:30:00.000Z");
      assert.equal(formatInstant(instant, AMS, "nl"), "11-03-2026 00:30 (UTC+01:00)");
      assert.equal(localDate(instant, NYC), "2026-03-10");
      assert.equal(endOfCalendarDays(instant, 14, AMS).toISOString(), "2026-03-25T22:59:59.999Z");
    } finally {
      if (saved === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = saved;
      }
    }
  });
});
