import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { errorOf, session, staffSession, type Session } from "../../../test/support/sessions.ts";
import { disclosureGagEfforts, disclosureOrderCustomers, disclosureOrders, disclosureStatements, events, notices, obligations } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { verifyChain } from "../evidence/index.ts";

// art. 9.2 through the API and the sweep: the register (admin and privacy officer only), each
// concerned customer's duty to be told 24 hours (elapsed) after the receipt, or after the gag order
// ends (its date passes: the sweep; or staff record it lifted), the notices that meet those duties,
// nothing of a gagged order in a customer's view, the customer's own statements, and the public
// transparency report with its bands.

type Made = Awaited<ReturnType<typeof createCustomer>>;
interface OrderOut {
  timeline: { type: string }[];
  id: string;
  reference: string;
  gagActive: boolean;
  gagEndedAt: string | null;
  decision: string;
  concerned: { controllerId: string; dueAt: string | null; notifiedAt: string | null; metInTime: boolean | null }[];
  efforts: { action: string; result: string }[];
}
interface Count {
  exact: number | null;
  band: { from: number; to: number | null } | null;
}
interface ReportOut {
  periods: {
    period: string;
    orders: Count;
    customers: Count;
    byAuthority: { kind: string; orders: Count }[];
    byOutcome: { decision: string; orders: Count }[];
  }[];
}

// Tuesday 20 October 2026, 10:00 in Amsterdam (CEST): in the past, so sessions made now stay valid.
const START = "2026-10-20T08:00:00.000Z";

let t: TestApp;
let a: Made;
let b: Made;
let c: Made;
let officer: Session;
let admin: Session;
let ownerA: Session;
let ownerB: Session;

const at = (iso: string) => t.clock.set(new Date(iso));
const sweepAt = async (iso: string) => {
  at(iso);
  return (await runSweep(t.database.db, t.clock, sweepTasks())).other.disclosureGags ?? 0;
};
const order = (overrides: Record<string, unknown> = {}) => ({
  authority: "Politie Eenheid Noord-Nederland",
  authorityKind: "police",
  legalBasis: "art. 126nd Wetboek van Strafvordering",
  receivedAt: t.clock.now().toISOString(),
  dataRequested: "Inloggegevens en IP-adressen van één mailbox, 1 tot en met 15 oktober.",
  controllerIds: [a.controllerId],
  gag: "none",
  ...overrides,
});
const record = async (body: Record<string, unknown>) => {
  const response = await officer.send("POST", "/api/v1/disclosure-orders", body);
  assert.equal(response.statusCode, 201, response.body);
  return response.json<OrderOut>();
};
const notify = (id: string) =>
  officer.send("POST", `/api/v1/disclosure-orders/${id}/notices`, { summary: "Gegevens van één mailbox zijn opgevraagd.", nameAuthority: true });
const dutiesOf = (orderId: string) =>
  t.database.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.subjectType, "disclosure_order"), eq(obligations.subjectId, orderId)));
const noticesOf = (who: Made) =>
  t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.controllerId, who.controllerId), eq(notices.kind, "disclosure_notice")));
const portalNotices = async (as: Session, who: Made) => {
  const response = await as.get(`/api/v1/controllers/${who.controllerId}/disclosure-notices`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ reference: string; authority: string | null }[]>();
};

before(async () => {
  t = await createTestApp(new Date(START));
  a = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
  b = await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta", locale: "en" });
  c = await createCustomer(t.database.db, t.clock, { name: "Camping Gamma" });
  officer = await staffSession(t, "privacy_officer");
  admin = await staffSession(t, "admin");
  ownerA = await session(t.app, a.owner.email);
  ownerB = await session(t.app, b.owner.email);
});
after(async () => {
  await t.close();
});

