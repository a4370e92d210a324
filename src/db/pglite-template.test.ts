import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rows, type Database } from "./engine.ts";
import { DataFolderInUseError } from "./data-folder.ts";
import { templateFile } from "./pglite-template.ts";

// A fresh data folder is created from the cached migrated template instead of initdb + migrations:
// the same schema and migration record as migrating, a folder that persists and stays claimed.

const root = mkdtempSync(join(tmpdir(), "art28-template-"));
after(() => rmSync(root, { recursive: true, force: true }));
const template = templateFile(join(root, "cache"));

/** Tables, columns, constraints, indexes, sequences and applied migrations: what migrating makes. */
async function schemaOf(database: Database): Promise<string> {
  const parts = await Promise.all([
    rows(
      database.db,
      sql`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = 'public' order by 1, 2`,
    ),
    rows(
      database.db,
      sql`select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as d from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
    ),
    rows(database.db, sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`),
    rows(database.db, sql`select sequence_name from information_schema.sequences where sequence_schema = 'public' order by 1`),
    rows(database.db, sql`select hash, created_at from drizzle.__drizzle_migrations order by id`),
  ]);
  return JSON.stringify(parts);
}

test("the first fresh folder runs initdb and keeps its migrated database as the template; the next is made from it, with the same schema", async () => {
  const first = await openDatabase({ engine: "pglite", dataDir: join(root, "a"), template, command: "test" });
  assert.equal(first.origin, "initdb");
  assert.equal(existsSync(template), false);
  await first.migrate();
  assert.equal(existsSync(template), true, "the template is written after the first migration");
  const migrated = await schemaOf(first);
  assert.ok((await rows(first.db, sql`select 1 from drizzle.__drizzle_migrations`)).length > 5);
  await first.close();

  const second = await openDatabase({ engine: "pglite", dataDir: join(root, "b"), template, command: "test" });
  assert.equal(second.origin, "template");
  await second.migrate();
  assert.equal(await schemaOf(second), migrated);
  // The folder is claimed as any other: a second process is refused.
  await assert.rejects(openDatabase({ engine: "pglite", dataDir: join(root, "b"), template, command: "other" }), DataFolderInUseError);
  await second.db.execute(sql`create table kept (v text)`);
  await second.db.execute(sql`insert into kept values ('written after the template')`);
  await second.close();

  const reopened = await openDatabase({ engine: "pglite", dataDir: join(root, "b"), template, command: "test" });
  assert.equal(reopened.origin, "existing");
  assert.deepEqual(await rows(reopened.db, sql`select v from kept`), [{ v: "written after the template" }]);
  await reopened.close();
});

test("a damaged template is passed over: the fresh folder runs initdb and the template is written again", async () => {
  const damaged = templateFile(join(root, "damaged"));
  const reference = await openDatabase({ engine: "pglite", dataDir: join(root, "c"), template: null, command: "test" });
  await reference.migrate();
  const migrated = await schemaOf(reference);
  await reference.close();

  mkdirSync(join(root, "damaged"), { recursive: true });
  writeFileSync(damaged, "not a tarball");
  const database = await openDatabase({ engine: "pglite", dataDir: join(root, "d"), template: damaged, command: "test" });
  assert.equal(database.origin, "initdb");
  await database.migrate();
  assert.equal(await schemaOf(database), migrated);
  await database.close();
  const again = await openDatabase({ engine: "pglite", dataDir: join(root, "e"), template: damaged, command: "test" });
  assert.equal(again.origin, "template");
  await again.close();
});
