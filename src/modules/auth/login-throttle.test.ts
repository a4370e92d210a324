import { test } from "node:test";
import assert from "node:assert/strict";
import { afterFailure, lockedForMs, LOGIN_POLICY, retryAfterSeconds, type ThrottleState } from "./login-throttle.ts";

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 28, 9, 0, 0) + minutes * 60_000);

function fail(times: number, state: ThrottleState | null, minute: (i: number) => number) {
  let s = state;
  const locks: boolean[] = [];
  for (let i = 0; i < times; i += 1) {
    const next = afterFailure(s, at(minute(i)));
    s = next.state;
    locks.push(next.locked);
  }
  return { state: s, locks };
}

test("the fifth failure within 15 minutes locks the account for 5 minutes", () => {
  const { state, locks } = fail(5, null, (i) => i);
  assert.deepEqual(locks, [false, false, false, false, true]);
  assert.equal(lockedForMs(state, at(4)), LOGIN_POLICY.firstLockMs);
  assert.equal(lockedForMs(state, at(9)), 0);
  assert.equal(retryAfterSeconds(lockedForMs(state, at(4))), 300);
});

test("failures spread beyond the window do not lock", () => {
  const { locks } = fail(10, null, (i) => i * 4);
  assert.deepEqual(
    locks.filter((l) => l),
    [],
  );
});

test("each further lockout in a series lasts twice as long, up to a day", () => {
  const first = fail(5, null, () => 0).state;
  const second = fail(5, first, () => 10);
  assert.equal(second.locks.at(-1), true);
  assert.equal(lockedForMs(second.state, at(10)), 2 * LOGIN_POLICY.firstLockMs);
  let s = second.state;
  for (let round = 0; round < 12; round += 1) {
    s = fail(5, s, () => 20 + round).state;
  }
  assert.equal(lockedForMs(s, at(31)), LOGIN_POLICY.maxLockMs);
});

test("a day without failures starts a new series", () => {
  const first = fail(5, fail(5, null, () => 0).state, () => 10).state;
  const later = fail(5, first, () => 10 + 24 * 60);
  assert.equal(lockedForMs(later.state, at(10 + 24 * 60)), LOGIN_POLICY.firstLockMs);
  assert.equal(later.state?.lockouts, 1);
});