describe("who may open the register", () => {
  test("support, the security officer, the auditor and every customer user get 403; admin and privacy officer 200", async () => {
    for (const role of ["support", "security_officer", "auditor"] as const) {
      const staff = await staffSession(t, role);
      assert.equal((await staff.get("/api/v1/disclosure-orders")).statusCode, 403, role);
      assert.equal((await staff.send("POST", "/api/v1/disclosure-orders", order())).statusCode, 403, role);
      assert.equal((await staff.get("/api/v1/disclosure-statements")).statusCode, 403, role);
    }
    const viewerA = await session(t.app, a.viewer.email);
    for (const customer of [ownerA, viewerA]) {
      assert.equal((await customer.get("/api/v1/disclosure-orders")).statusCode, 403);
      assert.equal((await customer.send("POST", "/api/v1/disclosure-orders", order())).statusCode, 403);
    }
    assert.equal((await admin.get("/api/v1/disclosure-orders")).statusCode, 200);
    assert.equal((await officer.get("/api/v1/disclosure-orders")).statusCode, 200);
  });
});

describe("bad input: a 400 naming the field, nothing written", () => {
  test("a gag until a date without the date, an unknown customer, a blank text, a receipt in the future", async () => {
    const before = (await t.database.db.select().from(disclosureOrders)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ gag: "until_date" }, "body.gagUntil"],
      [{ gag: "none", gagUntil: "2026-12-01T00:00:00Z" }, "body.gagUntil"],
      [{ controllerIds: [a.controllerId, "00000000-0000-4000-8000-000000000000"] }, "body.controllerIds.1"],
      [{ controllerIds: [a.controllerId, a.controllerId] }, "body.controllerIds.1"],
      [{ authority: "   " }, "body.authority"],
      [{ receivedAt: "2026-10-21T08:00:00Z" }, "body.receivedAt"],
      [{ authorityKind: "martians" }, "body.authorityKind"],
    ];
    for (const [overrides, field] of cases) {
      const response = await officer.send("POST", "/api/v1/disclosure-orders", order(overrides));
      assert.equal(response.statusCode, 400, `${JSON.stringify(overrides)}: ${response.body}`);
      assert.ok(
        errorOf(response).fields.some((f) => f.field === field),
        `${JSON.stringify(overrides)} names ${field}: ${response.body}`,
      );
    }
    assert.equal((await t.database.db.select().from(disclosureOrders)).length, before, "nothing partly written");
  });
});

describe("an order without a gag", () => {
  test("each concerned customer's duty is due 24 hours after receipt; the notice meets it; each customer sees only its own", async () => {
    at("2026-10-20T08:00:00Z");
    const received = "2026-10-20T06:30:00.000Z";
    const made = await record(order({ receivedAt: received, controllerIds: [a.controllerId, b.controllerId] }));
    assert.equal(made.gagActive, false);
    assert.deepEqual(
      made.concerned.map((x) => x.dueAt),
      ["2026-10-21T06:30:00.000Z", "2026-10-21T06:30:00.000Z"],
    );
    const duties = await dutiesOf(made.id);
    assert.equal(duties.length, 2);
    assert.ok(duties.every((d) => d.clockUnit === "hours" && d.clockAmount === 24 && d.article === "9.2" && d.party === "processor"));
    // That an order exists is the admin's and privacy officer's to know: other staff see no such deadline, nor in their home.
    for (const role of ["support", "security_officer", "auditor"] as const) {
      const staff = await staffSession(t, role);
      const listed = (await staff.get("/api/v1/obligations?kind=disclosure_notice")).json<{ items: unknown[] }>();
      assert.equal(listed.items.length, 0, role);
      assert.equal((await staff.get(`/api/v1/obligations/${duties[0]?.id}`)).statusCode, 404, role);
      assert.ok(!JSON.stringify((await staff.get("/api/v1/staff-home")).json()).includes("disclosure_notice"), role);
    }
    assert.equal((await officer.get("/api/v1/obligations?kind=disclosure_notice")).json<{ items: unknown[] }>().items.length, 2);
    assert.ok(JSON.stringify((await officer.get("/api/v1/staff-home")).json()).includes("disclosure_notice"));

    at("2026-10-20T12:00:00Z");
    const decided = await officer.send("POST", `/api/v1/disclosure-orders/${made.id}/decision`, {
      decision: "comply_in_part",
      reasoning: "Alleen de gevraagde periode.",
    });
    assert.equal(decided.statusCode, 200, decided.body);
    const sent = await notify(made.id);
    assert.equal(sent.statusCode, 200, sent.body);
    const out = sent.json<OrderOut>();
    assert.ok(out.concerned.every((x) => x.notifiedAt && x.metInTime === true));
    assert.equal((await dutiesOf(made.id)).filter((d) => d.status === "met").length, 2);

    assert.equal((await portalNotices(ownerA, a)).length, 1);
    assert.equal((await portalNotices(ownerB, b)).length, 1);
    assert.equal((await ownerB.get(`/api/v1/controllers/${a.controllerId}/disclosure-notices`)).statusCode, 404, "never another customer's");
    assert.equal((await notify(made.id)).statusCode, 409, "everyone was told");
  });
});

