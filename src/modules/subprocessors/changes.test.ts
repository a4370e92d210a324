import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { rows } from "../../db/engine.ts";
import { deliveries, notices, obligations } from "../../db/schema/index.ts";
import { verifyChain } from "../evidence/index.ts";
import {
  customer,
  description,
  errorOf,
  publishWithObjectionDays,
  serviceIds,
  signIntoForce,
  staffSession,
  subprocessorBody,
  type Customer,
  type Session,
} from "../../../test/support/sessions.ts";

// The whole art. 5.2 flow through the API: register → announce → windows from each customer's own
// agreement version → objection → consultation → outcome → effective date → apply; withdraw; remove.

interface ChangeOut {
  id: string;
  kind: string;
  status: string;
  windowClosesAt: string;
  effectiveAt: string | null;
  affectedCount: number | null;
  mine: { windowEndsAt: string; windowOpen: boolean; templateVersion: number | null; objection: { id: string; status: string } | null } | null;
}
interface SubOut {
  id: string;
  status: string;
  services: { code: string }[];
  pendingChangeId: string | null;
}

let t: TestApp;
let officer: Session;
let auditor: Session;
let svc: Record<string, string>;
let a: Customer; // email + web hosting, agreement v1 in force (14 days)
let b: Customer; // email, agreement v2 in force (21 days)
let c: Customer; // web hosting only: not affected by an email change
let acme: SubOut;
let change: ChangeOut;
let objectionId: string;

// Announced on Friday 20 March 2026, 11:00 in Amsterdam (CET); summer time starts on 29 March.
const ANNOUNCED = new Date("2026-03-20T10:00:00Z");
// art. 5.2: the day of the announcement does not count; the window ends at the end of the 14th
// (21st) local day after it, 23:59:59.999 Amsterdam summer time.
const A_WINDOW_END = "2026-04-03T21:59:59.999Z";
const B_WINDOW_END = "2026-04-10T21:59:59.999Z";

const noticesOf = (controllerId: string, kind: string) =>
  t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.controllerId, controllerId), eq(notices.kind, kind as "objection_closed")));

