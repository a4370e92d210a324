import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { rows, type Db } from "./engine.ts";
import * as schema from "./schema/index.ts";

/** Whose data a transaction may touch: the processor's staff (all) or one controller. */
export type Scope = { kind: "processor" } | { kind: "controller"; controllerId: string };

/**
 * Runs `work` in one transaction as the non-superuser role art28_app, with row-level security
 * bound to `scope` (migration 0001). This is the second wall: queries filter by controller
 * themselves; RLS makes a forgotten filter return nothing instead of someone else's rows.
 * Everything a use case writes, events included, commits or rolls back together.
 *
 * On PostgreSQL the transaction's start and its scope go in one round trip (the simple query
 * protocol takes "BEGIN; SELECT set_config(…)" as one message); inside a transaction, and on
 * PGlite, drizzle's transaction (a savepoint when nested) and then the scope.
 */
export async function inScope<T>(db: Db, scope: Scope, work: (tx: Db) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (pool) {
    return inPooledTransaction(pool, scope, work);
  }
  return db.transaction(async (tx) => {
    const controller = scope.kind === "controller" ? scope.controllerId : "";
    await tx.execute(
      sql`select set_config('role', 'art28_app', true), set_config('art28.scope', ${scope.kind}, true), set_config('art28.controller', ${controller}, true)`,
    );
    return work(tx as unknown as Db);
  });
}

/** The pool of a database handle on PostgreSQL (not of a transaction, nor PGlite). */
export function poolOf(db: Db): pg.Pool | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The statement that opens a scoped transaction, its values checked (they go into the text). */
export function beginScopeSql(scope: Scope, options: { readOnly?: boolean } = {}): string {
  const controller = scope.kind === "controller" ? scope.controllerId : "";
  if (controller !== "" && !UUID.test(controller)) {
    throw new Error(`not a controller id: ${JSON.stringify(controller)}`);
  }
  return `BEGIN${options.readOnly ? " READ ONLY" : ""}; SELECT set_config('role', 'art28_app', true), set_config('art28.scope', '${scope.kind === "controller" ? "controller" : "processor"}', true), set_config('art28.controller', '${controller}', true)`;
}

/**
 * A drizzle handle over one pooled connection whose transaction is already open: a nested
 * transaction on it is a savepoint (as on drizzle's own transaction object), never a second BEGIN.
 */
const handles = new WeakMap<pg.PoolClient, Db>();
function handleFor(client: pg.PoolClient): Db {
  let handle = handles.get(client);
  if (!handle) {
    const db = drizzle(client, { schema }) as unknown as Db;
    const nested: Db["transaction"] = async (work) => {
      const savepoint = `sp_${randomUUID().replaceAll("-", "")}`;
      await client.query(`SAVEPOINT ${savepoint}`);
      try {
        const result = await work(db as never);
        await client.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await client.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    };
    handle = Object.assign(db, { transaction: nested });
    handles.set(client, handle);
  }
  return handle;
}

async function inPooledTransaction<T>(pool: pg.Pool, scope: Scope, work: (tx: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection whose BEGIN, COMMIT or ROLLBACK failed without PostgreSQL's answer (a lost
  // connection) is destroyed, not given back to the pool as if nothing happened.
  let broken: Error | undefined;
  const lost = (error: unknown) => (error instanceof Error && !("code" in error) ? error : undefined);
  try {
    try {
      await client.query(beginScopeSql(scope));
    } catch (error) {
      broken = lost(error);
      throw error;
    }
    let result: T;
    try {
      result = await work(handleFor(client));
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackFailed: unknown) => {
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
      });
      throw error;
    }
    try {
      await client.query("COMMIT");
    } catch (error) {
      broken = lost(error);
      throw error;
    }
    return result;
  } finally {
    client.release(broken);
  }
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
