import { sql } from "drizzle-orm";
import { rows, type Db } from "./engine.ts";

/** Whose data a transaction may touch: the processor's staff (all) or one controller. */
export type Scope = { kind: "processor" } | { kind: "controller"; controllerId: string };

/**
 * Runs `work` in one transaction as the non-superuser role art28_app, with row-level security
 * bound to `scope` (migration 0001). This is the second wall: queries filter by controller
 * themselves; RLS makes a forgotten filter return nothing instead of someone else's rows.
 * Everything a use case writes, events included, commits or rolls back together.
 */
export async function inScope<T>(db: Db, scope: Scope, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const controller = scope.kind === "controller" ? scope.controllerId : "";
    await tx.execute(
      sql`select set_config('role', 'art28_app', true), set_config('art28.scope', ${scope.kind}, true), set_config('art28.controller', ${controller}, true)`,
    );
    return work(tx as unknown as Db);
  });
}

/**
 * Runs `work` inside the caller's transaction with the processor's row-level-security scope, then
 * puts the caller's scope back. For the one thing a customer's act must do on the processor's side
 * in the same transaction: tell the processor's staff (an objection, a consultation message), which
 * needs the staff users the customer's scope cannot see. Everything the customer writes itself
 * stays under its own scope; if `work` fails, the whole transaction rolls back.
 */
export async function asProcessorWithin<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  const [before] = await rows<{ scope: string | null; controller: string | null }>(
    tx,
    sql`select current_setting('art28.scope', true) as scope, current_setting('art28.controller', true) as controller`,
  );
  await tx.execute(sql`select set_config('art28.scope', 'processor', true), set_config('art28.controller', '', true)`);
  const result = await work();
  await tx.execute(sql`select set_config('art28.scope', ${before?.scope ?? ""}, true), set_config('art28.controller', ${before?.controller ?? ""}, true)`);
  return result;
}
