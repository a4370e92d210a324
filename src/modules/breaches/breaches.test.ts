import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { deliveries, events, notices, obligations } from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { verifyChain } from "../evidence/index.ts";
import { customer, errorOf, serviceIds, signIntoForce, staffSession, subprocessorBody, type Customer, type Session } from "../../../test/support/sessions.ts";

// Issue 4 through the API: record → assess (and revise) → affected customers with their own 48-hour
// clocks → complete notices only → send → the customer reads, acknowledges, downloads its AP draft
// → follow-ups say what changed → close with a final notice; register export and timeline.

interface IncidentOut {
  id: string;
  reference: string;
  decision: string;
  status: string;
  dueAt: string;
  affected: number;
  notified: number;
  overdue: number;
  ready: number;
  incomplete: number;
  facts: Record<string, unknown>;
  sharedCheck: { complete: boolean; missing: { key: string }[]; unknown: string[] };
  assessments: { revision: number; decision: string; reasoning: string; decidedBy: string }[];
}
interface AffectedOut {
  controllerId: string;
  customerNumber: string;
  dueAt: string;
  clockHours: number;
  templateVersion: number | null;
  check: { complete: boolean; missing: { key: string }[] };
  notifiedAt: string | null;
  deliveredAt: string | null;
  held: boolean;
  openedAt: string | null;
  acknowledgedAt: string | null;
  sentInTime: boolean | null;
  overdue: boolean;
  notices: { sequence: number; stage: string; changed: string[]; noticeId: string; id: string }[];
}

let t: TestApp;
let security: Session;
let privacy: Session;
let auditor: Session;
let support: Session;
let svc: Record<string, string>;
let a: Customer; // e-mail, agreement v1 in force (48 h)
let b: Customer; // e-mail, agreement v2 in force (36 h)
let c: Customer; // web hosting only
let incident: IncidentOut;

// Discovered on Saturday 28 March 2026 at 10:00 in Amsterdam (CET); summer time starts on the 29th.
// 48 elapsed hours later the wall clock says Monday 11:00 CEST (DESIGN.md "Legal time").
const DISCOVERED = "2026-03-28T09:00:00.000Z";
const A_DUE = "2026-03-30T09:00:00.000Z";
const B_DUE = "2026-03-29T21:00:00.000Z"; // 36 h

const url = (path = "") => `/api/v1/incidents/${incident.id}${path}`;

const COMPLETE_FACTS = {
  cause: { status: "known", value: "Een kwetsbaarheid in de webmailsoftware is misbruikt om mailboxen te lezen." },
  consequences: { status: "unknown", reason: "Forensisch onderzoek loopt" },
  solution: { status: "known", value: "De webmailsoftware is bijgewerkt en alle sessies zijn beëindigd." },
  contact: { status: "known", value: { name: "Sanne de Wit", email: "security@hostingbedrijf.example", phone: "+31 20 123 4567" } },
  affectedCount: { status: "known", value: { kind: "range", min: 100, max: 2500 } },
  subjectGroup: { status: "known", value: "Correspondenten van de mailboxen" },
  dataKinds: { status: "known", value: ["e-mailadressen", "inhoud van e-mails"] },
  period: { status: "known", value: { start: "2026-03-27T22:00:00.000Z", end: "ongoing" } },
  unintelligible: { status: "known", value: { state: "no" } },
  measuresTaken: { status: "known", value: "Sessies beëindigd, software bijgewerkt." },
  measuresPlanned: { status: "known", value: "Tweestapsverificatie verplicht voor webmail." },
};

async function affected(): Promise<AffectedOut[]> {
  const response = await security.get(url("/customers"));
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ customers: AffectedOut[] }>().customers;
}
const mine = async (who: Customer) => (await affected()).find((row) => row.controllerId === who.controllerId);

