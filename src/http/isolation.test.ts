import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { sample } from "openapi-sampler";
import { createTestApp, login, type Client, type TestApp } from "../../test/support/app.ts";
import { createCustomer, createCustomerUser, createStaff } from "../../test/support/factories.ts";
import { description, subprocessorBody } from "../../test/support/sessions.ts";
import { CUSTOMER_ROLES, STAFF_ROLES, type CustomerRole, type StaffRole } from "../db/schema/index.ts";
import { inScope } from "../db/scope.ts";
import { SYSTEM_ACTOR } from "../modules/evidence/record-events.ts";
import { queueCustomerNotices } from "../modules/notices/queue-notices.ts";
import { openObligations } from "../modules/obligations/open-obligations.ts";
import { forwardRequest, recordRequest } from "../modules/subject-requests/index.ts";
import { deliveries, services, serviceSubprocessors, subjectRequestFiles, subprocessors } from "../db/schema/index.ts";
import { eq } from "drizzle-orm";
import { TOLD_TO_SEVERAL, type Audience, type CustomerRecord } from "./audience.ts";
import { assessAndNotify } from "../../test/support/breach-fixture.ts";

// Tenant isolation (DESIGN.md "Security"), by construction: every route of the OpenAPI document
// carries the audience it declared where it is defined (src/http/audience.ts). Each route is tried
// without a session (401), by every role it does not admit (403), and, where its {id} names a
// customer's record, with customer A's record by everyone else it admits (404, nothing of A in the
// answer) and by A's own users (they do get it). A new route is in the matrix the moment it exists;
// a record kind without a fixture here fails the test.

let t: TestApp;
let a: Awaited<ReturnType<typeof createCustomer>>;
/** Customer A's record of every kind a route can name by {id}. */
const ofA: Partial<Record<CustomerRecord, string>> = {};
/** Signed-in users: every staff role, and every customer role of A and of B. */
const clients: Record<string, Client> = {};
const who = (role: CustomerRole, customer: "A" | "B") => `${role}${customer}`;

const contactBody = { role: "dpo", name: "Inbreker", email: "x@evil.example", phone: null };
const signBody = { typedName: "Inbreker", function: "Niemand", consent: true, documentSha256: "a".repeat(64) };

interface Operation {
  method: string;
  path: string;
  audience: Audience | undefined;
  body: unknown;
  /** The body's media type when it is not JSON (a CSV upload). */
  contentType: string | null;
  query: string;
}

let documented: Promise<Operation[]> | undefined;
/** Every operation of the OpenAPI document under /api/v1 (read once), with a valid sample of its input. */
function operations(): Promise<Operation[]> {
  return (documented ??= readOperations());
}

async function readOperations(): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json<OpenApi>();
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/v1/"))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        const json = content["application/json"]?.schema;
        const other = json ? null : (Object.keys(content)[0] ?? null);
        const required = (op.parameters ?? []).filter((p) => p.in === "query" && p.required);
        const query = required.map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema)))}`).join("&");
        return {
          method: method.toUpperCase(),
          path,
          audience: op["x-audience"],
          body: json ? (SAMPLE_BODIES[`${method.toUpperCase()} ${path}`] ?? sample(json, { skipReadOnly: true }, doc)) : other ? "" : undefined,
          contentType: other,
          query: query ? `?${query}` : "",
        };
      }),
    );
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        "x-audience"?: Audience;
        requestBody?: { content: Record<string, { schema: object } | undefined> };
        parameters?: { in: string; name: string; required?: boolean; schema: object }[];
      }
    >
  >;
}

/** Bodies the generic sample cannot make valid (a pattern, a rule across fields). */
const SAMPLE_BODIES: Record<string, unknown> = {
  "PUT /api/v1/controllers/{id}/contact": contactBody,
  "POST /api/v1/agreements/{id}/sign": signBody,
};

/** The URL of an operation on customer A's record (other parameters: A's customer id). */
function urlOf(op: Operation): string {
  const record = op.audience && !op.audience.public ? op.audience.record : undefined;
  const id = record && record !== "shared" ? ofA[record] : undefined;
  if (record && record !== "shared") {
    assert.ok(id, `${op.method} ${op.path} names a ${record}: give customer A one in the matrix's fixtures (ofA)`);
  }
  const path = op.path.replace(/\{[A-Za-z]+\}/g, (param) => (param === "{id}" && id ? id : param === "{file}" ? "x".repeat(24) + ".ics" : a.controllerId));
  return path + op.query;
}

