import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createCustomerUser, createStaff } from "../../../test/support/factories.ts";

let t: TestApp;
let officer: Client;
before(async () => {
  t = await createTestApp();
  officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
});
after(async () => {
  await t.close();
});

type Domain = { domain: string; display: string };
type ErrorBody = { error: { fields: { field: string; message: string }[] } };
type Event = { type: string; actorLabel: string; data: { added: string[]; removed: string[]; domains: string[] } };

const path = (id: string) => `/api/v1/controllers/${id}/domains`;
const names = (list: Domain[]) => list.map((d) => d.domain);

test("staff set a customer's domain names: normalised, once each, in its details too, and the change is evidence", async () => {
  const c = await createCustomer(t.database.db, t.clock);
  const empty = await officer.get(path(c.controllerId));
  assert.equal(empty.statusCode, 200, empty.body);
  assert.deepEqual(empty.json(), []);

  const put = await officer.send("PUT", path(c.controllerId), {
    domains: ["https://www.Bakkerij-Alfa.nl/contact", "bakkerij-alfa.nl", "info@mail.bakkerij-alfa.nl", "münchen.de"],
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json<Domain[]>(), [
    { domain: "bakkerij-alfa.nl", display: "bakkerij-alfa.nl" },
    { domain: "mail.bakkerij-alfa.nl", display: "mail.bakkerij-alfa.nl" },
    { domain: "xn--mnchen-3ya.de", display: "münchen.de" },
  ]);
  assert.deepEqual(names((await officer.get(path(c.controllerId))).json<Domain[]>()), ["bakkerij-alfa.nl", "mail.bakkerij-alfa.nl", "xn--mnchen-3ya.de"]);
  const detail = (await officer.get(`/api/v1/controllers/${c.controllerId}`)).json<{ domains: Domain[] }>();
  assert.deepEqual(names(detail.domains), ["bakkerij-alfa.nl", "mail.bakkerij-alfa.nl", "xn--mnchen-3ya.de"]);

  const again = await officer.send("PUT", path(c.controllerId), { domains: ["bakkerij-alfa.nl", "xn--mnchen-3ya.de", "alfa-brood.nl"] });
  assert.equal(again.statusCode, 200, again.body);
  const events = (await officer.get(`/api/v1/controllers/${c.controllerId}/events`)).json<Event[]>().filter((e) => e.type === "controller.domains_changed");
  assert.equal(events.length, 2);
  assert.deepEqual(events[0]?.data.added, ["alfa-brood.nl"]);
  assert.deepEqual(events[0]?.data.removed, ["mail.bakkerij-alfa.nl"]);
  assert.deepEqual(events[1]?.data.added, ["bakkerij-alfa.nl", "mail.bakkerij-alfa.nl", "xn--mnchen-3ya.de"]);
  assert.deepEqual(events[1]?.data.removed, []);

  const same = await officer.send("PUT", path(c.controllerId), { domains: ["www.alfa-brood.nl", "BAKKERIJ-ALFA.NL", "münchen.de"] });
  assert.equal(same.statusCode, 200, same.body);
  const after = (await officer.get(`/api/v1/controllers/${c.controllerId}/events`)).json<Event[]>().filter((e) => e.type === "controller.domains_changed");
  assert.equal(after.length, 2, "the same list again is no change and writes no event");

  const cleared = await officer.send("PUT", path(c.controllerId), { domains: [] });
  assert.deepEqual(cleared.json(), []);
  assert.deepEqual(names((await officer.get(path(c.controllerId))).json<Domain[]>()), []);
});

test("a name that cannot be a domain name is refused naming body.domains.<index> and why; nothing changes", async () => {
  const c = await createCustomer(t.database.db, t.clock);
  await officer.send("PUT", path(c.controllerId), { domains: ["klant.nl"] });
  const bad = await officer.send("PUT", path(c.controllerId), { domains: ["goed.nl", "localhost", "192.168.1.1", "exa_mple.nl"] });
  assert.equal(bad.statusCode, 400, bad.body);
  const fields = bad.json<ErrorBody>().error.fields;
  assert.deepEqual(
    fields.map((f) => f.field),
    ["body.domains.1", "body.domains.2", "body.domains.3"],
  );
  assert.match(fields[0]?.message ?? "", /"localhost" (is not a full domain name|is geen volledige domeinnaam)/);
  assert.match(fields[1]?.message ?? "", /IP/);
  assert.match(fields[2]?.message ?? "", /"exa_mple"/);
  assert.deepEqual(names((await officer.get(path(c.controllerId))).json<Domain[]>()), ["klant.nl"], "nothing was written");

  const tooMany = await officer.send("PUT", path(c.controllerId), { domains: Array.from({ length: 101 }, (_, i) => `d${i}.nl`) });
  assert.equal(tooMany.statusCode, 400);
  assert.equal(tooMany.json<ErrorBody>().error.fields[0]?.field, "body.domains");
});

test("the customer's owner and privacy contact manage its names; a viewer reads them only; another customer's are not found", async () => {
  const a = await createCustomer(t.database.db, t.clock);
  const b = await createCustomer(t.database.db, t.clock);
  const owner = await login(t.app, a.owner.email);
  const privacy = await login(t.app, (await createCustomerUser(t.database.db, a.controllerId, "privacy_contact")).email);
  const viewer = await login(t.app, a.viewer.email);

  const byOwner = await owner.send("PUT", path(a.controllerId), { domains: ["klant-a.nl"] });
  assert.equal(byOwner.statusCode, 200, byOwner.body);
  const byPrivacy = await privacy.send("PUT", path(a.controllerId), { domains: ["klant-a.nl", "klant-a.com"] });
  assert.equal(byPrivacy.statusCode, 200, byPrivacy.body);
  const events = (await owner.get(`/api/v1/controllers/${a.controllerId}/events`)).json<Event[]>().filter((e) => e.type === "controller.domains_changed");
  assert.equal(events.length, 2, "each change in the customer's own chain");

  assert.deepEqual(names((await viewer.get(path(a.controllerId))).json<Domain[]>()), ["klant-a.com", "klant-a.nl"]);
  assert.equal((await viewer.send("PUT", path(a.controllerId), { domains: [] })).statusCode, 403);

  assert.equal((await owner.get(path(b.controllerId))).statusCode, 404);
  assert.equal((await owner.send("PUT", path(b.controllerId), { domains: ["overname.nl"] })).statusCode, 404);
  const unknown = "00000000-0000-4000-8000-000000000000";
  assert.equal((await officer.get(path(unknown))).statusCode, 404);

  const auditor = await login(t.app, (await createStaff(t.database.db, "auditor")).email);
  assert.equal((await auditor.get(path(a.controllerId))).statusCode, 200);
  assert.equal((await auditor.send("PUT", path(a.controllerId), { domains: [] })).statusCode, 403);
  assert.deepEqual(names((await officer.get(path(b.controllerId))).json<Domain[]>()), [], "customer B untouched");
});
