import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, login, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import type { StaffRole } from "../../db/schema/index.ts";

// GET /evidence/verification: what `art28 verify --server` calls while the server owns the folder.

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

test("staff who answer for the evidence verify the whole log; support, customers and strangers may not", async () => {
  const customer = await createCustomer(t.database.db, t.clock, { name: "Klant Keten" });
  for (const role of ["admin", "privacy_officer", "security_officer", "auditor"] as StaffRole[]) {
    const staff = await login(t.app, (await createStaff(t.database.db, role)).email);
    const response = await staff.get("/api/v1/evidence/verification");
    assert.equal(response.statusCode, 200, `${role}: ${response.body}`);
    const body = response.json<{ ok: boolean; events: number; streams: number; firstBroken: unknown }>();
    assert.equal(body.ok, true);
    assert.ok(body.events > 0 && body.streams >= 2, "the processor's stream and the customer's");
    assert.equal(body.firstBroken, null);
  }
  const support = await login(t.app, (await createStaff(t.database.db, "support")).email);
  assert.equal((await support.get("/api/v1/evidence/verification")).statusCode, 403);
  const owner = await login(t.app, customer.owner.email);
  assert.equal((await owner.get("/api/v1/evidence/verification")).statusCode, 403);
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/evidence/verification" })).statusCode, 401);
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/evidence/verification?x=%00" })).statusCode < 500, true);
});

test("an edit by hand is named by its first broken link", async () => {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table events disable trigger events_append_only`);
    await tx.execute(sql`update events set data = '{"forged": true}' where seq = (select max(seq) from events)`);
    await tx.execute(sql`alter table events enable trigger events_append_only`);
  });
  const auditor = await login(t.app, (await createStaff(t.database.db, "auditor")).email);
  const body = (await auditor.get("/api/v1/evidence/verification")).json<{ ok: boolean; firstBroken: { stream: string; reason: string } | null }>();
  assert.equal(body.ok, false);
  assert.match(body.firstBroken?.reason ?? "", /does not match its hash|altered/);
});