before(async () => {
  t = await createTestApp(new Date("2026-03-28T08:00:00Z"));
  security = await staffSession(t, "security_officer");
  privacy = await staffSession(t, "privacy_officer");
  auditor = await staffSession(t, "auditor");
  support = await staffSession(t, "support");
  svc = await serviceIds(privacy);
  a = await customer(t, "Bakkerij Alfa", ["email"]);
  b = await customer(t, "Brouwerij Beta", ["email"]);
  c = await customer(t, "Camping Gamma", ["web-hosting"]);
  assert.equal((await privacy.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  await signIntoForce(privacy, a, 1);
  // Version 2 gives 36 hours: B, on v2, has its own clock.
  const v1 = (await privacy.get("/api/v1/templates/1")).json<{ texts: unknown; parameters: { clocks: Record<string, number> } }>();
  const published = await privacy.send("POST", "/api/v1/templates", {
    texts: v1.texts,
    parameters: { ...v1.parameters, clocks: { ...v1.parameters.clocks, breachNoticeHours: 36 } },
    notes: "36 uur",
    offer: false,
  });
  assert.equal(published.statusCode, 201, published.body);
  assert.equal((await privacy.send("POST", "/api/v1/templates/2/offer")).statusCode, 200);
  await signIntoForce(privacy, b, 2);
  t.clock.set(new Date("2026-03-28T09:30:00Z"));
});
after(() => t.close());

describe("the incident register", () => {
  test("bad input is a 400 naming the field; nothing is written", async () => {
    const base = { title: "Webmail", description: "Mailboxen gelezen", discoveredAt: DISCOVERED, discoveryHow: "Monitoring" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, discoveredAt: "2026-04-01T00:00:00Z" }, "body.discoveredAt"],
      [{ ...base, startedAt: "2026-03-28T10:00:00Z" }, "body.startedAt"],
      [{ ...base, startedAt: "2026-03-27T10:00:00Z", endedAt: "2026-03-27T09:00:00Z" }, "body.endedAt"],
      [{ ...base, serviceIds: ["00000000-0000-4000-8000-000000000000"] }, "body.serviceIds.0"],
      [{ ...base, discoveredAt: "gisteren" }, "body.discoveredAt"],
      [{ ...base, title: "" }, "body.title"],
      [{ ...base, surprise: 1 }, "body"],
    ];
    for (const [body, field] of cases) {
      const response = await security.send("POST", "/api/v1/incidents", body);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.ok(
        errorOf(response).fields.some((f) => f.field.startsWith(field)),
        `${field} named in ${response.body}`,
      );
    }
    assert.deepEqual((await security.get("/api/v1/incidents")).json<{ items: unknown[] }>().items, []);
  });

  test("only incident staff record; support and customers cannot; the auditor reads", async () => {
    const body = { title: "x", description: "x", discoveredAt: DISCOVERED, discoveryHow: "x" };
    assert.equal((await support.get("/api/v1/incidents")).statusCode, 403);
    assert.equal((await a.owner.get("/api/v1/incidents")).statusCode, 403);
    assert.equal((await auditor.send("POST", "/api/v1/incidents", body)).statusCode, 403);
    assert.equal((await auditor.get("/api/v1/incidents")).statusCode, 200);
  });

  test("records an incident; the period prefills the notice; Art28 proposes the e-mail customers", async () => {
    const response = await security.send("POST", "/api/v1/incidents", {
      title: "Webmailkwetsbaarheid",
      description: "Een aanvaller las mailboxen via een lek in de webmail.",
      startedAt: "2026-03-27T22:00:00Z",
      ongoing: true,
      discoveredAt: DISCOVERED,
      discoveryHow: "Melding van het monitoringsysteem",
      systems: ["mail-node-07"],
      serviceIds: [svc.email],
    });
    assert.equal(response.statusCode, 201, response.body);
    incident = response.json<IncidentOut>();
    assert.match(incident.reference, /^INC-\d{4}$/);
    assert.equal(incident.decision, "pending");
    assert.equal(incident.dueAt, A_DUE, "48 h across the DST change");
    assert.deepEqual((incident.facts.period as { value: unknown }).value, { start: "2026-03-27T22:00:00.000Z", end: "ongoing" });
    assert.deepEqual((incident.facts.discoveredAt as { value: unknown }).value, DISCOVERED);

    const proposal = (await security.get(url("/proposal"))).json<{ total: number; customers: { controllerId: string; services: { id: string }[] }[] }>();
    assert.deepEqual(proposal.customers.map((p) => p.controllerId).sort(), [a.controllerId, b.controllerId].sort());
    assert.deepEqual(
      proposal.customers[0]?.services.map((s) => s.id),
      [svc.email],
    );
  });

  test("an incident at a sub-processor proposes the customers of the services using it", async () => {
    const sub = await privacy.send("POST", "/api/v1/subprocessors", {
      ...subprocessorBody("Hostwerk BV", [svc["web-hosting"] ?? ""]),
      locations: [{ country: "NL", city: "Amsterdam", mechanism: null }],
    });
    assert.equal(sub.statusCode, 201, sub.body);
    const other = await security.send("POST", "/api/v1/incidents", {
      title: "Storing bij Hostwerk",
      description: "Hostwerk meldt een inbraak.",
      discoveredAt: DISCOVERED,
      discoveryHow: "Melding van de subverwerker",
      subprocessorIds: [sub.json<{ id: string }>().id],
    });
    assert.equal(other.statusCode, 201, other.body);
    const proposal = (await security.get(`/api/v1/incidents/${other.json<{ id: string }>().id}/proposal`)).json<{
      customers: { controllerId: string; subprocessors: { name: string }[] }[];
    }>();
    assert.deepEqual(
      proposal.customers.map((p) => [p.controllerId, p.subprocessors.map((s) => s.name)]),
      [[c.controllerId, ["Hostwerk BV"]]],
    );
  });
});

