import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import { systemClock } from "../domain/clock.ts";
import { ensureInstalled } from "../modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../modules/setup/demo.ts";
import { testEngine } from "../../test/support/database.ts";
import { art28 as runArt28 } from "../../test/support/process.ts";

// The CLI as a user runs it: a separate process on a real data folder (PGlite) or database.
const dir = mkdtempSync(join(tmpdir(), "art28-cli-"));
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | null = null;

const art28 = (...args: string[]) => runArt28(join(dir, "data"), env, ...args);

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(
    env.DATABASE_URL ? { engine: "postgres", url: env.DATABASE_URL } : { engine: "pglite", dataDir: join(dir, "data", "pglite") },
  );
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

before(async () => {
  env = { ...process.env };
  delete env.DATABASE_URL;
  if (testEngine() === "postgres") {
    const base = process.env.TEST_DATABASE_URL ?? "";
    const name = `art28_cli_${process.pid}`;
    const admin = await openDatabase({ engine: "postgres", url: base, poolSize: 1 });
    await admin.db.execute(sql.raw(`drop database if exists ${name}`));
    await admin.db.execute(sql.raw(`create database ${name}`));
    await admin.close();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const dropper = await openDatabase({ engine: "postgres", url: base, poolSize: 1 });
      await dropper.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await dropper.close();
    };
  }
  assert.equal(art28("migrate").status, 0);
});
after(async () => {
  await dropDatabase?.();
  rmSync(dir, { recursive: true, force: true });
});

test("import before Art28 is set up says so", () => {
  const file = join(dir, "one.csv");
  writeFileSync(file, "customer_number,name\nA1,Alfa\n");
  const run = art28("import", "customers", file);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /not set up yet/);
});

test("import customers: bad rows listed by line with exit 1; a good file imported; verify OK; an edit by hand is found", async () => {
  await withDatabase((database) =>
    inScope(database.db, { kind: "processor" }, (tx) => ensureInstalled(tx, systemClock, DEMO_PROCESSOR, { email: "admin@cli.example", password: "x" })),
  );
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, "customer_number;name;service;monthly_fee\nA1;Alfa;web-hosting;12,50\nB2;;nope;1\n");
  const refused = art28("import", "customers", bad);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /line 3: name: is required/);
  assert.match(refused.stderr, /line 3: service: "nope" is not a service/);
  assert.match(refused.stderr, /nothing was imported/);

  const good = join(dir, "good.csv");
  writeFileSync(good, "customer_number;name;service;monthly_fee\nA1;Alfa;web-hosting;12,50\nA1;Alfa;email;3\nB2;Beta;colocation;100\n");
  const dry = art28("import", "customers", good, "--dry-run");
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /Valid: 2 customers, 3 services.*Nothing was written/);
  const imported = art28("import", "customers", good);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /Imported 2 customers \(2 new, 0 updated\), 3 services/);

  const verified = art28("verify");
  assert.equal(verified.status, 0, verified.stderr);
  assert.match(verified.stdout, /^OK: \d+ events in \d+ streams/);

  await withDatabase(async (database) => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table events disable trigger events_append_only`);
      await tx.execute(
        sql`update events set data = jsonb_set(data, '{name}', '"Vervalst"') where type = 'controller.created_by_import' and data->>'name' = 'Beta'`,
      );
      await tx.execute(sql`alter table events enable trigger events_append_only`);
    });
  });
  const broken = art28("verify");
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /BROKEN: first broken link in stream controller:[0-9a-f-]+ at position \d+ \(event #\d+\): its content does not match its hash/);
});
