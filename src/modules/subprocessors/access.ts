import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import { notFound } from "../../http/errors.ts";
import { assertMaySee, scopeOf, type Actor } from "../../http/actor.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { findChange, findRecipient, type ChangeRow } from "./change-queries.ts";
import { findObjection, type ObjectionView } from "./objection-queries.ts";
import { subprocessorWords } from "./words.ts";

/**
 * A change as this actor may see it: staff see every change; a customer only one announced to it
 * (another's, or one that does not touch it: "not found"). Returns the customer's recipient row.
 */
export async function visibleChange(db: Db, actor: Actor, id: string): Promise<{ change: ChangeRow; recipient: Awaited<ReturnType<typeof findRecipient>> }> {
  return inScope(db, scopeOf(actor), async (tx) => {
    const change = await findChange(tx, id);
    if (!change) {
      throw notFound(subprocessorWords.noun.change);
    }
    if (actor.kind === "staff") {
      return { change, recipient: null };
    }
    const recipient = actor.controllerId ? await findRecipient(tx, id, actor.controllerId) : null;
    if (!recipient) {
      throw notFound(subprocessorWords.noun.change);
    }
    return { change, recipient };
  });
}

/** An objection if this actor may see it: its own customer, or staff (support: assigned only). */
export async function visibleObjection(db: Db, actor: Actor, id: string): Promise<ObjectionView> {
  const objection = await inScope(db, scopeOf(actor), (tx) => findObjection(tx, id));
  if (!objection) {
    throw notFound(subprocessorWords.noun.objection);
  }
  assertMaySee(actor, objection.controllerId, await assignmentsOf(db, actor), subprocessorWords.noun.objection);
  return objection;
}