before(async () => {
  t = await createTestApp(new Date("2026-03-01T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  auditor = await staffSession(t, "auditor");
  await staffSession(t, "admin");
  svc = await serviceIds(officer);
  a = await customer(t, "Bakkerij Alfa", ["email", "web-hosting"]);
  c = await customer(t, "Camping Gamma", ["web-hosting"]);
  assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  await signIntoForce(officer, a, 1);
  const v2 = await publishWithObjectionDays(officer, 21);
  b = await customer(t, "Boekhandel Beta", ["email"]);
  assert.equal((await officer.send("POST", `/api/v1/templates/${v2}/offer`)).statusCode, 200);
  await signIntoForce(officer, b, v2);
});
after(async () => {
  await t.close();
});

describe("a new sub-processor, from proposal to effect (art. 5.2)", () => {
  test("created directly it is only proposed, and customers do not see it yet", async () => {
    const created = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Acme Mail", [svc.email ?? ""]));
    assert.equal(created.statusCode, 201, created.body);
    acme = created.json<SubOut>();
    assert.equal(acme.status, "proposed");
    const seen = (await a.owner.get("/api/v1/subprocessors")).json<SubOut[]>();
    assert.ok(!seen.some((s) => s.id === acme.id), "an unannounced proposal is the processor's draft");
    assert.equal((await a.owner.get(`/api/v1/subprocessors/${acme.id}`)).statusCode, 404);
    assert.equal((await a.owner.send("POST", "/api/v1/subprocessors", subprocessorBody("X", []))).statusCode, 403);
    assert.equal((await auditor.send("POST", "/api/v1/subprocessors", subprocessorBody("X", []))).statusCode, 403);
  });

  test("announcing it reaches every customer of its services, each with the window of its own agreement version", async () => {
    t.clock.set(ANNOUNCED);
    const announced = await officer.send("POST", "/api/v1/subprocessor-changes", {
      kind: "add",
      subprocessorId: acme.id,
      plan: { serviceIds: [svc.email] },
      description,
    });
    assert.equal(announced.statusCode, 201, announced.body);
    change = announced.json<ChangeOut>();
    assert.equal(change.affectedCount, 2);
    assert.equal(change.windowClosesAt, B_WINDOW_END, "the latest window end");

    const mineA = (await a.owner.get(`/api/v1/subprocessor-changes/${change.id}`)).json<ChangeOut>().mine;
    const mineB = (await b.owner.get(`/api/v1/subprocessor-changes/${change.id}`)).json<ChangeOut>().mine;
    assert.deepEqual([mineA?.windowEndsAt, mineA?.templateVersion, mineA?.windowOpen], [A_WINDOW_END, 1, true], "v1 in force: 14 days, across the DST change");
    assert.deepEqual([mineB?.windowEndsAt, mineB?.templateVersion], [B_WINDOW_END, 2], "v2 in force: 21 days");
    assert.equal((await c.owner.get(`/api/v1/subprocessor-changes/${change.id}`)).statusCode, 404, "not announced to a customer it does not touch");
    assert.equal((await c.owner.get("/api/v1/subprocessor-changes")).json<{ total: number }>().total, 0);

    const [noticeA] = await noticesOf(a.controllerId, "subprocessor_change_announced");
    const data = noticeA?.data as { windowEndsAt: string; windowDays: number; services: { en: string }[]; subprocessor: { name: string; countries: string[] } };
    assert.deepEqual(
      [data.windowEndsAt, data.windowDays, data.services.map((s) => s.en), data.subprocessor.countries],
      [A_WINDOW_END, 14, ["Email"], ["DE"]],
      "the notice names A's own service and window",
    );
    assert.equal(noticeA?.requiresAck, true);
    const deliveredTo = await t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.noticeId, noticeA?.id ?? ""));
    assert.ok(
      deliveredTo.some((d) => d.recipientRole === "privacy_contact"),
      "to the privacy contact (art. 4.4)",
    );
    assert.equal((await noticesOf(c.controllerId, "subprocessor_change_announced")).length, 0);

    const windows = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectType, "subprocessor_change"), eq(obligations.subjectId, change.id)));
    const byCustomer = new Map(windows.map((w) => [w.controllerId, w]));
    assert.equal(byCustomer.get(a.controllerId)?.dueAt.toISOString(), A_WINDOW_END);
    assert.equal(byCustomer.get(b.controllerId)?.dueAt.toISOString(), B_WINDOW_END);
    assert.deepEqual(
      windows.map((w) => [w.kind, w.nature, w.party, w.article, w.clockUnit]),
      windows.map(() => ["subprocessor_objection", "window", "controller", "5.2", "calendarDays"]),
    );
    assert.deepEqual([byCustomer.get(a.controllerId)?.clockAmount, byCustomer.get(b.controllerId)?.clockAmount], [14, 21]);

    const register = (await a.owner.get("/api/v1/subprocessors")).json<SubOut[]>();
    assert.equal(register.find((s) => s.id === acme.id)?.pendingChangeId, change.id, "announced, so customers see the proposal");
  });

  test("staff see who was told: window end, delivered, read, acknowledged, objected; paged and filtered", async () => {
    const list = await officer.get(`/api/v1/subprocessor-changes/${change.id}/recipients?limit=1`);
    assert.equal(list.statusCode, 200, list.body);
    const page = list.json<{ total: number; items: { name: string; windowEndsAt: string; delivered: boolean; readAt: string | null; objection: unknown }[] }>();
    assert.equal(page.total, 2);
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0]?.name, "Bakkerij Alfa");
    assert.deepEqual(
      [page.items[0]?.windowEndsAt, page.items[0]?.delivered, page.items[0]?.readAt, page.items[0]?.objection],
      [A_WINDOW_END, false, null, null],
    );
    await t.database.db.update(deliveries).set({ status: "held" }).where(eq(deliveries.controllerId, b.controllerId));
    // A held email is not a delivered one: the list says held, not sent.
    const held = (await officer.get(`/api/v1/subprocessor-changes/${change.id}/recipients`)).json<{
      items: { name: string; delivered: boolean; held: boolean }[];
    }>();
    assert.deepEqual(
      held.items.map((i) => [i.name, i.delivered, i.held]),
      [
        ["Bakkerij Alfa", false, false],
        ["Boekhandel Beta", false, true],
      ],
    );
    assert.equal((await officer.get(`/api/v1/subprocessor-changes/${change.id}/recipients?delivered=true`)).json<{ total: number }>().total, 0);
    await t.database.db.update(deliveries).set({ status: "sent" }).where(eq(deliveries.controllerId, b.controllerId));
    const delivered = (await officer.get(`/api/v1/subprocessor-changes/${change.id}/recipients?delivered=true`)).json<{ items: { name: string }[] }>();
    assert.deepEqual(
      delivered.items.map((i) => i.name),
      ["Boekhandel Beta"],
    );
    const searched = (await officer.get(`/api/v1/subprocessor-changes/${change.id}/recipients?search=alfa`)).json<{ total: number }>();
    assert.equal(searched.total, 1);
    assert.equal((await a.owner.get(`/api/v1/subprocessor-changes/${change.id}/recipients`)).statusCode, 403);
    assert.equal((await officer.get(`/api/v1/subprocessor-changes/${change.id}/recipients?objected=maybe`)).statusCode, 400);
  });

  test("an objection must be reasoned, by someone who may act, within the window, once", async () => {
    const url = `/api/v1/subprocessor-changes/${change.id}/objections`;
    for (const reason of ["", "   ", "Nee", "geen VS"]) {
      const refused = await a.owner.send("POST", url, { reason }, { "accept-language": "nl" });
      assert.equal(refused.statusCode, 400, `${JSON.stringify(reason)}: ${refused.body}`);
      assert.equal(errorOf(refused).fields[0]?.field, "body.reason");
      assert.match(errorOf(refused).fields[0]?.message ?? "", /verplicht|één woord|te kort/);
    }
    const english = await a.owner.send("POST", url, { reason: "Nee" }, { "accept-language": "en" });
    assert.match(errorOf(english).message, /body\.reason: is a single word/);
    assert.equal((await a.owner.send("POST", url, {})).statusCode, 400, "reason missing");
    assert.equal((await a.viewer.send("POST", url, { reason: "Wij willen geen nieuwe partij voor onze e-mail." })).statusCode, 403);
    assert.equal((await c.owner.send("POST", url, { reason: "Wij willen geen nieuwe partij voor onze e-mail." })).statusCode, 404);
    assert.equal((await officer.send("POST", url, { reason: "Wij willen geen nieuwe partij voor onze e-mail." })).statusCode, 403);

    t.clock.set(new Date("2026-03-25T08:00:00Z"));
    const made = await a.owner.send("POST", url, { reason: "Wij mogen klantmail niet bij een nieuwe partij laten opslaan." });
    assert.equal(made.statusCode, 201, made.body);
    objectionId = made.json<{ id: string }>().id;
    assert.equal(made.json<{ status: string }>().status, "open");
    const again = await a.owner.send("POST", url, { reason: "Nogmaals: wij mogen dit echt niet toestaan." });
    assert.equal(again.statusCode, 409);

    const [window] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectId, change.id), eq(obligations.controllerId, a.controllerId)));
    assert.deepEqual([window?.status, window?.metInTime], ["met", true], "the objection uses the window, in time");
    const [staffNotice] = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "objection_received"), eq(notices.controllerId, a.controllerId)));
    assert.deepEqual(staffNotice?.staffRoles, ["privacy_officer"]);
    const toStaff = await t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.noticeId, staffNotice?.id ?? ""));
    assert.ok(toStaff.length > 0 && toStaff.every((d) => d.recipientRole === "staff"), "the privacy officers are emailed");
    const events = (await a.owner.get(`/api/v1/controllers/${a.controllerId}/events`)).json<{ type: string; data: { reason?: string } }[]>();
    assert.ok(events.some((e) => e.type === "objection.submitted" && e.data.reason?.startsWith("Wij mogen")));
    assert.equal((await a.owner.get(`/api/v1/subprocessor-changes/${change.id}`)).json<ChangeOut>().mine?.objection?.id, objectionId);
  });

  test("the consultation runs both ways, with attachments kept byte for byte", async () => {
    const thread = `/api/v1/objections/${objectionId}/messages`;
    const fromStaff = await officer.send("POST", thread, { body: "Acme Mail werkt onder standaardcontractbepalingen; zie bijlage." });
    assert.equal(fromStaff.statusCode, 201, fromStaff.body);
    assert.equal((await noticesOf(a.controllerId, "consultation_message")).length, 1, "the customer is told");

    t.clock.advance(60_000);
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0, 1, 2, 250, 251, 252, 255]), Buffer.from("\n%%EOF")]);
    const fromCustomer = await a.owner.upload(thread, [
      { name: "body", value: "Ons beleid staat het niet toe; zie ons beleidsstuk." },
      { name: "files", filename: "beleid.pdf", type: "application/pdf", data: pdf },
    ]);
    assert.equal(fromCustomer.statusCode, 201, fromCustomer.body);
    const message = fromCustomer.json<{ from: string; attachments: { id: string; sha256: string; size: number; fileName: string }[] }>();
    assert.equal(message.from, "customer");
    const [attachment] = message.attachments;
    assert.equal(attachment?.sha256, createHash("sha256").update(pdf).digest("hex"));
    assert.equal(attachment?.size, pdf.length);
    const staffNotices = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "consultation_message"), sql`${notices.staffRoles} is not null`));
    assert.equal(staffNotices.length, 1, "the processor's staff are told");

    const download = await officer.get(`/api/v1/attachments/${attachment?.id}`);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, pdf);
    assert.equal(download.headers["x-content-sha256"], attachment?.sha256);
    assert.equal((await a.viewer.get(`/api/v1/attachments/${attachment?.id}`)).statusCode, 200);
    assert.equal((await b.owner.get(`/api/v1/attachments/${attachment?.id}`)).statusCode, 404, "another customer");

    const messages = (await a.viewer.get(thread)).json<{ from: string; body: string }[]>();
    assert.deepEqual(
      messages.map((m) => m.from),
      ["processor", "customer"],
    );
    assert.equal((await a.viewer.send("POST", thread, { body: "Mag ik ook iets zeggen?" })).statusCode, 403);
    assert.equal((await auditor.send("POST", thread, { body: "Meekijken." })).statusCode, 403);
    assert.equal((await b.owner.get(thread)).statusCode, 404);
    const empty = await a.owner.send("POST", thread, { body: "   " });
    assert.equal(empty.statusCode, 400);
    assert.equal(errorOf(empty).fields[0]?.field, "body.body");
    const emptyFile = await a.owner.upload(thread, [
      { name: "body", value: "Leeg?" },
      { name: "files", filename: "leeg.txt", type: "text/plain", data: Buffer.alloc(0) },
    ]);
    assert.equal(emptyFile.statusCode, 400);
    assert.equal(errorOf(emptyFile).fields[0]?.field, "body.files");
    const events = (await officer.get(`/api/v1/controllers/${a.controllerId}/events`)).json<{ type: string }[]>();
    assert.equal(events.filter((e) => e.type === "consultation.message_posted").length, 2, "each message is evidence");
  });

  test("staff close the consultation with its outcome; the customer is told and the thread closes", async () => {
    assert.equal((await a.owner.send("POST", `/api/v1/objections/${objectionId}/outcome`, { outcome: "resolved", note: "x" })).statusCode, 403);
    assert.equal((await officer.send("POST", `/api/v1/objections/${objectionId}/outcome`, { outcome: "maybe", note: "x" })).statusCode, 400);
    const closed = await officer.send("POST", `/api/v1/objections/${objectionId}/outcome`, {
      outcome: "resolved",
      note: "Klant akkoord na uitleg over de SCC's.",
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<{ status: string }>().status, "resolved");
    const [notice] = await noticesOf(a.controllerId, "objection_closed");
    assert.equal((notice?.data as { outcome: string }).outcome, "resolved");
    assert.equal((await a.owner.send("POST", `/api/v1/objections/${objectionId}/messages`, { body: "Nog één ding." })).statusCode, 409);
    assert.equal((await officer.send("POST", `/api/v1/objections/${objectionId}/outcome`, { outcome: "resolved", note: "Nogmaals" })).statusCode, 409);
    const own = (await a.owner.get("/api/v1/objections")).json<{ id: string }[]>();
    assert.deepEqual(
      own.map((o) => o.id),
      [objectionId],
    );
    assert.deepEqual((await b.owner.get("/api/v1/objections")).json<unknown[]>(), []);
    assert.equal((await officer.get(`/api/v1/subprocessor-changes/${change.id}/objections`)).json<unknown[]>().length, 1);
  });

  test("it cannot take effect before the windows close; after them it can, and the register, annexes and customers follow", async () => {
    const early = await officer.send(
      "PUT",
      `/api/v1/subprocessor-changes/${change.id}/effective-date`,
      { effectiveAt: "2026-04-05T08:00:00Z" },
      { "accept-language": "nl" },
    );
    assert.equal(early.statusCode, 400);
    assert.equal(errorOf(early).fields[0]?.field, "body.effectiveAt");
    assert.match(errorOf(early).message, /vóór het einde van de bezwaartermijn \(10-04-2026 23:59 \(UTC\+02:00\)\)/);
    const englishEarly = await officer.send(
      "PUT",
      `/api/v1/subprocessor-changes/${change.id}/effective-date`,
      { effectiveAt: "2026-04-05T08:00:00Z" },
      { "accept-language": "en" },
    );
    assert.match(errorOf(englishEarly).message, /before the objection window closes/);
    assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${change.id}/apply`)).statusCode, 409, "no date and windows open");
    assert.equal((await officer.send("PUT", `/api/v1/subprocessor-changes/${change.id}/effective-date`, { effectiveAt: "soon" })).statusCode, 400);

    t.clock.set(new Date("2026-04-11T06:00:00Z"));
    const late = await b.owner.send(
      "POST",
      `/api/v1/subprocessor-changes/${change.id}/objections`,
      { reason: "Wij willen geen nieuwe partij voor onze e-mail." },
      { "accept-language": "nl" },
    );
    assert.equal(late.statusCode, 409);
    assert.match(errorOf(late).message, /bezwaartermijn is verstreken op 10-04-2026 23:59 \(UTC\+02:00\)/);

    const annexesBefore = (await a.owner.get(`/api/v1/controllers/${a.controllerId}/annexes`)).json<{ version: number }[]>();
    const set = await officer.send("PUT", `/api/v1/subprocessor-changes/${change.id}/effective-date`, { effectiveAt: "2026-04-11T08:00:00Z" });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${change.id}/apply`)).statusCode, 409, "never before its effective date");
    t.clock.set(new Date("2026-04-11T08:00:00Z"));
    const applied = await officer.send("POST", `/api/v1/subprocessor-changes/${change.id}/apply`);
    assert.equal(applied.statusCode, 200, applied.body);
    assert.equal(applied.json<ChangeOut>().status, "effective");

    const sub = (await a.owner.get(`/api/v1/subprocessors/${acme.id}`)).json<SubOut>();
    assert.deepEqual([sub.status, sub.services.map((s) => s.code), sub.pendingChangeId], ["active", ["email"], null]);
    const annexesAfter = (await a.owner.get(`/api/v1/controllers/${a.controllerId}/annexes`)).json<
      { version: number; content: { subprocessors?: { name: string }[] } }[]
    >();
    assert.equal(annexesAfter[0]?.version, (annexesBefore[0]?.version ?? 0) + 1, "a new Annex 1 version");
    assert.deepEqual(
      annexesAfter[0]?.content.subprocessors?.map((s) => s.name),
      ["Acme Mail"],
    );
    const [effective] = await noticesOf(a.controllerId, "subprocessor_change_effective");
    assert.equal((effective?.data as { annexVersion: number }).annexVersion, annexesAfter[0]?.version, "the notice names the new annex version");
    assert.equal((await noticesOf(b.controllerId, "subprocessor_change_effective")).length, 1);
    assert.equal((await noticesOf(c.controllerId, "subprocessor_change_effective")).length, 0);
    const [windowB] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectId, change.id), eq(obligations.controllerId, b.controllerId)));
    assert.equal(windowB?.status, "lapsed", "an unused window closes");
    assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${change.id}/apply`)).statusCode, 409, "once");
    assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${change.id}/withdraw`, { reason: "Te laat" })).statusCode, 409);
  });

  test("an active sub-processor's services and locations change only through an announced change", async () => {
    const body = subprocessorBody("Acme Mail", [svc.email ?? "", svc["web-hosting"] ?? ""]);
    const refused = await officer.send("PUT", `/api/v1/subprocessors/${acme.id}`, body, { "accept-language": "en" });
    assert.equal(refused.statusCode, 409);
    assert.match(errorOf(refused).message, /announced change/);
    const moved = await officer.send(
      "PUT",
      `/api/v1/subprocessors/${acme.id}`,
      subprocessorBody("Acme Mail", [svc.email ?? ""], [{ country: "US", city: "Ashburn", mechanism: null }]),
    );
    assert.equal(moved.statusCode, 409);
    const renamed = await officer.send("PUT", `/api/v1/subprocessors/${acme.id}`, { ...subprocessorBody("Acme Mail GmbH", [svc.email ?? ""]), website: null });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const ground = await officer.send(
      "PUT",
      `/api/v1/subprocessors/${acme.id}`,
      subprocessorBody("Acme Mail GmbH", [svc.email ?? ""], [{ country: "DE", city: "Frankfurt", mechanism: "scc" }]),
    );
    assert.equal(ground.statusCode, 200, "the legal ground of a location it has may be corrected");
  });
});

