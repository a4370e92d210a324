import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import { notFound } from "../../http/errors.ts";
import { assertMaySee, scopeOf, type Actor } from "../../http/actor.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { findCase, type CaseView } from "./queries.ts";
import { caseWords } from "./words.ts";

/** A case if this actor may see it: its own customer, or staff (support: its assigned customers only). */
export async function visibleCase(db: Db, actor: Actor, id: string): Promise<CaseView> {
  const found = await inScope(db, scopeOf(actor), (tx) => findCase(tx, id));
  if (!found) {
    throw notFound(caseWords.noun.case);
  }
  assertMaySee(actor, found.controllerId, await assignmentsOf(db, actor), caseWords.noun.case);
  return found;
}