async function call(client: Client, op: Operation, body = op.body) {
  const url = urlOf(op);
  if (op.method === "GET") {
    return client.get(url);
  }
  return op.contentType ? client.sendText(url, String(body ?? ""), op.contentType) : client.send(op.method as "POST", url, body ?? {});
}

const admits = (audience: Audience, role: string): boolean =>
  !audience.public &&
  ((STAFF_ROLES as readonly string[]).includes(role) ? audience.staff.includes(role as StaffRole) : audience.customer.includes(role as CustomerRole));

before(async () => {
  t = await createTestApp();
  a = await createCustomer(t.database.db, t.clock, { name: "Klant A", services: ["email"] });
  const b = await createCustomer(t.database.db, t.clock, { name: "Klant B", services: ["web-hosting"] });
  for (const role of STAFF_ROLES) {
    clients[role] = await login(t.app, (await createStaff(t.database.db, role)).email);
  }
  for (const [name, customer] of [
    ["A", a],
    ["B", b],
  ] as const) {
    clients[who("owner", name)] = await login(t.app, customer.owner.email);
    clients[who("viewer", name)] = await login(t.app, customer.viewer.email);
    clients[who("privacy_contact", name)] = await login(t.app, (await createCustomerUser(t.database.db, customer.controllerId, "privacy_contact")).email);
  }
  const ownerA = clients.ownerA as Client;
  const officer = clients.privacy_officer as Client;
  ofA.controller = a.controllerId;
  assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  ofA.agreement = (await ownerA.get("/api/v1/agreements")).json<{ id: string }[]>()[0]?.id;
  const endpoint = await ownerA.send("POST", `/api/v1/controllers/${a.controllerId}/webhook-endpoints`, { url: "https://a.example/hook" });
  assert.equal(endpoint.statusCode, 201, endpoint.body);
  ofA.webhookEndpoint = endpoint.json<{ id: string }>().id;
  ofA.token = (await ownerA.send("POST", "/api/v1/tokens", { name: "A's token" })).json<{ id: string }>().id;
  ofA.user = a.viewer.id;
  ofA.session = (await ownerA.get("/api/v1/auth/sessions")).json<{ id: string }[]>()[0]?.id;
  await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    [ofA.notice] = await queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [
      { controllerId: a.controllerId, data: { kind: "contact_failing", email: "dpo@a.example", reason: "test", customerName: null } },
    ]);
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
    ofA.obligation = obligation?.id;
  });
  await notifyBreachTo(a.controllerId);
  const [webhookDelivery] = await t.database.db.select().from(deliveries).where(eq(deliveries.webhookEndpointId, ofA.webhookEndpoint));
  assert.ok(webhookDelivery, "A's notice goes to A's webhook endpoint");
  await t.database.db.update(deliveries).set({ status: "sent", sentAt: t.clock.now() }).where(eq(deliveries.id, webhookDelivery.id));
  ofA.delivery = webhookDelivery.id;
  await objectToChangeAnnouncedTo(ownerA);
  const asked = await ownerA.send("POST", "/api/v1/cases", {
    kind: "dpia_help",
    request: { subject: "dpia", title: "DPIA nieuwe webshop", what: "Hulp gevraagd", services: [], neededBy: null },
  });
  assert.equal(asked.statusCode, 201, asked.body);
  ofA.case = asked.json<{ id: string }>().id;
  // An audit of A (art. 10), with an expert's confidentiality undertaking on file.
  const audit = await ownerA.send("POST", "/api/v1/audits", {
    reason: "Op 12 oktober 2026 ontvingen 37 van onze klanten phishing op adressen die alleen in de mailomgeving bij u staan; wij vermoeden misbruik.",
  });
  assert.equal(audit.statusCode, 201, audit.body);
  ofA.audit = audit.json<{ id: string }>().id;
  const auditBoundary = "----isolation-audit";
  const expertForm = [
    `--${auditBoundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nJ. de Vries\r\n`,
    `--${auditBoundary}\r\nContent-Disposition: form-data; name="firm"\r\n\r\nVries Audit\r\n`,
    `--${auditBoundary}\r\nContent-Disposition: form-data; name="undertaking"; filename="nda.txt"\r\nContent-Type: text/plain\r\n\r\nGEHEIM van Klant A\r\n`,
    `--${auditBoundary}--\r\n`,
  ].join("");
  const expert = await ownerA.sendText(`/api/v1/audits/${ofA.audit}/experts`, expertForm, `multipart/form-data; boundary=${auditBoundary}`);
  assert.equal(expert.statusCode, 201, expert.body);
  ofA.auditFile = expert.json<{ experts: { undertaking: { id: string } | null }[] }>().experts[0]?.undertaking?.id;
  // A data subject's request (art. 8.1), recorded by the privacy officer and forwarded to A.
  const officerUser = await createStaff(t.database.db, "privacy_officer");
  const staff = { actor: SYSTEM_ACTOR, userId: officerUser.id, name: "Privacy officer" };
  const letter = Buffer.from("Geachte heer, mevrouw, graag inzage.", "utf8");
  ofA.subjectRequest = await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    const { id } = await recordRequest(tx, t.clock, staff, {
      source: "letter",
      right: "access",
      locale: "nl",
      content: { name: "J. Jansen", email: "j.jansen@example.nl", phone: null, organisation: "Klant A", website: null, message: "Inzage graag." },
      files: [{ fileName: "brief.txt", mediaType: "text/plain", bytes: letter, sha256: createHash("sha256").update(letter).digest("hex") }],
    });
    await forwardRequest(tx, t.clock, staff, id, { controllerId: a.controllerId, tellRequester: false });
    return id;
  });
  const [file] = await t.database.db.select({ id: subjectRequestFiles.id }).from(subjectRequestFiles);
  ofA.subjectRequestFile = file?.id;
  // A notice of default A gave (art. 11.5), and a claim of A's in the register (art. 11).
  const notice = await ownerA.send("POST", `/api/v1/controllers/${a.controllerId}/default-notices`, {
    description: "GEHEIM: de back-ups van onze webshop zijn sinds gisteren niet gemaakt.",
    learnedAt: t.clock.now().toISOString(),
  });
  assert.equal(notice.statusCode, 201, notice.body);
  ofA.defaultNotice = notice.json<{ id: string }>().id;
  const claim = await officer.send("POST", "/api/v1/claims", {
    controllerId: a.controllerId,
    event: { description: "GEHEIM: back-ups niet gemaakt.", occurredAt: t.clock.now().toISOString() },
    description: "GEHEIM: kosten van herstel.",
    arisenAt: t.clock.now().toISOString(),
    damages: { propertyDamageCents: 0, defaultCostsCents: 100, assessmentCostsCents: 0, mitigationCostsCents: 0, indirectCents: 0 },
  });
  assert.equal(claim.statusCode, 201, claim.body);
  ofA.claim = claim.json<{ id: string }>().id;
  await endAgreementOf(a.controllerId);
});

