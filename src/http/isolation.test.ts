import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, login, type Client, type TestApp } from "../../test/support/app.ts";
import { createCustomer, createStaff } from "../../test/support/factories.ts";
import type { StaffRole } from "../db/schema/index.ts";
import { inScope } from "../db/scope.ts";
import { SYSTEM_ACTOR } from "../modules/evidence/record-events.ts";
import { queueCustomerNotices } from "../modules/notices/queue-notices.ts";
import { openObligations } from "../modules/obligations/open-obligations.ts";
import { deliveries } from "../db/schema/index.ts";
import { eq } from "drizzle-orm";

// Tenant isolation (DESIGN.md "Security"): every route that takes an id, tried by every role
// against a record of a customer that is not theirs → 404; a role that may not act → 403.

let t: TestApp;
let a: Awaited<ReturnType<typeof createCustomer>>;
let agreementOfA: string;
/** Customer A's records of every kind a route takes by id. */
const ofA = { notice: "", delivery: "", endpoint: "", obligation: "", incident: "", breachNotice: "" };
const clients: Record<string, Client> = {};

const contactBody = { role: "dpo", name: "Inbreker", email: "x@evil.example", phone: null };
const signBody = { typedName: "Inbreker", function: "Niemand", consent: true, documentSha256: "a".repeat(64) };

/** Routes that touch customer A's records: [method, path, body]. */
const routesOfA = (): [string, string, unknown][] => [
  ["GET", `/api/v1/controllers/${a.controllerId}`, undefined],
  ["GET", `/api/v1/controllers/${a.controllerId}/contact`, undefined],
  ["PUT", `/api/v1/controllers/${a.controllerId}/contact`, contactBody],
  ["GET", `/api/v1/controllers/${a.controllerId}/annexes`, undefined],
  ["GET", `/api/v1/controllers/${a.controllerId}/events`, undefined],
  ["GET", `/api/v1/agreements/${agreementOfA}`, undefined],
  ["GET", `/api/v1/agreements/${agreementOfA}/document`, undefined],
  ["GET", `/api/v1/agreements/${agreementOfA}/document.pdf`, undefined],
  ["POST", `/api/v1/agreements/${agreementOfA}/sign`, signBody],
  ["PUT", `/api/v1/agreements/${agreementOfA}/language`, { locale: "en" }],
  ["GET", `/api/v1/controllers/${a.controllerId}/transfers`, undefined],
  ["GET", `/api/v1/controllers/${a.controllerId}/webhook-endpoints`, undefined],
  ["POST", `/api/v1/controllers/${a.controllerId}/webhook-endpoints`, { url: "https://evil.example/hook" }],
  ["GET", `/api/v1/notices/${ofA.notice}`, undefined],
  ["POST", `/api/v1/notices/${ofA.notice}/acknowledge`, undefined],
  ["GET", `/api/v1/deliveries/${ofA.delivery}`, undefined],
  ["POST", `/api/v1/deliveries/${ofA.delivery}/replay`, undefined],
  ["GET", `/api/v1/webhook-endpoints/${ofA.endpoint}/deliveries`, undefined],
  ["DELETE", `/api/v1/webhook-endpoints/${ofA.endpoint}`, undefined],
  ["GET", `/api/v1/obligations/${ofA.obligation}`, undefined],
  ["GET", `/api/v1/breach-notices/${ofA.breachNotice}/pdf`, undefined],
];

/** The portal's breach routes: A's own users only (another customer → 404; staff use /incidents → 403). */
const breachRoutesOfA = (): [string, string, unknown][] => [
  ["GET", `/api/v1/breaches/${ofA.incident}`, undefined],
  ["GET", `/api/v1/breaches/${ofA.incident}/ap-draft`, undefined],
];

/** The documented path of a concrete URL: every record id replaced by {id}. */
const documentedPath = (url: string) => [a.controllerId, agreementOfA, ...Object.values(ofA)].reduce((path, id) => path.replace(id, "{id}"), url);

async function call(client: Client, method: string, url: string, body: unknown) {
  return method === "GET" ? client.get(url) : client.send(method as "POST" | "PUT" | "DELETE", url, body);
}