describe("assessment, affected customers and their clocks", () => {
  test("adding the proposed customers starts each one's clock from the discovery, with its own agreement's hours", async () => {
    const added = await security.send("POST", url("/customers"), { fromProposal: true });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json<{ added: number }>().added, 2);
    const again = await security.send("POST", url("/customers"), { fromProposal: true });
    assert.equal(again.json<{ added: number }>().added, 0, "already on the list");
    const rowA = await mine(a);
    const rowB = await mine(b);
    assert.equal(rowA?.dueAt, A_DUE);
    assert.equal(rowA?.clockHours, 48);
    assert.equal(rowB?.dueAt, B_DUE);
    assert.equal(rowB?.templateVersion, 2);
    const duties = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectType, "incident"), eq(obligations.subjectId, incident.id)));
    assert.deepEqual(
      duties.map((d) => [d.status, d.article, d.clockUnit]),
      [
        ["open", "6.1", "hours"],
        ["open", "6.1", "hours"],
      ],
    );
  });

  test("a customer that is not known, or a malformed id, is refused", async () => {
    const unknown = await security.send("POST", url("/customers"), { controllerIds: ["00000000-0000-4000-8000-000000000000"] });
    assert.equal(unknown.statusCode, 400);
    assert.equal(errorOf(unknown).fields[0]?.field, "body.controllerIds.0");
    assert.equal((await security.send("POST", url("/customers"), { controllerIds: ["nope"] })).statusCode, 400);
    assert.equal((await security.get("/api/v1/incidents/00000000-0000-4000-8000-000000000000")).statusCode, 404);
  });

  test("nothing is sent before the assessment; notifying needs a real breach of personal data", async () => {
    const early = await security.send("POST", url("/notices"), {});
    assert.equal(early.statusCode, 409, early.body);
    const wrong = await security.send("POST", url("/assessments"), {
      personalData: true,
      breach: false,
      confidentiality: true,
      integrity: false,
      availability: false,
      risk: "risk",
      decision: "notify",
      reasoning: "Voor de zekerheid melden.",
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(errorOf(wrong).fields[0]?.field, "body.decision");
  });

  test("an assessment can be revised; every revision stays, and the clocks follow the decision", async () => {
    const first = await security.send("POST", url("/assessments"), {
      personalData: true,
      breach: false,
      confidentiality: false,
      integrity: false,
      availability: false,
      risk: "unlikely",
      decision: "no_notify",
      reasoning: "Eerste beeld: geen aanwijzing dat mailboxen echt gelezen zijn.",
    });
    assert.equal(first.statusCode, 201, first.body);
    const cancelled = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectId, incident.id), eq(obligations.status, "open")));
    assert.equal(cancelled.length, 0, "no notification: the clocks stop");
    const second = await security.send("POST", url("/assessments"), {
      personalData: true,
      breach: true,
      confidentiality: true,
      integrity: false,
      availability: false,
      risk: "high",
      decision: "notify",
      reasoning: "Logbestanden tonen dat mailboxen zijn gelezen: een datalek in de zin van art. 6.1.",
    });
    assert.equal(second.statusCode, 201, second.body);
    incident = (await security.get(url())).json<IncidentOut>();
    assert.equal(incident.decision, "notify");
    assert.deepEqual(
      incident.assessments.map((x) => [x.revision, x.decision]),
      [
        [2, "notify"],
        [1, "no_notify"],
      ],
    );
    assert.equal((await mine(a))?.dueAt, A_DUE, "the restarted clock still runs from the discovery");
    const open = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectId, incident.id), eq(obligations.status, "open")));
    assert.equal(open.length, 2);
  });
});

