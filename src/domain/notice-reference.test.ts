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
