import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { strToU8, unzipSync, zipSync } from "fflate";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, openDatabase, rows } from "../../src/db/engine.ts";
import { describeSnapshot, migrationJournal } from "../../src/db/snapshot.ts";
import { inScope } from "../../src/db/scope.ts";
import { fixedClock } from "../../src/domain/clock.ts";
import { ensureInstalled } from "../../src/modules/setup/install.ts";
import { DEMO_PASSWORD, DEMO_PROCESSOR, loadDemo } from "../../src/modules/setup/demo.ts";
import { writeBackup } from "../../src/cli/backup-archive.ts";
import { createTestDatabase, testDatabaseUrl, testEngine } from "../support/database.ts";
import { skipIfMissing } from "../support/requirements.ts";
import { apiToken, art28, art28Async, startServe, type Served } from "../support/process.ts";

// Backups as an operator makes them (issue 16, point 4): `art28 backup` and `art28 restore` on the
// embedded engine, by real processes, with the server running or not; pg_dump and pg_restore on
// PostgreSQL, as docs/DEPLOYMENT.md says. Every restore ends with `art28 verify` passing.

const root = mkdtempSync(join(tmpdir(), "art28-backup-"));
after(() => rmSync(root, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, ART28_WORKER: "off" };
delete env.DATABASE_URL;

/** `art28 verify`'s counts, after asserting it passed. */
function verified(dataDir: string, runEnv = env): { events: number; streams: number } {
  const run = art28(dataDir, runEnv, "verify");
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  const match = /^OK: (\d+) events in (\d+) streams verified/m.exec(run.stdout);
  assert.ok(match, run.stdout);
  return { events: Number(match[1]), streams: Number(match[2]) };
}

async function stop(served: Served) {
  served.child.kill("SIGTERM");
  return served.exited;
}

const hasDatabase = (dataDir: string) => existsSync(join(dataDir, "pglite", "PG_VERSION"));

if (testEngine() === "pglite") {
  describe("art28 backup and restore on the embedded engine", () => {
    // The demo once (the slow part), copied for each test.
    const demo = join(root, "demo");
    let demoCounts = { events: 0, streams: 0 };
    before(async () => {
      const served = await startServe(demo, env, ["--demo"]);
      assert.deepEqual(await stop(served), { code: 0, signal: null });
      demoCounts = verified(demo);
    });
    const copy = (name: string) => {
      const dir = join(root, name);
      cpSync(demo, dir, { recursive: true });
      return dir;
    };

    test("a backup of a folder with the demo, restored into a fresh folder: the same evidence verifies, with the folder's keys", { timeout: 180_000 }, () => {
      const file = join(root, "demo-backup.zip");
      const made = art28(demo, env, "backup", file);
      assert.equal(made.status, 0, made.stderr);
      assert.match(
        made.stdout,
        /^wrote .*demo-backup\.zip: [\d.]+ MB \(a database of [\d.]+ MB, SHA-256 [0-9a-f]{64}; migration \d{4}_\w+; made by art28 backup/m,
      );
      assert.deepEqual(
        readdirSync(root).filter((name) => name.endsWith(".tmp")),
        [],
      );

      const manifest = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(file)))["manifest.json"])) as {
        format: string;
        art28Version: string;
        migration: { tag: string };
        database: { sha256: string };
        createdAt: string;
      };
      const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
      assert.equal(manifest.format, "art28-backup");
      assert.equal(manifest.art28Version, pkg.version);
      assert.equal(manifest.migration.tag, migrationJournal().at(-1)?.tag);
      assert.ok(made.stdout.includes(manifest.database.sha256));
      assert.ok(Date.now() - Date.parse(manifest.createdAt) < 180_000);

      const fresh = join(root, "fresh", "data");
      const restored = art28(fresh, env, "restore", file);
      assert.equal(restored.status, 0, `${restored.stdout}${restored.stderr}`);
      assert.match(
        restored.stdout,
        /^restored .*demo-backup\.zip into .*fresh\/data: the database of \S+ \(Art28 [\d.]+, made by art28 backup.*with checkpoint-key\.pem and session\.secret/m,
      );
      // restore ends with what `art28 verify` says, and verify says the same afterwards.
      assert.match(restored.stdout, new RegExp(`^OK: ${demoCounts.events} events in ${demoCounts.streams} streams verified`, "m"));
      assert.deepEqual(verified(fresh), demoCounts);
      for (const key of ["checkpoint-key.pem", "session.secret"]) {
        assert.deepEqual(readFileSync(join(fresh, key)), readFileSync(join(demo, key)), key);
      }
    });

    test(
      "a backup while art28 serve runs on the folder and writes go on: made by the server, consistent, and the server keeps answering; restore is refused on its folder",
      { timeout: 300_000 },
      async (t) => {
        const live = copy("live");
        const served = await startServe(live, env);
        const file = join(root, "live-backup.zip");
        try {
          const token = await apiToken(served.url, { email: "admin@norisk.example", password: DEMO_PASSWORD });
          // Imports of 20 new customers each, one after the other, all or nothing: a consistent copy holds whole imports only.
          let writing = true;
          let imported = 0;
          const writer = (async () => {
            for (let round = 0; writing; round++) {
              const csv = [
                "customer_number,name,service,monthly_fee",
                ...Array.from({ length: 20 }, (_, i) => `W${round}-${i},Klant W${round}-${i} BV,web-hosting,9.50`),
              ];
              const response = await fetch(`${served.url}/api/v1/imports/customers.csv`, {
                method: "POST",
                headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
                body: `${csv.join("\n")}\n`,
              });
              assert.equal(response.status, 200, await response.text());
              imported++;
            }
          })();
          while (imported < 2) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          const atStart = imported;
          // How long the server keeps a request waiting while it makes the dump (PGlite reads its files in the server's thread).
          let slowest = 0;
          let probing = true;
          const probe = (async () => {
            while (probing) {
              const sent = performance.now();
              assert.equal((await fetch(`${served.url}/healthz`)).status, 200);
              slowest = Math.max(slowest, performance.now() - sent);
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          })();
          const made = await art28Async(live, env, "backup", file);
          const atEnd = imported;
          probing = false;
          await probe;
          t.diagnostic(`the slowest /healthz during the backup took ${Math.round(slowest)} ms`);
          // Another restore may not touch the folder while the server holds it, --force or not.
          const refused = await art28Async(live, env, "restore", file, "--force");
          writing = false;
          await writer;

          assert.equal(made.status, 0, made.stderr);
          assert.match(made.stdout, /made by art28 serve \(pid \d+\) while it ran/);
          assert.ok(atEnd > atStart, `imports went on during the backup (${atStart} before, ${atEnd} after)`);

          assert.equal(refused.status, 2, refused.stdout);
          assert.match(refused.stderr, /in use by `art28 serve` \(pid \d+/);
          assert.match(refused.stderr, /A restore replaces the database the server holds: stop it first/);
        } finally {
          assert.deepEqual(await stop(served), { code: 0, signal: null });
        }
        assert.equal(existsSync(join(live, "pglite.sock")), false, "the socket is gone with the server");

        const fresh = join(root, "from-live");
        const restored = art28(fresh, env, "restore", file);
        assert.equal(restored.status, 0, `${restored.stdout}${restored.stderr}`);
        const counts = verified(fresh);
        // 51 streams in the demo (50 customers and the processor's) and one per customer imported: whole imports only.
        assert.equal((counts.streams - demoCounts.streams) % 20, 0, `${counts.streams} streams: an import was cut in two`);
        assert.ok(counts.streams > demoCounts.streams, "imports before the backup are in it");
        const after = verified(live);
        assert.ok(counts.events <= after.events && counts.streams <= after.streams);
      },
    );

    test("a damaged, cut off or wrong file is refused with a clear message and the folder is not touched", { timeout: 180_000 }, () => {
      const file = join(root, "demo-backup.zip");
      if (!existsSync(file)) {
        assert.equal(art28(demo, env, "backup", file).status, 0);
      }
      const bytes = readFileSync(file);
      const cases: [string, Buffer, RegExp][] = [
        ["cut.zip", bytes.subarray(0, Math.floor(bytes.length * 0.6)), /cut\.zip is damaged or incomplete \(cut off while it was written or copied\?\)/],
        ["empty.zip", Buffer.alloc(0), /empty\.zip is not an Art28 backup/],
        ["notes.zip", Buffer.from("hello\n"), /notes\.zip is not an Art28 backup: `art28 backup` writes a ZIP archive/],
        [
          "bundle.zip",
          Buffer.from(zipSync({ "events.jsonl": strToU8("{}\n") })),
          /bundle\.zip is a ZIP archive but not an Art28 backup: it has no manifest\.json/,
        ],
      ];
      const entries = unzipSync(new Uint8Array(bytes));
      const gz = entries["pglite.tar.gz"];
      assert.ok(gz);
      const flipped = Buffer.from(gz);
      const middle = Math.floor(flipped.length / 2);
      flipped[middle] = (flipped[middle] ?? 0) ^ 0x55;
      cases.push(["flipped.zip", Buffer.from(zipSync({ ...entries, "pglite.tar.gz": flipped }, { level: 0 })), /flipped\.zip is damaged: its database/]);
      const manifest = JSON.parse(new TextDecoder().decode(entries["manifest.json"])) as Record<string, unknown>;
      const future = { ...manifest, art28Version: "9.0.0", migration: { tag: "0099_future", when: 4_102_444_800_000, count: 99 } };
      cases.push([
        "future.zip",
        Buffer.from(zipSync({ ...entries, "manifest.json": strToU8(JSON.stringify(future)) }, { level: 0 })),
        /holds a database of a newer Art28 \(9\.0\.0, migration 0099_future/,
      ]);

      for (const [name, content, message] of cases) {
        const damaged = join(root, name);
        writeFileSync(damaged, content);
        const target = join(root, `target-${name}`);
        const run = art28(target, env, "restore", damaged);
        assert.equal(run.status, 2, `${name}: ${run.stdout}${run.stderr}`);
        assert.match(run.stderr, /^art28: /, name);
        assert.match(run.stderr, message, name);
        assert.doesNotMatch(run.stderr, /at .+\.ts:\d+/, `${name}: no stack trace`);
        assert.equal(hasDatabase(target), false, `${name}: nothing restored`);
      }
    });

    test("restore onto a folder with data is refused, --force replaces it; backup of a folder without a database says so", { timeout: 180_000 }, () => {
      const file = join(root, "demo-backup.zip");
      if (!existsSync(file)) {
        assert.equal(art28(demo, env, "backup", file).status, 0);
      }
      const target = copy("occupied");
      const keyBefore = readFileSync(join(target, "checkpoint-key.pem"));
      writeFileSync(join(target, "checkpoint-key.pem"), "another processor's key\n");
      const refused = art28(target, env, "restore", file);
      assert.equal(refused.status, 2, refused.stdout);
      assert.match(
        refused.stderr,
        /is not empty \(it holds pglite\/ \(a database\), checkpoint-key\.pem, session\.secret\): restore into an empty or new folder \(--data DIR\), or add --force to replace its database and keys\. Nothing was changed\./,
      );
      assert.equal(readFileSync(join(target, "checkpoint-key.pem"), "utf8"), "another processor's key\n");

      const forced = art28(target, env, "restore", file, "--force");
      assert.equal(forced.status, 0, `${forced.stdout}${forced.stderr}`);
      assert.deepEqual(readFileSync(join(target, "checkpoint-key.pem")), keyBefore);
      assert.deepEqual(readdirSync(target).sort(), ["checkpoint-key.pem", "pglite", "pglite.owner", "session.secret"]);
      assert.deepEqual(verified(target), demoCounts);

      const nothing = join(root, "nothing");
      const none = art28(nothing, env, "backup", join(root, "nothing.zip"));
      assert.equal(none.status, 2);
      assert.match(none.stderr, /holds no Art28 database .*nothing to back up/);
      assert.equal(existsSync(join(root, "nothing.zip")), false);
    });

    test("a backup of an older Art28 (one migration behind) is migrated forward by restore", { timeout: 180_000 }, async () => {
      // The migrations of the build before the last one.
      const older = join(root, "older-migrations");
      cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
      const journalFile = join(older, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      const last = journal.entries.pop();
      assert.ok(last);
      rmSync(join(older, `${last.tag}.sql`));
      writeFileSync(journalFile, JSON.stringify(journal));

      const database = await openDatabase({ engine: "pglite", memory: true });
      const client = (database.db as unknown as { $client: PGlite }).$client;
      await migrate(drizzle(client), { migrationsFolder: older });
      const snapshot = database.snapshot;
      assert.ok(snapshot);
      const dump = await describeSnapshot(database.db, await snapshot());
      await database.close();
      assert.equal(dump.header.migration.tag, journal.entries.at(-1)?.tag);
      const file = join(root, "older.zip");
      await writeBackup(file, dump.header, Readable.from([dump.bytes]), [], "a test");

      const target = join(root, "from-older");
      const restored = art28(target, env, "restore", file);
      assert.equal(restored.status, 0, `${restored.stdout}${restored.stderr}`);
      assert.match(restored.stdout, new RegExp(`migrated forward by 1 \\(to ${last.tag}\\)`));
      assert.match(restored.stdout, /^OK: 0 events in 0 streams verified/m);
    });

    test("on PostgreSQL, backup and restore point to pg_dump and pg_restore and do nothing", () => {
      const pg = { ...env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" };
      const backup = art28(join(root, "unused"), pg, "backup", join(root, "pg.zip"));
      assert.equal(backup.status, 2);
      assert.match(
        backup.stderr,
        /PostgreSQL makes its own backups: pg_dump --format=custom --file=FILE "\$DATABASE_URL" \(docs\/DEPLOYMENT\.md, Backups\)\. Nothing was written\./,
      );
      const restore = art28(join(root, "unused"), pg, "restore", join(root, "pg.zip"));
      assert.equal(restore.status, 2);
      assert.match(restore.stderr, /pg_restore --no-owner/);
      assert.equal(existsSync(join(root, "pg.zip")), false);
      assert.equal(existsSync(join(root, "unused")), false);
    });
  });
}

test(
  "PostgreSQL: pg_dump --format=custom of a database with the demo, pg_restore --no-owner into a fresh database: art28 verify passes with the same events, row-level security and the application role's grants intact",
  { skip: testEngine() !== "postgres" ? "PostgreSQL's own tools: on the PostgreSQL run" : skipIfMissing(pgTools()), timeout: 180_000 },
  async () => {
    const source = await createTestDatabase();
    const restoredName = `${source.name}_restored`;
    const admin = await openDatabase({ engine: "postgres", url: process.env.TEST_DATABASE_URL ?? "", poolSize: 1 });
    try {
      const clock = fixedClock(new Date("2026-11-02T09:00:00Z"));
      await inScope(source.db, { kind: "processor" }, async (tx) => {
        await ensureInstalled(tx, clock, DEMO_PROCESSOR, { email: "admin@norisk.example", password: DEMO_PASSWORD });
        await loadDemo(tx, clock, 10);
      });
      const pgEnv = (name: string) => ({ ...env, DATABASE_URL: testDatabaseUrl(name) });
      const before = verified(join(root, "unused"), pgEnv(source.name));
      assert.ok(before.events > 50, `${before.events} events`);

      const file = join(root, "art28.dump");
      execFileSync("pg_dump", ["--format=custom", `--file=${file}`, testDatabaseUrl(source.name)], { stdio: "pipe" });
      await admin.db.execute(sql.raw(`create database ${restoredName}`));
      execFileSync("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${testDatabaseUrl(restoredName)}`, file], { stdio: "pipe" });

      assert.deepEqual(verified(join(root, "unused"), pgEnv(restoredName)), before);
      const restored = await openDatabase({ engine: "postgres", url: testDatabaseUrl(restoredName), poolSize: 1 });
      try {
        const [security] = await rows<{ rls: boolean; insert: boolean; update: boolean }>(
          restored.db,
          sql`select (select relrowsecurity from pg_class where relname = 'controllers') as rls,
                     has_table_privilege('art28_app', 'events', 'INSERT') as insert,
                     has_table_privilege('art28_app', 'events', 'UPDATE') as update`,
        );
        assert.deepEqual(security, { rls: true, insert: true, update: false });
        // The append-only trigger came along: even the owner cannot edit the evidence.
        await assert.rejects(restored.db.execute(sql`update events set type = type`));
      } finally {
        await restored.close();
      }
    } finally {
      await admin.db.execute(sql.raw(`drop database if exists ${restoredName} with (force)`));
      await admin.close();
      await source.close();
    }
  },
);

/** Null when pg_dump and pg_restore run here, else why not. */
function pgTools(): string | null {
  for (const tool of ["pg_dump", "pg_restore"]) {
    try {
      execFileSync(tool, ["--version"], { stdio: "ignore" });
    } catch {
      return `${tool} not installed (apt-get install -y postgresql-client)`;
    }
  }
  mkdirSync(root, { recursive: true });
  return null;
}
