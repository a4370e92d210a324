import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createCustomerUser } from "../../../test/support/factories.ts";
import { errorOf, session, staffSession, type Session } from "../../../test/support/sessions.ts";
import { claimEvents, claims, defaultNotices, events, feeLedger, notices, obligations } from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { verifyChain } from "../evidence/index.ts";

// art. 11 through the API and the sweep, on both engines: the fee ledger (all or nothing), a
// customer's notice of default with the 48-hour fact, the cure date agreed in writing and the duty
// to cure on the engine, the claims register with the cap's derivation (ledger or labelled
// fallback), the 11.4 assessment, the lapse date and its reminder; and who may see any of it.

type Made = Awaited<ReturnType<typeof createCustomer>>;
interface NoticeOut {
  id: string;
  reference: string;
  late: boolean;
  elapsedMinutes: number;
  deadline: string;
  cure: { proposedDate: string | null; proposedBy: string | null; agreedDate: string | null; dueAt: string | null; clock: string; curedAt: string | null };
  timeline: { type: string }[];
}
interface ClaimOut {
  id: string;
  reference: string;
  lapsesAt: string;
  lapseClock: string;
  directCents: number;
  indirectCents: number;
  event: {
    id: string;
    reference: string;
    intent: { assessment: string; note: string | null } | null;
    claims: { reference: string; directCents: number }[];
    directClaimedCents: number;
    cap: { month: string; source: string; capCents: number; applies: boolean; lines: { label: string; amountCents: number; days: unknown }[] };
  };
  timeline: { type: string }[];
}

// Monday 16 March 2026, 10:00 in Amsterdam (CET).
const START = "2026-03-16T09:00:00.000Z";

let t: TestApp;
let a: Made;
let b: Made;
let officer: Session;
let admin: Session;
let ownerA: Session;
let contactA: Session;
let ownerB: Session;

const at = (iso: string) => t.clock.set(new Date(iso));
const damages = (overrides: Record<string, number> = {}) => ({
  propertyDamageCents: 0,
  defaultCostsCents: 25_000,
  assessmentCostsCents: 50_000,
  mitigationCostsCents: 10_000,
  indirectCents: 400_000,
  ...overrides,
});
const failure = "Sinds 12 maart 09:00 zijn de back-ups van onze webshop niet gemaakt; de herstelpunten ontbreken volledig.";
const fileNotice = async (as: Session, who: Made, learnedAt: string) => {
  const response = await as.send("POST", `/api/v1/controllers/${who.controllerId}/default-notices`, { description: failure, learnedAt });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<NoticeOut>();
};
const sendCsv = (as: Session, csv: string, query = "") => as.send("POST", `/api/v1/fee-ledger.csv${query}`, csv, { "content-type": "text/csv" });
const ledgerRows = () => t.database.db.select().from(feeLedger);
const numberOf = async (who: Made) => {
  const response = await officer.get(`/api/v1/controllers/${who.controllerId}`);
  return response.json<{ customerNumber: string }>().customerNumber;
};

before(async () => {
  t = await createTestApp(new Date(START));
  a = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
  b = await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta", locale: "en" });
  officer = await staffSession(t, "privacy_officer");
  admin = await staffSession(t, "admin");
  ownerA = await session(t.app, a.owner.email);
  contactA = await session(t.app, (await createCustomerUser(t.database.db, a.controllerId, "privacy_contact")).email);
  ownerB = await session(t.app, b.owner.email);
});
after(async () => {
  await t.close();
});

