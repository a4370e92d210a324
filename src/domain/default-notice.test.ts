import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cureClockDays, cureDeadline, defaultNoticeTiming, formatElapsed } from "./default-notice.ts";

const AMS = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);

describe("defaultNoticeTiming (art. 11.5: within 48 hours, elapsed time)", () => {
  const rows: { why: string; learned: string; given: string; late: boolean; minutes: number; deadline: string }[] = [
    { why: "within a day", learned: "2026-06-01T08:00:00Z", given: "2026-06-02T07:59:00Z", late: false, minutes: 1439, deadline: "2026-06-03T08:00:00.000Z" },
    {
      why: "exactly 48 hours is in time",
      learned: "2026-06-01T08:00:00Z",
      given: "2026-06-03T08:00:00Z",
      late: false,
      minutes: 2880,
      deadline: "2026-06-03T08:00:00.000Z",
    },
    {
      why: "one millisecond over is later",
      learned: "2026-06-01T08:00:00Z",
      given: "2026-06-03T08:00:00.001Z",
      late: true,
      minutes: 2880,
      deadline: "2026-06-03T08:00:00.000Z",
    },
    // Sat 28 March 10:00 CET + 48 h = Mon 30 March 11:00 CEST: at 10:30 local on Monday it is in time.
    {
      why: "over the March DST change: elapsed, not wall-clock",
      learned: "2026-03-28T09:00:00Z",
      given: "2026-03-30T08:30:00Z",
      late: false,
      minutes: 2850,
      deadline: "2026-03-30T09:00:00.000Z",
    },
    // Fri 23 Oct 10:00 CEST + 48 h = Sun 25 Oct 09:00 CET: at 09:30 local it is later.
    {
      why: "over the October DST change",
      learned: "2026-10-23T08:00:00Z",
      given: "2026-10-25T08:30:00Z",
      late: true,
      minutes: 2910,
      deadline: "2026-10-25T08:00:00.000Z",
    },
    { why: "at once", learned: "2026-06-01T08:00:00Z", given: "2026-06-01T08:00:00Z", late: false, minutes: 0, deadline: "2026-06-03T08:00:00.000Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      const got = defaultNoticeTiming(at(row.learned), at(row.given));
      assert.equal(got.late, row.late);
      assert.equal(got.elapsedMinutes, row.minutes);
      assert.equal(got.deadline.toISOString(), row.deadline);
    });
  }
  test("learning of it after giving notice is refused", () => {
    assert.throws(() => defaultNoticeTiming(at("2026-06-02T00:00:00Z"), at("2026-06-01T00:00:00Z")), RangeError);
  });
  test("elapsed time in words", () => {
    assert.equal(formatElapsed(2910, "nl"), "48 u 30 min");
    assert.equal(formatElapsed(59, "en"), "0 h 59 min");
  });
});

describe("the cure date (art. 11.5): the end of its local day, on or after today", () => {
  const rows: { why: string; now: string; date: string; days: number | null; deadline: string | null }[] = [
    { why: "two weeks ahead", now: "2026-06-01T08:00:00Z", date: "2026-06-15", days: 14, deadline: "2026-06-15T21:59:59.999Z" },
    { why: "today itself", now: "2026-06-01T08:00:00Z", date: "2026-06-01", days: 0, deadline: "2026-06-01T21:59:59.999Z" },
    // 23:30 CEST on 1 June is 21:30 UTC: the local day is 1 June, so 1 June is still today.
    { why: "late in the local evening", now: "2026-06-01T21:30:00Z", date: "2026-06-01", days: 0, deadline: "2026-06-01T21:59:59.999Z" },
    // 00:30 CEST on 2 June is 22:30 UTC on 1 June: 1 June is past locally.
    { why: "yesterday locally, though today in UTC", now: "2026-06-01T22:30:00Z", date: "2026-06-01", days: null, deadline: null },
    { why: "a date that does not exist", now: "2026-06-01T08:00:00Z", date: "2026-02-30", days: null, deadline: null },
    { why: "not a date", now: "2026-06-01T08:00:00Z", date: "soon", days: null, deadline: null },
    { why: "into winter time", now: "2026-10-20T08:00:00Z", date: "2026-10-30", days: 10, deadline: "2026-10-30T22:59:59.999Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.equal(cureClockDays(at(row.now), row.date, AMS), row.days);
      assert.equal(cureDeadline(at(row.now), row.date, AMS)?.toISOString() ?? null, row.deadline);
    });
  }
});
