import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createCustomerUser } from "../../../test/support/factories.ts";
import { errorOf, session, staffSession, type Session } from "../../../test/support/sessions.ts";
import { auditExperts, auditFiles, audits, events, notices, obligations } from "../../db/schema/index.ts";
import { verifyChain } from "../evidence/index.ts";

// art. 10 (and 9.1) through the API: who may see an audit (the two parties only), the reason rule,
// the expert both agree, the earliest date (14 calendar days after the notice, across the October
// DST change), information requests on the processor's 14-day clock answered in time or late,
// findings assessed jointly and the actions on them, the costs as billable items, the refusal, and
// nothing partly written on a refusal of bad input.

type Made = Awaited<ReturnType<typeof createCustomer>>;
interface AuditOut {
  id: string;
  reference: string;
  status: string;
  stage: string;
  earliestAt: string;
  dateAt: string | null;
  dateAgreed: boolean;
  expertId: string | null;
  reason: string;
  refusal: string | null;
  experts: { id: string; side: string; status: string; name: string; undertaking: { id: string; sha256: string } | null }[];
  informationRequests: { id: string; dueAt: string; answer: string | null; inTime: boolean | null; files: { id: string; sha256: string }[] }[];
  findings: { id: string; side: string; agreedAt: string | null }[];
  actions: { id: string; carriedBy: string; dueAt: string; doneAt: string | null; inTime: boolean | null }[];
  costs: { id: string; amountCents: number; exported: boolean }[];
  costsTotalCents: number;
  yourSide: string;
}

// Tuesday 20 October 2026, 10:00 in Amsterdam (CEST); the clocks go back on Sunday 25 October.
const START = "2026-10-20T08:00:00.000Z";
const REASON =
  "Op 12 oktober 2026 ontvingen 37 van onze klanten phishing op adressen die alleen in de mailomgeving bij u staan; wij vermoeden dat medewerkers de gegevens hebben misbruikt.";
const UNDERTAKING = Buffer.from("Geheimhoudingsverklaring J. de Vries, getekend 14 oktober 2026", "utf8");
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

let t: TestApp;
let a: Made;
let b: Made;
let officer: Session;
let admin: Session;
let ownerA: Session;
let contactA: Session;
let viewerA: Session;
let ownerB: Session;

const at = (iso: string) => t.clock.set(new Date(iso));
const ok = <T = AuditOut>(response: { statusCode: number; body: string; json: <U>() => U }, status = 200): T => {
  assert.equal(response.statusCode, status, response.body);
  return response.json<T>();
};
const requestAudit = async (as: Session = ownerA) => ok(await as.send("POST", "/api/v1/audits", { reason: REASON }), 201);
const count = async () => (await t.database.db.select().from(audits)).length;
const undertaking = (name = "J. de Vries", firm = "Vries Audit B.V.") => [
  { name: "name", value: name },
  { name: "firm", value: firm },
  { name: "undertaking", filename: "geheimhouding.pdf", type: "application/pdf", data: UNDERTAKING },
];

before(async () => {
  t = await createTestApp(new Date(START));
  a = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
  b = await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta", locale: "en" });
  officer = await staffSession(t, "privacy_officer");
  admin = await staffSession(t, "admin");
  ownerA = await session(t.app, a.owner.email);
  viewerA = await session(t.app, a.viewer.email);
  contactA = await session(t.app, (await createCustomerUser(t.database.db, a.controllerId, "privacy_contact")).email);
  ownerB = await session(t.app, b.owner.email);
});
after(async () => {
  await t.close();
});

describe("the reason (art. 10.2): a concrete, written, reasoned suspicion of misuse", () => {
  test("a reason that is none is a 400 naming body.reason, in the reader's language, with nothing written", async () => {
    const before = await count();
    for (const reason of ["", "Wij vermoeden misbruik.", "Wij willen deze partij niet voor onze gegevens."]) {
      const response = await ownerA.send("POST", "/api/v1/audits", { reason }, { "accept-language": "nl" });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(errorOf(response).fields[0]?.field, "body.reason");
      assert.match(errorOf(response).message, /art\. 10\.2/);
    }
    const noDigit = await ownerA.send(
      "POST",
      "/api/v1/audits",
      { reason: "We have the strong impression that your staff use our data for purposes other than those agreed in the agreement." },
      { "accept-language": "en" },
    );
    assert.equal(noDigit.statusCode, 400);
    assert.match(errorOf(noDigit).message, /not concrete/);
    assert.equal(await count(), before, "nothing written");
  });

  test("staff cannot request an audit, nor a viewer", async () => {
    assert.equal((await officer.send("POST", "/api/v1/audits", { reason: REASON })).statusCode, 403);
    assert.equal((await viewerA.send("POST", "/api/v1/audits", { reason: REASON })).statusCode, 403);
  });
});