before(async () => {
  t = await createTestApp();
  a = await createCustomer(t.database.db, t.clock, { name: "Klant A" });
  const b = await createCustomer(t.database.db, t.clock, { name: "Klant B" });
  for (const role of ["admin", "privacy_officer", "security_officer", "support", "auditor"] as StaffRole[]) {
    clients[role] = await login(t.app, (await createStaff(t.database.db, role)).email);
  }
  clients.ownerB = await login(t.app, b.owner.email);
  clients.viewerB = await login(t.app, b.viewer.email);
  clients.ownerA = await login(t.app, a.owner.email);
  clients.viewerA = await login(t.app, a.viewer.email);
  const offered = await clients.privacy_officer?.send("POST", "/api/v1/templates/1/offer");
  assert.equal(offered?.statusCode, 200);
  const list = await clients.ownerA?.get("/api/v1/agreements");
  const [mine] = list?.json<{ id: string }[]>() ?? [];
  assert.ok(mine);
  agreementOfA = mine.id;
  const endpoint = await clients.ownerA?.send("POST", `/api/v1/controllers/${a.controllerId}/webhook-endpoints`, { url: "https://a.example/hook" });
  assert.equal(endpoint?.statusCode, 201, endpoint?.body);
  ofA.endpoint = endpoint?.json<{ id: string }>().id ?? "";
  await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    const [notice] = await queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [
      { controllerId: a.controllerId, data: { kind: "contact_failing", email: "dpo@a.example", reason: "test", customerName: null } },
    ]);
    ofA.notice = notice ?? "";
    const [obligation] = await openObligations(tx, t.clock, SYSTEM_ACTOR, [
      {
        controllerId: a.controllerId,
        kind: "test",
        nature: "window",
        party: "controller",
        responsibleRoles: ["privacy_officer"],
        title: { nl: "Test", en: "Test" },
        subject: { type: "test", id: "1" },
        article: "5.2",
        clock: { unit: "calendarDays", amount: 14 },
        templateVersion: 1,
        zone: "Europe/Amsterdam",
        triggerAt: t.clock.now(),
      },
    ]);
    ofA.obligation = obligation?.id ?? "";
  });
  await notifyBreachTo(a.controllerId);
  const [webhookDelivery] = await t.database.db.select().from(deliveries).where(eq(deliveries.webhookEndpointId, ofA.endpoint));
  assert.ok(webhookDelivery, "A's notice goes to A's webhook endpoint");
  await t.database.db.update(deliveries).set({ status: "sent", sentAt: t.clock.now() }).where(eq(deliveries.id, webhookDelivery.id));
  ofA.delivery = webhookDelivery.id;
});
after(async () => {
  await t.close();
});

/** An incident notified to customer A only, through the API. */
async function notifyBreachTo(controllerId: string) {
  const security = clients.security_officer as Client;
  const recorded = await security.send("POST", "/api/v1/incidents", {
    title: "Lek",
    description: "Lek",
    discoveredAt: t.clock.now().toISOString(),
    discoveryHow: "Monitoring",
  });
  assert.equal(recorded.statusCode, 201, recorded.body);
  ofA.incident = recorded.json<{ id: string }>().id;
  const at = (path: string) => `/api/v1/incidents/${ofA.incident}${path}`;
  assert.equal((await security.send("POST", at("/customers"), { controllerIds: [controllerId] })).statusCode, 200);
  const assessed = await security.send("POST", at("/assessments"), {
    personalData: true,
    breach: true,
    confidentiality: true,
    integrity: false,
    availability: false,
    risk: "risk",
    decision: "notify",
    reasoning: "Een echt datalek.",
  });
  assert.equal(assessed.statusCode, 201, assessed.body);
  const text = (value: string) => ({ status: "known", value });
  const facts = await security.send("PUT", at("/facts"), {
    cause: text("Lek"),
    consequences: { status: "unknown" },
    solution: text("Dicht"),
    contact: { status: "known", value: { name: "S", email: "s@p.example", phone: "+31 20 1234567" } },
    affectedCount: { status: "known", value: { kind: "exact", count: 1 } },
    subjectGroup: text("Klanten"),
    dataKinds: { status: "known", value: ["namen"] },
    period: { status: "known", value: { start: "2026-03-01T00:00:00Z" } },
    unintelligible: { status: "known", value: { state: "no" } },
    measuresTaken: text("Dicht"),
    measuresPlanned: text("Niets"),
  });
  assert.equal(facts.statusCode, 200, facts.body);
  assert.equal((await security.send("POST", at("/notices"), {})).statusCode, 200);
  const affected = (await security.get(at("/customers"))).json<{ customers: { notices: { id: string }[] }[] }>();
  ofA.breachNotice = affected.customers[0]?.notices[0]?.id ?? "";
}