describe("the notice", () => {
  test("an incomplete notice cannot be sent: the 400 names each customer and fact; nothing is written", async () => {
    const response = await security.send("POST", url("/notices"), {});
    assert.equal(response.statusCode, 400, response.body);
    const fields = errorOf(response).fields.map((f) => f.field);
    const rowA = await mine(a);
    assert.ok(fields.includes(`customers.${rowA?.customerNumber}.cause`), fields.join());
    assert.ok(!fields.some((f) => f.endsWith(".period") || f.endsWith(".discoveredAt")), "period and discovery are filled in");
    assert.equal((await t.database.db.select().from(notices).where(eq(notices.kind, "breach_notice"))).length, 0);
  });

  test("shared facts once, per-customer facts over them; unknown is allowed only explicitly", async () => {
    const bad = await security.send("PUT", url("/facts"), { ...COMPLETE_FACTS, affectedCount: { status: "known", value: { kind: "range", min: -1, max: 3 } } });
    assert.equal(bad.statusCode, 400);
    const saved = await security.send("PUT", url("/facts"), COMPLETE_FACTS);
    assert.equal(saved.statusCode, 200, saved.body);
    incident = saved.json<IncidentOut>();
    assert.equal(incident.sharedCheck.complete, true);
    assert.deepEqual(incident.sharedCheck.unknown, ["consequences"]);
    assert.equal(incident.ready, 2);

    const own = await security.send("PUT", url(`/customers/${b.controllerId}/facts`), {
      affectedCount: { status: "known", value: { kind: "exact", count: 12 } },
      dataKinds: { status: "known", value: ["e-mailadressen"] },
    });
    assert.equal(own.statusCode, 200, own.body);
    const invalid = await security.send("PUT", url(`/customers/${b.controllerId}/facts`), {
      contact: { status: "known", value: { name: "X", email: "geen-adres", phone: "abc" } },
    });
    assert.equal(invalid.statusCode, 200, "saving an invalid fact is allowed; sending it is not");
    assert.equal((await mine(b))?.check.complete, false);
    await security.send("PUT", url(`/customers/${b.controllerId}/facts`), {
      affectedCount: { status: "known", value: { kind: "exact", count: 12 } },
      dataKinds: { status: "known", value: ["e-mailadressen"] },
    });
    assert.equal((await security.send("PUT", url(`/customers/${c.controllerId}/facts`), {})).statusCode, 404, "not on this incident");
  });

  test("sending: one notice per customer with its facts; the 48-hour duties are met in time; evidence in the chain", async () => {
    t.clock.set(new Date("2026-03-28T15:00:00Z"));
    const response = await security.send("POST", url("/notices"), {});
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { sent: 2, initial: 2, followUp: 0, unchanged: 0 });
    const sent = await t.database.db.select().from(notices).where(eq(notices.kind, "breach_notice"));
    assert.equal(sent.length, 2);
    const toB = sent.find((n) => n.controllerId === b.controllerId);
    assert.equal(toB?.data.kind, "breach_notice");
    if (toB?.data.kind === "breach_notice") {
      assert.deepEqual(toB.data.facts.affectedCount, { status: "known", value: { kind: "exact", count: 12 } }, "B's own count");
      assert.equal(toB.data.dueAt, B_DUE);
      assert.equal(toB.data.affectedCustomers, null, "the number of customers is not disclosed by default");
      assert.equal(toB.requiresAck, true);
    }
    const toA = sent.find((n) => n.controllerId === a.controllerId);
    if (toA?.data.kind === "breach_notice") {
      assert.deepEqual(toA.data.facts.affectedCount, COMPLETE_FACTS.affectedCount, "A gets the shared count");
    }
    const mail = await t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.noticeId, toA?.id ?? ""));
    assert.ok(
      mail.some((d) => d.channel === "email"),
      "emailed to the customer",
    );
    const rowA = await mine(a);
    assert.equal(rowA?.sentInTime, true);
    assert.equal(rowA?.notices[0]?.stage, "initial");
    // Queued, not delivered; once an email is held (no SMTP) the list says so instead of "delivered".
    assert.deepEqual([rowA?.deliveredAt, rowA?.held], [null, false]);
    await t.database.db
      .update(deliveries)
      .set({ status: "held" })
      .where(and(eq(deliveries.noticeId, toA?.id ?? ""), eq(deliveries.channel, "email")));
    assert.deepEqual([(await mine(a))?.deliveredAt, (await mine(a))?.held], [null, true]);
    await t.database.db
      .update(deliveries)
      .set({ status: "pending" })
      .where(eq(deliveries.noticeId, toA?.id ?? ""));
    const duties = await t.database.db.select().from(obligations).where(eq(obligations.subjectId, incident.id));
    assert.deepEqual(
      duties.filter((d) => d.status === "met").map((d) => d.metInTime),
      [true, true],
    );
    assert.equal((await verifyChain(t.database.db)).ok, true);
  });

  test("the customer sees only its own notice, reads and acknowledges it; another customer sees nothing", async () => {
    const list = (await a.owner.get("/api/v1/breaches")).json<{ incidentId: string; reference: string; unacknowledged: number }[]>();
    assert.deepEqual(
      list.map((x) => [x.incidentId, x.reference, x.unacknowledged]),
      [[incident.id, incident.reference, 1]],
    );
    assert.deepEqual((await c.owner.get("/api/v1/breaches")).json(), []);
    assert.equal((await c.owner.get(`/api/v1/breaches/${incident.id}`)).statusCode, 404, "never told: not found");
    assert.equal((await privacy.get("/api/v1/breaches")).statusCode, 403, "the portal view is the customer's");

    t.clock.set(new Date("2026-03-28T16:00:00Z"));
    const view = await a.viewer.get(`/api/v1/breaches/${incident.id}`);
    assert.equal(view.statusCode, 200, view.body);
    const breach = view.json<{ notices: { noticeId: string; facts: { affectedCount: unknown }; inTime: boolean }[]; awareAt: string; apDeadline: string }>();
    assert.equal(breach.notices.length, 1);
    assert.deepEqual(breach.notices[0]?.facts.affectedCount, COMPLETE_FACTS.affectedCount);
    assert.equal(breach.notices[0]?.inTime, true);
    assert.equal(breach.awareAt, "2026-03-28T16:00:00.000Z", "reached when first opened (no email delivered in embedded mode)");
    assert.equal(breach.apDeadline, "2026-03-31T16:00:00.000Z", "72 elapsed hours");
    assert.equal(JSON.stringify(breach).includes(b.controllerId), false);

    const noticeId = breach.notices[0]?.noticeId ?? "";
    assert.equal((await a.viewer.send("POST", `/api/v1/notices/${noticeId}/acknowledge`)).statusCode, 403, "a viewer cannot acknowledge");
    assert.equal((await b.owner.send("POST", `/api/v1/notices/${noticeId}/acknowledge`)).statusCode, 404, "another customer's notice");
    assert.equal((await a.owner.send("POST", `/api/v1/notices/${noticeId}/acknowledge`)).statusCode, 204);
    const rowA = await mine(a);
    assert.equal(rowA?.openedAt, "2026-03-28T16:00:00.000Z");
    assert.equal(rowA?.acknowledgedAt, "2026-03-28T16:00:00.000Z");
  });

  test("the AP draft (JSON and PDF) and the notice as PDF are the customer's own", async () => {
    const json = await a.owner.get(`/api/v1/breaches/${incident.id}/ap-draft`);
    assert.equal(json.statusCode, 200, json.body);
    const draft = json.json<{
      reference: string;
      deadline: string | null;
      sections: { key: string; fields: { key: string; value: unknown; unknown?: boolean }[] }[];
    }>();
    assert.equal(draft.reference, incident.reference);
    assert.equal(draft.deadline, "2026-03-31T16:00:00.000Z");
    assert.deepEqual(
      draft.sections.map((s) => s.key),
      ["contact", "timeline", "nature", "personalData", "group", "measuresBefore", "consequences", "followUp"],
    );
    const consequences = draft.sections.find((s) => s.key === "consequences")?.fields.find((f) => f.unknown);
    assert.ok(consequences, "the unknown fact comes through as unknown");
    const pdf = await a.owner.get(`/api/v1/breaches/${incident.id}/ap-draft?format=pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), "%PDF-");
    assert.equal((await c.owner.get(`/api/v1/breaches/${incident.id}/ap-draft`)).statusCode, 404);
    const direct = (await b.owner.get(`/api/v1/breaches/${incident.id}/ap-draft`)).json<{ awareAt: string | null; deadline: string | null }>();
    assert.equal(direct.awareAt, "2026-03-28T16:00:00.000Z", "reading the draft is reading the notice: B's clock starts");
    assert.equal(direct.deadline, "2026-03-31T16:00:00.000Z");
    assert.equal((await mine(b))?.openedAt, "2026-03-28T16:00:00.000Z");

    const roundA = (await mine(a))?.notices[0]?.id ?? "";
    const roundB = (await mine(b))?.notices[0]?.id ?? "";
    const noticePdf = await a.owner.get(`/api/v1/breach-notices/${roundA}/pdf`);
    assert.equal(noticePdf.statusCode, 200);
    assert.equal(noticePdf.rawPayload.subarray(0, 5).toString(), "%PDF-");
    assert.equal((await a.owner.get(`/api/v1/breach-notices/${roundB}/pdf`)).statusCode, 404, "B's notice");
    assert.equal((await security.get(`/api/v1/breach-notices/${roundB}/pdf`)).statusCode, 200, "staff read any");
  });

  test("a follow-up says what changed; a round with nothing new sends nothing", async () => {
    t.clock.set(new Date("2026-03-29T10:00:00Z"));
    await security.send("PUT", url("/facts"), {
      ...COMPLETE_FACTS,
      consequences: { status: "known", value: "Phishing met de gelezen adressen is te verwachten." },
    });
    const round = await security.send("POST", url("/notices"), { message: "Het forensisch onderzoek is afgerond." });
    assert.deepEqual(round.json(), { sent: 2, initial: 0, followUp: 2, unchanged: 0 });
    const rowA = await mine(a);
    assert.deepEqual(
      rowA?.notices.map((n) => [n.sequence, n.stage, n.changed]),
      [
        [1, "initial", []],
        [2, "follow_up", ["consequences"]],
      ],
    );
    const nothing = await security.send("POST", url("/notices"), {});
    assert.deepEqual(nothing.json(), { sent: 0, initial: 0, followUp: 0, unchanged: 2 });
  });

  test("disclosing the number of affected customers is the processor's choice", async () => {
    const patched = await security.send("PATCH", url(), { discloseCount: true });
    assert.equal(patched.statusCode, 200, patched.body);
    await security.send("POST", url("/notices"), { message: "Aantal klanten toegevoegd." });
    const breach = (await b.owner.get(`/api/v1/breaches/${incident.id}`)).json<{ notices: { affectedCustomers: number | null }[] }>();
    assert.deepEqual(
      breach.notices.map((n) => n.affectedCustomers),
      [null, null, 2],
    );
  });

  test("a late customer: its clock is already overdue, the incident says so, and the sweep escalates it", async () => {
    const late = await customer(t, "Drukkerij Delta", ["email"]);
    t.clock.set(new Date("2026-03-30T12:00:00Z")); // past 48 h
    assert.equal((await security.send("POST", url("/customers"), { controllerIds: [late.controllerId] })).statusCode, 200);
    const row = await mine(late);
    assert.equal(row?.overdue, true);
    assert.equal((await security.get(url())).json<IncidentOut>().overdue, 1);
    await runSweep(t.database.db, t.clock);
    const escalated = await t.database.db.select().from(notices).where(eq(notices.kind, "obligation_escalated"));
    assert.ok(escalated.some((n) => n.data.kind === "obligation_escalated" && n.data.title.nl.includes(incident.reference)));
    // Closing waits for it; then it is told (late), and can no longer be removed.
    assert.equal((await security.send("POST", url("/close"), { summary: "Afgerond." })).statusCode, 409);
    const sent = await security.send("POST", url("/notices"), {});
    assert.equal(sent.json<{ initial: number }>().initial, 1);
    assert.equal((await mine(late))?.sentInTime, false, "told after its deadline");
    assert.equal((await security.send("DELETE", url(`/customers/${late.controllerId}`))).statusCode, 409);
  });

  test("closing sends a final notice to every customer told, and the incident stays in the register", async () => {
    const closed = await security.send("POST", url("/close"), { summary: "Het lek is gedicht; geen verdere gevolgen vastgesteld." });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<IncidentOut>().status, "closed");
    const finals = await t.database.db.select().from(notices).where(eq(notices.kind, "breach_notice"));
    assert.equal(finals.filter((n) => n.data.kind === "breach_notice" && n.data.stage === "final").length, 3);
    assert.equal((await security.send("POST", url("/notices"), {})).statusCode, 409);
    assert.equal((await security.send("PATCH", url(), { title: "x" })).statusCode, 409);
    const list = (await auditor.get("/api/v1/incidents?status=closed")).json<{ items: { id: string }[] }>().items;
    assert.deepEqual(
      list.map((i) => i.id),
      [incident.id],
    );
  });

  test("the timeline shows every act, each with its hash", async () => {
    const response = await auditor.get(url("/timeline"));
    assert.equal(response.statusCode, 200, response.body);
    const entries = response.json<{ entries: { type: string; typeLabel: { nl: string; en: string }; hash: string }[] }>().entries;
    const types = new Set(entries.map((e) => e.type));
    // Each act in words as well as its code.
    assert.deepEqual(entries.find((e) => e.type === "incident.recorded")?.typeLabel, { nl: "Incident geregistreerd", en: "Incident recorded" });
    assert.ok(entries.every((e) => e.typeLabel.en !== e.type && e.typeLabel.nl !== e.type));
    for (const type of [
      "incident.recorded",
      "incident.assessed",
      "incident.customers_added",
      "incident.facts_saved",
      "obligation.opened",
      "obligation.met",
      "notice.queued",
      "notice.opened",
      "notice.acknowledged",
      "breach.notices_sent",
      "incident.closed",
    ]) {
      assert.ok(types.has(type), `${type} in ${[...types].join(", ")}`);
    }
    const queued = await t.database.db.select().from(events).where(eq(events.type, "notice.queued"));
    const breach = queued.find((e) => (e.data as { breach?: unknown }).breach);
    assert.match(String((breach?.data as { breach: { sha256: string } }).breach.sha256), /^[0-9a-f]{64}$/);
  });

  test("the register exports as CSV, XLSX and PDF", async () => {
    const csv = await auditor.get("/api/v1/incidents/export?format=csv");
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers["content-type"]), /^text\/csv/);
    const records = parse(csv.body.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][]; // Dutch Excel reads ";"
    assert.ok(records.some((r) => r.includes(incident.reference)));
    const xlsx = await auditor.get("/api/v1/incidents/export?format=xlsx");
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = book.worksheets[0]?.getSheetValues().flat().map(String) ?? [];
    assert.ok(values.includes(incident.reference));
    const pdf = await auditor.get("/api/v1/incidents/export?format=pdf");
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), "%PDF-");
    assert.equal((await auditor.get("/api/v1/incidents/export?format=doc")).statusCode, 400);
    assert.equal((await support.get("/api/v1/incidents/export?format=csv")).statusCode, 403);
  });
});
