import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema/index.ts";
import { nextTurn } from "./batches.ts";
import { claimDataFolder, type ClaimOptions, type FolderClaim } from "./data-folder.ts";
import { isFreshDataFolder, readTemplate, templateFile, writeTemplate } from "./pglite-template.ts";

export type Schema = typeof schema;
/** A database handle or a transaction: use cases accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = "pglite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  /** Applies pending migrations (forward-only, numbered, src/db/migrations). */
  migrate(): Promise<void>;
  /** The embedded engine's hold on its data folder (null on PostgreSQL and in memory). */
  claim: FolderClaim | null;
  /**
   * How an embedded data folder's database came to be: created from the cached migrated template
   * (pglite-template.ts), created by initdb (its first migration then makes the template), or one
   * that was there. Null on PostgreSQL and for in-memory databases.
   */
  origin: "template" | "initdb" | "existing" | "backup" | null;
  /**
   * The embedded database as PGlite's tarball of its folder, consistent: taken while no transaction
   * is open, after a checkpoint (snapshot.ts). Null on PostgreSQL (pg_dump makes its backups).
   */
  snapshot: (() => Promise<Blob>) | null;
  /**
   * Listens on a NOTIFY channel (db/change-feed.ts). `onState(false)` when notifications may have
   * been missed (a lost connection), `onState(true)` once listening again. Resolves once listening.
   */
  listen(channel: string, onPayload: (payload: string) => void, onState: (live: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL extensions the migrations create, which PGlite loads from its contrib (0021: trigram search). */
const EXTENSIONS = { pg_trgm };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

export type OpenOptions =
  | { engine: "postgres"; url: string; poolSize?: number }
  | ({
      engine: "pglite";
      dataDir: string;
      /** The migrated template a fresh folder is created from and kept in; null: always initdb. Default: templateFile(). */
      template?: string | null;
      /** The folder is already claimed by this process (art28 restore checks it before loading); the caller releases it. */
      claim?: FolderClaim;
      /**
       * A fresh folder is created from this dump (PGlite's tarball, `art28 restore`) instead of the
       * template; if it cannot be loaded the folder is emptied again and the error thrown.
       */
      restore?: Blob;
    } & Partial<ClaimOptions>)
  | { engine: "pglite"; loadDataDir: Blob }
  | { engine: "pglite"; memory: true };

/** The session advisory lock that makes processes migrating one PostgreSQL database take turns. */
const MIGRATION_LOCK = 28_280_001;

/**
 * Processes started at once (a fleet's first start, an upgrade) migrate one at a time: drizzle's
 * migrator reads which migrations are applied and then applies the rest, so two at once would both
 * apply the same one (one fails on it, or worse). The lock is held on a connection of its own, so
 * a pool of one connection still migrates; a process that dies drops it with its connection.
 */
async function migrateTakingTurns(url: string, migrate: () => Promise<void>): Promise<void> {
  const lock = new pg.Client({ connectionString: url });
  // A connection lost meanwhile fails the migration's own statements; unheard, it would crash the process.
  lock.on("error", (error) => process.emitWarning(`PostgreSQL connection lost while migrating: ${error.message}`, { code: "ART28_PG_IDLE" }));
  await lock.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate();
  } finally {
    await lock.end();
  }
}

/**
 * Opens PostgreSQL (DATABASE_URL) or the embedded PGlite. A PGlite data folder is claimed for this
 * process first (data-folder.ts): a second process would destroy it.
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
      migrate: () => migrateTakingTurns(options.url, () => migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER })),
      claim: null,
      origin: null,
      snapshot: null,
      listen: (channel, onPayload, onState) => listenPg(options.url, channel, onPayload, onState),
      close: () => pool.end(),
    };
  }
  let claim: FolderClaim | null = null;
  /** Released by close(): the claim this call took, not one it was given. */
  let ownClaim: FolderClaim | null = null;
  let client: PGlite;
  let origin: Database["origin"] = null;
  let keepTemplateIn: string | null = null;
  if ("dataDir" in options) {
    ownClaim = options.claim ? null : claimDataFolder(options.dataDir, { ...options, command: options.command ?? "art28" });
    claim = options.claim ?? ownClaim;
    const template = options.template === undefined ? templateFile() : options.template;
    if (options.restore) {
      if (!isFreshDataFolder(options.dataDir)) {
        ownClaim?.release();
        throw new Error(`${options.dataDir} already holds a database: a backup is restored into an empty folder`);
      }
      const loaded = await fromTemplate(options.dataDir, options.restore);
      if (!loaded.ok) {
        ownClaim?.release();
        throw loaded.error;
      }
      origin = "backup";
      client = loaded.client;
    } else if (!isFreshDataFolder(options.dataDir)) {
      origin = "existing";
      client = await ready(new PGlite(options.dataDir, { extensions: EXTENSIONS }));
    } else {
      const tarball = template === null ? null : readTemplate(template);
      const loaded = tarball ? await fromTemplate(options.dataDir, tarball) : null;
      if (loaded?.ok) {
        origin = "template";
        client = loaded.client;
      } else {
        origin = "initdb";
        keepTemplateIn = template;
        client = await ready(new PGlite(options.dataDir, { extensions: EXTENSIONS }));
      }
    }
  } else if ("loadDataDir" in options) {
    client = await ready(new PGlite({ loadDataDir: options.loadDataDir, extensions: EXTENSIONS }));
  } else {
    client = await ready(new PGlite({ extensions: EXTENSIONS }));
  }
  const db = drizzlePglite(yieldingClient(client), { schema });
  return {
    db: db as unknown as Db,
    engine: "pglite",
    claim,
    origin,
    snapshot: () => consistentSnapshot(client),
    // One process holds the folder: every write is this process's own, and nothing can be missed.
    listen: async (channel, onPayload, onState) => {
      const stop = await client.listen(channel, onPayload);
      onState(true);
      return async () => {
        onState(false);
        await stop();
      };
    },
    migrate: async () => {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      if (keepTemplateIn !== null) {
        // Only the first migration of a folder initdb made: nothing but the migrations is in it yet.
        const file = keepTemplateIn;
        keepTemplateIn = null;
        await keepAsTemplate(client, file);
      }
    },
    close: async () => {
      await client.close();
      ownClaim?.release();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to others), made again after
 * it is lost (a restart, a failover): a second later, then at most every 10 s.
 */
async function listenPg(url: string, channel: string, onPayload: (payload: string) => void, onState: (live: boolean) => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delayMs = 1_000;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => onPayload(message.payload ?? ""));
    next.on("error", (error) => {
      process.emitWarning(`the change feed's connection was lost: ${error.message}`, { code: "ART28_PG_LISTEN" });
      lost(next);
    });
    next.on("end", () => lost(next));
    client = next;
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    delayMs = 1_000;
    onState(true);
  };
  const lost = (which: pg.Client) => {
    if (which !== client || stopped) {
      return;
    }
    client = null;
    onState(false);
    which.end().catch(() => {});
    retry ??= setTimeout(again, delayMs);
    retry.unref();
  };
  const again = () => {
    retry = null;
    delayMs = Math.min(delayMs * 2, 10_000);
    connect().catch((error: unknown) => {
      process.emitWarning(`the change feed could not listen again: ${error instanceof Error ? error.message : String(error)}`, { code: "ART28_PG_LISTEN" });
      if (client) {
        lost(client);
      }
    });
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) {
      clearTimeout(retry);
    }
    onState(false);
    await client?.end().catch(() => {});
  };
}