/**
 * A's agreement ended (art. 12.2: its last service removed), with a sub-processor's line and its
 * confirmation attached, a legal hold, and every line confirmed: its deletion certificate. Last, as
 * it leaves A without services.
 */
async function endAgreementOf(controllerId: string) {
  const officer = clients.privacy_officer as Client;
  const [sub] = await t.database.db
    .insert(subprocessors)
    .values({ name: "Isolatie Opslag", activity: { nl: "Opslag", en: "Storage" }, status: "active" })
    .returning();
  const [email] = await t.database.db.select().from(services).where(eq(services.code, "email"));
  assert.ok(sub && email);
  await t.database.db.insert(serviceSubprocessors).values({ serviceId: email.id, subprocessorId: sub.id });
  assert.equal((await officer.send("PUT", `/api/v1/controllers/${controllerId}/services`, { services: [] })).statusCode, 200);
  const lines = (await officer.get(`/api/v1/controllers/${controllerId}/ending`)).json<{ ending: { lines: { id: string; party: string }[] } }>().ending.lines;
  const subLine = lines.find((l) => l.party === "subprocessor");
  assert.ok(subLine, "a sub-processor's line");
  ofA.deletionLine = subLine.id;
  const boundary = "----isolation-ending";
  const form = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bevestiging.txt"\r\nContent-Type: text/plain\r\n\r\nGEHEIM verwijderd\r\n--${boundary}--\r\n`;
  for (const line of lines.filter((l) => l.party === "subprocessor")) {
    const attached = await officer.sendText(`/api/v1/deletion-lines/${line.id}/attachment`, form, `multipart/form-data; boundary=${boundary}`);
    assert.equal(attached.statusCode, 200, attached.body);
  }
  const hold = await officer.send("POST", `/api/v1/controllers/${controllerId}/ending/holds`, {
    data: "Facturen",
    legalGround: "art. 52 AWR",
    capacity: "controller",
    endsOn: "2033-12-31",
  });
  assert.equal(hold.statusCode, 201, hold.body);
  ofA.legalHold = hold.json<{ ending: { holds: { id: string }[] } }>().ending.holds[0]?.id;
  let last;
  for (const line of lines) {
    last = await officer.send("POST", `/api/v1/deletion-lines/${line.id}/confirmation`, { deletedAt: t.clock.now().toISOString(), method: "Gewist" });
    assert.equal(last.statusCode, 200, last.body);
  }
  ofA.deletionCertificate = last?.json<{ ending: { certificates: { id: string }[] } }>().ending.certificates[0]?.id;
}
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
  const incident = recorded.json<{ id: string }>().id;
  ofA.breach = incident;
  const at = (path: string) => `/api/v1/incidents/${incident}${path}`;
  assert.equal((await security.send("POST", at("/customers"), { controllerIds: [controllerId] })).statusCode, 200);
  await assessAndNotify(security, incident, new Date("2026-03-01T00:00:00Z"));
  const affected = (await security.get(at("/customers"))).json<{ customers: { notices: { id: string }[] }[] }>();
  ofA.breachNotice = affected.customers[0]?.notices[0]?.id;
}

