import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { objections, subprocessorChanges, subprocessors } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import type { ObjectionOutcome } from "../../db/schema/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { findObjectionForUpdate } from "./objection-queries.ts";

/**
 * Ends the consultation of an objection with its outcome (art. 5.2):
 *  - withdrawn:       the customer withdrew its objection;
 *  - resolved:        the parties agreed on a solution;
 *  - customer_leaves: the customer ends the services the change touches. It stays an affected
 *    customer (notices, Annex 1) until those services end, but no longer holds the change back.
 */
export async function recordObjectionOutcome(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string },
  objectionId: string,
  outcome: ObjectionOutcome,
  note: string,
): Promise<void> {
  const objection = await findObjectionForUpdate(tx, objectionId);
  if (!objection) {
    throw notFound("objection");
  }
  if (objection.status !== "open") {
    throw conflict({ nl: `dit bezwaar is al afgesloten (${objection.status})`, en: `this objection is closed already (${objection.status})` });
  }
  const now = clock.now();
  const text = note.trim();
  await tx.update(objections).set({ status: outcome, outcomeNote: text, outcomeAt: now, outcomeBy: actor.id }).where(eq(objections.id, objectionId));
  await recordEvent(tx, clock, {
    type: "objection.closed",
    actor,
    controllerId: objection.controllerId,
    subject: { type: "objection", id: objectionId },
    data: { changeId: objection.changeId, outcome, note: text },
  });
  const [about] = await tx
    .select({ name: subprocessors.name })
    .from(subprocessorChanges)
    .innerJoin(subprocessors, eq(subprocessors.id, subprocessorChanges.subprocessorId))
    .where(eq(subprocessorChanges.id, objection.changeId));
  await queueCustomerNotices(tx, clock, actor, [
    {
      controllerId: objection.controllerId,
      subject: { type: "objection", id: objectionId },
      data: { kind: "objection_closed", changeId: objection.changeId, objectionId, subprocessorName: about?.name ?? "", outcome, note: text },
    },
  ]);
}