describe("the fee ledger (art. 11.1): from billing, all or nothing", () => {
  test("a CSV with errors is refused whole, each error by line and column, and nothing is written", async () => {
    const numberA = await numberOf(a);
    const csv = [
      "customer_number;month;amount;description",
      `${numberA};2026-01;1.234,50;Factuur 2026-0012`,
      `${numberA};2026-13;10,00;`,
      `NOPE-1;2026-02;10,00;`,
      `${numberA};2026-02;tien euro;`,
      `${numberA};2026-01;5,00;`,
      `;2026-02;5,00;`,
    ].join("\n");
    const response = await sendCsv(officer, csv);
    assert.equal(response.statusCode, 400, response.body);
    const fields = errorOf(response).fields.map((f) => f.field);
    assert.deepEqual(fields.sort(), ["line 3: month", "line 4: customer_number", "line 5: amount", "line 6: month", "line 7: customer_number"].sort());
    assert.equal((await ledgerRows()).length, 0, "nothing partly written");
  });

  test("an unknown column and a missing one are named on line 1", async () => {
    const response = await sendCsv(officer, "customer_number;maand;amount\nX;2026-01;1,00");
    assert.equal(response.statusCode, 400);
    assert.deepEqual(
      errorOf(response)
        .fields.map((f) => f.field)
        .sort(),
      ["line 1: maand", "line 1: month"],
    );
  });

  test("a valid CSV: a dry run writes nothing; the import writes every month, replaces a month again, and is evidence", async () => {
    const [numberA, numberB] = [await numberOf(a), await numberOf(b)];
    const csv = [
      "customer_number,month,amount,description",
      `${numberA},2026-01,"1.234,50",Factuur 2026-0012`,
      `${numberA},2026-02,99.00,Factuur 2026-0040`,
      `${numberB},2026-02,"50,00",`,
    ].join("\n");
    const dry = await sendCsv(officer, csv, "?dryRun=true");
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json(), { dryRun: true, entries: 3, customers: 2, months: 2 });
    assert.equal((await ledgerRows()).length, 0);
    const done = await sendCsv(officer, csv);
    assert.equal(done.statusCode, 200, done.body);
    const again = await admin.send("POST", "/api/v1/fee-ledger", {
      entries: [{ customerNumber: numberA, month: "2026-02", amountCents: 12_345, description: "Factuur 2026-0041" }],
    });
    assert.equal(again.statusCode, 200, again.body);
    const view = (await officer.get(`/api/v1/controllers/${a.controllerId}/fee-ledger`)).json<{
      entries: { month: string; amountCents: number; description: string }[];
      heldFees: { monthlyFeeCents: number }[];
    }>();
    assert.deepEqual(
      view.entries.map((e) => [e.month, e.amountCents, e.description]),
      [
        ["2026-01", 123_450, "Factuur 2026-0012"],
        ["2026-02", 12_345, "Factuur 2026-0041"],
      ],
    );
    assert.deepEqual(
      view.heldFees.map((f) => f.monthlyFeeCents),
      [995, 995],
      "the fees Art28 holds, shown as the fallback",
    );
    const imported = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, "fee_ledger.imported"), eq(events.controllerId, a.controllerId)));
    assert.equal(imported.length, 2);
  });

  test("the JSON import names the entry and field; an amount that is not whole cents is a 400", async () => {
    const before = (await ledgerRows()).length;
    const bad = await officer.send("POST", "/api/v1/fee-ledger", {
      entries: [
        { customerNumber: await numberOf(a), month: "2026-03", amountCents: 100 },
        { customerNumber: "NOPE", month: "2026-03", amountCents: 100 },
      ],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      errorOf(bad).fields.map((f) => f.field),
      ["entries[1].customerNumber"],
    );
    const cents = await officer.send("POST", "/api/v1/fee-ledger", { entries: [{ customerNumber: "X", month: "2026-03", amountCents: 1.5 }] });
    assert.equal(cents.statusCode, 400);
    assert.match(errorOf(cents).fields[0]?.field ?? "", /amountCents/);
    assert.equal((await ledgerRows()).length, before, "nothing partly written");
  });
});

