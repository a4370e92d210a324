import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../test/support/app.ts";
import { customer, staffSession, type Session } from "../../test/support/sessions.ts";
import { assessAndNotify } from "../../test/support/breach-fixture.ts";
import { knownMigrations } from "../db/operations.ts";
import { rows } from "../db/engine.ts";

// The operator's probes and metrics (issue 16, point 4): alive, ready (database and migrations),
// and the Prometheus figures of deadlines and deliveries as they change.

let t: TestApp;
let security: Session;
before(async () => {
  t = await createTestApp(new Date("2026-05-04T08:00:00Z"));
  security = await staffSession(t, "security_officer");
});
after(async () => {
  await t.close();
});

/** The value of one sample of the exposition, e.g. `art28_deadlines{state="overdue"}`. */
async function sample(name: string): Promise<number> {
  const answer = await t.app.inject({ method: "GET", url: "/metrics" });
  assert.equal(answer.statusCode, 200);
  assert.match(String(answer.headers["content-type"]), /^text\/plain/);
  const line = answer.body.split("\n").find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} in\n${answer.body.slice(0, 2000)}`);
  return Number(line.slice(name.length + 1));
}

test("healthz answers without the database; readyz says whether every migration is applied", async () => {
  const alive = await t.app.inject({ method: "GET", url: "/healthz" });
  assert.equal(alive.statusCode, 200);
  const ready = await t.app.inject({ method: "GET", url: "/readyz" });
  assert.equal(ready.statusCode, 200, ready.body);
  assert.deepEqual(ready.json(), { database: "reachable", migrationsApplied: knownMigrations(), migrationsKnown: knownMigrations(), ready: true });

  // A database one migration behind this build (an upgrade that did not migrate first) is not ready.
  const [last] = await rows<{ id: number; hash: string; created_at: string }>(
    t.database.db,
    sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations) returning id, hash, created_at`,
  );
  try {
    const behind = await t.app.inject({ method: "GET", url: "/readyz" });
    assert.equal(behind.statusCode, 503);
    assert.equal(behind.json<{ migrationsApplied: number }>().migrationsApplied, knownMigrations() - 1);
  } finally {
    await t.database.db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last?.id}, ${last?.hash}, ${last?.created_at})`);
  }
});

test("metrics count the processor's deadlines due and overdue, and the deliveries queued", async () => {
  const due = await sample('art28_deadlines{state="due"}');
  const overdue = await sample('art28_deadlines{state="overdue"}');
  const pending = await sample('art28_deliveries{status="pending"}');

  const a = await customer(t, "Metriek A", ["email"]);
  const b = await customer(t, "Metriek B", ["email"]);
  const recorded = await security.send("POST", "/api/v1/incidents", {
    title: "Lek",
    description: "Lek",
    discoveredAt: "2026-05-04T07:00:00Z",
    discoveryHow: "Monitoring",
  });
  assert.equal(recorded.statusCode, 201, recorded.body);
  const incident = recorded.json<{ id: string }>().id;
  assert.equal((await security.send("POST", `/api/v1/incidents/${incident}/customers`, { controllerIds: [a.controllerId, b.controllerId] })).statusCode, 200);
  assert.equal(await sample('art28_deadlines{state="due"}'), due + 2, "two 48-hour duties opened");

  t.clock.advance(49 * 3600_000);
  assert.equal(await sample('art28_deadlines{state="overdue"}'), overdue + 2, "49 hours later both are overdue");
  assert.equal(await sample('art28_deadlines{state="due"}'), due);

  await assessAndNotify(security, incident, new Date("2026-05-03T00:00:00Z"));
  assert.equal(await sample('art28_deadlines{state="overdue"}'), overdue, "met (late): no longer open");
  assert.ok((await sample('art28_deliveries{status="pending"}')) >= pending + 2, "the notices' deliveries are queued");
  assert.ok((await sample("art28_process_resident_memory_bytes")) > 0, "and the process's own figures");
  assert.equal(await sample("art28_change_feed_live"), 1, "the web process hears the database's changes");
  assert.ok((await sample('art28_kept_reads{cache="customer_home",count="miss"}')) >= 0, "and says what it keeps");
});

test("with ART28_METRICS_TOKEN set, /metrics asks for it", async () => {
  process.env.ART28_METRICS_TOKEN = "scrape-secret-1234567890";
  const guarded = await createTestApp();
  try {
    assert.equal((await guarded.app.inject({ method: "GET", url: "/metrics" })).statusCode, 401);
    assert.equal((await guarded.app.inject({ method: "GET", url: "/metrics", headers: { authorization: "Bearer wrong" } })).statusCode, 401);
    const allowed = await guarded.app.inject({ method: "GET", url: "/metrics", headers: { authorization: "Bearer scrape-secret-1234567890" } });
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.equal((await guarded.app.inject({ method: "GET", url: "/healthz" })).statusCode, 200, "the probes stay open");
  } finally {
    delete process.env.ART28_METRICS_TOKEN;
    await guarded.close();
  }
});