describe("withdrawing and removing", () => {
  test("a withdrawn change tells its customers, stops their windows, and cannot be objected to", async () => {
    const beta = (await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Beta Backup", [svc["web-hosting"] ?? ""]))).json<SubOut>();
    const announced = (
      await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId: beta.id, plan: {}, description })
    ).json<ChangeOut>();
    assert.equal(announced.affectedCount, 2, "A and C take web hosting; plan.serviceIds defaults to the proposal's services");
    const second = await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId: beta.id, plan: {}, description });
    assert.equal(second.statusCode, 409, "one pending change per sub-processor");
    const empty = await officer.send("POST", `/api/v1/subprocessor-changes/${announced.id}/withdraw`, { reason: "  " });
    assert.equal(errorOf(empty).fields[0]?.field, "body.reason");
    const withdrawn = await officer.send("POST", `/api/v1/subprocessor-changes/${announced.id}/withdraw`, { reason: "Leverancier voldoet niet." });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json<ChangeOut>().status, "withdrawn");
    for (const x of [a, c]) {
      const [notice] = await noticesOf(x.controllerId, "subprocessor_change_withdrawn");
      assert.equal((notice?.data as { reason: string }).reason, "Leverancier voldoet niet.");
    }
    const windows = await t.database.db.select().from(obligations).where(eq(obligations.subjectId, announced.id));
    assert.deepEqual(
      windows.map((w) => w.status),
      ["cancelled", "cancelled"],
    );
    const late = await c.owner.send("POST", `/api/v1/subprocessor-changes/${announced.id}/objections`, {
      reason: "Wij willen geen nieuwe partij voor back-ups.",
    });
    assert.equal(late.statusCode, 409);
    assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${announced.id}/withdraw`, { reason: "Nogmaals" })).statusCode, 409);
    assert.equal((await officer.get(`/api/v1/subprocessors/${beta.id}`)).json<SubOut>().status, "proposed");
  });

  test("once no affected customer remains (left the service, or leaving after objecting), a removal may take effect early", async () => {
    t.clock.set(new Date("2026-05-04T10:00:00Z"));
    const removal = await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "remove", subprocessorId: acme.id, plan: {}, description });
    assert.equal(removal.statusCode, 201, removal.body);
    const r = removal.json<ChangeOut>();
    assert.equal(r.affectedCount, 2);
    const early = "2026-05-05T10:00:00Z";
    assert.equal((await officer.send("PUT", `/api/v1/subprocessor-changes/${r.id}/effective-date`, { effectiveAt: early })).statusCode, 400);

    // B ends its email service; A objects and settles by leaving.
    assert.equal(
      (await officer.send("PUT", `/api/v1/controllers/${b.controllerId}/services`, { services: [{ code: "web-hosting", monthlyFeeCents: 500 }] })).statusCode,
      200,
    );
    const objection = await a.owner.send("POST", `/api/v1/subprocessor-changes/${r.id}/objections`, {
      reason: "Wij hebben Acme juist nodig voor onze archivering.",
    });
    assert.equal(objection.statusCode, 201);
    assert.equal(
      (await officer.send("PUT", `/api/v1/subprocessor-changes/${r.id}/effective-date`, { effectiveAt: early })).statusCode,
      400,
      "A's objection is still open",
    );
    const leaves = await officer.send("POST", `/api/v1/objections/${objection.json<{ id: string }>().id}/outcome`, {
      outcome: "customer_leaves",
      note: "Klant zegt de e-maildienst op.",
    });
    assert.equal(leaves.statusCode, 200);
    const set = await officer.send("PUT", `/api/v1/subprocessor-changes/${r.id}/effective-date`, { effectiveAt: early });
    assert.equal(set.statusCode, 200, set.body);
    t.clock.set(new Date(early));
    assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${r.id}/apply`)).statusCode, 200);
    const sub = (await officer.get(`/api/v1/subprocessors/${acme.id}`)).json<SubOut>();
    assert.deepEqual([sub.status, sub.services], ["removed", []]);
    assert.equal((await noticesOf(a.controllerId, "subprocessor_change_effective")).length, 2, "A still takes email until it leaves: told");
    assert.equal((await noticesOf(b.controllerId, "subprocessor_change_effective")).length, 1, "B left the service: not told again");
    assert.deepEqual(await verifyChain(t.database.db).then((v) => v.ok), true);
  });
});

