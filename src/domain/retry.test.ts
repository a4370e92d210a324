import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { maxAttempts, nextAttemptAt, RETRY_SCHEDULES } from "./retry.ts";

const now = new Date("2026-03-28T09:00:00.000Z");
const later = (attemptsMade: number, channel: "email" | "webhook") => {
  const at = nextAttemptAt(channel, attemptsMade, now);
  return at === null ? null : (at.getTime() - now.getTime()) / 1000;
};

describe("nextAttemptAt", () => {
  test("webhooks follow the Standard Webhooks schedule: now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then give up", () => {
    const seconds = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => later(n, "webhook"));
    assert.deepEqual(seconds, [0, 5, 300, 1800, 7200, 18000, 36000, 36000, null]);
    assert.equal(maxAttempts("webhook"), 8);
  });

  test("email: now, 1 min, 5 min, 30 min, 2 h, 6 h, then give up", () => {
    const seconds = [0, 1, 2, 3, 4, 5, 6].map((n) => later(n, "email"));
    assert.deepEqual(seconds, [0, 60, 300, 1800, 7200, 21600, null]);
    assert.equal(maxAttempts("email"), 6);
  });

  test("is counted from the failure passed in, and is deterministic", () => {
    const failure = new Date("2026-10-25T00:59:30.000Z"); // just before the October clock change: instants are UTC
    assert.equal(nextAttemptAt("email", 1, failure)?.toISOString(), "2026-10-25T01:00:30.000Z");
    assert.deepEqual(nextAttemptAt("webhook", 3, failure), nextAttemptAt("webhook", 3, failure));
  });

  test("the total span stays within a day and a half", () => {
    const total = (channel: "email" | "webhook") => RETRY_SCHEDULES[channel].reduce((a, b) => a + b, 0) / 3_600_000;
    assert.equal(total("webhook"), 27 + 35 / 60 + 5 / 3600);
    assert.equal(total("email"), 8 + 36 / 60);
  });

  test("refuses nonsense instead of scheduling a bogus time", () => {
    assert.throws(() => nextAttemptAt("email", -1, now), RangeError);
    assert.throws(() => nextAttemptAt("email", 1.5, now), RangeError);
    assert.throws(() => nextAttemptAt("webhook", 0, new Date(Number.NaN)), RangeError);
  });
});
