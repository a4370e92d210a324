import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { notices, obligations } from "../../db/schema/index.ts";
import { customer, errorOf, session, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";

// A question about the measures (art. 2.2) through the API: asked on the customer's
// measuresAnswerDays clock, answered with the measures report in the customer's language (its
// SHA-256 kept with the bytes), which closes the case and meets the duty in time or late.

interface CaseOut {
  id: string;
  status: string;
  dueAt: string | null;
  clock: string;
  outcome: string | null;
}
interface MessageOut {
  from: string;
  body: string;
  attachments: { id: string; fileName: string; mediaType: string; sha256: string }[];
}
interface Annex2Out {
  version: number | null;
  measures: { code: string; title: { nl: string; en: string } }[];
}

let t: TestApp;
let officer: Session;
let a: Customer;
let b: Customer;
let english: Customer;
let annex2: Annex2Out;

// Asked on Friday 20 March 2026, 11:00 in Amsterdam (CET); summer time starts on 29 March.
const ASKED = new Date("2026-03-20T10:00:00Z");
// 14 calendar days, the day of asking not counted: the end of Friday 3 April, Amsterdam summer time.
const DUE = "2026-04-03T21:59:59.999Z";
// 30 days: the end of Sunday 19 April.
const DUE_30 = "2026-04-19T21:59:59.999Z";

const ask = (overrides: Record<string, unknown> = {}) => ({
  kind: "measures_question",
  request: {
    question: "Welke maatregelen neemt u voor de back-ups?\nGraag met de laatste review.",
    measures: [],
    standard: "ISO/IEC 27001:2022",
    ...overrides,
  },
});

const eventsOf = async (controllerId: string) =>
  (await officer.get(`/api/v1/controllers/${controllerId}/events?limit=200`)).json<{ type: string; data: Record<string, unknown> }[]>();

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "mq-"));
  try {
    const path = join(dir, "report.pdf");
    writeFileSync(path, bytes);
    return execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

before(async () => {
  t = await createTestApp(ASKED);
  officer = await staffSession(t, "privacy_officer");
  a = await customer(t, "Bakkerij Alfa", ["email"]);
  b = await customer(t, "Boekhandel Beta", ["email"]);
  const en = await createCustomer(t.database.db, t.clock, { name: "Gamma Ltd", services: ["email"], locale: "en" });
  english = { controllerId: en.controllerId, name: en.name, owner: await session(t.app, en.owner.email), viewer: await session(t.app, en.viewer.email) };
  annex2 = (await a.owner.get("/api/v1/annex2")).json<Annex2Out>();
  assert.ok(annex2.measures.length >= 2, "the installed Annex 2 has measures");
});
after(async () => {
  await t.close();
});

describe("a question about the measures (art. 2.2)", () => {
  let dutch: CaseOut;
  let late: CaseOut;

  test("bad input is refused naming the field; a viewer cannot ask; nothing is written", async () => {
    const unknown = await a.owner.send("POST", "/api/v1/cases", ask({ measures: [annex2.measures[0]?.code, "NO-SUCH-MEASURE"] }));
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(errorOf(unknown).fields[0]?.field, "body.request.measures.1");
    const blank = await a.owner.send("POST", "/api/v1/cases", ask({ question: "  \n " }));
    assert.equal(blank.statusCode, 400, blank.body);
    assert.equal(errorOf(blank).fields[0]?.field, "body.request.question");
    const longStandard = await a.owner.send("POST", "/api/v1/cases", ask({ standard: "x".repeat(201) }));
    assert.equal(longStandard.statusCode, 400, longStandard.body);
    assert.match(JSON.stringify(errorOf(longStandard).fields), /standard/);
    assert.equal((await a.viewer.send("POST", "/api/v1/cases", ask())).statusCode, 403, "a viewer cannot ask");
    assert.deepEqual((await a.owner.get("/api/v1/cases")).json(), [], "nothing partly written");
  });

  test("the answer is due 14 Dutch calendar days later (measuresAnswerDays), staff are told, and it is evidence", async () => {
    const code = annex2.measures[0]?.code ?? "";
    const asked = await a.owner.send("POST", "/api/v1/cases", ask({ measures: [code] }));
    assert.equal(asked.statusCode, 201, asked.body);
    dutch = asked.json<CaseOut>();
    assert.equal(dutch.status, "open");
    assert.equal(dutch.dueAt, DUE);
    assert.equal(dutch.clock, "running");
    const told = await t.database.db.select().from(notices).where(eq(notices.kind, "case_opened"));
    assert.equal(told.length, 1, "the privacy officers are told");
    const events = await eventsOf(a.controllerId);
    const opened = events.find((e) => e.type === "case.opened");
    assert.equal(opened?.data.dueAt, DUE);
    assert.deepEqual((opened?.data.request as { measures: string[] }).measures, [code]);
    assert.equal((opened?.data.clock as { amount: number }).amount, 14);
    assert.equal((await b.owner.get(`/api/v1/cases/${dutch.id}`)).statusCode, 404, "another customer's case");
    assert.equal((await b.owner.get(`/api/v1/cases/${dutch.id}/messages`)).statusCode, 404);
    assert.equal((await a.viewer.get(`/api/v1/cases/${dutch.id}`)).statusCode, 200, "a viewer reads");
  });

  test("a template version with another measuresAnswerDays gives that clock", async () => {
    const v1 = (await officer.get("/api/v1/templates/1")).json<{ texts: unknown; parameters: { clocks: Record<string, number> } }>();
    const published = await officer.send("POST", "/api/v1/templates", {
      texts: v1.texts,
      parameters: { ...v1.parameters, clocks: { ...v1.parameters.clocks, measuresAnswerDays: 30 } },
      notes: "30 dagen voor vragen over maatregelen",
      offer: false,
    });
    assert.equal(published.statusCode, 201, published.body);
    // English has no agreement yet: the newest published version's clock applies.
    const asked = await english.owner.send("POST", "/api/v1/cases", ask({ question: "Which measures protect backups?" }));
    assert.equal(asked.statusCode, 201, asked.body);
    late = asked.json<CaseOut>();
    assert.equal(late.dueAt, DUE_30);
  });

  test("only staff answer with the report, and only a measures question", async () => {
    const byCustomer = await a.owner.send("POST", `/api/v1/cases/${dutch.id}/measures-answer`, { note: "x" });
    assert.equal(byCustomer.statusCode, 403, byCustomer.body);
    const noNote = await officer.send("POST", `/api/v1/cases/${dutch.id}/measures-answer`, { note: " " });
    assert.equal(noNote.statusCode, 400, noNote.body);
    assert.equal(errorOf(noNote).fields[0]?.field, "body.note");
    const dpia = await a.owner.send("POST", "/api/v1/cases", {
      kind: "dpia_help",
      request: { subject: "dpia", title: "DPIA", what: "Hulp", services: [], neededBy: null },
    });
    assert.equal(dpia.statusCode, 201, dpia.body);
    const closedByHand = await officer.send("POST", `/api/v1/cases/${dutch.id}/close`, { outcome: "answered", note: "Zie bijlage." });
    assert.equal(closedByHand.statusCode, 400, "answered comes only with the measures report");
    assert.equal(errorOf(closedByHand).fields[0]?.field, "body.outcome");
    assert.deepEqual(
      (await officer.get(`/api/v1/cases/${dutch.id}`)).json<{ outcomes: { code: string }[] }>().outcomes.map((o) => o.code),
      ["withdrawn"],
    );
    const wrongKind = await officer.send("POST", `/api/v1/cases/${dpia.json<CaseOut>().id}/measures-answer`, { note: "Zie rapport." });
    assert.equal(wrongKind.statusCode, 409, wrongKind.body);
    assert.equal(((await a.owner.get(`/api/v1/cases/${dutch.id}`)).json() as CaseOut).status, "open", "nothing written");
  });

  test("staff answer in time with the report in Dutch: its SHA-256 matches its bytes, the duty is met in time, the customer is told", async () => {
    t.clock.advance(5 * 24 * 3600_000);
    const evidence = Buffer.from("%PDF-1.4 test evidence\n");
    const answered = await officer.upload(`/api/v1/cases/${dutch.id}/measures-answer`, [
      { name: "note", value: "Zie het maatregelenrapport; de back-upmaatregel is in februari herzien." },
      { name: "files", filename: "pentest-samenvatting.pdf", type: "application/pdf", data: evidence },
    ]);
    assert.equal(answered.statusCode, 200, answered.body);
    const closed = answered.json<CaseOut>();
    assert.equal(closed.status, "closed");
    assert.equal(closed.outcome, "answered");
    assert.equal(closed.clock, "met_in_time");
    const thread = (await a.viewer.get(`/api/v1/cases/${dutch.id}/messages`)).json<MessageOut[]>();
    const answer = thread.at(-1);
    assert.equal(answer?.from, "processor");
    assert.equal(answer?.attachments.length, 2, "the report and the file staff attached");
    const report = answer?.attachments[0];
    assert.equal(report?.fileName, `maatregelen-annex2-v${annex2.version}.pdf`);
    assert.equal(answer?.attachments[1]?.fileName, "pentest-samenvatting.pdf");
    const download = await a.viewer.get(`/api/v1/attachments/${report?.id}`);
    assert.equal(download.statusCode, 200);
    const bytes = download.rawPayload;
    assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
    assert.equal(createHash("sha256").update(bytes).digest("hex"), report?.sha256);
    const text = pdfText(bytes);
    assert.match(text, /Laatste review|laatste beoordeling|Bijlage 2/i);
    for (const measure of annex2.measures.slice(0, 2)) {
      assert.ok(text.includes(measure.title.nl.replace(/\s+/g, " ")), `the report names ${measure.title.nl}`);
    }
    assert.equal((await b.owner.get(`/api/v1/attachments/${report?.id}`)).statusCode, 404, "not for another customer");
    const events = await eventsOf(a.controllerId);
    const evidenceEvent = events.find((e) => e.type === "case.measures_answered");
    const reported = evidenceEvent?.data.report as { sha256: string; annex2Version: number | null; locale: string };
    assert.equal(reported.sha256, report?.sha256);
    assert.equal(reported.annex2Version, annex2.version);
    assert.equal(reported.locale, "nl");
    assert.ok(events.some((e) => e.type === "case.closed" && e.data.outcome === "answered"));
    assert.ok(events.some((e) => e.type === "obligation.met" && e.data.inTime === true));
    const toCustomer = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "case_closed"), eq(notices.controllerId, a.controllerId)));
    assert.ok(toCustomer.length > 0, "the customer is told");
    const again = await officer.send("POST", `/api/v1/cases/${dutch.id}/measures-answer`, { note: "Nogmaals." });
    assert.equal(again.statusCode, 409, "an answered question is ended");
  });

  test("the sweep escalates an unanswered question; answered after the clock passed, the report is in English and the duty is met late", async () => {
    const [duty] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.controllerId, english.controllerId), eq(obligations.kind, "case_measures_question")));
    assert.ok(duty);
    t.clock.set(new Date("2026-04-25T09:00:00Z"));
    await runSweep(t.database.db, t.clock, sweepTasks());
    const escalated = await t.database.db.select().from(notices).where(eq(notices.kind, "obligation_escalated"));
    assert.ok(
      escalated.some((n) => n.data.kind === "obligation_escalated" && n.data.obligationId === duty.id),
      "escalated",
    );
    assert.equal((await english.owner.get(`/api/v1/cases/${late.id}`)).json<CaseOut>().clock, "overdue");
    const answered = await officer.send("POST", `/api/v1/cases/${late.id}/measures-answer`, { note: "See the measures report." });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.json<CaseOut>().clock, "met_late");
    const thread = (await english.owner.get(`/api/v1/cases/${late.id}/messages`)).json<MessageOut[]>();
    const report = thread.at(-1)?.attachments;
    assert.equal(report?.length, 1, "no evidence unless staff attach it");
    assert.equal(report?.[0]?.fileName, `measures-annex2-v${annex2.version}.pdf`);
    const bytes = (await english.owner.get(`/api/v1/attachments/${report?.[0]?.id}`)).rawPayload;
    const text = pdfText(bytes);
    assert.ok(text.includes(annex2.measures[0]?.title.en.replace(/\s+/g, " ") ?? "?"), "the report is in English");
    const events = await eventsOf(english.controllerId);
    assert.ok(events.some((e) => e.type === "obligation.met" && e.data.inTime === false));
  });
});
