import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.ts";
import { rows } from "./engine.ts";
import { beginScopeSql, inScope } from "./scope.ts";

// A scoped transaction on either engine: one commit or none, row-level security bound to the scope,
// a nested scope a savepoint, and the connection usable again after a failure.

let database: TestDatabase;
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
before(async () => {
  database = await createTestDatabase();
  await database.migrate();
  await database.db.execute(sql`insert into controllers (id, customer_number, name) values (${A}, 'S-A', 'Scope A'), (${B}, 'S-B', 'Scope B')`);
});
after(async () => {
  await database.close();
});

const names = (db: typeof database.db) => rows<{ name: string }>(db, sql`select name from controllers where customer_number like 'S-%' order by name`);

test("a controller's scope sees its own rows, as art28_app; the processor's sees all", async () => {
  assert.deepEqual(await inScope(database.db, { kind: "controller", controllerId: A }, names), [{ name: "Scope A" }]);
  assert.deepEqual(await inScope(database.db, { kind: "processor" }, names), [{ name: "Scope A" }, { name: "Scope B" }]);
  const [role] = await inScope(database.db, { kind: "processor" }, (tx) => rows<{ role: string }>(tx, sql`select current_user as role`));
  assert.equal(role?.role, "art28_app");
});

test("a failure rolls everything back, and the next transaction starts clean", async () => {
  for (let i = 0; i < 12; i++) {
    // More failures than the pool has connections: none is given back still in a transaction.
    await assert.rejects(
      inScope(database.db, { kind: "processor" }, async (tx) => {
        await tx.execute(sql`update controllers set name = 'changed' where id = ${A}`);
        throw new Error("the use case fails");
      }),
      /the use case fails/,
    );
  }
  await assert.rejects(inScope(database.db, { kind: "processor" }, (tx) => tx.execute(sql`select 1/0`)));
  assert.deepEqual(await inScope(database.db, { kind: "processor" }, names), [{ name: "Scope A" }, { name: "Scope B" }]);
  const [open] = await inScope(database.db, { kind: "controller", controllerId: B }, (tx) =>
    rows<{ scope: string; controller: string }>(tx, sql`select current_setting('art28.scope') as scope, current_setting('art28.controller') as controller`),
  );
  assert.deepEqual(open, { scope: "controller", controller: B }, "each transaction has its own scope");
});

test("a scope inside a transaction is a savepoint: its failure undoes only its own writes", async () => {
  await inScope(database.db, { kind: "processor" }, async (tx) => {
    await tx.execute(sql`update controllers set city = 'Utrecht' where id = ${A}`);
    await assert.rejects(
      inScope(tx, { kind: "processor" }, async (inner) => {
        await inner.execute(sql`update controllers set city = 'Zwolle' where id = ${B}`);
        throw new Error("inner fails");
      }),
    );
    await inScope(tx, { kind: "processor" }, (inner) => inner.execute(sql`update controllers set kvk = '87654321' where id = ${B}`));
  });
  const cities = await inScope(database.db, { kind: "processor" }, (tx) =>
    rows<{ city: string | null; kvk: string | null }>(tx, sql`select city, kvk from controllers where customer_number like 'S-%' order by name`),
  );
  assert.deepEqual(cities, [
    { city: "Utrecht", kvk: null },
    { city: null, kvk: "87654321" },
  ]);
});

test("the scope's values are checked before they go into the statement's text", () => {
  assert.match(beginScopeSql({ kind: "controller", controllerId: A }), new RegExp(`'${A}'`));
  assert.throws(() => beginScopeSql({ kind: "controller", controllerId: "x', true); drop table controllers; --" }), /not a controller id/);
});