describe("a gag order until a date", () => {
  let id: string;

  test("while it runs: no duty, no notice, nothing in the customer's view or evidence, and telling is refused", async () => {
    at("2026-10-20T09:00:00Z");
    // Saturday 24 October 2026, 10:00 in Amsterdam (CEST); the clocks go back the night after.
    const made = await record(order({ controllerIds: [c.controllerId], gag: "until_date", gagUntil: "2026-10-24T08:00:00.000Z", authorityKind: "prosecutor" }));
    id = made.id;
    assert.equal(made.gagActive, true);
    assert.equal(made.concerned[0]?.dueAt, null);
    assert.equal((await dutiesOf(id)).length, 0);
    const refused = await notify(id);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal((await noticesOf(c)).length, 0);
    const effort = await officer.send("POST", `/api/v1/disclosure-orders/${id}/gag-efforts`, {
      at: "2026-10-20T09:00:00Z",
      action: "Officier van justitie gevraagd de zwijgplicht te beperken tot de bestuurders.",
      result: "refused",
    });
    assert.equal(effort.statusCode, 200, effort.body);
    assert.equal(effort.json<OrderOut>().efforts.length, 1);
    const ownerC = await session(t.app, c.owner.email);
    assert.deepEqual(await portalNotices(ownerC, c), []);
    const seenByC = (await ownerC.get(`/api/v1/controllers/${c.controllerId}/events`)).json<{ type: string; subject?: unknown }[]>();
    assert.ok(!seenByC.some((e) => e.type.startsWith("disclosure.") || JSON.stringify(e).includes(id)), "the gagged order is in no event the customer sees");
    const deadlines = (await ownerC.get("/api/v1/obligations")).body;
    assert.ok(!deadlines.includes(id), "nor in its deadlines");
    assert.equal(await sweepAt("2026-10-24T07:59:00Z"), 0, "a minute before the gag's end nothing opens");
    assert.equal((await dutiesOf(id)).length, 0);
  });

  test("when its date passes the sweep opens the duty, due 24 elapsed hours after the gag's end, across the end of summer time; once", async () => {
    assert.equal(await sweepAt("2026-10-24T08:05:00Z"), 1);
    assert.equal(await sweepAt("2026-10-24T08:06:00Z"), 0, "claimed once");
    const [duty] = await dutiesOf(id);
    assert.ok(duty);
    assert.equal(duty.triggerAt.toISOString(), "2026-10-24T08:00:00.000Z", "from the gag's end, not the sweep");
    // 24 h after Sat 10:00 CEST is Sun 09:00 CET (2026-10-25T08:00Z), not Sun 10:00.
    assert.equal(duty.dueAt.toISOString(), "2026-10-25T08:00:00.000Z");
    const ended = (await t.database.db.select().from(events)).filter((e) => e.type === "disclosure.gag_ended");
    assert.equal(ended.length, 1);
    assert.equal(ended[0]?.controllerId, null, "in the processor's own stream");
  });

  test("sent after the due instant, the notice meets the duty late; the customer then sees it", async () => {
    at("2026-10-25T09:00:00Z");
    const sent = await notify(id);
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json<OrderOut>().concerned[0]?.metInTime, false);
    const timeline = sent.json<{ timeline: { type: string; customerName: string | null }[] }>().timeline;
    const types = timeline.map((e) => e.type);
    for (const type of [
      "disclosure.order_recorded",
      "disclosure.gag_effort",
      "disclosure.gag_ended",
      "obligation.opened",
      "notice.queued",
      "obligation.met",
      "disclosure.customers_notified",
    ]) {
      assert.ok(types.includes(type), `the order's timeline holds ${type}: ${types.join(", ")}`);
    }
    assert.ok(types.indexOf("disclosure.gag_ended") < types.indexOf("obligation.opened"), "the duty opened when the gag ended");
    assert.equal(timeline.find((e) => e.type === "obligation.opened")?.customerName, "Camping Gamma");
    const ownerC = await session(t.app, c.owner.email);
    const seen = await portalNotices(ownerC, c);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.authority, "Politie Eenheid Noord-Nederland");
  });
});

