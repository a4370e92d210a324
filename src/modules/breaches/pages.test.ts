import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { and, asc, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { assessAsBreach, recordWebmailIncident } from "../../../test/support/breach-fixture.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { breachNotices, controllers, deliveries, events, incidentCustomers, notices, obligations } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { SYSTEM_ACTOR, verifyChain } from "../evidence/index.ts";
import { addAffectedCustomers } from "./affected-customers.ts";
import { sendBreachNotices } from "./send-notices.ts";

// Issue 16: a breach's fan-outs walk the affected customers a page at a time in one transaction.
// With pages of two, five customers take three pages: every one is added, told and has its duty
// met exactly once, and a round refused for one incomplete notice on the last page writes nothing.

let t: TestApp;
let security: Session;
let incidentId: string;
let told: Customer[];
const actor = { ...SYSTEM_ACTOR, id: null };
const PAGE = 2;

const FACTS = {
  cause: { status: "known", value: "Een lek in de webmail" },
  consequences: { status: "unknown", reason: "Onderzoek loopt" },
  solution: { status: "known", value: "Bijgewerkt" },
  contact: { status: "known", value: { name: "Sanne de Wit", email: "security@hosting.example", phone: "+31 20 1234567" } },
  affectedCount: { status: "known", value: { kind: "exact", count: 12 } },
  subjectGroup: { status: "known", value: "Correspondenten" },
  dataKinds: { status: "known", value: ["e-mailadressen"] },
  period: { status: "known", value: { start: "2026-03-28T07:00:00.000Z" } },
  unintelligible: { status: "known", value: { state: "no" } },
  measuresTaken: { status: "known", value: "Sessies beëindigd" },
  measuresPlanned: { status: "known", value: "Tweestapsverificatie" },
};

const url = (path: string) => `/api/v1/incidents/${incidentId}${path}`;
const processor = <T>(work: (tx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { kind: "processor" }, work);

before(async () => {
  t = await createTestApp();
  security = await staffSession(t, "security_officer");
  told = [];
  for (const name of ["Pagina Echo", "Pagina Delta", "Pagina Charlie", "Pagina Bravo", "Pagina Alfa"]) {
    told.push(await customer(t, name, ["email"]));
  }
  await customer(t, "Pagina Zonder Mail", ["web-hosting"]);
  incidentId = await recordWebmailIncident(security);
  await assessAsBreach(security, incidentId);
});
after(() => t.close());

test("the proposal is added a page at a time: each customer once, with its clock; one event names them all", async () => {
  const added = await processor((tx) => addAffectedCustomers(tx, t.clock, actor, incidentId, { fromProposal: true }, PAGE));
  assert.equal(added, told.length);
  const rows = await t.database.db.select().from(incidentCustomers).where(eq(incidentCustomers.incidentId, incidentId));
  assert.deepEqual(rows.map((r) => r.controllerId).sort(), told.map((c) => c.controllerId).sort());
  assert.ok(rows.every((r) => r.source === "proposed" && r.obligationId !== null));
  const duties = await t.database.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.subjectId, incidentId), eq(obligations.status, "open")));
  assert.equal(duties.length, told.length);
  const [event] = await t.database.db.select().from(events).where(eq(events.type, "incident.customers_added"));
  assert.equal(event?.data.count, told.length);
  assert.deepEqual([...(event?.data.controllerIds as string[])].sort(), told.map((c) => c.controllerId).sort());
  assert.equal(await processor((tx) => addAffectedCustomers(tx, t.clock, actor, incidentId, { fromProposal: true }, PAGE)), 0, "none left to add");
});

