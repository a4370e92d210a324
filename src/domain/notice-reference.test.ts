import { test } from "node:test";
import assert from "node:assert/strict";
import { noticeReference } from "./notice-reference.ts";

test("a notice's reference is N-<year>-<six digits>", () => {
  assert.equal(noticeReference(123, new Date("2026-05-04T10:00:00Z")), "N-2026-000123");
  assert.equal(noticeReference(1, new Date("2027-01-15T10:00:00Z")), "N-2027-000001");
});

test("numbers beyond six digits are kept whole", () => {
  assert.equal(noticeReference(12_345_678, new Date("2026-05-04T10:00:00Z")), "N-2026-12345678");
});

test("the year is the processor's (Amsterdam): New Year's night at 00:30 local is the new year", () => {
  // 2026-12-31T23:30Z is 2027-01-01 00:30 in Amsterdam.
  assert.equal(noticeReference(7, new Date("2026-12-31T23:30:00Z")), "N-2027-000007");
});

test("a number that is not a whole number is refused", () => {
  assert.throws(() => noticeReference(1.5, new Date("2026-05-04T10:00:00Z")), RangeError);
  assert.throws(() => noticeReference(-1, new Date("2026-05-04T10:00:00Z")), RangeError);
});

test("the year kept per hour is the zone's year at every minute around New Year's night, in winter and in summer time", () => {
  const zoneYear = new Intl.DateTimeFormat("en", { timeZone: "Europe/Amsterdam", year: "numeric" });
  for (const [from, to] of [
    ["2026-12-31T20:00:00Z", "2027-01-01T03:00:00Z"],
    ["2028-12-31T21:00:00Z", "2029-01-01T01:00:00Z"],
    ["2027-03-28T00:00:00Z", "2027-03-28T03:00:00Z"],
  ] as const) {
    for (let at = Date.parse(from); at <= Date.parse(to); at += 60_000) {
      // Asked in an order that tries the kept hours from both sides.
      for (const instant of [new Date(at), new Date(at + 59_999)]) {
        assert.equal(noticeReference(1, instant), `N-${zoneYear.format(instant)}-000001`, instant.toISOString());
      }
    }
  }
});
