import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { waitForLock } from "fs-native-extensions";
import { MIGRATIONS_FOLDER, openDatabase, rows, type Database, type Engine } from "../../src/db/engine.ts";
import { registerAllNoticeKinds } from "../../src/modules.ts";

const CACHE = fileURLToPath(new URL("../../.art28-test-cache", import.meta.url));

/** Which engine this test run uses: `npm test` runs the suite once per engine. */
export function testEngine(): Engine {
  return process.env.ART28_TEST_ENGINE === "postgres" ? "postgres" : "pglite";
}

function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    const path = join(MIGRATIONS_FOLDER, name);
    if (name.endsWith(".sql") || name.endsWith(".json")) {
      hash.update(name).update(readFileSync(path));
    }
  }
  return hash.digest("hex").slice(0, 12);
}

async function withCacheLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(CACHE, { recursive: true });
  // An operating-system lock: test processes building the cache wait for each other, and a killed
  // one leaves no lock behind.
  const fd = openSync(join(CACHE, "build.lock"), "a+");
  try {
    await waitForLock(fd);
    return await work();
  } finally {
    closeSync(fd);
  }
}

/** A migrated PGlite data dir, dumped once per migration set (initdb costs ~4 s; a load ~0.4 s). */
async function pgliteTemplate(): Promise<Blob> {
  const file = join(CACHE, `pglite-${migrationsHash()}.tar`);
  if (!existsSync(file)) {
    await withCacheLock(async () => {
      if (existsSync(file)) {
        return;
      }
      const fresh = await openDatabase({ engine: "pglite", memory: true });
      await fresh.migrate();
      const client = (fresh.db as unknown as { $client: PGlite }).$client;
      const dump = await client.dumpDataDir("none");
      writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${file}.tmp`, file);
      await fresh.close();
    });
  }
  return new Blob([readFileSync(file)]);
}

function adminUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A migrated template database on the server; each test database is a cheap copy of it. */
async function postgresTemplate(base: string): Promise<string> {
  const name = `art28_tpl_${migrationsHash()}`;
  const admin = await openDatabase({ engine: "postgres", url: base, poolSize: 1 });
  try {
    await admin.db.execute(sql`select pg_advisory_lock(2828)`);
    const exists = await rows(admin.db, sql`select 1 from pg_database where datname = ${name}`);
    if (exists.length === 0) {
      await admin.db.execute(sql.raw(`create database ${name}`));
      const template = await openDatabase({ engine: "postgres", url: adminUrl(base, name), poolSize: 1 });
      await template.migrate();
      await template.close();
    }
    await admin.db.execute(sql`select pg_advisory_unlock(2828)`);
  } finally {
    await admin.close();
  }
  return name;
}

export interface TestDatabase extends Database {
  name: string;
}

/** The URL of a test database on the PostgreSQL server (TEST_DATABASE_URL), e.g. for a process the test starts. */
export function testDatabaseUrl(name: string): string {
  return adminUrl(process.env.TEST_DATABASE_URL ?? "", name);
}

/** A fresh, migrated database of the run's engine, dropped again by `close()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  // As the web process and the worker do: the modules' notice kinds, before any notice is queued.
  registerAllNoticeKinds();
  if (testEngine() === "pglite") {
    const database = await openDatabase({ engine: "pglite", loadDataDir: await pgliteTemplate() });
    return { ...database, name: "pglite" };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    throw new Error("ART28_TEST_ENGINE=postgres needs TEST_DATABASE_URL");
  }
  const template = await postgresTemplate(base);
  const name = `art28_test_${randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ engine: "postgres", url: base, poolSize: 1 });
  await admin.db.execute(sql.raw(`create database ${name} template ${template}`));
  await admin.close();
  const database = await openDatabase({ engine: "postgres", url: adminUrl(base, name), poolSize: 5 });
  return {
    ...database,
    name,
    close: async () => {
      await database.close();
      const dropper = await openDatabase({ engine: "postgres", url: base, poolSize: 1 });
      await dropper.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await dropper.close();
    },
  };
}
