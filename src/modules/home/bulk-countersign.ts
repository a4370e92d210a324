import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Locale } from "../../domain/text.ts";
import { assertMaySee, scopeOf, type Actor } from "../../http/actor.ts";
import { AppError, localize } from "../../http/errors.ts";
import type { SignMeta } from "../agreements/index.ts";
import { countersignAgreement, findAgreement } from "../agreements/index.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { eventActor } from "../evidence/index.ts";
import { homeWords } from "./words.ts";

// Countersigning several agreements in one action (art. 12.1). Each is countersigned on its own, in
// its own transaction, by the same use case as one at a time (agreements/countersign-agreement.ts):
// each countersignature is its own evidence in its customer's chain, and one that cannot be
// countersigned (already countersigned, not signed by the customer, not found) does not stop the
// others. The answer says per agreement what happened.

export type BulkOutcome = "countersigned" | "not_countersignable" | "not_found";

export interface BulkResult {
  id: string;
  outcome: BulkOutcome;
  /** The agreement's status after this action (null when not found). */
  status: string | null;
  controllerId: string | null;
  customerName: string | null;
  message: string;
}

export async function bulkCountersign(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { ids: string[]; typedName: string; function: string },
  meta: SignMeta,
  locale: Locale,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    results.push(await countersignOne(db, clock, actor, id, input, meta, locale));
  }
  return results;
}

async function countersignOne(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: { typedName: string; function: string },
  meta: SignMeta,
  locale: Locale,
): Promise<BulkResult> {
  const notFound: BulkResult = { id, outcome: "not_found", status: null, controllerId: null, customerName: null, message: homeWords.bulk.notFound[locale] };
  try {
    return await inScope(db, scopeOf(actor), async (tx) => {
      const found = await findAgreement(tx, id);
      if (!found) {
        return notFound;
      }
      assertMaySee(actor, found.agreement.controllerId, await assignmentsOf(tx, actor), homeWords.noun.agreement);
      const after = await countersignAgreement(tx, clock, eventActor(actor), found, input, meta);
      return {
        id,
        outcome: "countersigned" as const,
        status: after.agreement.status,
        controllerId: after.agreement.controllerId,
        customerName: after.controllerName,
        message: homeWords.bulk.countersigned[locale],
      };
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      return notFound;
    }
    if (error instanceof AppError && error.code === "conflict") {
      // Read again, outside the rolled-back transaction, to say where it stands.
      const now = await inScope(db, scopeOf(actor), (tx) => findAgreement(tx, id));
      return {
        id,
        outcome: "not_countersignable",
        status: now?.agreement.status ?? null,
        controllerId: now?.agreement.controllerId ?? null,
        customerName: now?.controllerName ?? null,
        message: localize(error.text, locale),
      };
    }
    throw error;
  }
}