let liftedOrder = "";

describe("a gag order until lifted", () => {
  test("no duty until staff record the lift; then due 24 hours after the lift", async () => {
    at("2026-10-26T09:00:00Z");
    const made = await record(order({ controllerIds: [b.controllerId], gag: "until_lifted", authorityKind: "intelligence" }));
    assert.equal((await sweepAt("2026-11-20T09:00:00Z")) >= 0, true);
    assert.equal((await dutiesOf(made.id)).length, 0, "a gag until lifted does not end by time");
    const early = await officer.send("POST", `/api/v1/disclosure-orders/${made.id}/gag-lift`, { liftedAt: "2026-10-25T09:00:00Z" });
    assert.equal(early.statusCode, 400, "not before the receipt");
    assert.equal(errorOf(early).fields[0]?.field, "body.liftedAt");
    const lifted = await officer.send("POST", `/api/v1/disclosure-orders/${made.id}/gag-lift`, {
      liftedAt: "2026-11-20T08:00:00Z",
      note: "Brief van de dienst",
    });
    assert.equal(lifted.statusCode, 200, lifted.body);
    const out = lifted.json<OrderOut>();
    assert.equal(out.gagActive, false);
    assert.equal(out.concerned[0]?.dueAt, "2026-11-21T08:00:00.000Z");
    liftedOrder = made.id;
    assert.equal((await officer.send("POST", `/api/v1/disclosure-orders/${made.id}/gag-lift`, { liftedAt: "2026-11-20T08:00:00Z" })).statusCode, 409);
  });
});

describe("customers found to be concerned later", () => {
  test("added after the gag ended, a customer's duty runs from the gag's end (already overdue); under a gag it waits", async () => {
    at("2026-11-20T10:30:00Z");
    const gagged = await record(order({ receivedAt: "2026-11-20T07:00:00Z", controllerIds: [], gag: "until_lifted", authorityKind: "other" }));
    const path = `/api/v1/disclosure-orders/${gagged.id}/customers`;
    const unknown = await officer.send("POST", path, { controllerIds: ["00000000-0000-4000-8000-000000000000"] });
    assert.equal(unknown.statusCode, 400);
    assert.equal(errorOf(unknown).fields[0]?.field, "body.controllerIds.0");
    const added = await officer.send("POST", path, { controllerIds: [b.controllerId] });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json<OrderOut>().concerned[0]?.dueAt, null, "under the gag: no duty");
    assert.equal((await dutiesOf(gagged.id)).length, 0);
    const lifted = await officer.send("POST", `/api/v1/disclosure-orders/${gagged.id}/gag-lift`, { liftedAt: "2026-11-20T08:00:00Z" });
    assert.equal(lifted.statusCode, 200, lifted.body);
    const late = await officer.send("POST", path, { controllerIds: [c.controllerId, b.controllerId] });
    assert.equal(late.statusCode, 200, late.body);
    const concerned = late.json<OrderOut>().concerned;
    assert.equal(concerned.length, 2, "b is not added twice");
    assert.ok(
      concerned.every((x) => x.dueAt === "2026-11-21T08:00:00.000Z"),
      "both due 24 hours after the lift",
    );
  });
});

