import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.ts";
import { decodeKeyset, encodeCursor, keysetPage } from "../http/cursor.ts";
import { rows } from "./engine.ts";
import { afterKey, containsPattern, countUpTo, keyOrder, keyText, walkCustomersByName, type SortKey } from "./keyset.ts";
import { controllers } from "./schema/index.ts";

// Keyset pages on the engine itself: the key as text round-trips through a cursor to the
// microsecond, a capped count says when it stopped, and the walk-or-sort choice by list size.

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
  // Seven customers created a microsecond apart, and two at one instant (the id orders those).
  await database.db.execute(
    sql`insert into controllers (customer_number, name, created_at)
        select 'K' || g, 'Sleutel ' || g, timestamptz '2026-03-01 12:00:00.123456+00' + (least(g, 8) * interval '1 microsecond')
          from generate_series(1, 9) g`,
  );
});
after(async () => {
  await database.close();
});

const key: SortKey[] = [
  { expr: controllers.createdAt, kind: "instant", descending: true },
  { expr: controllers.id, kind: "uuid", descending: true },
];

async function page(after: readonly string[] | undefined, limit: number) {
  const found = await rows<{ customer_number: string; key: string[] }>(
    database.db,
    sql`select customer_number, ${keyText(key)} as key from controllers
         where customer_number like 'K%' ${after ? sql`and ${afterKey(key, after)}` : sql``}
         order by ${keyOrder(key)} limit ${limit + 1}`,
  );
  return keysetPage(found, limit);
}

test("a key's instant keeps its microseconds through a cursor: pages of two walk every row once, in order", async () => {
  const first = await page(undefined, 100);
  assert.equal(first.next, null);
  assert.match(first.items[0]?.key[0] ?? "", /^2026-03-01T12:00:00\.123464Z$/);
  const walked: string[] = [];
  let after: string[] | undefined;
  for (;;) {
    const next = await page(after, 2);
    walked.push(...next.items.map((r) => r.customer_number));
    if (next.next === null) {
      break;
    }
    after = decodeKeyset(next.next, ["instant", "uuid"]);
  }
  assert.deepEqual(
    walked,
    first.items.map((r) => r.customer_number),
  );
  assert.equal(new Set(walked).size, 9);
});

test("a cursor whose values are not of the key's kinds is refused before the database sees it", () => {
  for (const values of [
    ["2026-02-30T00:00:00.000000Z", crypto.randomUUID()],
    ["2026-03-01T12:00:00.123Z", crypto.randomUUID()],
    ["2026-03-01T12:00:00.123456Z", "nope"],
  ]) {
    assert.throws(() => decodeKeyset(encodeCursor(values), ["instant", "uuid"]), /querystring\.after/);
  }
  assert.throws(() => decodeKeyset(encodeCursor(["a\u0000b"]), ["text"]), /querystring\.after/);
  assert.deepEqual(decodeKeyset(encodeCursor(["12"]), ["integer"]), ["12"]);
  assert.throws(() => afterKey([key[0] as SortKey, { ...(key[1] as SortKey), descending: false }], ["x", "y"]), /one way/);
});

test("a count stops at its limit and says so; under it, it is exact", async () => {
  const like = sql`${controllers.customerNumber} like 'K%'`;
  assert.deepEqual(await countUpTo(database.db, controllers, like, 5), { total: 5, exact: false });
  assert.deepEqual(await countUpTo(database.db, controllers, like, 9), { total: 9, exact: true });
  assert.deepEqual(await countUpTo(database.db, controllers, sql`false`), { total: 0, exact: true });
});

test("a contains-pattern takes %, _ and \\ literally", async () => {
  const match = async (text: string) =>
    (await rows<{ n: number | string }>(database.db, sql`select count(*) as n from controllers where name ilike ${containsPattern(text)}`))[0]?.n;
  assert.equal(Number(await match("sleutel 1")), 1);
  assert.equal(Number(await match("%")), 0);
  assert.equal(Number(await match("_")), 0);
});

test("a list is walked by customer name only when it holds a twentieth of the customers or more", async () => {
  assert.equal(await walkCustomersByName(database.db, 999), false, "a small list is sorted");
  const [counted] = await rows<{ n: number | string }>(database.db, sql`select count(*) as n from controllers`);
  const customers = Number(counted?.n);
  await database.db.execute(sql`analyze controllers`);
  assert.equal(await walkCustomersByName(database.db, Math.max(1_000, customers)), true);
});
