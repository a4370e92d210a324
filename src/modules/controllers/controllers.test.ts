import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";

let t: TestApp;
let officer: Client;
before(async () => {
  t = await createTestApp();
  officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
});
after(async () => {
  await t.close();
});

interface Annex {
  version: number;
  content: { services: { code: string }[]; dataCategories: { code: string }[] };
}

test("a change of services makes a new Annex 1 version; the same services again make none", async () => {
  const c = await createCustomer(t.database.db, t.clock, { services: ["web-hosting"] });
  const annexes = async () => (await officer.get(`/api/v1/controllers/${c.controllerId}/annexes`)).json<Annex[]>();
  assert.equal((await annexes()).length, 1);

  const same = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, { services: [{ code: "web-hosting", monthlyFeeCents: 995 }] });
  assert.equal(same.statusCode, 200, same.body);
  assert.equal((await annexes()).length, 1, "nothing changed, so no new version");

  const more = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, {
    services: [{ code: "web-hosting", monthlyFeeCents: 995 }, { code: "email", monthlyFeeCents: 300 }],
  });
  assert.equal(more.statusCode, 200, more.body);
  const [latest] = await annexes();
  assert.equal(latest?.version, 2);
  assert.deepEqual(latest?.content.services.map((s) => s.code), ["web-hosting", "email"]);

  const events = (await officer.get(`/api/v1/controllers/${c.controllerId}/events`)).json<{ type: string; data: { changes: { added: { services: string[] } } | null } }[]>();
  const created = events.find((e) => e.type === "annex.version_created");
  assert.deepEqual(created?.data.changes?.added.services, ["email"], "the event says what changed");
});

test("an unknown service code is refused with the field named, and nothing changes", async () => {
  const c = await createCustomer(t.database.db, t.clock, { services: ["web-hosting"] });
  const response = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, { services: [{ code: "web-hosting", monthlyFeeCents: 1 }, { code: "no-such", monthlyFeeCents: 1 }] });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /body\.services.*no-such/);
  const detail = (await officer.get(`/api/v1/controllers/${c.controllerId}`)).json<{ services: { monthlyFeeCents: number }[] }>();
  assert.deepEqual(detail.services.map((s) => s.monthlyFeeCents), [995]);
});
