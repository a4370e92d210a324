import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import type { ObjectionOutcome } from "../../db/schema/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { closeObjection, findObjectionForUpdate, subprocessorNameOfChange } from "./objection-queries.ts";
import { subprocessorWords } from "./words.ts";

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
    throw notFound(subprocessorWords.noun.objection);
  }
  if (objection.status !== "open") {
    throw conflict(subprocessorWords.objectionClosedAlready(objection.status));
  }
  const now = clock.now();
  const text = note.trim();
  await closeObjection(tx, objectionId, outcome, text, actor.id, now);
  await recordEvent(tx, clock, {
    type: "objection.closed",
    actor,
    controllerId: objection.controllerId,
    subject: { type: "objection", id: objectionId },
    data: { changeId: objection.changeId, outcome, note: text },
  });
  const subprocessorName = await subprocessorNameOfChange(tx, objection.changeId);
  await queueCustomerNotices(tx, clock, actor, [
    {
      controllerId: objection.controllerId,
      subject: { type: "objection", id: objectionId },
      data: { kind: "objection_closed", changeId: objection.changeId, objectionId, subprocessorName: subprocessorName ?? "", outcome, note: text },
    },
  ]);
}