test("a round with incomplete notices, one on its last page, is refused whole: nothing written on the pages before", async () => {
  assert.equal((await security.send("PUT", url("/facts"), FACTS)).statusCode, 200);
  // The last page holds the highest customer id; "Pagina Alfa" comes first by name. Their own
  // invalid contacts make their notices incomplete.
  const last = [...told].sort((x, y) => (x.controllerId < y.controllerId ? -1 : 1)).at(-1) as Customer;
  const alfa = told.find((c) => c.name === "Pagina Alfa") as Customer;
  const incomplete = [...new Set([last, alfa])];
  for (const c of incomplete) {
    const own = await security.send("PUT", url(`/customers/${c.controllerId}/facts`), {
      contact: { status: "known", value: { name: "X", email: "geen-adres", phone: "abc" } },
    });
    assert.equal(own.statusCode, 200, own.body);
  }
  const refused = await processor((tx) => sendBreachNotices(tx, t.clock, actor, incidentId, {}, PAGE)).then(
    () => null,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof AppError, String(refused));
  assert.equal(refused.code, "validation");
  assert.match(refused.message, new RegExp(`^${incomplete.length} of 5 notices are incomplete`));
  // Named by name, as the affected list shows them, whatever page they were found on.
  const numbers = await t.database.db.select({ id: controllers.id, number: controllers.customerNumber, name: controllers.name }).from(controllers);
  const expected = incomplete
    .map((c) => numbers.find((n) => n.id === c.controllerId))
    .sort((x, y) => ((x?.name ?? "") < (y?.name ?? "") ? -1 : 1))
    .map((n) => n?.number);
  const named = [...new Set(refused.fields.map((f) => f.field.split(".")[1]))];
  assert.deepEqual(named, expected, JSON.stringify(refused.fields));
  assert.ok(refused.fields.every((f) => f.field.includes(".contact")));
  assert.equal((await t.database.db.select().from(breachNotices)).length, 0);
  assert.equal((await t.database.db.select().from(notices).where(eq(notices.kind, "breach_notice"))).length, 0);
  assert.equal((await t.database.db.select().from(deliveries)).length, 0);
  assert.equal((await t.database.db.select().from(obligations).where(eq(obligations.status, "met"))).length, 0);
  // Their own facts put right again: the round can go.
  for (const c of incomplete) {
    assert.equal((await security.send("PUT", url(`/customers/${c.controllerId}/facts`), {})).statusCode, 200);
  }
});

test("a round a page at a time: one notice per customer, every duty met once, the chain intact; a follow-up likewise", async () => {
  const first = await processor((tx) => sendBreachNotices(tx, t.clock, actor, incidentId, {}, PAGE));
  assert.deepEqual(first, { sent: 5, initial: 5, followUp: 0, unchanged: 0 });
  const rounds = await t.database.db.select().from(breachNotices).orderBy(asc(breachNotices.controllerId));
  assert.deepEqual(
    rounds.map((r) => [r.controllerId, r.sequence, r.stage]),
    told
      .map((c) => c.controllerId)
      .sort()
      .map((id) => [id, 1, "initial"]),
  );
  const sent = await t.database.db.select().from(notices).where(eq(notices.kind, "breach_notice"));
  assert.deepEqual(sent.map((n) => n.id).sort(), rounds.map((r) => r.noticeId).sort(), "each round its own notice");
  const met = await t.database.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.subjectId, incidentId), eq(obligations.status, "met")));
  assert.equal(met.length, 5);
  const queued = await t.database.db.select().from(events).where(eq(events.type, "notice.queued"));
  assert.equal(queued.length, 5);
  const [summary] = await t.database.db.select().from(events).where(eq(events.type, "breach.notices_sent"));
  assert.deepEqual(summary?.data, { sent: 5, initial: 5, followUp: 0, unchanged: 0, final: false, message: null, late: 0 });

  const unchanged = await processor((tx) => sendBreachNotices(tx, t.clock, actor, incidentId, {}, PAGE));
  assert.deepEqual(unchanged, { sent: 0, initial: 0, followUp: 0, unchanged: 5 });
  const followUp = await processor((tx) => sendBreachNotices(tx, t.clock, actor, incidentId, { message: "De oorzaak is verholpen." }, PAGE));
  assert.deepEqual(followUp, { sent: 5, initial: 0, followUp: 5, unchanged: 0 });
  const seconds = await t.database.db.select().from(breachNotices).where(eq(breachNotices.sequence, 2));
  assert.equal(seconds.length, 5);
  assert.ok(seconds.every((r) => r.stage === "follow_up"));
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
