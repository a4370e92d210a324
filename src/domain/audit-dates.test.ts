import { test } from "node:test";
import assert from "node:assert/strict";
import { auditDateAllowed, calendarDaysUntil, earliestAuditStart } from "./audit-dates.ts";

const zone = "Europe/Amsterdam";

test("the earliest audit start is 00:00 local on the 14th calendar day after the notice day (art. 10.2)", () => {
  const rows: [notice: string, earliest: string, why: string][] = [
    ["2026-06-01T10:00:00Z", "2026-06-14T22:00:00Z", "summer: 00:00 CEST is 22:00 UTC the day before"],
    ["2026-06-01T21:59:59Z", "2026-06-14T22:00:00Z", "23:59 local on the 1st still counts from the 1st"],
    ["2026-06-01T22:00:00Z", "2026-06-15T22:00:00Z", "00:00 local on the 2nd counts from the 2nd"],
    ["2026-01-10T12:00:00Z", "2026-01-23T23:00:00Z", "winter: 00:00 CET is 23:00 UTC"],
    ["2026-03-20T12:00:00Z", "2026-04-02T22:00:00Z", "over the spring DST change: the day still starts at 00:00 local"],
    ["2026-10-20T12:00:00Z", "2026-11-02T23:00:00Z", "over the autumn DST change"],
    ["2026-12-25T09:00:00Z", "2027-01-07T23:00:00Z", "holidays and weekends count, across the year"],
  ];
  for (const [notice, earliest, why] of rows) {
    assert.equal(earliestAuditStart(new Date(notice), 14, zone).toISOString(), new Date(earliest).toISOString(), why);
  }
});

test("a proposed date before the earliest start is not allowed; the earliest itself is", () => {
  const earliest = new Date("2026-06-14T22:00:00Z");
  const rows: [proposed: string, allowed: boolean][] = [
    ["2026-06-14T21:59:59.999Z", false],
    ["2026-06-14T22:00:00Z", true],
    ["2026-06-15T07:00:00Z", true],
    ["2026-06-01T10:00:00Z", false],
  ];
  for (const [proposed, allowed] of rows) {
    assert.equal(auditDateAllowed(new Date(proposed), earliest), allowed, proposed);
  }
});

test("the calendar days from today to a due date count local days, DST or not", () => {
  const rows: [from: string, due: string, days: number][] = [
    ["2026-06-01T10:00:00Z", "2026-06-01", 0],
    ["2026-06-01T10:00:00Z", "2026-06-15", 14],
    ["2026-06-01T22:30:00Z", "2026-06-15", 13],
    ["2026-03-28T12:00:00Z", "2026-03-30", 2],
    ["2026-10-24T12:00:00Z", "2026-10-26", 2],
    ["2026-06-10T10:00:00Z", "2026-06-01", -9],
  ];
  for (const [from, due, days] of rows) {
    assert.equal(calendarDaysUntil(new Date(from), due, zone), days, `${from} → ${due}`);
  }
});