async function ready(client: PGlite): Promise<PGlite> {
  await client.waitReady;
  return client;
}

/**
 * A fresh folder created from a tarball (the template, or a backup's dump); if it cannot be loaded,
 * e.g. a damaged file, the folder is emptied again and the error returned: without a template the
 * caller runs initdb instead, a restore fails.
 */
async function fromTemplate(dataDir: string, tarball: Blob): Promise<{ ok: true; client: PGlite } | { ok: false; error: unknown }> {
  const client = new PGlite({ dataDir, loadDataDir: tarball, extensions: EXTENSIONS });
  try {
    return { ok: true, client: await ready(client) };
  } catch (error) {
    await client.close().catch(() => undefined);
    for (const name of readdirSync(dataDir)) {
      rmSync(join(dataDir, name), { recursive: true, force: true });
    }
    return { ok: false, error };
  }
}

/**
 * PGlite's tarball of its folder, consistent as of one instant. The dump runs inside a transaction
 * of its own: PGlite's transaction lock keeps every other statement and transaction out until it
 * ends (they wait, and run after it), so no transaction is half done in the files; the checkpoint
 * first writes every committed change into the data files, so loading the copy replays nothing.
 * The dump reads the files in this thread: requests wait for it (about 1.5 s for the demo's 68 MB).
 */
async function consistentSnapshot(client: PGlite): Promise<Blob> {
  return client.transaction(async (tx) => {
    await tx.exec("CHECKPOINT");
    // Takes PGlite's statement lock only, free between this transaction's statements.
    return client.dumpDataDir("none");
  });
}

/** Dumps a freshly migrated folder as the template for the next fresh folder; a cache, so failure is no error. */
async function keepAsTemplate(client: PGlite, file: string): Promise<void> {
  try {
    await client.exec("CHECKPOINT");
    const dump = await client.dumpDataDir("none");
    writeTemplate(new Uint8Array(await dump.arrayBuffer()), file);
  } catch {
    // The next fresh folder runs initdb again and tries once more.
  }
}

type Statements = Pick<PGlite, "query" | "exec">;

/**
 * PGlite runs each statement synchronously in this thread and settles its promise at once, so a
 * chain of awaited statements (an import runs thousands) never gives the event loop a turn: no
 * request, timer or signal is handled until the chain ends. Every statement first waits for the
 * next turn of the event loop, inside transactions too; PGlite's own lock still keeps other
 * requests' statements out of an open transaction.
 */
function yieldingClient<T extends Statements>(target: T): T {
  return new Proxy(target, {
    get(object, key) {
      if (key === "query" || key === "exec") {
        const run = object[key].bind(object) as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          await nextTurn();
          return run(...args);
        };
      }
      if (key === "transaction" && "transaction" in object) {
        const transaction = (object as unknown as PGlite).transaction.bind(object);
        return <R>(work: (tx: Statements) => Promise<R>) => transaction((tx) => work(yieldingClient(tx)));
      }
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

/** Raw SQL for what the query builder cannot say; both drivers answer with `{ rows }`. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
