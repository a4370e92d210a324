import { announcementData } from "../../../test/support/notice-data.ts";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { buildApp, type App } from "../../app.ts";
import { ChangeFeed, FeedCache, RESET } from "../../db/change-feed.ts";
import { rows } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";

// The reads a web process keeps (db/change-feed.ts): the customer's home and who a token is. Kept
// until the database says they changed, in this process or another; never past a rollback.

let t: TestApp;
let feed: ChangeFeed;
const heard: string[] = [];

before(async () => {
  t = await createTestApp();
  feed = await ChangeFeed.start(t.database);
  feed.subscribe((payload) => heard.push(payload));
});
after(async () => {
  await feed.close();
  await t.close();
});

/** Waits (at most 5 s, every 10 ms) until `check` holds; the feed is asynchronous across connections. */
async function eventually(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`not within 5 s: ${what}`);
}

const unread = async (client: Client) => {
  const response = await client.get("/api/v1/home/badges");
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ notices: number }>().notices;
};

/** Runs `statement` on notices with the feed's trigger off, as a change the feed cannot see. */
async function unseen(statement: ReturnType<typeof sql>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table notices disable trigger notices_changed`);
    await tx.execute(statement);
    await tx.execute(sql`alter table notices enable trigger notices_changed`);
  });
}

describe("reads kept until they change", () => {
  test("the database tells each commit's changed customers, never a rollback's", async () => {
    const customer = await createCustomer(t.database.db, t.clock);
    await eventually("the new customer is heard", () => heard.includes(`c:${customer.controllerId}`));
    heard.length = 0;
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`update controllers set name = 'Teruggedraaid' where id = ${customer.controllerId}`);
        throw new Error("rolled back");
      }),
    );
    await t.database.db.execute(sql`update controllers set name = name where id = ${crypto.randomUUID()}`);
    await t.database.db.execute(sql`update contacts set name = name where controller_id = ${customer.controllerId}`);
    await eventually("the committed change is heard", () => heard.includes(`c:${customer.controllerId}`));
    assert.deepEqual(heard, [`c:${customer.controllerId}`], "the rollback told nothing");
  });

  test("a customer's home is kept until its records change, then read again", async () => {
    const customer = await createCustomer(t.database.db, t.clock);
    const owner = await login(t.app, customer.owner.email);
    assert.equal(await unread(owner), 0);
    await inScope(t.database.db, { kind: "processor" }, (tx) =>
      queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId: customer.controllerId, data: announcementData() }]),
    );
    await eventually("a new notice shows", async () => (await unread(owner)) === 1);
    // Changed where the feed cannot see it: the kept home is served (it is kept, not read again).
    await unseen(sql`update notices set opened_at = now() where controller_id = ${customer.controllerId}`);
    assert.equal(await unread(owner), 1, "kept");
    // Any change it does see: read again.
    await t.database.db.execute(sql`update notices set acknowledged_at = acknowledged_at where controller_id = ${customer.controllerId}`);
    await eventually("read again once the change is heard", async () => (await unread(owner)) === 0);
    // After any change the customer makes through this process, its next read is made again (no waiting).
    await unseen(sql`update notices set opened_at = null where controller_id = ${customer.controllerId}`);
    assert.equal(await unread(owner), 0, "kept");
    const changed = await owner.send("POST", "/api/v1/tokens", { name: "a change" });
    assert.equal(changed.statusCode, 201, changed.body);
    assert.equal(await unread(owner), 1, "read again after its own change");
  });

  test("another web process hears it too: a revoked token stops there, a home moves on", async () => {
    const other = await ChangeFeed.start(t.database);
    const second: App = await buildApp({ db: t.database.db, clock: t.clock, changes: other, sessionSecret: "s".repeat(32), secureCookies: false });
    try {
      const customer = await createCustomer(t.database.db, t.clock);
      const owner = await login(t.app, customer.owner.email);
      const created = await owner.send("POST", "/api/v1/tokens", { name: "dashboard" });
      assert.equal(created.statusCode, 201, created.body);
      const { id, token } = created.json<{ id: string; token: string }>();
      const viaSecond = () => second.inject({ method: "GET", url: "/api/v1/home/badges", headers: { authorization: `Bearer ${token}` } });
      assert.equal((await viaSecond()).statusCode, 200);
      assert.equal((await viaSecond()).json<{ notices: number }>().notices, 0);
      await inScope(t.database.db, { kind: "processor" }, (tx) =>
        queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId: customer.controllerId, data: announcementData() }]),
      );
      await eventually("the second process shows the new notice", async () => (await viaSecond()).json<{ notices: number }>().notices === 1);
      const revoked = await owner.send("DELETE", `/api/v1/tokens/${id}`);
      assert.ok(revoked.statusCode < 300, revoked.body);
      await eventually("the revoked token stops working in the second process", async () => (await viaSecond()).statusCode === 401);
    } finally {
      await second.close();
      await other.close();
    }
  });

  test("a read made while its record changed is not kept; a lost feed keeps nothing", async () => {
    let state: (live: boolean) => void = () => {};
    let tell: (payload: string) => void = () => {};
    const own = await ChangeFeed.start({
      listen: async (_channel, onPayload, onState) => {
        tell = onPayload;
        state = onState;
        onState(true);
        return async () => {};
      },
    });
    const cache = new FeedCache<number>(own, { name: "test", prefix: "c:", max: 2, maxAgeMs: 60_000 });
    let reads = 0;
    const load = async () => (reads += 1);
    // Changed while being read: served, not kept.
    assert.equal(
      await cache.get("a", async () => {
        tell("c:a");
        return load();
      }),
      1,
    );
    assert.equal(await cache.get("a", load), 2);
    assert.equal(await cache.get("a", load), 2, "kept");
    tell("c:b");
    assert.equal(await cache.get("a", load), 2, "another's change leaves it");
    tell("c:*");
    assert.equal(await cache.get("a", load), 3, "every customer's change empties it");
    state(false);
    tell(RESET);
    assert.equal(await cache.get("a", load), 4);
    assert.equal(await cache.get("a", load), 5, "nothing kept while the feed is lost");
    state(true);
    await cache.get("a", load);
    await cache.get("b", load);
    await cache.get("c", load);
    assert.equal(cache.size, 2, "at most max entries");
    assert.equal(await cache.get("c", load, Date.now() + 61_000), 9, "nothing kept past its maximum age");
  });

  test("every table the home reads is one the feed covers", async () => {
    const sources = ["customer-queries.ts", "../obligations/ap-clock-queries.ts"].map((file) => readFileSync(new URL(file, import.meta.url), "utf8"));
    const read = new Set(sources.flatMap((source) => [...source.matchAll(/\b(?:from|join)\s+([a-z_]+)\s+[a-z0-9]+\b/g)].map((m) => m[1] as string)));
    assert.ok(read.size >= 10, `the home's tables: ${[...read].join(", ")}`);
    const covered = await rows<{ table: string }>(
      t.database.db,
      sql`select distinct c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_proc p on p.oid = g.tgfoid
           where p.proname like 'art28_changed_%'`,
    );
    const tables = new Set(covered.map((r) => r.table));
    assert.deepEqual(
      [...read].filter((table) => !tables.has(table)),
      [],
      "a table the home reads without a trigger in migration 0024 would be kept unseen",
    );
  });
});