describe("confidential (art. 9.1): the two parties only", () => {
  let audit: AuditOut;
  before(async () => {
    at(START);
    audit = await requestAudit();
  });

  test("the admin, the privacy officer, A's owner and privacy contact see it", async () => {
    for (const as of [officer, admin, ownerA, contactA]) {
      assert.equal(ok(await as.get(`/api/v1/audits/${audit.id}`)).reference, audit.reference);
      assert.ok(ok<{ id: string }[]>(await as.get("/api/v1/audits")).some((x) => x.id === audit.id));
    }
    assert.equal(ok(await contactA.get(`/api/v1/audits/${audit.id}`)).reason, REASON);
  });

  test("support, the security officer, the auditor role and A's viewer get 403; another customer 404", async () => {
    for (const role of ["support", "security_officer", "auditor"] as const) {
      const staff = await staffSession(t, role);
      assert.equal((await staff.get("/api/v1/audits")).statusCode, 403, role);
      assert.equal((await staff.get(`/api/v1/audits/${audit.id}`)).statusCode, 403, role);
    }
    assert.equal((await viewerA.get("/api/v1/audits")).statusCode, 403);
    assert.equal((await viewerA.get(`/api/v1/audits/${audit.id}`)).statusCode, 403);
    const foreign = await ownerB.get(`/api/v1/audits/${audit.id}`);
    assert.equal(foreign.statusCode, 404);
    assert.doesNotMatch(foreign.body, /Bakkerij|phishing/);
    assert.deepEqual(ok<unknown[]>(await ownerB.get("/api/v1/audits")), []);
    assert.equal((await ownerB.send("POST", `/api/v1/audits/${audit.id}/date`, { startsAt: "2026-12-01T09:00:00Z" })).statusCode, 404);
  });

  test("the evidence names the act and the reason's SHA-256, never the reason; the staff are told", async () => {
    const [requested] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, "audit.requested"), eq(events.subjectId, audit.id)));
    assert.ok(requested);
    assert.equal((requested.data as { reasonSha256: string }).reasonSha256, createHash("sha256").update(REASON).digest("hex"));
    assert.doesNotMatch(JSON.stringify(requested.data), /phishing/);
    const told = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "audit_requested"), eq(notices.subjectId, audit.id)));
    assert.equal(told.length, 1);
    assert.deepEqual(told[0]?.staffRoles, ["admin", "privacy_officer"]);
  });
});