/** A sub-processor change that only A is told of (A takes e-mail, B does not), A's objection to it, and a file in its thread. */
async function objectToChangeAnnouncedTo(ownerA: Client) {
  const officer = clients.privacy_officer as Client;
  const catalogue = (await officer.get("/api/v1/catalogue")).json<{ services: { id: string; code: string }[] }>();
  const email = catalogue.services.find((s) => s.code === "email")?.id ?? "";
  const sub = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Isolatie Mail", [email]));
  assert.equal(sub.statusCode, 201, sub.body);
  const change = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "add",
    subprocessorId: sub.json<{ id: string }>().id,
    plan: {},
    description,
  });
  assert.equal(change.statusCode, 201, change.body);
  ofA.subprocessorChange = change.json<{ id: string }>().id;
  const objection = await ownerA.send("POST", `/api/v1/subprocessor-changes/${ofA.subprocessorChange}/objections`, {
    reason: "Wij willen deze partij niet voor onze gegevens.",
  });
  assert.equal(objection.statusCode, 201, objection.body);
  ofA.objection = objection.json<{ id: string }>().id;
  const boundary = "----isolation";
  const form = [
    `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nZie bijlage.\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nGEHEIM van Klant A\r\n`,
    `--${boundary}--\r\n`,
  ].join("");
  const message = await ownerA.sendText(`/api/v1/objections/${ofA.objection}/messages`, form, `multipart/form-data; boundary=${boundary}`);
  assert.equal(message.statusCode, 201, message.body);
  ofA.attachment = message.json<{ attachments: { id: string }[] }>().attachments[0]?.id;
}

