// Several reads of one page in one statement, and on PostgreSQL in one round trip with the
// transaction and its row-level-security scope. A page such as the customer's home asks seven
// small questions; asked one by one they cost seven round trips plus BEGIN and COMMIT, and the
// round trips, not the queries (each plans and runs in well under a millisecond), were what a
// request waited for (issue 16: the profile of GET /home).
import { PgDialect } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import type pg from "pg";
import { rows, type Db } from "./engine.ts";
import { beginScopeSql, inScope, poolOf, type Scope } from "./scope.ts";

/** One question of a page: its query and how its rows become the answer. */
export interface Read<T> {
  query: SQL;
  /**
   * Rows arrive as JSON (json_agg): timestamps as ISO text, bigint and numeric as numbers. Map
   * them as from a driver row that may carry either (`new Date(value)`, `Number(value)`).
   */
  map: (rows: never[]) => T;
}

export function read<Row, T>(query: SQL, map: (rows: Row[]) => T): Read<T> {
  return { query, map: map as (rows: never[]) => T };
}

type Answers<R extends Record<string, Read<unknown>>> = { [K in keyof R]: R[K] extends Read<infer T> ? T : never };

/** The one statement: each read's rows as a JSON array in a column of its own. */
function together(reads: Record<string, Read<unknown>>): SQL {
  const columns = Object.entries(reads).map(
    ([name, { query }]) => sql`(select coalesce(json_agg(r), '[]'::json) from (${query}) r) as ${sql.identifier(name)}`,
  );
  return sql`select ${sql.join(columns, sql`, `)}`;
}

function answersOf<R extends Record<string, Read<unknown>>>(reads: R, row: Record<string, unknown> | undefined): Answers<R> {
  const answers: Record<string, unknown> = {};
  for (const [name, { map }] of Object.entries(reads)) {
    const value = row?.[name];
    const list = typeof value === "string" ? (JSON.parse(value) as never[]) : ((value ?? []) as never[]);
    answers[name] = map(list);
  }
  return answers as Answers<R>;
}

/** All `reads` in one statement, in the caller's transaction and scope. */
export async function readTogether<R extends Record<string, Read<unknown>>>(db: Db, reads: R): Promise<Answers<R>> {
  const [row] = await rows<Record<string, unknown>>(db, together(reads));
  return answersOf(reads, row);
}

const dialect = new PgDialect();
const INLINE_SAFE = /^[0-9A-Za-z:.+_@ -]*$/;

/**
 * The statement with its values written into the text, or null when a value is not one of the few
 * kinds that need no escaping at all (ids, instants, numbers, booleans): those go the ordinary way,
 * with parameters. Nothing is escaped here, so nothing depends on the server's string settings.
 */
function inlined(statement: SQL): string | null {
  const { params } = dialect.sqlToQuery(statement);
  const safe = params.every(
    (value) =>
      value === null ||
      typeof value === "boolean" ||
      (typeof value === "number" && Number.isFinite(value)) ||
      (typeof value === "string" && INLINE_SAFE.test(value)),
  );
  return safe ? dialect.sqlToQuery(statement.inlineParams()).sql : null;
}

/**
 * All `reads` in their own read-only transaction under `scope`. On PostgreSQL that is one message
 * of the simple query protocol, "BEGIN READ ONLY; SELECT set_config(…); SELECT …; COMMIT", so one
 * round trip; PostgreSQL runs the statements of one message in order and stops at the first error,
 * after which the transaction is rolled back before the connection goes back to the pool. On PGlite,
 * inside a caller's transaction, or with a value that is not safe to write into the text: the
 * ordinary scoped transaction around the one statement.
 */
export async function readInScope<R extends Record<string, Read<unknown>>>(db: Db, scope: Scope, reads: R): Promise<Answers<R>> {
  const pool = poolOf(db);
  const text = pool ? inlined(together(reads)) : null;
  if (!pool || text === null) {
    return inScope(db, scope, (tx) => readTogether(tx, reads));
  }
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const results = (await client.query(`${beginScopeSql(scope, { readOnly: true })}; ${text}; COMMIT`)) as unknown as pg.QueryResult[];
    return answersOf(reads, results[2]?.rows[0] as Record<string, unknown> | undefined);
  } catch (error) {
    // A statement failed: the ones after it did not run, so the transaction is open and aborted.
    await client.query("ROLLBACK").catch((rollbackFailed: unknown) => {
      broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