describe("a notice of default (art. 11.5)", () => {
  test("given later than 48 hours after the customer learned of the failure is flagged, with the elapsed time; the staff are told", async () => {
    // Learned Friday 13 March 10:00 CET; notice Monday 16 March 10:00: 72 hours.
    const late = await fileNotice(ownerA, a, "2026-03-13T09:00:00.000Z");
    assert.equal(late.late, true);
    assert.equal(late.elapsedMinutes, 72 * 60);
    assert.equal(late.deadline, "2026-03-15T09:00:00.000Z");
    const told = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "default_notice_given"), eq(notices.subjectId, late.id)));
    assert.equal(told.length, 1);
    assert.deepEqual(told[0]?.staffRoles, ["admin", "privacy_officer"]);
    const inTime = await fileNotice(contactA, a, "2026-03-14T10:00:00.000Z");
    assert.equal(inTime.late, false, "the privacy contact may give notice too; 47 hours is within 48");
  });

  test("bad input: a 400 naming the field, nothing written", async () => {
    const before = (await t.database.db.select().from(defaultNotices)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ description: "Kapot.", learnedAt: START }, "body.description"],
      [{ description: failure, learnedAt: "2026-03-17T09:00:00.000Z" }, "body.learnedAt"],
      [{ description: failure, learnedAt: "gisteren" }, "body.learnedAt"],
    ];
    for (const [body, field] of cases) {
      const response = await ownerA.send("POST", `/api/v1/controllers/${a.controllerId}/default-notices`, body);
      assert.equal(response.statusCode, 400, response.body);
      assert.ok(
        errorOf(response).fields.some((f) => f.field === field),
        `${field}: ${response.body}`,
      );
    }
    assert.equal((await t.database.db.select().from(defaultNotices)).length, before);
  });

  test("the cure date: one side proposes, the other confirms the same date; then the duty to cure runs to the end of that day", async () => {
    const notice = await fileNotice(ownerA, a, "2026-03-16T08:00:00.000Z");
    const url = `/api/v1/default-notices/${notice.id}`;
    assert.equal((await ownerA.send("POST", `${url}/cure-date/confirmation`, { date: "2026-03-30" })).statusCode, 409, "nothing proposed yet");
    assert.equal(errorOf(await officer.send("POST", `${url}/cure-date`, { date: "2026-03-15" })).fields[0]?.field, "body.date", "a date in the past");
    assert.equal(errorOf(await officer.send("POST", `${url}/cure-date`, { date: "2026-02-30" })).fields[0]?.field, "body.date");
    const proposed = await officer.send("POST", `${url}/cure-date`, { date: "2026-03-30" });
    assert.equal(proposed.statusCode, 200, proposed.body);
    assert.equal(proposed.json<NoticeOut>().cure.proposedBy, "processor");
    const toCustomer = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "cure_date_proposed"), eq(notices.subjectId, notice.id)));
    assert.equal(toCustomer[0]?.controllerId, a.controllerId);
    assert.equal(toCustomer[0]?.staffRoles, null, "the customer is told");
    assert.equal((await admin.send("POST", `${url}/cure-date/confirmation`, { date: "2026-03-30" })).statusCode, 409, "the proposing side cannot confirm");
    const wrong = await ownerA.send("POST", `${url}/cure-date/confirmation`, { date: "2026-03-31" });
    assert.equal(wrong.statusCode, 400);
    assert.equal(errorOf(wrong).fields[0]?.field, "body.date");
    assert.equal((await t.database.db.select().from(obligations).where(eq(obligations.subjectId, notice.id))).length, 0, "nothing partly written");
    const agreed = await ownerA.send("POST", `${url}/cure-date/confirmation`, { date: "2026-03-30" });
    assert.equal(agreed.statusCode, 200, agreed.body);
    const out = agreed.json<NoticeOut>();
    assert.equal(out.cure.agreedDate, "2026-03-30");
    // The end of Monday 30 March local (CEST since the 29th): 21:59:59.999 UTC.
    assert.equal(out.cure.dueAt, "2026-03-30T21:59:59.999Z");
    assert.equal(out.cure.clock, "running");
    const [duty] = await t.database.db.select().from(obligations).where(eq(obligations.subjectId, notice.id));
    assert.equal(duty?.kind, "default_cure");
    assert.equal(duty?.party, "processor");
    assert.equal((await officer.send("POST", `${url}/cure-date`, { date: "2026-04-30" })).statusCode, 409, "agreed is agreed");
    // Support does not see the duty (restricted kind), nor the notice (audience).
    const support = await staffSession(t, "support");
    const supportList = (await support.get("/api/v1/obligations")).json<{ kind: string }[] | { items: { kind: string }[] }>();
    const kinds = (Array.isArray(supportList) ? supportList : supportList.items).map((o) => o.kind);
    assert.ok(!kinds.includes("default_cure"));
    assert.equal((await support.get(url)).statusCode, 403);
    // Cured after the date: met late.
    at("2026-03-31T08:00:00.000Z");
    assert.equal((await ownerA.send("POST", `${url}/cured`, { note: "Opgelost." })).statusCode, 403, "the processor records its own cure");
    const cured = await officer.send("POST", `${url}/cured`, { note: "Back-ups draaien weer; herstelpunten opnieuw gemaakt." });
    assert.equal(cured.statusCode, 200, cured.body);
    assert.equal(cured.json<NoticeOut>().cure.clock, "met_late");
    assert.deepEqual(
      cured.json<NoticeOut>().timeline.map((e) => e.type),
      ["default_notice.given", "default_notice.cure_proposed", "obligation.opened", "default_notice.cure_agreed", "obligation.met", "default_notice.cured"],
    );
    at(START);
  });
});

