import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { loginThrottles } from "../../db/schema/index.ts";
import type { ThrottleState } from "./login-throttle.ts";

/**
 * The account's state, its row locked for the rest of the transaction (created if missing), so two
 * processes counting failures of one account at once count both.
 */
export async function lockThrottle(tx: Db, email: string, now: Date): Promise<ThrottleState | null> {
  await tx.insert(loginThrottles).values({ email, failures: 0, windowStartedAt: now, lastFailureAt: now }).onConflictDoNothing();
  const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.email, email)).for("update");
  // A row just created has counted nothing yet.
  return row && row.failures === 0 && row.lockouts === 0 && row.lockedUntil === null ? null : (row ?? null);
}

export async function saveThrottle(tx: Db, email: string, state: ThrottleState): Promise<void> {
  await tx.update(loginThrottles).set(state).where(eq(loginThrottles.email, email));
}

/** A successful login forgets the account's failures (and its series of lockouts). */
export async function clearThrottle(db: Db, email: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.email, email));
}

/** Forgets accounts with no failure since `before` and no lock still running; returns how many. */
export async function forgetQuietThrottles(tx: Db, before: Date, now: Date): Promise<number> {
  const gone = await tx
    .delete(loginThrottles)
    .where(and(lt(loginThrottles.lastFailureAt, before), or(isNull(loginThrottles.lockedUntil), lt(loginThrottles.lockedUntil, now))))
    .returning({ email: loginThrottles.email });
  return gone.length;
}
