import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { closeCustomerUsers } from "../auth/index.ts";
import { recordEvent, SYSTEM_ACTOR } from "../evidence/index.ts";
import { claimPortalsToClose, subjectOf, updateEnding } from "./queries.ts";
import { endingWords } from "./words.ts";

/**
 * Sweep task (art. 12.2): the customer's portal stays readable `portalReadableDays` after the end so
 * it can download its evidence; then every one of its users is closed (deactivated, sessions ended,
 * API tokens revoked), once (claimed with SKIP LOCKED), with `ending.portal_closed`.
 */
export async function sweepReadablePortals(tx: Db, clock: Clock): Promise<number> {
  const due = await claimPortalsToClose(tx, clock.now());
  for (const ending of due) {
    const reference = endingWords.reference(ending.number);
    const closed = await closeCustomerUsers(tx, clock, SYSTEM_ACTOR, ending.controllerId, `end of agreement ${reference}: portal readable period passed`);
    await updateEnding(tx, ending.id, { portalClosedAt: clock.now() });
    await recordEvent(tx, clock, {
      type: "ending.portal_closed",
      actor: SYSTEM_ACTOR,
      controllerId: ending.controllerId,
      subject: subjectOf(ending.id),
      data: { reference, portalClosesAt: ending.portalClosesAt.toISOString(), usersClosed: closed },
    });
  }
  return due.length;
}
