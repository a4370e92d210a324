import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import { notFound } from "../../http/errors.ts";
import { scopeOf, type Actor } from "../../http/actor.ts";
import { findRequest, type SubjectRequestView } from "./queries.ts";
import { subjectRequestWords as W } from "./words.ts";

/**
 * A request if this actor may see it: the processor's privacy staff (the routes admit no other staff
 * role), or the customer it was forwarded to (row-level security hides every other, and a request
 * not yet forwarded has no customer). An unconfirmed form submission is no one's yet.
 */
export async function visibleRequest(db: Db, actor: Actor, id: string): Promise<SubjectRequestView> {
  const found = await inScope(db, scopeOf(actor), (tx) => findRequest(tx, id));
  if (!found || found.status === "unconfirmed" || (actor.kind === "customer" && found.controllerId !== actor.controllerId)) {
    throw notFound(W.noun.request);
  }
  return found;
}
