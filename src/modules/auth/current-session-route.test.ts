import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, login, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

test("GET /auth/session: nobody logged in is a 200 with user null, not an error; /auth/me stays a 401", async () => {
  const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/auth/session" });
  assert.equal(anonymous.statusCode, 200);
  assert.deepEqual(anonymous.json(), { user: null });
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode, 401);
});

test("GET /auth/session: a logged-in user gets itself and a CSRF token, as /auth/me", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const owner = await login(t.app, customer.owner.email);
  const session = (await owner.get("/api/v1/auth/session")).json<{ user: { email: string; kind: string; controllerId: string; csrfToken: string } | null }>();
  const me = (await owner.get("/api/v1/auth/me")).json<{ email: string; kind: string; controllerId: string }>();
  assert.equal(session.user?.email, me.email);
  assert.equal(session.user?.kind, "customer");
  assert.equal(session.user?.controllerId, customer.controllerId);
  assert.ok((session.user?.csrfToken ?? "").length > 10);
});