describe("a gag order changed while in force", () => {
  test("until lifted, narrowed to a date already past: it ended at that date and the duty is due 24 hours after it", async () => {
    at("2026-11-20T09:00:00Z");
    const made = await record(order({ receivedAt: "2026-11-20T07:00:00Z", controllerIds: [c.controllerId], gag: "until_lifted", authorityKind: "court" }));
    const path = `/api/v1/disclosure-orders/${made.id}/gag`;
    const missing = await officer.send("POST", path, { gag: "until_date" });
    assert.equal(missing.statusCode, 400);
    assert.equal(errorOf(missing).fields[0]?.field, "body.gagUntil");
    const extended = await officer.send("POST", path, { gag: "until_date", gagUntil: "2026-12-20T09:00:00Z", note: "Rechter verlengde" });
    assert.equal(extended.statusCode, 200, extended.body);
    assert.equal(extended.json<OrderOut>().gagActive, true);
    assert.equal((await dutiesOf(made.id)).length, 0);
    const narrowed = await officer.send("POST", path, { gag: "until_date", gagUntil: "2026-11-20T08:30:00Z" });
    assert.equal(narrowed.statusCode, 200, narrowed.body);
    const out = narrowed.json<OrderOut>();
    assert.equal(out.gagActive, false);
    assert.equal(out.gagEndedAt, "2026-11-20T08:30:00.000Z");
    assert.equal(out.concerned[0]?.dueAt, "2026-11-21T08:30:00.000Z");
    assert.equal((await officer.send("POST", path, { gag: "until_lifted" })).statusCode, 409, "an ended gag is not changed");
  });
});

describe("the customer's own statement (art. 9.2 binds both parties)", () => {
  test("an owner states a duty to disclose; a viewer cannot; another customer cannot see it; staff are told", async () => {
    at("2026-11-20T10:00:00Z");
    const body = { authority: "Belastingdienst", legalBasis: "art. 47 AWR", information: "Het beveiligingsrapport van de verwerker." };
    const viewerA = await session(t.app, a.viewer.email);
    assert.equal((await viewerA.send("POST", `/api/v1/controllers/${a.controllerId}/disclosure-statements`, body)).statusCode, 403);
    assert.equal((await ownerB.send("POST", `/api/v1/controllers/${a.controllerId}/disclosure-statements`, body)).statusCode, 404);
    const blank = await ownerA.send("POST", `/api/v1/controllers/${a.controllerId}/disclosure-statements`, { ...body, information: " " });
    assert.equal(blank.statusCode, 400);
    assert.equal(errorOf(blank).fields[0]?.field, "body.information");
    const made = await ownerA.send("POST", `/api/v1/controllers/${a.controllerId}/disclosure-statements`, body);
    assert.equal(made.statusCode, 201, made.body);
    assert.equal((await ownerA.get(`/api/v1/controllers/${a.controllerId}/disclosure-statements`)).json<unknown[]>().length, 1);
    assert.equal((await ownerB.get(`/api/v1/controllers/${a.controllerId}/disclosure-statements`)).statusCode, 404);
    assert.equal((await ownerB.get(`/api/v1/controllers/${b.controllerId}/disclosure-statements`)).json<unknown[]>().length, 0);
    assert.equal((await officer.get("/api/v1/disclosure-statements")).json<unknown[]>().length, 1);
    const staffNotices = await t.database.db.select().from(notices).where(eq(notices.kind, "disclosure_statement"));
    assert.equal(staffNotices.length, 1);
    assert.deepEqual(staffNotices[0]?.staffRoles, ["admin", "privacy_officer"]);
  });
});