describe("tenant isolation", () => {
  for (const who of ["ownerB", "viewerB", "support"]) {
    test(`${who} gets 404 for every record of customer A`, async () => {
      const client = clients[who];
      assert.ok(client);
      for (const [method, url, body] of routesOfA()) {
        const response = await call(client, method, url, body);
        assert.equal(response.statusCode, 404, `${who} ${method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        assert.doesNotMatch(response.body, /Klant A|Dirk Pieters/, "nothing of A leaks in the answer");
      }
    });
  }

  test("a breach told to A is not found by another customer, and is no staff route", async () => {
    for (const [method, url, body] of breachRoutesOfA()) {
      for (const who of ["ownerB", "viewerB"]) {
        const response = await call(clients[who] as Client, method, url, body);
        assert.equal(response.statusCode, 404, `${who} ${method} ${url}`);
      }
      for (const who of ["support", "privacy_officer"]) {
        assert.equal((await call(clients[who] as Client, method, url, body)).statusCode, 403, `${who} ${method} ${url}`);
      }
      assert.equal((await call(clients.viewerA as Client, method, url, body)).statusCode, 200, `viewerA ${url}`);
    }
    assert.deepEqual((await clients.ownerB?.get("/api/v1/breaches"))?.json(), []);
  });

  test("the incident register is staff-only: customers 403 on every incident route", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const incidentRoutes = Object.entries(doc.paths).filter(([path]) => path.startsWith("/api/v1/incidents"));
    assert.ok(incidentRoutes.length >= 10);
    for (const [path, methods] of incidentRoutes) {
      for (const method of Object.keys(methods)) {
        const url = path.replace("{id}", ofA.incident).replace("{controllerId}", a.controllerId) + (path.endsWith("/export") ? "?format=csv" : "");
        const response = await call(clients.ownerA as Client, method.toUpperCase(), url, {});
        // A write's body is validated before the role is checked (an empty body may be a 400 first).
        const allowed = method === "get" || method === "delete" ? [403] : [400, 403];
        assert.ok(allowed.includes(response.statusCode), `ownerA ${method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
  });

  test("a customer's agreement list holds only its own agreements", async () => {
    const list = (await clients.ownerB?.get("/api/v1/agreements"))?.json<{ controllerId: string }[]>() ?? [];
    assert.equal(list.length, 1);
    assert.ok(list.every((x) => x.controllerId !== a.controllerId));
    const filtered = (await clients.ownerB?.get(`/api/v1/agreements?controllerId=${a.controllerId}`))?.json<unknown[]>() ?? [];
    assert.equal(filtered.length, 1, "a controllerId filter cannot widen a customer's view");
  });

  test("customer A's own users see its records", async () => {
    for (const [method, url] of routesOfA().filter(([m]) => m === "GET")) {
      const response = await call(clients.viewerA as Client, method, url, undefined);
      assert.equal(response.statusCode, 200, `${method} ${url}`);
    }
  });
});

test("the matrix covers every documented route that takes a customer's record id", async () => {
  const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json<{ paths: Record<string, Record<string, unknown>> }>();
  const covered = new Set(routesOfA().map(([method, url]) => `${method} ${documentedPath(url)}`));
  const withIds = Object.entries(doc.paths)
    .filter(([path]) => /^\/api\/v1\/(controllers|agreements|notices|deliveries|webhook-endpoints|obligations|breach-notices)\/\{id\}/.test(path))
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  const staffOnlyWrites = new Set(["PUT /api/v1/controllers/{id}", "PUT /api/v1/controllers/{id}/services", "POST /api/v1/agreements/{id}/countersign"]);
  assert.ok(withIds.length >= 12, `found only ${withIds.length} routes with ids: the filter is wrong`);
  const missing = withIds.filter((r) => !covered.has(r) && !staffOnlyWrites.has(r));
  assert.deepEqual(missing, [], "add these routes to routesOfA (or to the staff-only list, with a test)");
});

test("staff-only writes on another customer's record: 404 for customers and unassigned support", async () => {
  const attempts: [string, string, unknown][] = [
    [
      "PUT",
      `/api/v1/controllers/${a.controllerId}`,
      { customerNumber: "X", name: "X", kvk: null, address: null, postalCode: null, city: null, country: "NL", locale: "nl" },
    ],
    ["PUT", `/api/v1/controllers/${a.controllerId}/services`, { services: [] }],
    ["POST", `/api/v1/agreements/${agreementOfA}/countersign`, { typedName: "X Y", function: "Z Z" }],
  ];
  for (const who of ["ownerB", "support"]) {
    for (const [method, url, body] of attempts) {
      const response = await call(clients[who] as Client, method, url, body);
      assert.equal(response.statusCode, 404, `${who} ${method} ${url}`);
    }
  }
});

describe("roles", () => {
  const staffOnly: [string, string, unknown][] = [
    ["GET", "/api/v1/controllers", undefined],
    ["GET", "/api/v1/templates", undefined],
    ["POST", "/api/v1/templates/1/offer", undefined],
    ["POST", "/api/v1/controllers", { customerNumber: "X1", name: "X", kvk: null, address: null, postalCode: null, city: null, country: "NL", locale: "nl" }],
  ];

  test("customers get 403 on staff routes", async () => {
    for (const [method, url, body] of staffOnly) {
      const response = await call(clients.ownerA as Client, method, url, body);
      assert.equal(response.statusCode, 403, `${method} ${url}`);
    }
  });

  test("a viewer cannot sign or change the contact; an owner can change the contact", async () => {
    assert.equal((await clients.viewerA?.send("POST", `/api/v1/agreements/${agreementOfA}/sign`, signBody))?.statusCode, 403);
    assert.equal((await clients.viewerA?.send("PUT", `/api/v1/controllers/${a.controllerId}/contact`, contactBody))?.statusCode, 403);
    const changed = await clients.ownerA?.send("PUT", `/api/v1/controllers/${a.controllerId}/contact`, {
      role: "privacy_contact",
      name: "Nieuwe Contactpersoon",
      email: "Nieuw@KlantA.example",
      phone: "+31 6 12345678",
    });
    assert.equal(changed?.statusCode, 200, changed?.body);
    assert.equal(changed?.json<{ email: string }>().email, "nieuw@klanta.example");
    const events =
      (await clients.ownerA?.get(`/api/v1/controllers/${a.controllerId}/events`))?.json<{ type: string; data: { before: { name: string } } }[]>() ?? [];
    const change = events.find((e) => e.type === "contact.changed");
    assert.equal(change?.data.before.name, "Dirk Pieters", "the change is evidence, with what it replaced");
  });

  test("auditor and security officer cannot countersign, publish or change the processor", async () => {
    for (const role of ["auditor", "security_officer", "support"]) {
      const client = clients[role] as Client;
      assert.equal(
        (await client.send("POST", `/api/v1/agreements/${agreementOfA}/countersign`, { typedName: "X Y", function: "Z Z" })).statusCode,
        role === "support" ? 404 : 403,
      );
      assert.equal((await client.send("POST", "/api/v1/templates/1/offer")).statusCode, 403);
      assert.equal((await client.send("PUT", "/api/v1/processor", {})).statusCode, 400, "validation first: the body is incomplete");
    }
  });

  test("a staff view of a customer's personal data is logged (art. 9.1)", async () => {
    await clients.security_officer?.get(`/api/v1/controllers/${a.controllerId}/contact`);
    const events = (await clients.admin?.get(`/api/v1/controllers/${a.controllerId}/events`))?.json<{ type: string; actorLabel: string }[]>() ?? [];
    assert.ok(events.some((e) => e.type === "staff.viewed_personal_data" && e.actorLabel.startsWith("Staff security_officer")));
  });
});

describe("authentication", () => {
  test("no session → 401 on every route", async () => {
    for (const [method, url, body] of routesOfA()) {
      const response = await t.app.inject({ method: method as "GET", url, ...(body ? { payload: body as object } : {}) });
      assert.equal(response.statusCode, 401, `${method} ${url}`);
    }
  });

  test("a cookie session without the CSRF token cannot change anything", async () => {
    const loginResponse = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: a.owner.email, password: "correct horse battery staple" },
    });
    const cookie = loginResponse.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const response = await t.app.inject({ method: "PUT", url: `/api/v1/controllers/${a.controllerId}/contact`, headers: { cookie }, payload: contactBody });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /CSRF/);
  });

  test("wrong password → 401 without saying which part was wrong; login is rate limited", async () => {
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: a.owner.email, password: "nope" },
      remoteAddress: "10.9.9.9",
    });
    assert.equal(wrong.statusCode, 401);
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "nobody@x.example", password: "nope" },
      remoteAddress: "10.9.9.9",
    });
    assert.equal(unknown.json<{ error: { message: string } }>().error.message, wrong.json<{ error: { message: string } }>().error.message);
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: a.owner.email, password: "nope" }, remoteAddress: "10.9.9.9" }))
        .statusCode;
    }
    assert.equal(last, 429);
  });

  test("an API token acts as its user, needs no CSRF token, and stops working when revoked", async () => {
    const created = await clients.ownerA?.send("POST", "/api/v1/tokens", { name: "billing" });
    assert.equal(created?.statusCode, 201);
    const { token, id } = created?.json<{ token: string; id: string }>() ?? { token: "", id: "" };
    const auth = { authorization: `Bearer ${token}` };
    const list = await t.app.inject({ method: "GET", url: "/api/v1/agreements", headers: auth });
    assert.equal(list.statusCode, 200);
    const other = await t.app.inject({ method: "GET", url: `/api/v1/controllers/${a.controllerId}/contact`, headers: auth });
    assert.equal(other.statusCode, 200);
    assert.equal((await clients.ownerB?.send("DELETE", `/api/v1/tokens/${id}`))?.statusCode, 404, "someone else's token");
    assert.equal((await clients.ownerA?.send("DELETE", `/api/v1/tokens/${id}`))?.statusCode, 204);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/agreements", headers: auth })).statusCode, 401);
  });
});
