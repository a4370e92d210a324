import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, login, type TestApp } from "../../../test/support/app.ts";
import { inScope } from "../../db/scope.ts";
import { verifyChain } from "../evidence/index.ts";
import { DEMO_BREAK_GLASS_REASON } from "./demo-access.ts";
import { DEMO_PASSWORD, DEMO_STAFF, loadDemo } from "./demo.ts";

// The demo's need-to-know (art. 2.3, 9.1): every staff user confirmed the statement, and customer 11
// (not assigned to support) sees support's break glass, with its reason, in its access log.

let t: TestApp;
const session = (app: TestApp["app"], email: string) => login(app, email, DEMO_PASSWORD);

before(async () => {
  t = await createTestApp(new Date());
  await inScope(t.database.db, { kind: "processor" }, (tx) => loadDemo(tx, t.clock, 12));
});
after(() => t.close());

test("the demo's staff confirmed the statement and see customers; customer 11 sees the break glass with its reason", async () => {
  for (const staff of DEMO_STAFF) {
    const me = await session(t.app, staff.email);
    const statement = (await me.get("/api/v1/confidentiality-statement")).json<{ confirmedAt: string | null }>();
    assert.ok(statement.confirmedAt, `${staff.email} confirmed`);
    assert.equal((await me.get("/api/v1/controllers")).statusCode, 200, staff.email);
  }
  const owner = await session(t.app, "owner@c0011.example");
  const log = (await owner.get("/api/v1/access-log")).json<{ items: { why: string; reason: string | null; userName: string; what: string }[] }>();
  const glass = log.items.filter((i) => i.why === "break_glass");
  assert.deepEqual(glass.map((i) => i.what).sort(), ["contact", "customer"]);
  assert.ok(glass.every((i) => i.reason === DEMO_BREAK_GLASS_REASON && i.userName === "Sophie Jansen"));
  const first = await session(t.app, "owner@c0001.example");
  const ofFirst = (await first.get("/api/v1/access-log")).json<{ items: { why: string }[] }>();
  assert.deepEqual(ofFirst.items.map((i) => i.why).sort(), ["assignment", "role"]);
  const support = await session(t.app, "support@norisk.example");
  const list = (await support.get("/api/v1/controllers?limit=100")).json<{ total: number }>();
  assert.equal(list.total, 10, "the grant has expired: support sees its 10 assigned customers only");
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
