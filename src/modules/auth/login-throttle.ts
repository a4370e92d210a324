// Failed logins per account: the pure rule. The state is kept per address typed (whether or not a
// user has it, so the answer never tells), in login_throttles; the clock is a parameter.

export const LOGIN_POLICY = {
  /** Failures within the window that lock the account. */
  maxFailures: 5,
  windowMs: 15 * 60_000,
  /** The first lockout; each further one in a series lasts twice as long, up to maxLockMs. */
  firstLockMs: 5 * 60_000,
  maxLockMs: 24 * 60 * 60_000,
  /** A day without failures ends a series: the next lockout is a first one again. */
  forgetAfterMs: 24 * 60 * 60_000,
} as const;

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lastFailureAt: Date;
  lockouts: number;
  lockedUntil: Date | null;
}

/** Milliseconds the account stays locked from `now`; 0 when it is not locked. */
export function lockedForMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) {
    return 0;
  }
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/** Whole seconds for Retry-After (RFC 9110 §10.2.3), at least 1 while locked. */
export function retryAfterSeconds(lockedMs: number): number {
  return Math.max(1, Math.ceil(lockedMs / 1000));
}

/**
 * The state after one more failure at `now`, and whether this failure locked the account. The
 * maxFailures-th failure within the window locks it for firstLockMs × 2^(lockouts before), at most
 * maxLockMs; the count then starts again.
 */
export function afterFailure(state: ThrottleState | null, now: Date): { state: ThrottleState; locked: boolean } {
  const t = now.getTime();
  const forgotten = !state || t - state.lastFailureAt.getTime() >= LOGIN_POLICY.forgetAfterMs;
  const lockouts = forgotten ? 0 : state.lockouts;
  const windowOpen = !forgotten && t - state.windowStartedAt.getTime() < LOGIN_POLICY.windowMs;
  const failures = (windowOpen ? state.failures : 0) + 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  const stillLocked = forgotten ? null : state.lockedUntil;
  if (failures < LOGIN_POLICY.maxFailures) {
    return { state: { failures, windowStartedAt, lastFailureAt: now, lockouts, lockedUntil: stillLocked }, locked: false };
  }
  const lockMs = Math.min(LOGIN_POLICY.maxLockMs, LOGIN_POLICY.firstLockMs * 2 ** Math.min(lockouts, 30));
  return {
    state: { failures: 0, windowStartedAt: now, lastFailureAt: now, lockouts: lockouts + 1, lockedUntil: new Date(t + lockMs) },
    locked: true,
  };
}
