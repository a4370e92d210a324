import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { Clock } from "../../domain/clock.ts";
import type { RequestMeta } from "../../http/request-context.ts";
import { recordEvent, SYSTEM_ACTOR } from "../evidence/index.ts";
import { queueUserNotice } from "../notices/index.ts";
import { afterFailure, lockedForMs, LOGIN_POLICY, type ThrottleState } from "./login-throttle.ts";
import { lockThrottle, saveThrottle } from "./throttle-queries.ts";

export type LoginUser = { id: string; email: string; name: string; locale: "nl" | "en"; kind: "staff" | "customer"; controllerId: string | null };

/** A login attempt let through, charged as a failure until it succeeds; or refused while the account is locked. */
export type ChargedAttempt = { refusedForMs: number; lockedBy: null } | { refusedForMs: 0; lockedBy: ThrottleState | null };

/**
 * Charges one login attempt (or step-up) against the address typed, before its password is
 * checked: attempts in parallel are counted one by one under the row's lock, so no more than
 * LOGIN_POLICY.maxFailures guesses are ever checked before the account locks. A locked account's
 * attempt is refused without a check. `lockedBy` is set when this attempt's charge locked the
 * account; if the password is right the caller clears the count (`clearThrottle`) and the lock
 * with it, otherwise it records the lockout (`recordLockout`).
 */
export async function chargeLoginAttempt(db: Db, clock: Clock, account: string): Promise<ChargedAttempt> {
  const now = clock.now();
  return inScope(db, { kind: "processor" }, async (tx) => {
    const before = await lockThrottle(tx, account, now);
    const refusedForMs = lockedForMs(before, now);
    if (refusedForMs > 0) {
      return { refusedForMs, lockedBy: null };
    }
    const { state, locked } = afterFailure(before, now);
    await saveThrottle(tx, account, state);
    return { refusedForMs: 0, lockedBy: locked ? state : null };
  });
}

/**
 * An attempt that locked an existing account failed: `auth.account_locked` in its evidence and,
 * on the first lockout of a series, an e-mail to the user through the outbox, in one transaction.
 */
export async function recordLockout(db: Db, clock: Clock, user: LoginUser, state: ThrottleState, meta: RequestMeta): Promise<void> {
  const lockedUntil = (state.lockedUntil ?? clock.now()).toISOString();
  await inScope(db, { kind: "processor" }, async (tx) => {
    await recordEvent(tx, clock, {
      type: "auth.account_locked",
      actor: SYSTEM_ACTOR,
      controllerId: user.controllerId,
      subject: { type: "user", id: user.id },
      data: { lockedUntil, lockout: state.lockouts, failures: LOGIN_POLICY.maxFailures, ip: meta.ip, ipSource: meta.ipSource, proxyIp: meta.proxyIp },
    });
    if (state.lockouts === 1) {
      await queueUserNotice(tx, clock, SYSTEM_ACTOR, {
        user,
        data: { kind: "account_locked", failures: LOGIN_POLICY.maxFailures, lockedUntil },
        subject: { type: "user", id: user.id },
      });
    }
  });
}