describe("the isolation matrix: every route, by its declared audience", () => {
  test("every route declares who may call it, and what record its {id} names", async () => {
    const ops = await operations();
    assert.ok(ops.length >= 90, `only ${ops.length} operations: the document is incomplete`);
    for (const op of ops) {
      assert.ok(op.audience, `${op.method} ${op.path} has no x-audience`);
      if (!op.audience.public && op.path.includes("{")) {
        assert.ok(op.audience.record, `${op.method} ${op.path} names no record`);
      }
    }
  });

  test("without a session: 401 on every route that is not public", async () => {
    let checked = 0;
    for (const op of await operations()) {
      if (op.audience?.public) {
        continue;
      }
      const response = await t.app.inject({
        method: op.method as "GET",
        url: urlOf(op),
        ...(op.body === undefined ? {} : { payload: op.body as object }),
        ...(op.contentType ? { headers: { "content-type": op.contentType } } : {}),
      });
      assert.equal(response.statusCode, 401, `${op.method} ${op.path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      checked += 1;
    }
    assert.ok(checked >= 80);
  });

  test("a role the route does not admit: 403, before its input is read", async () => {
    let checked = 0;
    for (const op of await operations()) {
      const audience = op.audience as Audience;
      if (audience.public) {
        continue;
      }
      for (const [name, client] of Object.entries(clients)) {
        const role = name.replace(/[AB]$/, "");
        if (admits(audience, role)) {
          continue;
        }
        const response = await call(client, op, op.contentType ? "" : {});
        assert.equal(response.statusCode, 403, `${name} ${op.method} ${op.path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        checked += 1;
      }
    }
    assert.ok(checked >= 300, `only ${checked} refusals checked`);
  });

  test("customer A's record, asked for by another customer or by support not assigned to A: 404, and nothing of A in the answer", async () => {
    let checked = 0;
    for (const op of await operations()) {
      const audience = op.audience as Audience;
      if (audience.public || !audience.record || audience.record === "shared") {
        continue;
      }
      // Support not assigned to A gets 404, except where asking for access is the point (break glass, art. 9.1).
      const unassignedSupport = TOLD_TO_SEVERAL.includes(audience.record) || audience.outsideAssignment ? [] : [["support", "support"] as const];
      const others = [...CUSTOMER_ROLES.map((role) => [role, who(role, "B")] as const), ...unassignedSupport];
      for (const [role, name] of others) {
        if (!admits(audience, role)) {
          continue;
        }
        const response = await call(clients[name] as Client, op);
        assert.equal(response.statusCode, 404, `${name} ${op.method} ${op.path}: ${response.statusCode} ${response.body.slice(0, 300)}`);
        assert.doesNotMatch(response.body, /Klant A|Dirk Pieters|GEHEIM/, "nothing of A leaks in the answer");
        checked += 1;
      }
    }
    assert.ok(checked >= 40, `only ${checked} foreign reads checked`);
  });

  test("A's own users, and staff, do get A's records (the 404s above are not of a missing fixture)", async () => {
    let checked = 0;
    for (const op of await operations()) {
      const audience = op.audience as Audience;
      if (op.method !== "GET" || audience.public || !audience.record || audience.record === "shared") {
        continue;
      }
      for (const name of [...CUSTOMER_ROLES.map((role) => who(role, "A")), "admin"]) {
        if (!admits(audience, name.replace(/A$/, ""))) {
          continue;
        }
        const response = await call(clients[name] as Client, op);
        assert.equal(response.statusCode, 200, `${name} ${op.method} ${op.path}: ${response.statusCode} ${response.body.slice(0, 300)}`);
        checked += 1;
      }
    }
    assert.ok(checked >= 40, `only ${checked} own reads checked`);
  });
});

test("who is calling is settled before the body is read: malformed JSON gets 401 anonymous, 403 for a role not admitted", async () => {
  const malformed = { payload: '{"name": "x", ', headers: { "content-type": "application/json" } };
  const anonymous = await t.app.inject({ method: "POST", url: "/api/v1/controllers", ...malformed });
  assert.equal(anonymous.statusCode, 401, anonymous.body);
  const customer = await clients.ownerA?.sendText("/api/v1/controllers", malformed.payload, "application/json");
  assert.equal(customer?.statusCode, 403, customer?.body);
  const staff = await clients.privacy_officer?.sendText("/api/v1/controllers", malformed.payload, "application/json");
  assert.equal(staff?.statusCode, 400, "an admitted role gets the parse error");
});

test("a customer's agreement list holds only its own agreements", async () => {
  const list = (await clients.ownerB?.get("/api/v1/agreements"))?.json<{ controllerId: string }[]>() ?? [];
  assert.equal(list.length, 1);
  assert.ok(list.every((x) => x.controllerId !== a.controllerId));
  const filtered = (await clients.ownerB?.get(`/api/v1/agreements?controllerId=${a.controllerId}`))?.json<unknown[]>() ?? [];
  assert.equal(filtered.length, 1, "a controllerId filter cannot widen a customer's view");
});

test("a breach told to A is not in another customer's list", async () => {
  assert.deepEqual((await clients.ownerB?.get("/api/v1/breaches"))?.json(), []);
  assert.equal((await clients.ownerA?.get("/api/v1/breaches"))?.json<unknown[]>().length, 1);
});

describe("roles", () => {
  test("a viewer cannot sign or change the contact; an owner can change the contact", async () => {
    assert.equal((await clients.viewerA?.send("POST", `/api/v1/agreements/${ofA.agreement}/sign`, signBody))?.statusCode, 403);
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

  test("a staff view of a customer's personal data is logged (art. 9.1)", async () => {
    await clients.security_officer?.get(`/api/v1/controllers/${a.controllerId}/contact`);
    const events = (await clients.admin?.get(`/api/v1/controllers/${a.controllerId}/events`))?.json<{ type: string; actorLabel: string }[]>() ?? [];
    assert.ok(events.some((e) => e.type === "staff.viewed_personal_data" && e.actorLabel.startsWith("Staff security_officer")));
  });
});

describe("authentication", () => {
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
