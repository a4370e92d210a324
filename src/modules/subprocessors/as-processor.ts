import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";

/**
 * Runs `work` inside the caller's transaction with the processor's row-level-security scope, then
 * puts the caller's scope back. For the one thing a customer's act must do on the processor's side
 * in the same transaction: tell the processor's staff (an objection, a consultation message), which
 * needs the staff users the customer's scope cannot see. Everything the customer writes itself
 * stays under its own scope; if `work` fails, the whole transaction rolls back.
 */
export async function asProcessor<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  const [before] = await rows<{ scope: string | null; controller: string | null }>(
    tx,
    sql`select current_setting('art28.scope', true) as scope, current_setting('art28.controller', true) as controller`,
  );
  await tx.execute(sql`select set_config('art28.scope', 'processor', true), set_config('art28.controller', '', true)`);
  const result = await work();
  await tx.execute(sql`select set_config('art28.scope', ${before?.scope ?? ""}, true), set_config('art28.controller', ${before?.controller ?? ""}, true)`);
  return result;
}
