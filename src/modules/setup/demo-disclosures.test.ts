import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { session, staffSession } from "../../../test/support/sessions.ts";
import { events, notices, obligations } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { verifyChain } from "../evidence/index.ts";
import { seedDemoDisclosures } from "./demo-disclosures.ts";

// The demo's disclosure orders (art. 9.2): told in time, told after a gag ended, still under a gag
// (its customer sees nothing), one received this morning with its duty running; and a customer's statement.

let t: TestApp;
before(async () => {
  t = await createTestApp(new Date("2026-11-30T10:00:00Z"));
});
after(async () => {
  await t.close();
});

test("the demo's orders are in realistic states, and the gagged one is invisible to its customer", async () => {
  const officer = await createStaff(t.database.db, "privacy_officer");
  const [a, b, c, d, e] = await Promise.all(["Alfa", "Beta", "Gamma", "Delta", "Epsilon"].map((name) => createCustomer(t.database.db, t.clock, { name })));
  assert.ok(a && b && c && d && e);
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    seedDemoDisclosures(
      tx,
      t.clock,
      { kind: "staff", id: officer.id, label: "officer" },
      {
        told: [a.controllerId, b.controllerId],
        afterGag: c.controllerId,
        gagged: d.controllerId,
        running: e.controllerId,
        stating: { controllerId: a.controllerId, actor: { kind: "customer", id: a.owner.id, label: "owner" } },
      },
    ),
  );
  const privacy = await staffSession(t, "privacy_officer");
  const list = (await privacy.get("/api/v1/disclosure-orders")).json<
    { reference: string; gagActive: boolean; decision: string; notified: number; customers: number }[]
  >();
  assert.equal(list.length, 4);
  assert.equal(list.filter((o) => o.gagActive).length, 1);
  assert.deepEqual(
    list.map((o) => `${o.notified}/${o.customers}`),
    ["0/1", "0/1", "2/2", "1/1"],
    "newest first: this morning's (running), the gagged one, the police's, the prosecutor's",
  );

  const duties = await t.database.db.select().from(obligations).where(eq(obligations.kind, "disclosure_notice"));
  assert.equal(duties.filter((o) => o.status === "met" && o.metInTime).length, 3, "three told in time");
  const running = duties.find((o) => o.controllerId === e.controllerId);
  assert.equal(running?.status, "open");
  assert.ok(running && running.dueAt > t.clock.now());
  assert.equal(duties.filter((o) => o.controllerId === d.controllerId).length, 0, "no duty under the gag");

  const gaggedNotices = await t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.controllerId, d.controllerId), eq(notices.kind, "disclosure_notice")));
  assert.equal(gaggedNotices.length, 0);
  const gaggedEvents = (await t.database.db.select().from(events).where(eq(events.controllerId, d.controllerId))).filter((ev) =>
    JSON.stringify(ev).includes("disclosure"),
  );
  assert.deepEqual(gaggedEvents, [], "nothing about it in the gagged customer's evidence");
  const ownerD = await session(t.app, d.owner.email);
  assert.deepEqual((await ownerD.get(`/api/v1/controllers/${d.controllerId}/disclosure-notices`)).json(), []);
  const ownerC = await session(t.app, c.owner.email);
  assert.equal((await ownerC.get(`/api/v1/controllers/${c.controllerId}/disclosure-notices`)).json<unknown[]>().length, 1);
  assert.equal((await privacy.get("/api/v1/disclosure-statements")).json<unknown[]>().length, 1);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
