import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { sql } from "drizzle-orm";
import { inScope } from "../../db/scope.ts";
import { serviceSubprocessors, services, subprocessorLocations, subprocessors } from "../../db/schema/index.ts";

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
  content: {
    services: { code: string }[];
    dataCategories: { code: string }[];
    subprocessors?: {
      code: string;
      name: string;
      activity: { nl: string; en: string };
      locations: { country: string; city: string | null; mechanism: string | null }[];
    }[];
  };
}

test("a change of services makes a new Annex 1 version; the same services again make none", async () => {
  const c = await createCustomer(t.database.db, t.clock, { services: ["web-hosting"] });
  const annexes = async () => (await officer.get(`/api/v1/controllers/${c.controllerId}/annexes`)).json<Annex[]>();
  assert.equal((await annexes()).length, 1);

  const same = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, { services: [{ code: "web-hosting", monthlyFeeCents: 995 }] });
  assert.equal(same.statusCode, 200, same.body);
  assert.equal((await annexes()).length, 1, "nothing changed, so no new version");

  const more = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, {
    services: [
      { code: "web-hosting", monthlyFeeCents: 995 },
      { code: "email", monthlyFeeCents: 300 },
    ],
  });
  assert.equal(more.statusCode, 200, more.body);
  const [latest] = await annexes();
  assert.equal(latest?.version, 2);
  assert.deepEqual(
    latest?.content.services.map((s) => s.code),
    ["web-hosting", "email"],
  );

  const events = (await officer.get(`/api/v1/controllers/${c.controllerId}/events`)).json<
    { type: string; data: { changes: { added: { services: string[] } } | null } }[]
  >();
  const created = events.find((e) => e.type === "annex.version_created");
  assert.deepEqual(created?.data.changes?.added.services, ["email"], "the event says what changed");
});

test("an unknown service code is refused with the field named, and nothing changes", async () => {
  const c = await createCustomer(t.database.db, t.clock, { services: ["web-hosting"] });
  const response = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, {
    services: [
      { code: "web-hosting", monthlyFeeCents: 1 },
      { code: "no-such", monthlyFeeCents: 1 },
    ],
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /body\.services.*no-such/);
  const detail = (await officer.get(`/api/v1/controllers/${c.controllerId}`)).json<{ services: { monthlyFeeCents: number }[] }>();
  assert.deepEqual(
    detail.services.map((s) => s.monthlyFeeCents),
    [995],
  );
});

/** A sub-processor in the register with its locations, used by the services named. */
async function registerSubprocessor(
  name: string,
  status: "proposed" | "active" | "removed",
  serviceCodes: string[],
  locations: { country: string; city: string | null; mechanism: "dpf" | "scc" | null }[],
) {
  return inScope(t.database.db, { kind: "processor" }, async (tx) => {
    const [row] = await tx
      .insert(subprocessors)
      .values({ name, activity: { nl: `${name} verwerkt`, en: `${name} processes` }, status })
      .returning({ id: subprocessors.id });
    assert.ok(row);
    await tx.insert(subprocessorLocations).values(locations.map((l, sortOrder) => ({ subprocessorId: row.id, ...l, sortOrder })));
    const rows = await tx.select({ id: services.id, code: services.code }).from(services);
    await tx
      .insert(serviceSubprocessors)
      .values(serviceCodes.map((code) => ({ serviceId: rows.find((r) => r.code === code)?.id ?? "", subprocessorId: row.id })));
    return row.id;
  });
}

test("1E: Annex 1 lists the active sub-processors of the services taken; an annex stored before 1E gets no new version for that alone", async () => {
  // Services no other test here takes, so that these sub-processors touch no other customer.
  const c = await createCustomer(t.database.db, t.clock, { services: ["ssl-certificates"] });
  const annexes = async () => (await officer.get(`/api/v1/controllers/${c.controllerId}/annexes`)).json<Annex[]>();
  const [first] = await annexes();
  assert.deepEqual(first?.content.subprocessors, [], "no sub-processors yet: an empty 1E");

  // As stored before Annex 1 listed sub-processors.
  await t.database.db.execute(sql`update annex_versions set content = content - 'subprocessors' where controller_id = ${c.controllerId}`);
  assert.equal((await annexes())[0]?.content.subprocessors, undefined);
  const same = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, { services: [{ code: "ssl-certificates", monthlyFeeCents: 995 }] });
  assert.equal(same.statusCode, 200, same.body);
  assert.equal((await annexes()).length, 1, "a missing 1E equals an empty one: no new version");

  const mail = await registerSubprocessor(
    "Zeta Mail Cloud Ltd.",
    "active",
    ["office-365", "ssl-certificates"],
    [
      { country: "IE", city: "Dublin", mechanism: null },
      { country: "US", city: "Redmond", mechanism: "dpf" },
    ],
  );
  const ca = await registerSubprocessor("Alpha Certificates NV", "active", ["ssl-certificates"], [{ country: "BE", city: "Mechelen", mechanism: null }]);
  await registerSubprocessor("Proposed Mail B.V.", "proposed", ["office-365"], [{ country: "NL", city: null, mechanism: null }]);
  await registerSubprocessor("Former Mail B.V.", "removed", ["office-365"], [{ country: "NL", city: null, mechanism: null }]);

  const more = await officer.send("PUT", `/api/v1/controllers/${c.controllerId}/services`, {
    services: [
      { code: "ssl-certificates", monthlyFeeCents: 995 },
      { code: "office-365", monthlyFeeCents: 300 },
    ],
  });
  assert.equal(more.statusCode, 200, more.body);
  const [latest] = await annexes();
  assert.equal(latest?.version, 2);
  assert.deepEqual(
    latest?.content.subprocessors?.map((s) => [s.name, s.locations.map((l) => `${l.country}/${l.city ?? ""}/${l.mechanism ?? ""}`)]),
    [
      ["Alpha Certificates NV", ["BE/Mechelen/"]],
      ["Zeta Mail Cloud Ltd.", ["IE/Dublin/", "US/Redmond/dpf"]],
    ],
    "only the active ones, each once though two services use it, by name, with their locations in order",
  );
  assert.deepEqual(
    latest?.content.subprocessors?.map((s) => s.code),
    [ca, mail],
    "the code is the sub-processor's id",
  );
  assert.deepEqual(latest?.content.subprocessors?.[0]?.activity, { nl: "Alpha Certificates NV verwerkt", en: "Alpha Certificates NV processes" });

  const events = (await officer.get(`/api/v1/controllers/${c.controllerId}/events`)).json<
    { type: string; data: { version?: number; changes: { added: { subprocessors: string[] } } | null } }[]
  >();
  const created = events.find((e) => e.type === "annex.version_created" && e.data.version === 2);
  assert.deepEqual(created?.data.changes?.added.subprocessors, [ca, mail], "the event names the sub-processors added");
});
