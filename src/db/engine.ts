import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import pg from "pg";
import lockfile from "proper-lockfile";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** A database handle or a transaction: use cases accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = "pglite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  /** Applies pending migrations (forward-only, numbered, src/db/migrations). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

export class DataFolderInUseError extends Error {
  readonly dataDir: string;
  constructor(dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another Art28 process. ` +
        "Stop that process first, or start this one with another --data folder.",
    );
    this.dataDir = dataDir;
  }
}

export type OpenOptions =
  | { engine: "postgres"; url: string; poolSize?: number }
  | { engine: "pglite"; dataDir: string }
  | { engine: "pglite"; loadDataDir: Blob }
  | { engine: "pglite"; memory: true };

/**
 * Opens PostgreSQL (DATABASE_URL) or the embedded PGlite. PGlite takes no lock on its folder and a
 * second process would corrupt it, so we hold an exclusive lock file for as long as it is open.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.engine === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server ends (restart, failover, a dropped test database) is reported
    // here; without a listener node-postgres turns it into an uncaught exception. The pool makes a
    // new connection on the next query, so it is a warning, not a crash.
    pool.on("error", (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`, { code: "ART28_PG_IDLE" }));
    const db = drizzlePg(pool, { schema });
    return {
      db: db as unknown as Db,
      engine: "postgres",
      migrate: () => migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => pool.end(),
    };
  }
  let release: (() => Promise<void>) | undefined;
  let client: PGlite;
  if ("dataDir" in options) {
    mkdirSync(options.dataDir, { recursive: true });
    try {
      release = await lockfile.lock(options.dataDir, { lockfilePath: `${options.dataDir}.lock`, stale: 15_000 });
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ELOCKED") {
        throw new DataFolderInUseError(options.dataDir);
      }
      throw error;
    }
    client = new PGlite(options.dataDir);
  } else if ("loadDataDir" in options) {
    client = new PGlite({ loadDataDir: options.loadDataDir });
  } else {
    client = new PGlite();
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    engine: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

/** Raw SQL for what the query builder cannot say; both drivers answer with `{ rows }`. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
