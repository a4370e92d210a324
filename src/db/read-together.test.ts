import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createTestDatabase, testEngine, type TestDatabase } from "../../test/support/database.ts";
import { read, readInScope, readTogether } from "./read-together.ts";
import { inScope } from "./scope.ts";

// Several reads in one statement (and on PostgreSQL one round trip with the scoped transaction):
// the same answers as asked one by one, the same row-level security, and a failure that leaves the
// connection clean.

let database: TestDatabase;
const A = "00000000-0000-4000-8000-0000000000a1";
const B = "00000000-0000-4000-8000-0000000000b1";
before(async () => {
  database = await createTestDatabase();
  await database.db.execute(
    sql`insert into controllers (id, customer_number, name, created_at) values
          (${A}, 'R-A', 'Read A', '2024-02-29T23:30:00.123456Z'), (${B}, 'R-B', 'Read B', '2025-01-01T00:00:00Z')`,
  );
});
after(async () => {
  await database.close();
});

const names = () =>
  read(sql`select name from controllers where customer_number like 'R-%' order by name`, (found: { name: string }[]) => found.map((r) => r.name));
const created = (id: string) =>
  read(sql`select created_at, 12345678901::bigint as big from controllers where id = ${id}`, ([row]: { created_at: string | Date; big: number | string }[]) =>
    row ? { createdAt: new Date(row.created_at), big: Number(row.big) } : null,
  );

test("the reads answer together what each answers alone, timestamps and numbers mapped", async () => {
  const together = await readInScope(
    database.db,
    { kind: "processor" },
    { names: names(), a: created(A), none: created("00000000-0000-4000-8000-000000000000") },
  );
  assert.deepEqual(together.names, ["Read A", "Read B"]);
  assert.equal(together.a?.createdAt.toISOString(), "2024-02-29T23:30:00.123Z");
  assert.equal(together.a?.big, 12345678901);
  assert.equal(together.none, null);
  const alone = await inScope(database.db, { kind: "processor" }, (tx) => readTogether(tx, { names: names() }));
  assert.deepEqual(alone.names, together.names);
});

test("row-level security holds: a controller's scope reads its own rows only, as art28_app", async () => {
  const role = read(sql`select current_user as role, current_setting('transaction_read_only') as ro`, ([row]: { role: string; ro: string }[]) => row);
  const found = await readInScope(database.db, { kind: "controller", controllerId: A }, { names: names(), role });
  assert.deepEqual(found.names, ["Read A"]);
  assert.equal(found.role?.role, "art28_app");
  if (testEngine() === "postgres") {
    assert.equal(found.role?.ro, "on", "the one-message read is a read-only transaction");
  }
});

test("a value that is not safe to write into the text goes as a parameter, with the same answer", async () => {
  const tricky = "O'Brien \\ ; drop table controllers; --";
  const found = await readInScope(
    database.db,
    { kind: "processor" },
    {
      echo: read(sql`select ${tricky}::text as v`, ([row]: { v: string }[]) => row?.v),
      names: names(),
    },
  );
  assert.equal(found.echo, tricky);
  assert.deepEqual(found.names, ["Read A", "Read B"]);
});

test("a failing read rejects, and every connection goes back clean (no transaction left open)", async () => {
  for (let i = 0; i < 12; i++) {
    await assert.rejects(readInScope(database.db, { kind: "processor" }, { bad: read(sql`select 1/0 as x`, (found) => found) }), (error: Error) =>
      /division by zero/.test(`${error.message} ${String(error.cause)}`),
    );
  }
  const found = await readInScope(database.db, { kind: "controller", controllerId: B }, { names: names() });
  assert.deepEqual(found.names, ["Read B"]);
});

test("on PostgreSQL the scoped read is one round trip", { skip: testEngine() !== "postgres" && "the embedded engine has no round trips" }, async () => {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0];
    sent.push(typeof config === "string" ? config : String((config as { text?: string }).text));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await readInScope(database.db, { kind: "controller", controllerId: A }, { names: names(), a: created(A) });
  } finally {
    pg.Client.prototype.query = original;
  }
  assert.equal(sent.length, 1, sent.join("\n"));
  assert.match(sent[0] ?? "", /^BEGIN READ ONLY; SELECT set_config\(.*; COMMIT$/s);
});
