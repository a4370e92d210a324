import { sql } from "drizzle-orm";
import type { Db } from "./engine.ts";

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
