import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { deleteSessionsOf, lockActiveUsersOf, revokeTokensOf, setUserDisabled, spendOpenLinks } from "./account-queries.ts";

/**
 * Closes every user of a customer at once, the last owner too (the one-owner rule is for a customer
 * that goes on; this one's agreement ended, art. 12.2): each is deactivated as `deactivateUser` does
 * (sessions ended, API tokens revoked, open links spent), with `user.deactivated` and the reason.
 * Returns how many were closed.
 */
export async function closeCustomerUsers(tx: Db, clock: Clock, actor: EventActor, controllerId: string, reason: string): Promise<number> {
  const now = clock.now();
  const active = await lockActiveUsersOf(tx, controllerId);
  const events = [];
  for (const user of active) {
    await setUserDisabled(tx, user.id, now);
    const sessionsEnded = await deleteSessionsOf(tx, user.id);
    const tokensRevoked = await revokeTokensOf(tx, user.id, now);
    const linksSpent = (await spendOpenLinks(tx, user.id, "invitation", now)) + (await spendOpenLinks(tx, user.id, "password_reset", now));
    events.push({
      type: "user.deactivated" as const,
      actor,
      controllerId,
      subject: { type: "user", id: user.id },
      data: { role: user.customerRole ?? "", sessionsEnded, tokensRevoked, linksSpent, reason },
    });
  }
  await recordEvents(tx, clock, events);
  return active.length;
}
