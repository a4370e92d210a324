import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { notices } from "../../db/schema/index.ts";
import { customer, errorOf, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";

// A written instruction to process for another purpose (art. 1.2) through the API: asked on a
// 14-day clock; accepted, its purpose goes into the customer's Annex 1 as a new version and the
// customer is told what changed; refused with a reason; or warned against (GDPR 28(3)), a notice
// the customer acknowledges. Every step in one transaction, and evidence.

interface CaseOut {
  id: string;
  status: string;
  dueAt: string | null;
  clock: string;
  outcome: string | null;
  outcomeNote: string | null;
}
interface AnnexOut {
  version: number;
  reason: string;
  content: { purposes: { code: string; nl: string; en: string }[] };
}
interface NoticeOut {
  id: string;
  kind: string;
  title: string;
  text: string;
  acknowledgedAt: string | null;
}

let t: TestApp;
let officer: Session;
let support: Session;
let a: Customer;
let b: Customer;

// Asked on Tuesday 20 October 2026, 10:00 in Amsterdam (summer time, which ends on Sunday 25 October).
const ASKED = new Date("2026-10-20T08:00:00Z");
// 14 calendar days, the day of asking not counted: the end of Tuesday 3 November, winter time.
const DUE = "2026-11-03T22:59:59.999Z";

const instruction = (overrides: Record<string, unknown> = {}) => ({
  kind: "instruction",
  request: {
    purpose: "Fraudeanalyse van bestellingen",
    description: "Gebruik de toegangslogs van de webshop ook om frauduleuze bestellingen te herkennen.",
    data: "IP-adressen en tijdstippen van bezoekers van de webshop",
    services: ["web-hosting"],
    from: "2027-01-01",
    ...overrides,
  },
});

const annexes = async (c: Customer) => (await c.owner.get(`/api/v1/controllers/${c.controllerId}/annexes`)).json<AnnexOut[]>();
const eventsOf = async (controllerId: string) =>
  (await officer.get(`/api/v1/controllers/${controllerId}/events?limit=200`)).json<{ type: string; data: Record<string, unknown> }[]>();
/** The customer's inbox, each notice as its portal shows it. */
async function inbox(c: Customer): Promise<NoticeOut[]> {
  const { items } = (await c.owner.get("/api/v1/notices")).json<{ items: { id: string }[] }>();
  return Promise.all(items.map(async (n) => (await c.owner.get(`/api/v1/notices/${n.id}`)).json<NoticeOut>()));
}

before(async () => {
  t = await createTestApp(ASKED);
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  a = await customer(t, "Webshop Alfa", ["web-hosting", "email"]);
  b = await customer(t, "Boekhandel Beta", ["email"]);
});
after(async () => {
  await t.close();
});

describe("a written instruction (art. 1.2)", () => {
  let accepted: CaseOut;

  test("bad input is refused naming the field, a viewer cannot give one, and nothing is written", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ services: [] }, "body.request.services"],
      [{ services: ["backup"] }, "body.request.services.0"],
      [{ from: "2027-02-30" }, "body.request.from"],
      [{ description: " \n " }, "body.request.description"],
      [{ data: "   " }, "body.request.data"],
      [{ purpose: "" }, "body.request.purpose"],
    ];
    for (const [overrides, field] of cases) {
      const response = await a.owner.send("POST", "/api/v1/cases", instruction(overrides));
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.equal(errorOf(response).fields[0]?.field, field, response.body);
    }
    // A union of kinds: only the chosen kind's errors, and an unknown kind named with the known ones.
    const unknownKind = await a.owner.send("POST", "/api/v1/cases", { ...instruction(), kind: "horoscope" });
    assert.deepEqual(
      errorOf(unknownKind).fields.map((f) => f.field),
      ["body.kind"],
    );
    assert.match(errorOf(unknownKind).fields[0]?.message ?? "", /dpia_help, measures_question, instruction/);
    const wrongType = await a.owner.send("POST", "/api/v1/cases", instruction({ services: { code: "web-hosting" } }));
    assert.deepEqual(errorOf(wrongType).fields, [{ field: "body.request.services", message: "moet een lijst zijn" }]);
    assert.equal((await a.viewer.send("POST", "/api/v1/cases", instruction())).statusCode, 403);
    assert.deepEqual((await a.owner.get("/api/v1/cases")).json(), [], "nothing partly written");
  });

  test("the answer is due 14 Dutch calendar days later, across the end of summer time", async () => {
    const asked = await a.owner.send("POST", "/api/v1/cases", instruction());
    assert.equal(asked.statusCode, 201, asked.body);
    accepted = asked.json<CaseOut>();
    assert.equal(accepted.dueAt, DUE);
    assert.equal(accepted.clock, "running");
    const opened = (await eventsOf(a.controllerId)).find((e) => e.type === "case.opened");
    assert.equal(opened?.data.kind, "instruction");
    assert.equal(opened?.data.article, "1.2");
  });

  test("accepting asks for the purpose in both languages or a catalogue purpose, and for a note; a mistake writes nothing", async () => {
    const before = (await annexes(a)).length;
    const noLabel = await officer.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, { note: "Akkoord.", labelNl: "Fraudeanalyse" });
    assert.equal(noLabel.statusCode, 400, noLabel.body);
    assert.equal(errorOf(noLabel).fields[0]?.field, "body.labelEn");
    const unknown = await officer.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, { note: "Akkoord.", termCode: "astrology" });
    assert.equal(errorOf(unknown).fields[0]?.field, "body.termCode");
    const both = await officer.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, {
      note: "Akkoord.",
      termCode: "security",
      labelNl: "Fraudeanalyse",
      labelEn: "Fraud analysis",
    });
    assert.equal(errorOf(both).fields[0]?.field, "body.termCode");
    const blankNote = await officer.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, {
      note: "  ",
      labelNl: "Fraudeanalyse",
      labelEn: "Fraud analysis",
    });
    assert.equal(errorOf(blankNote).fields[0]?.field, "body.note");
    // Security is already a purpose of web hosting: accepting it would change nothing (409), and nothing stays written.
    const covered = await officer.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, { note: "Akkoord.", termCode: "security" });
    assert.equal(covered.statusCode, 409, covered.body);
    assert.equal((await annexes(a)).length, before);
    assert.equal((await officer.get(`/api/v1/cases/${accepted.id}`)).json<CaseOut>().status, "open");
    // Support staff read but do not answer; another customer's owner cannot even see it.
    assert.equal((await support.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, { note: "x", termCode: "hosting" })).statusCode, 403);
    assert.equal((await b.owner.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, { note: "x", termCode: "hosting" })).statusCode, 403);
    assert.equal((await b.owner.get(`/api/v1/cases/${accepted.id}`)).statusCode, 404);
  });

  test("accepted: the purpose is in a new Annex 1 version, the duty is met in time, the customer is told what changed", async () => {
    t.clock.set(new Date("2026-10-27T09:00:00Z"));
    const before = await annexes(a);
    const response = await officer.send("POST", `/api/v1/cases/${accepted.id}/instruction/accept`, {
      note: "Wij gebruiken de toegangslogs voortaan ook hiervoor.",
      labelNl: "Fraudeanalyse van bestellingen",
      labelEn: "Fraud analysis of orders",
    });
    assert.equal(response.statusCode, 200, response.body);
    const closed = response.json<CaseOut>();
    assert.equal(closed.status, "closed");
    assert.equal(closed.outcome, "accepted");
    assert.equal(closed.clock, "met_in_time");
    const after = await annexes(a);
    assert.equal(after[0]?.version, (before[0]?.version ?? 0) + 1);
    assert.match(after[0]?.reason ?? "", /^instruction V-2026-\d+$/);
    const added = after[0]?.content.purposes.find((p) => p.code.startsWith("instruction-"));
    assert.ok(added, JSON.stringify(after[0]?.content.purposes));
    assert.match(added.nl, /^Fraudeanalyse van bestellingen \(schriftelijke instructie V-2026-\d+, vanaf 1 januari 2027\)$/);
    assert.match(added.en, /^Fraud analysis of orders \(written instruction V-2026-\d+, from 1 January 2027\)$/);
    // Another customer's Annex 1 is untouched.
    assert.ok((await annexes(b)).every((v) => v.content.purposes.every((p) => !p.code.startsWith("instruction-"))));
    const told = (await inbox(a)).filter((n) => n.kind === "instruction_accepted");
    assert.equal(told.length, 1);
    assert.match(told[0]?.text ?? "", /Fraudeanalyse van bestellingen/);
    assert.match(told[0]?.text ?? "", new RegExp(`versie ${after[0]?.version}`));
    assert.equal((await inbox(a)).filter((n) => n.kind === "case_closed").length, 0, "one notice, not two");
    const events = await eventsOf(a.controllerId);
    const evidence = events.find((e) => e.type === "case.instruction_accepted");
    assert.equal(evidence?.data.annexVersion, after[0]?.version);
    assert.deepEqual(evidence?.data.services, ["web-hosting"]);
    assert.ok(events.some((e) => e.type === "annex.version_created"));
    assert.ok(events.some((e) => e.type === "obligation.met"));
    // The register (art. 30(2)) holds the purpose under the service it is for, for this customer only.
    const slice = (await a.owner.get(`/api/v1/controllers/${a.controllerId}/register?format=json`)).json<{
      categories: { service: { code: string }; purposes: string[] }[];
    }>();
    const web = slice.categories.find((c) => c.service.code === "web-hosting");
    assert.ok(
      web?.purposes.some((p) => p.startsWith("Fraudeanalyse van bestellingen")),
      JSON.stringify(web),
    );
    assert.ok(!slice.categories.find((c) => c.service.code === "email")?.purposes.some((p) => p.startsWith("Fraudeanalyse")));
    // Once closed, neither answer can be given again.
    assert.equal((await officer.send("POST", `/api/v1/cases/${accepted.id}/instruction/warning`, { reasoning: "x" })).statusCode, 409);
  });

  test("dropping the service the purpose is for takes it out of Annex 1; taking it again brings it back", async () => {
    const drop = await officer.send("PUT", `/api/v1/controllers/${a.controllerId}/services`, { services: [{ code: "email", monthlyFeeCents: 500 }] });
    assert.equal(drop.statusCode, 200, drop.body);
    assert.ok((await annexes(a))[0]?.content.purposes.every((p) => !p.code.startsWith("instruction-")));
    await officer.send("PUT", `/api/v1/controllers/${a.controllerId}/services`, {
      services: [
        { code: "email", monthlyFeeCents: 500 },
        { code: "web-hosting", monthlyFeeCents: 900 },
      ],
    });
    assert.ok((await annexes(a))[0]?.content.purposes.some((p) => p.code.startsWith("instruction-")));
  });

  test("refused: closed with the reason, which the customer reads; Annex 1 does not change", async () => {
    const asked = (await b.owner.send("POST", "/api/v1/cases", instruction({ purpose: "Nieuwsbriefanalyse", services: ["email"] }))).json<CaseOut>();
    const before = (await annexes(b)).length;
    const accept = await officer.send("POST", `/api/v1/cases/${asked.id}/close`, { outcome: "accepted", note: "x" });
    assert.equal(accept.statusCode, 400, "accepting goes through its own action");
    const refused = await officer.send("POST", `/api/v1/cases/${asked.id}/close`, { outcome: "refused", note: "Dit past niet bij de dienst e-mail." });
    assert.equal(refused.statusCode, 200, refused.body);
    assert.equal(refused.json<CaseOut>().outcome, "refused");
    assert.equal((await annexes(b)).length, before);
    const told = (await inbox(b)).find((n) => n.kind === "case_closed");
    assert.match(told?.text ?? "", /Dit past niet bij de dienst e-mail\./);
  });

  test("warned (GDPR 28(3)): not carried out, a notice of its own with the reasoning, which the customer acknowledges", async () => {
    const asked = (
      await b.owner.send("POST", "/api/v1/cases", instruction({ purpose: "Bezoekers volgen voor advertenties", services: ["email"] }))
    ).json<CaseOut>();
    const blank = await officer.send("POST", `/api/v1/cases/${asked.id}/instruction/warning`, { reasoning: " " });
    assert.equal(errorOf(blank).fields[0]?.field, "body.reasoning");
    const warned = await officer.send("POST", `/api/v1/cases/${asked.id}/instruction/warning`, {
      reasoning: "Voor dit doel is geen grondslag; de betrokkenen zijn er niet over geïnformeerd.",
      provision: "AVG art. 6 lid 1",
    });
    assert.equal(warned.statusCode, 200, warned.body);
    const closed = warned.json<CaseOut>();
    assert.equal(closed.outcome, "infringes");
    assert.equal(closed.clock, "met_in_time");
    const warning = (await inbox(b)).find((n) => n.kind === "instruction_warning");
    assert.ok(warning, "the customer is warned");
    assert.match(warning.text, /AVG art\. 6 lid 1/);
    assert.match(warning.text, /art\. 28 lid 3 AVG/);
    const ack = await b.owner.send("POST", `/api/v1/notices/${warning.id}/acknowledge`, {});
    assert.equal(ack.statusCode, 204, ack.body);
    const events = await eventsOf(b.controllerId);
    const evidence = events.find((e) => e.type === "case.instruction_warning");
    assert.equal(evidence?.data.provision, "AVG art. 6 lid 1");
    assert.equal(evidence?.data.gdpr, "28(3)");
    const rows = await t.database.db.select().from(notices).where(eq(notices.kind, "instruction_warning"));
    assert.equal(rows.length, 1);
    // A question about the measures is not an instruction.
    const question = (
      await a.owner.send("POST", "/api/v1/cases", { kind: "measures_question", request: { question: "Welke maatregelen?", measures: [] } })
    ).json<CaseOut>();
    assert.equal((await officer.send("POST", `/api/v1/cases/${question.id}/instruction/warning`, { reasoning: "x" })).statusCode, 409);
  });
});
