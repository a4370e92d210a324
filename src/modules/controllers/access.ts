import type { Db } from "../../db/engine.ts";
import { assertMaySee, type Actor } from "../../http/actor.ts";
import { notFound } from "../../http/errors.ts";
import { assignedControllerIds, findController } from "./queries.ts";
import { controllerWords } from "./words.ts";

/**
 * Support staff's assigned controllers (art. 9.1) and those their break-glass grants in force open
 * (modules/access settles them with the actor), or null for roles that see every controller.
 */
export async function assignmentsOf(db: Db, actor: Actor): Promise<Set<string> | null> {
  if (!(actor.kind === "staff" && actor.staffRole === "support")) {
    return null;
  }
  const assigned = await assignedControllerIds(db, actor.userId);
  for (const controllerId of actor.access?.breakGlass.keys() ?? []) {
    assigned.add(controllerId);
  }
  return assigned;
}

/** The controller if this actor may see it; otherwise "not found", whether it exists or not. */
export async function visibleController(db: Db, actor: Actor, id: string) {
  assertMaySee(actor, id, await assignmentsOf(db, actor), controllerWords.noun.customer);
  const controller = await findController(db, id);
  if (!controller) {
    throw notFound(controllerWords.noun.customer);
  }
  return controller;
}
