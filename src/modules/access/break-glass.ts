import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../http/actor.ts";
import { conflict, forbidden, invalid, notFound } from "../../http/errors.ts";
import { eventActor, recordEvent } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { findControllerName, insertGrant, isAssigned } from "./queries.ts";
import { accessWords } from "./words.ts";

/** How long a break-glass grant lasts. */
export const BREAK_GLASS_MINUTES = 60;
/** The least a reason must say: the customer and the privacy officer read it. */
export const REASON_MIN_LENGTH = 20;

/**
 * art. 9.1 "break glass": support staff open a customer not assigned to them, for
 * BREAK_GLASS_MINUTES, giving a reason. The grant is evidence on the customer's chain, the
 * privacy officers are told (notice `break_glass`), and every view under it carries the reason in
 * the customer's access log. One transaction.
 */
export async function breakGlass(tx: Db, clock: Clock, actor: Actor, controllerId: string, reason: string) {
  if (actor.kind !== "staff" || actor.staffRole !== "support") {
    throw forbidden();
  }
  const text = reason.trim();
  if (text.length < REASON_MIN_LENGTH) {
    throw invalid("body.reason", accessWords.reasonTooShort(REASON_MIN_LENGTH));
  }
  const customer = await findControllerName(tx, controllerId);
  if (!customer) {
    throw notFound(accessWords.noun.customer);
  }
  if (await isAssigned(tx, actor.userId, controllerId)) {
    throw conflict(accessWords.alreadyAssigned);
  }
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000);
  const grant = await insertGrant(tx, { controllerId, userId: actor.userId, reason: text, grantedAt: now, expiresAt });
  await recordEvent(tx, clock, {
    type: "access.break_glass",
    actor: eventActor(actor),
    controllerId,
    subject: { type: "break_glass_grant", id: grant.id },
    data: { userId: actor.userId, staffRole: actor.staffRole, reason: text, expiresAt: expiresAt.toISOString() },
  });
  await queueStaffNotice(tx, clock, eventActor(actor), {
    controllerId,
    roles: ["privacy_officer"],
    subject: { type: "break_glass_grant", id: grant.id },
    data: {
      kind: "break_glass",
      grantId: grant.id,
      controllerId,
      customerName: customer.name,
      staffName: actor.name,
      staffEmail: actor.email,
      reason: text,
      expiresAt: expiresAt.toISOString(),
    },
  });
  return grant;
}
