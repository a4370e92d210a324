import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor, BreakGlassGrant } from "../../http/actor.ts";
import { grantsInForce, hasConfirmedCurrent } from "./queries.ts";

/**
 * A staff actor with its standing under art. 2.3 and 9.1, settled once per request before the
 * audience check (app.ts): whether they confirmed the current confidentiality statement (the HTTP
 * core refuses customer data without it), and, for support, their break-glass grants in force
 * (assignmentsOf adds those customers). A customer actor is returned as it is.
 */
export async function settleStaffAccess(db: Db, clock: Clock, actor: Actor | null): Promise<Actor | null> {
  if (!actor || actor.kind !== "staff") {
    return actor;
  }
  const [statementConfirmed, grants] = await Promise.all([
    hasConfirmedCurrent(db, actor.userId),
    actor.staffRole === "support" ? grantsInForce(db, actor.userId, clock.now()) : Promise.resolve([]),
  ]);
  const breakGlass = new Map<string, BreakGlassGrant>();
  for (const grant of grants) {
    breakGlass.set(grant.controllerId, { grantId: grant.grantId, reason: grant.reason, expiresAt: grant.expiresAt });
  }
  return { ...actor, access: { statementConfirmed, breakGlass } };
}