describe("the public transparency report", () => {
  test("no login; exact where no order was gagged, bands where one was; an order still under a gag is left out", async () => {
    at("2026-11-20T11:00:00Z");
    // Still under a gag: must leave no trace, not even in a band.
    await record(order({ controllerIds: [a.controllerId], gag: "until_lifted", authorityKind: "tax" }));
    const response = await t.app.inject({ method: "GET", url: "/api/v1/trust/disclosures" });
    assert.equal(response.statusCode, 200, response.body);
    const report = response.json<ReportOut>();
    assert.deepEqual(
      report.periods.map((p) => p.period),
      ["2026-H2"],
    );
    const h2 = report.periods[0];
    assert.ok(h2);
    // Four orders shown (one without a gag, three whose gag ended), one left out: the cell holds gagged ones, so a band.
    assert.deepEqual(h2.orders, { exact: null, band: { from: 0, to: 9 } });
    assert.deepEqual(h2.customers, { exact: null, band: { from: 0, to: 9 } });
    const kind = (k: string) => h2.byAuthority.find((x) => x.kind === k)?.orders;
    assert.deepEqual(kind("police"), { exact: 1, band: null }, "no gagged order among the police's: exact");
    assert.deepEqual(kind("prosecutor"), { exact: null, band: { from: 0, to: 9 } });
    assert.deepEqual(kind("intelligence"), { exact: null, band: { from: 0, to: 9 } });
    assert.deepEqual(kind("tax"), { exact: 0, band: null }, "the order still under a gag is not counted");
    assert.deepEqual(kind("court"), { exact: null, band: { from: 0, to: 9 } }, "its gag ended: counted, in a band");
    assert.deepEqual(h2.byOutcome.find((x) => x.decision === "comply_in_part")?.orders, { exact: 1, band: null });
  });
});

test("the sweep reminds before the due instant and escalates a duty not met in time, as for every duty", async () => {
  await sweepAt("2026-11-21T07:00:00Z");
  let [duty] = await dutiesOf(liftedOrder);
  assert.ok(duty?.reminders.length, "an hour-based duty has its reminders");
  assert.ok(!duty?.nextReminderAt || duty.nextReminderAt > t.clock.now(), "the reminders due were sent");
  assert.equal(duty?.escalatedAt, null);
  await sweepAt("2026-11-21T08:01:00Z");
  [duty] = await dutiesOf(liftedOrder);
  assert.ok(duty?.escalatedAt, "escalated once the 24 hours passed");
  const missed = (await t.database.db.select().from(events)).filter((e) => e.type === "obligation.missed" && (e.subjectId ?? "") === duty?.id);
  assert.equal(missed.length, 1);
});

test("row-level security: a customer's scope reads no order, no concerned customer and no effort, only its own statements", async () => {
  const seen = await inScope(t.database.db, { kind: "controller", controllerId: a.controllerId }, async (tx) => ({
    orders: (await tx.select().from(disclosureOrders)).length,
    concerned: (await tx.select().from(disclosureOrderCustomers)).length,
    efforts: (await tx.select().from(disclosureGagEfforts)).length,
    statements: (await tx.select().from(disclosureStatements)).map((s) => s.controllerId),
  }));
  assert.deepEqual(seen, { orders: 0, concerned: 0, efforts: 0, statements: [a.controllerId] });
  const ofB = await inScope(
    t.database.db,
    { kind: "controller", controllerId: b.controllerId },
    async (tx) => (await tx.select().from(disclosureStatements)).length,
  );
  assert.equal(ofB, 0);
  const processor = await inScope(t.database.db, { kind: "processor" }, async (tx) => (await tx.select().from(disclosureOrders)).length);
  assert.ok(processor >= 4);
});

test("the evidence chains verify", async () => {
  const result = await verifyChain(t.database.db);
  assert.equal(result.ok, true, JSON.stringify(result));
});