describe("an audit from request to costs", () => {
  let audit: AuditOut;
  const url = (path = "") => `/api/v1/audits/${audit.id}${path}`;

  before(async () => {
    at(START);
    audit = await requestAudit(contactA);
  });

  test("the earliest date is 00:00 local on the 14th calendar day after the notice, over the DST change", () => {
    // Notice Tuesday 20 October (CEST); 3 November 00:00 is CET, UTC+1.
    assert.equal(audit.earliestAt, "2026-11-02T23:00:00.000Z");
    assert.equal(audit.stage, "requested");
    assert.match(audit.reference, /^AU-2026-\d{4}$/);
  });

  test("the expert: proposed with the undertaking's SHA-256, countered, and accepted by the other party", async () => {
    const before = (await t.database.db.select().from(auditExperts)).length;
    const noFile = await ownerA.upload(url("/experts"), undertaking().slice(0, 2));
    assert.equal(noFile.statusCode, 400, noFile.body);
    assert.equal(errorOf(noFile).fields[0]?.field, "body.undertaking");
    const noName = await ownerA.upload(url("/experts"), undertaking("  "));
    assert.equal(errorOf(noName).fields[0]?.field, "body.name");
    const json = await ownerA.send("POST", url("/experts"), { name: "x", firm: "y" });
    assert.equal(json.statusCode, 415, json.body);
    assert.equal((await t.database.db.select().from(auditExperts)).length, before, "nothing written");
    assert.equal((await t.database.db.select().from(auditFiles)).length, 0, "no file kept");

    const proposed = ok(await ownerA.upload(url("/experts"), undertaking()), 201);
    const first = proposed.experts[0];
    assert.ok(first);
    assert.equal(first.side, "customer");
    assert.equal(first.undertaking?.sha256, sha(UNDERTAKING));
    const own = await ownerA.send("POST", url(`/experts/${first.id}/acceptance`));
    assert.equal(own.statusCode, 409, "one's own proposal is accepted by the other party");

    at("2026-10-20T09:00:00Z");
    const countered = ok(await officer.upload(url("/experts"), undertaking("A. Jansen", "Jansen IT-Audit")), 201);
    assert.deepEqual(
      countered.experts.map((e) => [e.name, e.status]),
      [
        ["J. de Vries", "superseded"],
        ["A. Jansen", "proposed"],
      ],
    );
    const second = countered.experts[1];
    assert.ok(second);
    assert.equal((await ownerA.send("POST", url(`/experts/${first.id}/acceptance`))).statusCode, 409, "a replaced proposal is not open");
    const agreed = ok(await contactA.send("POST", url(`/experts/${second.id}/acceptance`)));
    assert.equal(agreed.expertId, second.id);
    assert.equal(agreed.stage, "expert_agreed");
    assert.equal((await ownerA.upload(url("/experts"), undertaking())).statusCode, 409, "agreed is agreed");

    const download = await ownerA.get(`/api/v1/audit-files/${second.undertaking?.id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers["x-content-sha256"], sha(UNDERTAKING));
    assert.equal((await ownerB.get(`/api/v1/audit-files/${second.undertaking?.id}`)).statusCode, 404);
    assert.equal((await viewerA.get(`/api/v1/audit-files/${second.undertaking?.id}`)).statusCode, 403);
  });

  test("a date before the earliest is refused with the earliest date in the message (nl and en); the earliest itself is allowed", async () => {
    const early = await ownerA.send("POST", url("/date"), { startsAt: "2026-11-02T22:59:59Z" }, { "accept-language": "nl" });
    assert.equal(early.statusCode, 400, early.body);
    assert.equal(errorOf(early).fields[0]?.field, "body.startsAt");
    assert.match(errorOf(early).message, /03-11-2026 00:00 \(UTC\+01:00\)/);
    const earlyEn = await ownerA.send("POST", url("/date"), { startsAt: "2026-10-25T08:00:00Z" }, { "accept-language": "en" });
    assert.match(errorOf(earlyEn).message, /too early.*3 Nov 2026 00:00 \(UTC\+01:00\)/);
    assert.equal(ok(await ownerA.get(url())).dateAt, null, "nothing written");

    const proposed = ok(await ownerA.send("POST", url("/date"), { startsAt: "2026-11-02T23:00:00Z" }));
    assert.equal(proposed.dateAt, "2026-11-02T23:00:00.000Z");
    assert.equal((await ownerA.send("POST", url("/date/acceptance"), { startsAt: "2026-11-02T23:00:00Z" })).statusCode, 409);
    const wrong = await officer.send("POST", url("/date/acceptance"), { startsAt: "2026-11-04T09:00:00Z" });
    assert.equal(wrong.statusCode, 400);
    assert.equal(errorOf(wrong).fields[0]?.field, "body.startsAt");
    const agreed = ok(await officer.send("POST", url("/date/acceptance"), { startsAt: "2026-11-02T23:00:00.000Z" }));
    assert.equal(agreed.dateAgreed, true);
    assert.equal(agreed.stage, "scheduled");
    const told = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "audit_update"), eq(notices.subjectId, audit.id)));
    assert.ok(
      told.some((n) => (n.data as { activity: string }).activity === "date_agreed"),
      "the customer is told",
    );
  });

  test("an information request is the processor's duty due 14 calendar days later, answered with attachments in time", async () => {
    const asked = ok(
      await ownerA.send("POST", url("/information-requests"), {
        askedBy: "customer",
        question: "Welke medewerkers hadden in oktober toegang tot de mailomgeving?",
      }),
      201,
    );
    const request = asked.informationRequests[0];
    assert.ok(request);
    // End of Tuesday 3 November, CET.
    assert.equal(request.dueAt, "2026-11-03T22:59:59.999Z");
    const [duty] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectType, "audit_information_request"), eq(obligations.subjectId, request.id)));
    assert.equal(duty?.status, "open");
    assert.equal(duty?.party, "processor");
    assert.equal(duty?.article, "10.3");

    // Restricted: the security officer's list leaves the audit's duties out; the privacy officer's holds them.
    const security = await staffSession(t, "security_officer");
    const theirs = ok<{ items: { kind: string }[] }>(await security.get("/api/v1/obligations?pageSize=200"));
    assert.ok(!theirs.items.some((o) => o.kind === "audit_information"));
    const officers = ok<{ items: { kind: string }[] }>(await officer.get("/api/v1/obligations?pageSize=200"));
    assert.ok(officers.items.some((o) => o.kind === "audit_information"));

    const staffAsCustomer = await officer.send("POST", url("/information-requests"), { askedBy: "customer", question: "x" });
    assert.equal(errorOf(staffAsCustomer).fields[0]?.field, "body.askedBy");
    assert.equal((await ownerA.send("POST", url(`/information-requests/${request.id}/answer`), { answer: "x" })).statusCode, 403);

    at("2026-11-03T21:00:00Z");
    const blank = await officer.upload(url(`/information-requests/${request.id}/answer`), [{ name: "answer", value: "  " }]);
    assert.equal(errorOf(blank).fields[0]?.field, "body.answer");
    const list = Buffer.from("naam;functie\nP. Smit;beheerder\n", "utf8");
    const answered = ok(
      await officer.upload(url(`/information-requests/${request.id}/answer`), [
        { name: "answer", value: "Twee beheerders; zie de lijst." },
        { name: "files", filename: "toegang.csv", type: "text/csv", data: list },
      ]),
    );
    const done = answered.informationRequests[0];
    assert.equal(done?.inTime, true);
    assert.equal(done?.files[0]?.sha256, sha(list));
    const [met] = await t.database.db
      .select()
      .from(obligations)
      .where(eq(obligations.id, duty?.id ?? ""));
    assert.equal(met?.status, "met");
    assert.equal(met?.metInTime, true);
    assert.equal((await officer.send("POST", url(`/information-requests/${request.id}/answer`), { answer: "nog eens" })).statusCode, 409);
  });

  test("an answer after the due date is recorded as late", async () => {
    at("2026-11-04T09:00:00Z");
    const asked = ok(await officer.send("POST", url("/information-requests"), { askedBy: "expert", question: "Het toegangslog van 12 oktober." }), 201);
    const request = asked.informationRequests.find((r) => r.answer === null);
    assert.ok(request);
    assert.equal(request.dueAt, "2026-11-18T22:59:59.999Z");
    at("2026-11-19T08:00:00Z");
    const answered = ok(await officer.send("POST", url(`/information-requests/${request.id}/answer`), { answer: "Bijgevoegd." }));
    assert.equal(answered.informationRequests.find((r) => r.id === request.id)?.inTime, false);
    const [late] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, "audit.information_answered"), eq(events.subjectId, audit.id)));
    assert.ok(late);
  });

  test("findings are assessed jointly; actions have a carrier, an owner and a due date on the engine", async () => {
    at("2026-11-20T09:00:00Z");
    const recorded = ok(
      await officer.send("POST", url("/findings"), {
        title: "Te ruime toegang",
        description: "Twee beheerders hadden toegang zonder noodzaak.",
        assessment: "Geen misbruik aangetoond; toegang te ruim.",
      }),
      201,
    );
    const finding = recorded.findings[0];
    assert.ok(finding);
    assert.equal((await officer.send("POST", url(`/findings/${finding.id}/agreement`))).statusCode, 409, "the other party agrees");
    const agreed = ok(await ownerA.send("POST", url(`/findings/${finding.id}/agreement`)));
    assert.ok(agreed.findings[0]?.agreedAt);
    assert.equal((await contactA.send("POST", url(`/findings/${finding.id}/agreement`))).statusCode, 409, "once");

    const action = {
      findingId: finding.id,
      description: "Toegang beperken tot één beheerder",
      carriedBy: "processor",
      owner: "P. Smit",
      dueDate: "2026-12-01",
    };
    const bad: [Record<string, unknown>, string][] = [
      [{ dueDate: "2026-11-19" }, "body.dueDate"],
      [{ dueDate: "2026-11-31" }, "body.dueDate"],
      [{ findingId: "00000000-0000-4000-8000-000000000000" }, "body.findingId"],
      [{ carriedBy: "nobody" }, "body.carriedBy"],
      [{ owner: "   " }, "body.owner"],
    ];
    for (const [overrides, field] of bad) {
      const response = await officer.send("POST", url("/actions"), { ...action, ...overrides });
      assert.equal(response.statusCode, 400, `${JSON.stringify(overrides)}: ${response.body}`);
      assert.equal(errorOf(response).fields[0]?.field, field);
    }
    assert.equal((await t.database.db.select().from(obligations).where(eq(obligations.kind, "audit_action"))).length, 0, "nothing written");

    ok(await officer.send("POST", url("/actions"), action), 201);
    const both = ok(
      await ownerA.send("POST", url("/actions"), { ...action, carriedBy: "customer", owner: "D. Pieters", description: "Eigen klanten informeren" }),
      201,
    );
    assert.equal(both.actions.length, 2);
    const duties = await t.database.db.select().from(obligations).where(eq(obligations.kind, "audit_action"));
    assert.deepEqual(duties.map((d) => d.party).sort(), ["controller", "processor"]);
    // Tuesday 1 December ends at 23:59:59.999 CET.
    assert.ok(duties.every((d) => d.dueAt.toISOString() === "2026-12-01T22:59:59.999Z"));

    const customers = both.actions.find((x) => x.carriedBy === "customer");
    assert.ok(customers);
    assert.equal((await officer.send("POST", url(`/actions/${customers.id}/completion`))).statusCode, 409, "the customer carries it out");
    const done = ok(await ownerA.send("POST", url(`/actions/${customers.id}/completion`)));
    assert.equal(done.actions.find((x) => x.id === customers.id)?.inTime, true);
  });

  test("costs are borne by the customer (art. 10.5): recorded on the audit and exported once as billable items", async () => {
    assert.equal((await ownerA.send("POST", url("/costs"), { description: "x", amountCents: 100, costDate: "2026-11-20" })).statusCode, 403);
    const zero = await officer.send("POST", url("/costs"), { description: "Deskundige", amountCents: 0, costDate: "2026-11-20" });
    assert.equal(errorOf(zero).fields[0]?.field, "body.amountCents");
    const recorded = ok(await officer.send("POST", url("/costs"), { description: "Deskundige, 12 uur", amountCents: 180_000, costDate: "2026-11-20" }), 201);
    assert.equal(recorded.costsTotalCents, 180_000);

    const period = "from=2026-11-01&to=2026-11-30";
    const items = ok<{ caseReference: string; caseKind: string; amountCents: number; exportId: string | null }[]>(
      await officer.get(`/api/v1/billable-items?${period}&state=unexported`),
    );
    const item = items.find((i) => i.caseKind === "audit");
    assert.equal(item?.caseReference, audit.reference);
    assert.equal(item?.amountCents, 180_000);
    const exported = ok<{ id: string; totalCents: number }>(
      await officer.send("POST", "/api/v1/billable-items/exports", { from: "2026-11-01", to: "2026-11-30" }),
      201,
    );
    const exportedItems = ok<{ caseKind: string }[]>(await officer.get(`/api/v1/billable-items/exports/${exported.id}/items`));
    assert.ok(exportedItems.some((i) => i.caseKind === "audit"));
    assert.ok(exported.totalCents >= 180_000);
    const csv = await officer.get(`/api/v1/billable-items/exports/${exported.id}/csv`);
    assert.match(csv.body, new RegExp(audit.reference));
    const again = ok<{ itemCount: number }>(await officer.send("POST", "/api/v1/billable-items/exports", { from: "2026-11-01", to: "2026-11-30" }), 201);
    assert.equal(again.itemCount, 0, "exported once");
    assert.equal(ok(await ownerA.get(url())).costs[0]?.exported, true);
  });
});

describe("refusal (art. 10.2): no concrete suspicion of misuse", () => {
  test("staff refuse with reasoning; the customer is told and sees the reasoning; nothing more can happen", async () => {
    at("2026-11-20T10:00:00Z");
    const audit = await requestAudit();
    assert.equal((await ownerA.send("POST", `/api/v1/audits/${audit.id}/refusal`, { reasoning: "x" })).statusCode, 403);
    const blank = await officer.send("POST", `/api/v1/audits/${audit.id}/refusal`, { reasoning: "   " });
    assert.equal(errorOf(blank).fields[0]?.field, "body.reasoning");
    const refused = ok(
      await officer.send("POST", `/api/v1/audits/${audit.id}/refusal`, {
        reasoning: "De genoemde adressen staan ook bij uw eigen webwinkel; er is geen aanwijzing voor misbruik bij ons.",
      }),
    );
    assert.equal(refused.status, "refused");
    assert.match(ok(await ownerA.get(`/api/v1/audits/${audit.id}`)).refusal ?? "", /webwinkel/);
    const told = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "audit_refused"), eq(notices.subjectId, audit.id)));
    assert.equal(told.length, 1);
    assert.equal(told[0]?.controllerId, a.controllerId);
    assert.doesNotMatch(JSON.stringify(told[0]?.data), /webwinkel/, "the notice reaches viewers and webhooks: no reasoning in it");
    assert.equal((await ownerA.send("POST", `/api/v1/audits/${audit.id}/date`, { startsAt: "2026-12-20T09:00:00Z" })).statusCode, 409);
    assert.equal((await officer.send("POST", `/api/v1/audits/${audit.id}/refusal`, { reasoning: "nogmaals" })).statusCode, 409);
  });

  test("an audit whose expert is agreed can no longer be refused", async () => {
    const audit = await requestAudit();
    const proposed = ok(await ownerA.upload(`/api/v1/audits/${audit.id}/experts`, undertaking()), 201);
    ok(await officer.send("POST", `/api/v1/audits/${audit.id}/experts/${proposed.experts[0]?.id}/acceptance`));
    assert.equal((await officer.send("POST", `/api/v1/audits/${audit.id}/refusal`, { reasoning: "Te laat bedacht." })).statusCode, 409);
  });

  test("the evidence chain of the customer still verifies", async () => {
    const result = await verifyChain(t.database.db);
    assert.equal(result.ok, true, JSON.stringify(result));
  });
});

test("a staff view of an audit is in the customer's access log (art. 9.1)", async () => {
  at("2026-11-21T10:00:00Z");
  const audit = await requestAudit();
  ok(await officer.get(`/api/v1/audits/${audit.id}`));
  const log = ok<{ items: { what: string; recordId: string | null }[] }>(await ownerA.get("/api/v1/access-log"));
  assert.ok(
    log.items.some((row) => row.what === "audit" && row.recordId === audit.id),
    JSON.stringify(log.items.slice(0, 3)),
  );
});

test("the audit's duties are in the owner's and the privacy contact's deadlines, not the viewer's (art. 9.1)", async () => {
  at("2026-11-22T10:00:00Z");
  const audit = await requestAudit();
  const asked = ok(await ownerA.send("POST", `/api/v1/audits/${audit.id}/information-requests`, { askedBy: "customer", question: "Het toegangslog." }), 201);
  const [duty] = await t.database.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.subjectType, "audit_information_request"), eq(obligations.subjectId, asked.informationRequests[0]?.id ?? "")));
  assert.ok(duty);
  const kinds = async (as: Session) => ok<{ items: { kind: string }[] }>(await as.get("/api/v1/obligations?pageSize=200")).items.map((o) => o.kind);
  assert.ok((await kinds(ownerA)).includes("audit_information"));
  assert.ok((await kinds(contactA)).includes("audit_information"));
  const viewers = await kinds(viewerA);
  assert.ok(!viewers.includes("audit_information"), "a viewer does not learn of the audit from its deadlines");
  assert.equal((await viewerA.get(`/api/v1/obligations/${duty.id}`)).statusCode, 404);
  assert.equal((await ownerA.get(`/api/v1/obligations/${duty.id}`)).statusCode, 200);
});