let firstClaimId = "";
describe("the claims register (art. 11)", () => {
  let first: ClaimOut;
  test("a claim with a new event: the cap is the ledger's month before the event, with its derivation; the lapse date 12 months after it arose", async () => {
    const response = await officer.send("POST", "/api/v1/claims", {
      controllerId: a.controllerId,
      event: { description: "Back-ups niet gemaakt van 12 tot 16 maart.", occurredAt: "2026-03-12T08:00:00.000Z" },
      description: "Kosten van herstel en onderzoek.",
      arisenAt: "2026-03-13T09:00:00.000Z",
      damages: damages(),
    });
    assert.equal(response.statusCode, 201, response.body);
    first = response.json<ClaimOut>();
    firstClaimId = first.id;
    assert.equal(first.directCents, 85_000);
    assert.equal(first.indirectCents, 400_000);
    assert.equal(first.event.cap.month, "2026-02");
    assert.equal(first.event.cap.source, "ledger");
    assert.equal(first.event.cap.capCents, 12_345);
    assert.deepEqual(first.event.cap.lines, [{ label: "Factuur 2026-0041", amountCents: 12_345, days: null }]);
    assert.equal(first.event.cap.applies, true);
    assert.equal(first.lapsesAt, "2027-03-13T22:59:59.999Z");
    assert.equal(first.lapseClock, "running");
    const [window] = await t.database.db.select().from(obligations).where(eq(obligations.subjectId, first.id));
    assert.equal(window?.kind, "claim_lapse");
    assert.equal(window?.dueAt.toISOString(), first.lapsesAt);
  });

  test("a second claim of the same event (a series of connected events is one event): one cap, the claims together", async () => {
    const response = await admin.send("POST", "/api/v1/claims", {
      controllerId: a.controllerId,
      eventId: first.event.id,
      description: "Vervangende hardware.",
      arisenAt: "2026-03-14T09:00:00.000Z",
      specifiedAt: "2026-03-15T09:00:00.000Z",
      damages: damages({ propertyDamageCents: 30_000, defaultCostsCents: 0, assessmentCostsCents: 0, mitigationCostsCents: 0, indirectCents: 0 }),
    });
    assert.equal(response.statusCode, 201, response.body);
    const second = response.json<ClaimOut>();
    assert.equal(second.event.reference, first.event.reference);
    assert.deepEqual(
      second.event.claims.map((c) => c.directCents),
      [85_000, 30_000],
    );
    assert.equal(second.event.directClaimedCents, 115_000);
    assert.equal(second.lapseClock, "specified", "specified and explicitly reported: it does not lapse");
  });

  test("no ledger entry for the month before: the held monthly fees, labelled as the fallback", async () => {
    at("2026-05-20T08:00:00.000Z");
    // 1 May 00:30 CEST is 30 April in UTC: the month before is April, which billing did not report.
    const response = await officer.send("POST", "/api/v1/claims", {
      controllerId: a.controllerId,
      event: { description: "Storing e-mail.", occurredAt: "2026-04-30T22:30:00.000Z" },
      description: "Gemiste orders.",
      arisenAt: "2026-05-01T08:00:00.000Z",
      damages: damages(),
    });
    assert.equal(response.statusCode, 201, response.body);
    const cap = response.json<ClaimOut>().event.cap;
    assert.equal(cap.month, "2026-04");
    assert.equal(cap.source, "fallback");
    assert.equal(cap.capCents, 1_990);
    at(START);
  });

  test("bad input: a 400 naming the field, and nothing written", async () => {
    const count = async () => [(await t.database.db.select().from(claims)).length, (await t.database.db.select().from(claimEvents)).length];
    const before = await count();
    const base = {
      controllerId: a.controllerId,
      event: { description: "x", occurredAt: "2026-03-12T08:00:00.000Z" },
      description: "y",
      arisenAt: "2026-03-13T09:00:00.000Z",
      damages: damages(),
    };
    const { event: _drop, ...noEvent } = base;
    const { eventId: _none, ...withEvent } = { ...base, eventId: null };
    const bEvent = await officer.send("POST", "/api/v1/claims", { ...base, controllerId: b.controllerId });
    assert.equal(bEvent.statusCode, 201);
    const bEventId = bEvent.json<ClaimOut>().event.id;
    const afterB = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, eventId: first.event.id }, "body.event"],
      [noEvent, "body.eventId"],
      [{ ...noEvent, eventId: bEventId }, "body.eventId"],
      [{ ...withEvent, arisenAt: "2026-03-11T09:00:00.000Z" }, "body.arisenAt"],
      [{ ...base, arisenAt: "2026-04-13T09:00:00.000Z" }, "body.arisenAt"],
      [{ ...base, damages: damages({ defaultCostsCents: 0, assessmentCostsCents: 0, mitigationCostsCents: 0, indirectCents: 0 }) }, "body.damages"],
      [{ ...base, damages: damages({ indirectCents: -1 }) }, "body.damages.indirectCents"],
      [{ ...base, controllerId: "00000000-0000-4000-8000-000000000000" }, "body.controllerId"],
      [{ ...base, defaultNoticeId: "00000000-0000-4000-8000-000000000000" }, "body.defaultNoticeId"],
    ];
    for (const [body, field] of cases) {
      const response = await officer.send("POST", "/api/v1/claims", body);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.ok(
        errorOf(response).fields.some((f) => f.field === field),
        `${field}: ${response.body}`,
      );
    }
    assert.deepEqual(await count(), afterB, "nothing partly written (no event without its claim)");
    assert.deepEqual(afterB, [(before[0] ?? 0) + 1, (before[1] ?? 0) + 1]);
  });

  test("the 11.4 assessment: a note is required when indicated; then the cap does not apply; the customer sees the claim, not the assessment", async () => {
    const url = `/api/v1/claims/${first.id}/assessment`;
    const noNote = await officer.send("POST", url, { assessment: "indicated" });
    assert.equal(noNote.statusCode, 400);
    assert.equal(errorOf(noNote).fields[0]?.field, "body.note");
    const done = await officer.send("POST", url, { assessment: "indicated", note: "De beheerder schakelde de back-ups bewust uit." });
    assert.equal(done.statusCode, 200, done.body);
    const out = done.json<ClaimOut>();
    assert.equal(out.event.cap.applies, false);
    assert.equal(out.event.intent?.assessment, "indicated");
    assert.deepEqual(
      out.timeline.map((e) => e.type),
      ["obligation.opened", "claim.recorded", "claim.assessed"],
    );
    const own = await contactA.get(`/api/v1/claims/${first.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json<ClaimOut>().event.intent, null);
    assert.equal((await contactA.get("/api/v1/claims")).json<unknown[]>().length, 3);
  });
});

describe("confidential between the two parties", () => {
  test("support, the security officer, the auditor and a viewer get 403; another customer 404 and an empty list", async () => {
    const [claim] = await t.database.db.select().from(claims).where(eq(claims.controllerId, a.controllerId));
    const [notice] = await t.database.db.select().from(defaultNotices).where(eq(defaultNotices.controllerId, a.controllerId));
    for (const role of ["support", "security_officer", "auditor"] as const) {
      const staff = await staffSession(t, role);
      for (const url of [
        "/api/v1/claims",
        "/api/v1/default-notices",
        `/api/v1/claims/${claim?.id}`,
        `/api/v1/default-notices/${notice?.id}`,
        `/api/v1/controllers/${a.controllerId}/fee-ledger`,
      ]) {
        assert.equal((await staff.get(url)).statusCode, 403, `${role} ${url}`);
      }
    }
    const viewerA = await session(t.app, a.viewer.email);
    assert.equal((await viewerA.get("/api/v1/claims")).statusCode, 403);
    // Its duties too: the owner sees the cure and lapse deadlines, the viewer neither.
    const kinds = async (who: Session) => (await who.get("/api/v1/obligations?pageSize=200")).json<{ items: { kind: string }[] }>().items.map((o) => o.kind);
    const ownersKinds = await kinds(ownerA);
    assert.ok(ownersKinds.includes("claim_lapse") || ownersKinds.includes("default_cure"), ownersKinds.join());
    assert.deepEqual(
      (await kinds(viewerA)).filter((k) => k === "default_cure" || k === "claim_lapse"),
      [],
    );
    assert.equal((await viewerA.get(`/api/v1/default-notices/${notice?.id}`)).statusCode, 403);
    assert.equal(
      (await viewerA.send("POST", `/api/v1/controllers/${a.controllerId}/default-notices`, { description: failure, learnedAt: START })).statusCode,
      403,
    );
    assert.equal((await ownerB.get(`/api/v1/claims/${claim?.id}`)).statusCode, 404);
    assert.equal((await ownerB.get(`/api/v1/default-notices/${notice?.id}`)).statusCode, 404);
    assert.equal((await ownerB.send("POST", `/api/v1/default-notices/${notice?.id}/cure-date`, { date: "2026-04-01" })).statusCode, 404);
    assert.equal(
      (await ownerB.send("POST", `/api/v1/controllers/${a.controllerId}/default-notices`, { description: failure, learnedAt: START })).statusCode,
      404,
    );
    assert.deepEqual((await ownerB.get("/api/v1/default-notices")).json(), []);
    assert.equal((await ownerB.get("/api/v1/claims")).json<unknown[]>().length, 1, "B's own claim only");
    assert.equal((await ownerA.send("POST", "/api/v1/claims", {})).statusCode, 403, "a customer does not record claims");
  });

  test("the evidence chains verify", async () => {
    const result = await verifyChain(t.database.db);
    assert.equal(result.ok, true, JSON.stringify(result));
  });
});

describe("the lapse of a claim (art. 11.6), last: the clock moves a year on", () => {
  test("the lapse reminder: 30 days before, to the admin and privacy officer, once; not for a specified claim", async () => {
    const sweep = async (iso: string) => {
      at(iso);
      return (await runSweep(t.database.db, t.clock, sweepTasks())).other.claimLapses ?? 0;
    };
    assert.equal(await sweep("2027-02-01T09:00:00.000Z"), 0, "too early");
    // First claim lapses end of 13 March 2027; the second is specified; B's claim lapses 13 March too.
    assert.equal(await sweep("2027-02-12T09:00:00.000Z"), 2);
    assert.equal(await sweep("2027-02-13T09:00:00.000Z"), 0, "once");
    const reminded = await t.database.db.select().from(notices).where(eq(notices.kind, "claim_lapse_reminder"));
    assert.deepEqual(
      reminded.map((n) => n.subjectId).sort(),
      [firstClaimId, (await t.database.db.select().from(claims).where(eq(claims.controllerId, b.controllerId)))[0]?.id].sort(),
    );
    at(START);
  });
});
