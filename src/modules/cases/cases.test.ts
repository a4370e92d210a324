import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomerUser } from "../../../test/support/factories.ts";
import { events, notices } from "../../db/schema/index.ts";
import { customer, errorOf, session, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";

// A DPIA-help case (art. 2.4) through the API: asked on the clock, answered with an estimate the
// customer must accept before billable work, time and costs logged, closed with the deliverable;
// billable items exported once, and a credit line for an item voided after its export.

interface CaseOut {
  id: string;
  reference: string;
  status: string;
  dueAt: string | null;
  clock: string;
  billableCents: number;
  estimates: { id: string; status: string; totalCents: number }[];
  entries: { id: string; type: string; amountCents: number; billable: boolean; exported: boolean; voidedAt: string | null }[];
}
interface ItemOut {
  id: string;
  type: string;
  amountCents: number;
  creditsId: string | null;
  exportId: string | null;
}
interface ExportOut {
  id: string;
  itemCount: number;
  totalCents: number;
}

let t: TestApp;
let officer: Session;
let admin: Session;
let auditor: Session;
let a: Customer;
let b: Customer;
let privacyA: Session;
let dpia: CaseOut;

// Asked on Friday 20 March 2026, 11:00 in Amsterdam (CET); summer time starts on 29 March.
const ASKED = new Date("2026-03-20T10:00:00Z");
// 14 calendar days, the day of asking not counted: the end of Friday 3 April, Amsterdam summer time.
const DUE = "2026-04-03T21:59:59.999Z";

const request = (overrides: Record<string, unknown> = {}) => ({
  kind: "dpia_help",
  request: {
    subject: "dpia",
    title: "DPIA nieuwe klantenportal",
    what: "Wij vragen uw bijdrage over de beveiliging van de hosting.",
    services: ["email"],
    neededBy: "2026-05-01",
    ...overrides,
  },
});

const eventsOf = async (controllerId: string) =>
  (await officer.get(`/api/v1/controllers/${controllerId}/events?limit=200`)).json<{ type: string; data: Record<string, unknown> }[]>();

before(async () => {
  t = await createTestApp(ASKED);
  officer = await staffSession(t, "privacy_officer");
  admin = await staffSession(t, "admin");
  auditor = await staffSession(t, "auditor");
  a = await customer(t, "Bakkerij Alfa", ["email"]);
  b = await customer(t, "Boekhandel Beta", ["email"]);
  privacyA = await session(t.app, (await createCustomerUser(t.database.db, a.controllerId, "privacy_contact")).email);
});
after(async () => {
  await t.close();
});

describe("DPIA help (art. 2.4)", () => {
  test("bad input is refused naming the field, and nothing is written", async () => {
    const noTitle = await a.owner.send("POST", "/api/v1/cases", request({ title: undefined }));
    assert.equal(noTitle.statusCode, 400, noTitle.body);
    assert.match(JSON.stringify(errorOf(noTitle).fields), /title/);
    const foreignService = await a.owner.send("POST", "/api/v1/cases", request({ services: ["web-hosting"] }));
    assert.equal(foreignService.statusCode, 400, foreignService.body);
    assert.equal(errorOf(foreignService).fields[0]?.field, "body.request.services.0");
    const noSuchDay = await a.owner.send("POST", "/api/v1/cases", request({ neededBy: "2026-11-31" }));
    assert.equal(noSuchDay.statusCode, 400, noSuchDay.body);
    assert.equal(errorOf(noSuchDay).fields[0]?.field, "body.request.neededBy");
    assert.equal((await a.viewer.send("POST", "/api/v1/cases", request())).statusCode, 403, "a viewer cannot ask");
    assert.deepEqual((await a.owner.get("/api/v1/cases")).json(), [], "nothing partly written");
  });

  test("a customer asks: the answer is due 14 Dutch calendar days later, staff are told, and it is evidence", async () => {
    const asked = await a.owner.send("POST", "/api/v1/cases", request());
    assert.equal(asked.statusCode, 201, asked.body);
    dpia = asked.json<CaseOut>();
    assert.equal(dpia.status, "open");
    assert.equal(dpia.dueAt, DUE);
    assert.equal(dpia.clock, "running");
    assert.match(dpia.reference, /^V-2026-\d{4}$/);
    const staffNotices = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "case_opened"), sql`${notices.staffRoles} is not null`));
    assert.equal(staffNotices.length, 1, "the privacy officers are told");
    const events = await eventsOf(a.controllerId);
    assert.ok(events.some((e) => e.type === "case.opened" && e.data.dueAt === DUE));
    assert.ok(events.some((e) => e.type === "obligation.opened"));
    assert.equal((await b.owner.get(`/api/v1/cases/${dpia.id}`)).statusCode, 404, "another customer's case");
    assert.deepEqual((await b.owner.get("/api/v1/cases")).json(), []);
    assert.equal((await a.viewer.get(`/api/v1/cases/${dpia.id}`)).statusCode, 200, "a viewer reads");
  });

  test("billable work before the customer accepted an estimate is refused; non-billable work is not", async () => {
    const billable = await officer.send("POST", `/api/v1/cases/${dpia.id}/entries`, {
      type: "time",
      description: "Intake",
      workDate: "2026-03-20",
      minutes: 30,
      rateCents: 12000,
      billable: true,
    });
    assert.equal(billable.statusCode, 409, billable.body);
    const free = await officer.send("POST", `/api/v1/cases/${dpia.id}/entries`, {
      type: "time",
      description: "Intake",
      workDate: "2026-03-20",
      minutes: 30,
      rateCents: 12000,
      billable: false,
    });
    assert.equal(free.statusCode, 201, free.body);
    assert.equal(free.json<CaseOut>().billableCents, 0);
  });

  test("the estimate answers in time; only the customer's owner or privacy contact may accept it, naming the estimate", async () => {
    t.clock.advance(3 * 24 * 3600_000);
    const noRate = await officer.send("POST", `/api/v1/cases/${dpia.id}/estimates`, { method: "hourly", hoursHundredths: 1000, description: "Tien uur" });
    assert.equal(noRate.statusCode, 400);
    assert.equal(errorOf(noRate).fields[0]?.field, "body.hourlyRateCents");
    const huge = await officer.send("POST", `/api/v1/cases/${dpia.id}/estimates`, {
      method: "hourly",
      hoursHundredths: 577681,
      hourlyRateCents: 3711706,
      description: "Te veel",
    });
    assert.equal(huge.statusCode, 400, "a total past the bound is refused, not a database error");
    assert.equal(errorOf(huge).fields[0]?.field, "body.hourlyRateCents");
    const estimated = await officer.send("POST", `/api/v1/cases/${dpia.id}/estimates`, {
      method: "hourly",
      hoursHundredths: 1050,
      hourlyRateCents: 12000,
      description: "10,5 uur advies en review",
    });
    assert.equal(estimated.statusCode, 201, estimated.body);
    const out = estimated.json<CaseOut>();
    assert.equal(out.status, "estimated");
    assert.equal(out.clock, "met_in_time");
    const estimate = out.estimates[0];
    assert.equal(estimate?.totalCents, 126000, "10.5 h × €120");
    assert.equal((await notices_(a.controllerId, "case_estimate")).length, 1, "the customer is told");

    const accept = `/api/v1/cases/${dpia.id}/estimate/accept`;
    assert.equal((await a.viewer.send("POST", accept, { estimateId: estimate?.id })).statusCode, 403, "a viewer cannot accept");
    assert.equal((await b.owner.send("POST", accept, { estimateId: estimate?.id })).statusCode, 404, "another customer");
    assert.equal((await officer.send("POST", accept, { estimateId: estimate?.id })).statusCode, 403, "staff cannot accept for the customer");
    const wrong = await privacyA.send("POST", accept, { estimateId: dpia.id });
    assert.equal(wrong.statusCode, 400);
    assert.equal(errorOf(wrong).fields[0]?.field, "body.estimateId");
    const accepted = await privacyA.send("POST", accept, { estimateId: estimate?.id });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json<CaseOut>().status, "accepted");
    const event = (await eventsOf(a.controllerId)).find((e) => e.type === "case.estimate_accepted");
    assert.equal(event?.data.totalCents, 126000);
    assert.equal(event?.data.hourlyRateCents, 12000);
    assert.equal(typeof event?.data.decidedBy, "string");
    assert.equal((await privacyA.send("POST", accept, { estimateId: estimate?.id })).statusCode, 409, "decided once");
  });

  test("staff log time and costs, and close with the deliverable and the final costs", async () => {
    const time = await officer.send("POST", `/api/v1/cases/${dpia.id}/entries`, {
      type: "time",
      description: "Review DPIA",
      workDate: "2026-03-24",
      minutes: 90,
      rateCents: 12000,
      billable: true,
    });
    assert.equal(time.statusCode, 201, time.body);
    const cost = await officer.send("POST", `/api/v1/cases/${dpia.id}/entries`, {
      type: "cost",
      description: "Pentestrapport",
      workDate: "2026-03-24",
      amountCents: 5000,
      billable: true,
    });
    assert.equal(cost.statusCode, 201, cost.body);
    assert.equal(cost.json<CaseOut>().billableCents, 23000);
    assert.equal(
      (
        await auditor.send("POST", `/api/v1/cases/${dpia.id}/entries`, {
          type: "cost",
          description: "x",
          workDate: "2026-03-24",
          amountCents: 1,
          billable: false,
        })
      ).statusCode,
      403,
    );

    const withoutFile = await officer.send("POST", `/api/v1/cases/${dpia.id}/close`, { outcome: "delivered", note: "Zie bijlage." });
    assert.equal(withoutFile.statusCode, 400);
    assert.equal(errorOf(withoutFile).fields[0]?.field, "body.files");
    const badOutcome = await officer.send("POST", `/api/v1/cases/${dpia.id}/close`, { outcome: "resolved", note: "x" });
    assert.equal(errorOf(badOutcome).fields[0]?.field, "body.outcome");

    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0, 1, 2, 250, 255]), Buffer.from("\n%%EOF")]);
    const closed = await officer.upload(`/api/v1/cases/${dpia.id}/close`, [
      { name: "outcome", value: "delivered" },
      { name: "note", value: "Onze bijdrage aan uw DPIA staat in de bijlage." },
      { name: "files", filename: "dpia-bijdrage.pdf", type: "application/pdf", data: pdf },
    ]);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<CaseOut>().status, "closed");
    const thread = (await a.viewer.get(`/api/v1/cases/${dpia.id}/messages`)).json<{ attachments: { id: string; sha256: string }[] }[]>();
    const deliverable = thread.at(-1)?.attachments[0];
    assert.equal(deliverable?.sha256, createHash("sha256").update(pdf).digest("hex"));
    const download = await a.viewer.get(`/api/v1/attachments/${deliverable?.id}`);
    assert.deepEqual(download.rawPayload, pdf, "the customer downloads the deliverable byte for byte");
    assert.equal((await b.owner.get(`/api/v1/attachments/${deliverable?.id}`)).statusCode, 404);
    const event = (await eventsOf(a.controllerId)).find((e) => e.type === "case.closed");
    assert.equal(event?.data.finalCents, 23000);
    assert.equal((await notices_(a.controllerId, "case_closed")).length, 1);
    assert.equal((await officer.send("POST", `/api/v1/cases/${dpia.id}/messages`, { body: "nog iets" })).statusCode, 409, "the thread has ended");
  });

  test("billable items are exported once; voiding an exported item writes a credit line for the next export", async () => {
    const period = "from=2026-03-01&to=2026-03-31";
    assert.equal((await officer.get(`/api/v1/billable-items?${period}`)).statusCode, 200);
    const noSuchDay = await officer.get("/api/v1/billable-items?from=2026-02-30&to=2026-03-31");
    assert.equal(noSuchDay.statusCode, 400);
    assert.equal(errorOf(noSuchDay).fields[0]?.field, "query.from");
    assert.equal((await auditor.get(`/api/v1/billable-items?${period}`)).statusCode, 403, "staff with billing only");
    assert.equal((await a.owner.get(`/api/v1/billable-items?${period}`)).statusCode, 403);
    const items = (await officer.get(`/api/v1/billable-items?${period}&state=unexported`)).json<ItemOut[]>();
    assert.deepEqual(
      items.map((i) => i.amountCents).sort((x, y) => x - y),
      [5000, 18000],
      "the two billable entries, not the non-billable one",
    );
    const first = await admin.send("POST", "/api/v1/billable-items/exports", { from: "2026-03-01", to: "2026-03-31" });
    assert.equal(first.statusCode, 201, first.body);
    const exported = first.json<ExportOut>();
    assert.equal(exported.itemCount, 2);
    assert.equal(exported.totalCents, 23000);
    const again = (await admin.send("POST", "/api/v1/billable-items/exports", { from: "2026-03-01", to: "2026-03-31" })).json<ExportOut>();
    assert.equal(again.itemCount, 0, "never exported twice");
    const csv = await admin.get(`/api/v1/billable-items/exports/${exported.id}/csv`);
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.body.trim().split("\n").length, 3, "a header and two items");
    assert.ok(!("items" in exported), "the answer is the export, its items are read in pages");
    const exportedItems = (await admin.get(`/api/v1/billable-items/exports/${exported.id}/items`)).json<ItemOut[]>();
    assert.equal(exportedItems.length, 2);
    assert.ok(exportedItems.every((i) => csv.body.includes(i.id)));

    const timeItem = exportedItems.find((i) => i.amountCents === 18000);
    const voided = await officer.send("POST", `/api/v1/cases/${dpia.id}/entries/${timeItem?.id}/void`, { reason: "dubbel geboekt" });
    assert.equal(voided.statusCode, 200, voided.body);
    const credit = voided.json<CaseOut>().entries.find((e) => e.type === "credit");
    assert.equal(credit?.amountCents, -18000);
    assert.equal((await officer.send("POST", `/api/v1/cases/${dpia.id}/entries/${timeItem?.id}/void`, { reason: "nogmaals" })).statusCode, 409);
    const next = (await admin.send("POST", "/api/v1/billable-items/exports", { from: "2026-03-01", to: "2026-03-31" })).json<ExportOut>();
    assert.equal(next.itemCount, 1, "the credit line");
    assert.equal((await admin.get(`/api/v1/billable-items/exports/${next.id}/items`)).json<ItemOut[]>()[0]?.creditsId, timeItem?.id);
    assert.equal(next.totalCents, -18000);
    const exportEvents = await t.database.db.select().from(events).where(eq(events.type, "billing.exported"));
    assert.equal(exportEvents.length, 3, "each export is evidence in the processor's stream");
    assert.ok(exportEvents.every((e) => e.controllerId === null));
    assert.ok((await eventsOf(a.controllerId)).some((e) => e.type === "billing.credit_written"));
  });

  test("a customer may decline the estimate: the case ends without billable work", async () => {
    const asked = (
      await a.owner.send("POST", "/api/v1/cases", request({ subject: "prior_consultation", title: "Voorafgaande raadpleging AP" }))
    ).json<CaseOut>();
    const estimate = (
      await officer.send("POST", `/api/v1/cases/${asked.id}/estimates`, { method: "fixed", fixedCents: 250000, description: "Vaste prijs" })
    ).json<CaseOut>().estimates[0];
    const declined = await a.owner.send("POST", `/api/v1/cases/${asked.id}/estimate/decline`, { estimateId: estimate?.id });
    assert.equal(declined.statusCode, 200, declined.body);
    assert.equal(declined.json<CaseOut>().status, "declined");
    const billable = await officer.send("POST", `/api/v1/cases/${asked.id}/entries`, {
      type: "cost",
      description: "x",
      workDate: "2026-03-25",
      amountCents: 100,
      billable: true,
    });
    assert.equal(billable.statusCode, 409);
    assert.ok((await eventsOf(a.controllerId)).some((e) => e.type === "case.estimate_declined"));
  });

  test("an unanswered case becomes overdue after its 14 days and is listed as such", async () => {
    const asked = (await a.owner.send("POST", "/api/v1/cases", request({ title: "DPIA personeelsdossier" }))).json<CaseOut>();
    assert.deepEqual(
      (await officer.get("/api/v1/cases?overdue=true")).json<CaseOut[]>().map((c) => c.id),
      [],
    );
    t.clock.advance(15 * 24 * 3600_000);
    const overdue = (await officer.get("/api/v1/cases?overdue=true")).json<CaseOut[]>();
    assert.deepEqual(
      overdue.map((c) => c.id),
      [asked.id],
    );
    assert.equal(overdue[0]?.clock, "overdue");
  });
});

const notices_ = (controllerId: string, kind: string) =>
  t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.controllerId, controllerId), eq(notices.kind, kind as "case_closed"), sql`${notices.staffRoles} is null`));