describe("bad input and atomicity", () => {
  test("announcements with bad input are refused naming the field", async () => {
    const gamma = (await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Gamma", [svc.colocation ?? ""]))).json<SubOut>();
    const cases: [unknown, string, number][] = [
      [{ kind: "add", subprocessorId: gamma.id, plan: {}, description: { nl: "", en: "x" } }, "body.description.nl", 400],
      [{ kind: "move", subprocessorId: gamma.id, plan: {}, description }, "body.kind", 400],
      [{ kind: "add", subprocessorId: "not-a-uuid", plan: {}, description }, "body.subprocessorId", 400],
      [{ kind: "add", subprocessorId: "00000000-0000-4000-8000-000000000000", plan: {}, description }, "body.subprocessorId", 400],
      [{ kind: "add", subprocessorId: gamma.id, plan: { serviceIds: ["00000000-0000-4000-8000-000000000000"] }, description }, "body.plan.serviceIds", 400],
      [{ kind: "add", subprocessorId: gamma.id, plan: {}, description, plannedEffectiveAt: "tomorrow" }, "body.plannedEffectiveAt", 400],
      [{ kind: "add", subprocessorId: gamma.id, plan: {}, description, plannedEffectiveAt: "2020-01-01T00:00:00Z" }, "body.plannedEffectiveAt", 400],
      [{ kind: "add", subprocessorId: gamma.id, plan: { locations: [] }, description }, "body.plan.locations", 400],
      [{ kind: "replace", subprocessorId: gamma.id, plan: {}, description }, "body.replacesId", 400],
      [{ kind: "relocate", subprocessorId: gamma.id, plan: {}, description }, "", 409],
      [{ kind: "add", subprocessorId: gamma.id, plan: {}, description, extra: 1 }, "body.extra", 400],
    ];
    for (const [body, field, status] of cases) {
      const response = await officer.send("POST", "/api/v1/subprocessor-changes", body);
      assert.equal(response.statusCode, status, `${JSON.stringify(body)}: ${response.body}`);
      if (field) {
        assert.ok(
          errorOf(response).fields.some((f) => f.field === field),
          `${field} named: ${response.body}`,
        );
      }
    }
    const badCountry = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Delta", [], [{ country: "XX", city: null, mechanism: null }]));
    assert.equal(badCountry.statusCode, 400);
    assert.equal(errorOf(badCountry).fields[0]?.field, "body.locations.0.country");
    const badMechanism = await officer.send(
      "POST",
      "/api/v1/subprocessors",
      subprocessorBody("Delta", [], [{ country: "US", city: null, mechanism: "pinky-swear" }]),
    );
    assert.equal(badMechanism.statusCode, 400);
    assert.match(errorOf(badMechanism).fields[0]?.field ?? "", /body\.locations\.0\.mechanism/);
  });

  test("a change that touches no one is announced and may take effect at once", async () => {
    const gamma = (await officer.get("/api/v1/subprocessors")).json<(SubOut & { name: string })[]>().find((s) => s.name === "Gamma");
    const announced = await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId: gamma?.id, plan: {}, description });
    assert.equal(announced.statusCode, 201, announced.body);
    const zero = announced.json<ChangeOut>();
    assert.equal(zero.affectedCount, 0);
    assert.equal(zero.windowClosesAt, t.clock.now().toISOString());
    const applied = await officer.send("POST", `/api/v1/subprocessor-changes/${zero.id}/apply`);
    assert.equal(applied.statusCode, 200, applied.body);
    assert.equal(applied.json<ChangeOut>().effectiveAt, t.clock.now().toISOString());
  });

  test("if a notice cannot be written, nothing of the announcement is", async () => {
    const delta = (await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Delta Mail", [svc["web-hosting"] ?? ""]))).json<SubOut>();
    const count = async () =>
      (
        await rows<{ changes: number; windows: number; events: number }>(
          t.database.db,
          sql`select (select count(*)::int from subprocessor_changes) as changes, (select count(*)::int from obligations) as windows, (select count(*)::int from events) as events`,
        )
      )[0];
    const before = await count();
    await t.database.db.execute(
      sql`create function art28_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'notice refused by test'; end $$`,
    );
    await t.database.db.execute(sql`create trigger art28_test_refuse before insert on notices for each row execute function art28_test_refuse()`);
    try {
      const failed = await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId: delta.id, plan: {}, description });
      assert.equal(failed.statusCode, 500);
      assert.doesNotMatch(failed.body, /notice refused/, "no internals leak");
    } finally {
      await t.database.db.execute(sql`drop trigger art28_test_refuse on notices`);
      await t.database.db.execute(sql`drop function art28_test_refuse()`);
    }
    assert.deepEqual(await count(), before, "no change, no window, no event");
    assert.equal((await officer.get(`/api/v1/subprocessors/${delta.id}`)).json<SubOut>().pendingChangeId, null);
    assert.equal(
      (await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId: delta.id, plan: {}, description })).statusCode,
      201,
      "and it works once the fault is gone",
    );
  });
});
