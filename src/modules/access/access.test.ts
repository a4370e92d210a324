import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { errorOf, session, type Session } from "../../../test/support/sessions.ts";
import { accessLog, deliveries, events, notices, supportAssignments } from "../../db/schema/index.ts";
import { verifyChain } from "../evidence/index.ts";
import { inScope } from "../../db/scope.ts";
import { BREAK_GLASS_MINUTES } from "./break-glass.ts";

// art. 2.3, 9.1 through the API: no customer data for staff before they confirm the current
// confidentiality statement (and again after a new version); the access log written for the routes
// that declare personal data only, once a minute; break glass with its reason, its time limit and
// the privacy officer told; the customer reading its own log (never another's), also as CSV.

type Made = Awaited<ReturnType<typeof createCustomer>>;

interface LogEntry {
  controllerId: string;
  userName: string;
  staffRole: string;
  what: string;
  recordId: string;
  why: string;
  reason: string | null;
  at: string;
}

let t: TestApp;
let a: Made;
let b: Made;
let admin: Session;
let officer: Session;
let support: Session;
let supportId: string;

const login = (email: string) => session(t.app, email);
const logOf = async (who: Session, query = "") => {
  const response = await who.get(`/api/v1/access-log${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ total: number; items: LogEntry[] }>();
};
const rowsOf = (controllerId: string) => t.database.db.select().from(accessLog).where(eq(accessLog.controllerId, controllerId));

before(async () => {
  t = await createTestApp();
  a = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
  b = await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta" });
  admin = await login("admin@test.example");
  officer = await login((await createStaff(t.database.db, "privacy_officer", undefined, { clock: t.clock })).email);
  const supportUser = await createStaff(t.database.db, "support", undefined, { clock: t.clock });
  supportId = supportUser.id;
  await t.database.db.insert(supportAssignments).values({ userId: supportUser.id, controllerId: b.controllerId });
  support = await login(supportUser.email);
});
after(async () => {
  await t.close();
});

describe("the confidentiality statement (art. 2.3, 9.1)", () => {
  test("before confirming, staff get 403 confidentiality_required on customer data, but their own profile and the statement work; after, 200", async () => {
    const fresh = await createStaff(t.database.db, "security_officer", undefined, { confirmed: false, clock: t.clock });
    const staff = await login(fresh.email);
    const refused = await staff.get(`/api/v1/controllers/${a.controllerId}`);
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(errorOf(refused).code, "confidentiality_required");
    assert.equal((await staff.get("/api/v1/controllers")).statusCode, 403, "a list of customers too");
    assert.equal((await staff.get("/api/v1/auth/me")).statusCode, 200, "their own profile works");
    assert.equal((await staff.get("/api/v1/auth/sessions")).statusCode, 200);
    const statement = await staff.get("/api/v1/confidentiality-statement");
    assert.equal(statement.statusCode, 200, statement.body);
    const body = statement.json<{ statement: { version: number; text: { nl: string; en: string } }; confirmedAt: string | null }>();
    assert.equal(body.confirmedAt, null);
    assert.match(body.statement.text.nl, /geheim/);
    assert.match(body.statement.text.en, /confidential/);

    const wrong = await staff.send("POST", "/api/v1/confidentiality-statement/confirmation", { version: body.statement.version + 1 });
    assert.equal(wrong.statusCode, 409, wrong.body);
    assert.equal(errorOf(wrong).fields[0]?.field, "body.version");
    const missing = await staff.send("POST", "/api/v1/confidentiality-statement/confirmation", {});
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /version/);

    const confirmed = await staff.send("POST", "/api/v1/confidentiality-statement/confirmation", { version: body.statement.version });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal((await staff.get(`/api/v1/controllers/${a.controllerId}`)).statusCode, 200);
    const evidence = await t.database.db.select().from(events).where(eq(events.type, "confidentiality.confirmed"));
    assert.ok(evidence.some((e) => e.actorId === fresh.id && (e.data as { version: number }).version === body.statement.version));
  });

  test("a new version asks everyone to confirm again; only the admin publishes one, and a blank text names its field", async () => {
    const staff = await login((await createStaff(t.database.db, "auditor", undefined, { clock: t.clock })).email);
    assert.equal((await staff.get(`/api/v1/controllers/${a.controllerId}/contact`)).statusCode, 200);
    const byOfficer = await officer.send("POST", "/api/v1/confidentiality-statements", { text: { nl: "Nieuw", en: "New" } });
    assert.equal(byOfficer.statusCode, 403);
    const blank = await admin.send("POST", "/api/v1/confidentiality-statements", { text: { nl: "  ", en: "New" } });
    assert.equal(blank.statusCode, 400);
    assert.equal(errorOf(blank).fields[0]?.field, "body.text.nl");
    const published = await admin.send("POST", "/api/v1/confidentiality-statements", {
      text: { nl: "Versie 2: ik houd alles geheim.", en: "Version 2: I keep everything confidential." },
      note: "jaarlijkse herziening",
    });
    assert.equal(published.statusCode, 201, published.body);
    const version = published.json<{ version: number }>().version;
    assert.equal(version, 2);
    const refused = await staff.get(`/api/v1/controllers/${a.controllerId}/contact`);
    assert.equal(refused.statusCode, 403);
    assert.equal(errorOf(refused).code, "confidentiality_required");
    assert.equal((await admin.get(`/api/v1/controllers/${a.controllerId}`)).statusCode, 403, "the admin too");

    const overview = (await admin.get("/api/v1/confidentiality-statements")).json<{
      versions: { version: number; confirmations: number }[];
      staff: { userId: string; version: number | null; current: boolean }[];
    }>();
    assert.deepEqual(
      overview.versions.map((v) => v.version),
      [2, 1],
    );
    assert.equal(overview.versions[0]?.confirmations, 0);
    assert.ok(overview.staff.every((s) => !s.current));

    for (const who of [staff, admin, officer, support]) {
      const confirmed = await who.send("POST", "/api/v1/confidentiality-statement/confirmation", { version });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
    }
    assert.equal((await staff.get(`/api/v1/controllers/${a.controllerId}/contact`)).statusCode, 200);
    const published2 = await t.database.db.select().from(events).where(eq(events.type, "confidentiality.statement_published"));
    assert.ok(published2.some((e) => (e.data as { version: number }).version === 2 && e.controllerId === null));
  });
});

describe("the access log (art. 9.1)", () => {
  test("a staff view of a declared route is one row per minute; undeclared routes and customers' own views write none", async () => {
    const earlier = await rowsOf(a.controllerId);
    const before = earlier.length;
    assert.equal((await officer.get(`/api/v1/controllers/${a.controllerId}/contact`)).statusCode, 200);
    assert.equal((await officer.get(`/api/v1/controllers/${a.controllerId}/contact`)).statusCode, 200);
    assert.equal((await officer.get(`/api/v1/controllers/${a.controllerId}/annexes`)).statusCode, 200, "not declared: no row");
    const owner = await login(a.owner.email);
    assert.equal((await owner.get(`/api/v1/controllers/${a.controllerId}/contact`)).statusCode, 200, "the customer itself: no row");
    let rows = await rowsOf(a.controllerId);
    assert.equal(rows.length, before + 1, "twice in a minute is one row");
    // The new one (rows come in no particular order: an index may serve the select).
    const row = rows.find((r) => !earlier.some((e) => e.id === r.id));
    assert.equal(row?.what, "contact");
    assert.equal(row?.why, "role");
    assert.equal(row?.staffRole, "privacy_officer");

    t.clock.advance(60_000);
    assert.equal((await officer.get(`/api/v1/controllers/${a.controllerId}/contact`)).statusCode, 200);
    assert.equal((await officer.get(`/api/v1/controllers/${a.controllerId}`)).statusCode, 200);
    rows = await rowsOf(a.controllerId);
    assert.equal(rows.length, before + 3, "a minute later, and another record kind, are new rows");
    const viewed = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.controllerId, a.controllerId), eq(events.type, "staff.viewed_personal_data")));
    assert.equal(viewed.length, rows.length, "each row is evidence on the customer's chain");

    const refused = await support.get(`/api/v1/controllers/${a.controllerId}/contact`);
    assert.equal(refused.statusCode, 404, "support not assigned: not found, and nothing written");
    assert.equal((await rowsOf(a.controllerId)).length, before + 3);
  });

  test("support assigned to a customer is logged as such", async () => {
    assert.equal((await support.get(`/api/v1/controllers/${b.controllerId}/contact`)).statusCode, 200);
    const row = (await rowsOf(b.controllerId)).find((r) => r.userId === supportId);
    assert.equal(row?.why, "assignment");
    assert.equal(row?.reason, null);
  });
});

test("the routes that show staff personal data are a declared list, published as x-personal-data", async () => {
  const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json<{
    paths: Record<string, Record<string, { "x-personal-data"?: string }>>;
  }>();
  const declared = Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op["x-personal-data"]] as const))
    .filter(([, view]) => view !== undefined)
    .map(([route, view]) => `${route} ${view}`)
    .sort();
  assert.deepEqual(declared, [
    "GET /api/v1/attachments/{id} attachment",
    "GET /api/v1/audit-files/{id} audit_file",
    "GET /api/v1/audits/{id} audit",
    "GET /api/v1/cases/{id} case",
    "GET /api/v1/cases/{id}/messages case",
    "GET /api/v1/controllers/{id} customer",
    "GET /api/v1/controllers/{id}/contact contact",
    "GET /api/v1/controllers/{id}/evidence-bundle customer",
    "GET /api/v1/controllers/{id}/users users",
    "GET /api/v1/incidents/{id}/customers breach_facts",
    "GET /api/v1/objections/{id} objection",
    "GET /api/v1/objections/{id}/messages objection",
    "GET /api/v1/subject-request-files/{id} subject_request_file",
    "GET /api/v1/subject-requests/{id} subject_request",
  ]);
});

describe("break glass (art. 9.1)", () => {
  test("a reason is required; a customer one is assigned to needs none; other roles cannot", async () => {
    const short = await support.send("POST", `/api/v1/controllers/${a.controllerId}/break-glass`, { reason: "even kijken" });
    assert.equal(short.statusCode, 400);
    assert.equal(errorOf(short).fields[0]?.field, "body.reason");
    const none = await support.send("POST", `/api/v1/controllers/${a.controllerId}/break-glass`, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /reason/);
    const assigned = await support.send("POST", `/api/v1/controllers/${b.controllerId}/break-glass`, { reason: "Klant belde over een storing, ticket 4711" });
    assert.equal(assigned.statusCode, 409);
    const unknown = await support.send("POST", `/api/v1/controllers/${crypto.randomUUID()}/break-glass`, {
      reason: "Klant belde over een storing, ticket 4711",
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal((await officer.send("POST", `/api/v1/controllers/${a.controllerId}/break-glass`, { reason: "Klant belde over een storing" })).statusCode, 403);
    assert.equal((await t.database.db.select().from(events).where(eq(events.type, "access.break_glass"))).length, 0, "nothing written");
  });

  test("a grant opens the customer for its time, tells the privacy officer, and the customer sees who looked and why", async () => {
    const reason = "Klant belde over een storing in de mailbox, ticket 4711";
    const granted = await support.send("POST", `/api/v1/controllers/${a.controllerId}/break-glass`, { reason });
    assert.equal(granted.statusCode, 201, granted.body);
    const grant = granted.json<{ id: string; expiresAt: string }>();
    assert.equal(new Date(grant.expiresAt).getTime() - t.clock.now().getTime(), BREAK_GLASS_MINUTES * 60_000);

    assert.equal((await support.get(`/api/v1/controllers/${a.controllerId}/contact`)).statusCode, 200);
    const list = (await support.get("/api/v1/controllers")).json<{ items: { id: string }[] }>();
    assert.ok(
      list.items.some((c) => c.id === a.controllerId),
      "while the grant lasts the customer is in support's list",
    );

    const [notice] = await t.database.db.select().from(notices).where(eq(notices.kind, "break_glass"));
    assert.ok(notice, "the privacy officer is told");
    assert.deepEqual(notice.staffRoles, ["privacy_officer"]);
    assert.equal(notice.controllerId, a.controllerId);
    const mails = await t.database.db.select().from(deliveries).where(eq(deliveries.noticeId, notice.id));
    assert.ok(mails.length >= 1, "by e-mail");
    const chain = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.controllerId, a.controllerId), eq(events.type, "access.break_glass")));
    assert.equal((chain[0]?.data as { reason: string }).reason, reason);
    assert.equal((await verifyChain(t.database.db)).ok, true);

    const owner = await login(a.owner.email);
    const log = await logOf(owner);
    const seen = log.items.find((i) => i.why === "break_glass");
    assert.ok(seen, "the customer sees the break-glass access");
    assert.equal(seen.reason, reason);
    assert.equal(seen.userName, "Staff support");
    assert.equal(seen.what, "contact");

    t.clock.advance(BREAK_GLASS_MINUTES * 60_000 + 1);
    const expired = await support.get(`/api/v1/controllers/${a.controllerId}/contact`);
    assert.equal(expired.statusCode, 404, "the grant has expired");
  });
});

describe("the customer's access log", () => {
  test("a customer reads its own log only, filtered by period, and as CSV; staff oversight reads any", async () => {
    const ownerA = await login(a.owner.email);
    const ownerB = await login(b.owner.email);
    const viewerA = await login(a.viewer.email);
    const ofA = await logOf(ownerA);
    assert.ok(ofA.total >= 3);
    assert.ok(ofA.items.every((i) => i.controllerId === a.controllerId));
    assert.equal((await logOf(viewerA)).total, ofA.total, "every user of the customer may read it");
    const ofB = await logOf(ownerB);
    assert.ok(ofB.items.every((i) => i.controllerId === b.controllerId));
    const foreign = await ownerB.get(`/api/v1/access-log?controllerId=${a.controllerId}`);
    assert.equal(foreign.statusCode, 404, "another customer's log is not found");
    assert.doesNotMatch(foreign.body, /Bakkerij Alfa|ticket 4711/);
    assert.equal((await ownerB.get(`/api/v1/access-log/export?controllerId=${a.controllerId}`)).statusCode, 404);

    const future = await logOf(ownerA, `?from=${encodeURIComponent(new Date(t.clock.now().getTime() + 86_400_000).toISOString())}`);
    assert.equal(future.total, 0);
    const reversed = await ownerA.get(`/api/v1/access-log?from=2026-04-02T00:00:00Z&to=2026-04-01T00:00:00Z`);
    assert.equal(reversed.statusCode, 400);
    assert.equal(errorOf(reversed).fields[0]?.field, "query.from");
    assert.equal((await ownerA.get("/api/v1/access-log?from=gisteren")).statusCode, 400);

    const csv = await ownerA.get("/api/v1/access-log/export");
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-type"]), /text\/csv/);
    assert.match(String(csv.headers["content-disposition"]), /toegangslog/);
    const table = parse(csv.body) as string[][];
    assert.equal(table[0]?.[3], "medewerker");
    assert.equal(table.length, ofA.total + 1);
    assert.ok(table.some((line) => line.includes("Klant belde over een storing in de mailbox, ticket 4711")));

    const byOfficer = await logOf(officer, `?controllerId=${a.controllerId}`);
    assert.equal(byOfficer.total, ofA.total);
    const all = await logOf(officer);
    assert.ok(all.items.some((i) => i.controllerId === b.controllerId) && all.items.some((i) => i.controllerId === a.controllerId));
    assert.equal((await support.get("/api/v1/access-log")).statusCode, 403);
  });

  test("row-level security, the second wall: customer B's scope reads none of A's rows and cannot write one for A", async () => {
    const seen = await inScope(t.database.db, { kind: "controller", controllerId: b.controllerId }, (tx) => tx.select().from(accessLog));
    assert.ok(seen.length > 0);
    assert.ok(seen.every((r) => r.controllerId === b.controllerId));
    const at = t.clock.now();
    await assert.rejects(
      inScope(t.database.db, { kind: "controller", controllerId: b.controllerId }, (tx) =>
        tx.insert(accessLog).values({
          controllerId: a.controllerId,
          userId: null,
          userName: "x",
          staffRole: "support",
          what: "contact",
          recordId: a.controllerId,
          why: "role",
          at,
          minute: at,
        }),
      ),
    );
  });
});

test("an incident's affected customers with their breach facts: a row in each shown customer's access log, none in another's", async () => {
  const security = await login((await createStaff(t.database.db, "security_officer", undefined, { clock: t.clock })).email);
  const recorded = await security.send("POST", "/api/v1/incidents", {
    title: "Webmail",
    description: "Onbevoegde toegang tot webmail",
    discoveredAt: t.clock.now().toISOString(),
    discoveryHow: "Monitoring",
  });
  assert.equal(recorded.statusCode, 201, recorded.body);
  const incident = recorded.json<{ id: string }>().id;
  assert.equal((await security.send("POST", `/api/v1/incidents/${incident}/customers`, { controllerIds: [a.controllerId] })).statusCode, 200);
  assert.equal((await security.get(`/api/v1/incidents/${incident}/customers`)).statusCode, 200);
  const rows = await t.database.db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.what, "breach_facts"), eq(accessLog.recordId, incident)));
  assert.deepEqual(
    rows.map((r) => [r.controllerId, r.staffRole]),
    [[a.controllerId, "security_officer"]],
  );
});
