import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, description, errorOf, serviceIds, staffSession, subprocessorBody, type Customer, type Session } from "../../../test/support/sessions.ts";
import { contacts, deliveries, events, notices } from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { verifyChain } from "../evidence/index.ts";
import { assessAndNotify } from "../../../test/support/breach-fixture.ts";

// The homes (what needs doing) through the API: the customer's items appear and disappear as they
// are handled, its own 72-hour AP clock with why it started, in its deadlines and calendar too; the
// staff's queue with bulk countersign; signing reminders on the template's schedule, once each.

interface HomeItem {
  kind: string;
  id: string;
  urgency: string;
  title: string;
  detail: string;
  reason: string | null;
  startedAt: string | null;
  dueAt: string | null;
  dueLocal: string | null;
  remainingMs: number | null;
  href: string;
}
interface Home {
  items: HomeItem[];
  badges: { breaches: number; notices: number; subprocessors: number };
}
interface BulkOut {
  countersigned: number;
  results: { id: string; outcome: string; status: string | null; controllerId: string | null }[];
}

let t: TestApp;
let privacy: Session;
let security: Session;
let support: Session;
let a: Customer;
let b: Customer;
let c: Customer;

// Monday 2 March 2026, 10:00 in Amsterdam (CET); summer time starts on Sunday 29 March.
const OFFERED = "2026-03-02T09:00:00.000Z";

const home = async (who: Customer) => {
  const response = await who.owner.get("/api/v1/home");
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Home>();
};
const kinds = (h: Home) => h.items.map((i) => i.kind);
const reminders = async (who: Customer) =>
  (
    await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "signing_reminder"), eq(notices.controllerId, who.controllerId)))
  ).map((n) => (n.data as { day: number | null }).day);
const sweepAt = async (iso: string) => {
  t.clock.set(new Date(iso));
  return (await runSweep(t.database.db, t.clock, sweepTasks())).other.signingReminders;
};
const offerOf = async (who: Customer) => {
  const list = (await who.owner.get("/api/v1/agreements?status=offered")).json<{ id: string }[]>();
  return list[0]?.id ?? "";
};
const sign = async (who: Customer, id: string) => {
  const document = (await who.owner.get(`/api/v1/agreements/${id}/document`)).json<{ sha256: string }>();
  const signed = await who.owner.send("POST", `/api/v1/agreements/${id}/sign`, {
    typedName: "Dirk Pieters",
    function: "Directeur",
    consent: true,
    documentSha256: document.sha256,
  });
  assert.equal(signed.statusCode, 200, signed.body);
};

before(async () => {
  t = await createTestApp(new Date(OFFERED));
  privacy = await staffSession(t, "privacy_officer");
  security = await staffSession(t, "security_officer");
  support = await staffSession(t, "support");
  a = await customer(t, "Bakkerij Alfa", ["email"]);
  b = await customer(t, "Brouwerij Beta", ["email"]);
  c = await customer(t, "Camping Gamma", ["web-hosting"]);
  assert.equal((await privacy.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
});
after(() => t.close());

describe("signing reminders", () => {
  test("on the 7th, 14th and 30th calendar day after the offer (local days, across DST), each once, never after signing", async () => {
    assert.equal(await sweepAt("2026-03-08T22:59:59.000Z"), 0, "Sunday 8 March 23:59 local: not yet day 7");
    // Two sweeps at once (two workers): each day is sent once between them.
    t.clock.set(new Date("2026-03-08T23:00:00.000Z"));
    const both = await Promise.all([runSweep(t.database.db, t.clock, sweepTasks()), runSweep(t.database.db, t.clock, sweepTasks())]);
    assert.equal(
      both.reduce((sum, r) => sum + (r.other.signingReminders ?? 0), 0),
      3,
      "Monday 9 March 00:00 local: day 7 for each unsigned customer",
    );
    assert.deepEqual(await reminders(a), [7]);
    assert.equal(await sweepAt("2026-03-08T23:01:00.000Z"), 0, "the next sweep sends nothing again");
    assert.equal(await sweepAt("2026-03-12T09:00:00.000Z"), 0);
    assert.deepEqual(await reminders(a), [7]);

    // Alfa signs; it gets no more reminders. The others get day 14.
    await sign(a, await offerOf(a));
    assert.equal(await sweepAt("2026-03-15T23:00:00.000Z"), 2, "Monday 16 March 00:00 local: day 14");
    assert.deepEqual(await reminders(a), [7]);
    assert.deepEqual(await reminders(b), [7, 14]);
    // Day 30 is Wednesday 1 April 00:00 CEST = 31 March 22:00 UTC (summer time since 29 March).
    assert.equal(await sweepAt("2026-03-31T21:59:59.000Z"), 0);
    assert.equal(await sweepAt("2026-03-31T22:00:00.000Z"), 2);
    assert.equal(await sweepAt("2026-04-20T22:00:00.000Z"), 0, "no day after the last one");
    assert.deepEqual(await reminders(b), [7, 14, 30]);

    const queued = await t.database.db.select().from(events).where(eq(events.type, "agreement.signing_reminder_queued"));
    assert.equal(queued.length, 7);
    assert.deepEqual(queued.find((e) => e.controllerId === b.controllerId)?.data, {
      templateVersion: 1,
      day: 7,
      manual: false,
      offeredAt: OFFERED,
    });
    const mail = await t.database.db
      .select()
      .from(deliveries)
      .innerJoin(notices, eq(notices.id, deliveries.noticeId))
      .where(and(eq(notices.kind, "signing_reminder"), eq(notices.controllerId, b.controllerId)));
    assert.ok(mail.length >= 3, "e-mailed to the customer (owner and privacy contact)");
  });

  test("staff remind every unsigned customer now: one each, with evidence; customers may not", async () => {
    assert.equal((await b.owner.send("POST", "/api/v1/agreements/signing-reminders")).statusCode, 403);
    assert.equal((await support.send("POST", "/api/v1/agreements/signing-reminders")).statusCode, 403);
    const response = await privacy.send("POST", "/api/v1/agreements/signing-reminders");
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { queued: 2 }, "Beta and Gamma; Alfa signed");
    assert.deepEqual(await reminders(b), [7, 14, 30, null]);
    assert.deepEqual(await reminders(a), [7]);
    const manual = (await t.database.db.select().from(events).where(eq(events.type, "agreement.signing_reminder_queued"))).filter(
      (e) => (e.data as { manual: boolean }).manual,
    );
    assert.equal(manual.length, 2);
    assert.equal(manual[0]?.actorId, privacy.userId);
    assert.equal((await verifyChain(t.database.db)).ok, true);
  });

  test("a template version sets its own schedule (parameters.reminders.signingReminderDays); bad days are a 400 naming the field", async () => {
    const v1 = (await privacy.get("/api/v1/templates/1")).json<{ texts: unknown; parameters: Record<string, unknown> }>();
    const bad = await privacy.send("POST", "/api/v1/templates", {
      texts: v1.texts,
      parameters: { ...v1.parameters, reminders: { signingReminderDays: [0] } },
      notes: "fout",
      offer: false,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.ok(
      errorOf(bad).fields.some((f) => f.field.includes("signingReminderDays")),
      JSON.stringify(errorOf(bad).fields),
    );
    const published = await privacy.send("POST", "/api/v1/templates", {
      texts: v1.texts,
      parameters: { ...v1.parameters, reminders: { signingReminderDays: [3, 10] } },
      notes: "Herinneringen na 3 en 10 dagen",
      offer: false,
    });
    assert.equal(published.statusCode, 201, published.body);
    const v2 = (await privacy.get("/api/v1/templates/2")).json<{ parameters: { reminders?: unknown } }>();
    assert.deepEqual(v2.parameters.reminders, { signingReminderDays: [3, 10] });
  });
});

describe("the customer's home", () => {
  test("an agreement to sign appears, links to its page, and is gone once signed; another customer's never shows", async () => {
    const beta = await home(b);
    const offer = beta.items.find((i) => i.kind === "sign_agreement");
    assert.ok(offer, kinds(beta).join());
    assert.equal(offer.href, `/portal/agreements/${await offerOf(b)}`);
    assert.equal(kinds(await home(a)).includes("sign_agreement"), false, "Alfa signed");
    assert.equal(JSON.stringify(await home(a)).includes(b.controllerId), false);
    assert.equal((await privacy.get("/api/v1/home")).statusCode, 403, "the customer's home is the customer's");
    assert.equal((await b.owner.get("/api/v1/staff-home")).statusCode, 403);
    await sign(b, await offerOf(b));
    assert.equal(kinds(await home(b)).includes("sign_agreement"), false);
  });

  test("the yearly request to confirm the privacy contact shows on the home until it is changed (a change confirms it)", async () => {
    assert.equal(
      kinds(await home(c)).some((k) => k === "contact_confirm" || k === "contact_stale"),
      false,
    );
    await t.database.db
      .update(contacts)
      .set({ confirmedAt: new Date("2025-04-01T08:00:00Z"), confirmationDueAt: null })
      .where(eq(contacts.controllerId, c.controllerId));
    await runSweep(t.database.db, t.clock, sweepTasks());
    const item = (await home(c)).items.find((i) => i.kind === "contact_confirm");
    assert.ok(item, kinds(await home(c)).join());
    assert.equal(item.href, "/portal/contact");
    const contact = (await c.owner.get(`/api/v1/controllers/${c.controllerId}/contact`)).json<{ confirmationStaleAt: string }>();
    assert.equal(item.dueAt, contact.confirmationStaleAt, "by the end of the period to confirm");
    const saved = await c.owner.send("PUT", `/api/v1/controllers/${c.controllerId}/contact`, {
      role: "dpo",
      name: "Dirk Pieters",
      email: "dpo@gamma.example",
      phone: "+31 50 1234567",
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(kinds(await home(c)).includes("contact_confirm"), false);
  });

  test("an estimate for a request (art. 2.4) waits on the home for the customer's decision, and is gone once decided; another customer's never shows", async () => {
    const asked = await c.owner.send("POST", "/api/v1/cases", {
      kind: "dpia_help",
      request: { subject: "dpia", title: "DPIA klantenportaal", what: "Wij vragen uw bijdrage aan onze DPIA.", services: [], neededBy: null },
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const request = asked.json<{ id: string; reference: string }>();
    const estimated = await privacy.send("POST", `/api/v1/cases/${request.id}/estimates`, {
      method: "fixed",
      fixedCents: 95000,
      description: "Bijdrage aan de DPIA",
    });
    assert.equal(estimated.statusCode, 201, estimated.body);
    const item = (await home(c)).items.find((i) => i.kind === "case_estimate");
    assert.ok(item, kinds(await home(c)).join());
    assert.equal(item.href, `/portal/cases/${request.id}`);
    assert.match(item.title, new RegExp(`^Offerte voor ${request.reference} wacht op uw besluit: DPIA klantenportaal$`));
    assert.match(item.detail, /€\s?950,00/);
    assert.equal(JSON.stringify(await home(a)).includes(request.id), false, "another customer's request");
    const estimateId = estimated.json<{ estimates: { id: string }[] }>().estimates[0]?.id;
    assert.equal((await c.owner.send("POST", `/api/v1/cases/${request.id}/estimate/decline`, { estimateId })).statusCode, 200);
    assert.equal(kinds(await home(c)).includes("case_estimate"), false);
  });

  test("an open objection window shows its end and the badge, until the customer objects", async () => {
    const svc = await serviceIds(privacy);
    const sub = await privacy.send("POST", "/api/v1/subprocessors", subprocessorBody("Thuis Mail", [svc.email ?? ""]));
    assert.equal(sub.statusCode, 201, sub.body);
    const change = await privacy.send("POST", "/api/v1/subprocessor-changes", {
      kind: "add",
      subprocessorId: sub.json<{ id: string }>().id,
      plan: {},
      description,
    });
    assert.equal(change.statusCode, 201, change.body);
    const changeId = change.json<{ id: string }>().id;
    const alfa = await home(a);
    const window = alfa.items.find((i) => i.kind === "objection_window");
    assert.ok(window, kinds(alfa).join());
    assert.equal(window.href, `/portal/subprocessors/changes/${changeId}`);
    assert.ok(window.dueAt && window.dueLocal, "with its end");
    assert.equal(alfa.badges.subprocessors, 1);
    assert.ok(kinds(alfa).includes("acknowledge"), "the announcement asks to be acknowledged");
    assert.equal(kinds(await home(c)).includes("objection_window"), false, "Gamma does not take e-mail");

    const objection = await a.owner.send("POST", `/api/v1/subprocessor-changes/${changeId}/objections`, {
      reason: "Wij willen deze partij niet voor onze gegevens.",
    });
    assert.equal(objection.statusCode, 201, objection.body);
    assert.equal(kinds(await home(a)).includes("objection_window"), false);
    assert.equal((await home(a)).badges.subprocessors, 0);

    // Staff see the new objection and the customer's message as unread until they look.
    const objectionId = objection.json<{ id: string }>().id;
    const message = await a.owner.upload(`/api/v1/objections/${objectionId}/messages`, [{ name: "body", value: "Graag overleg." }]);
    assert.equal(message.statusCode, 201, message.body);
    const badges = (await privacy.get("/api/v1/home/badges")).json<{ objections: number; messages: number }>();
    assert.equal(badges.objections, 1);
    assert.equal(badges.messages, 1);
    const staffHome = (await privacy.get("/api/v1/staff-home")).json<{ newObjections: { id: string }[]; newMessages: { objectionId: string }[] }>();
    assert.deepEqual(
      staffHome.newObjections.map((o) => o.id),
      [objectionId],
    );
    assert.equal(staffHome.newMessages[0]?.objectionId, objectionId);
    assert.equal((await privacy.send("PUT", "/api/v1/seen", { topic: "objections" })).statusCode, 204);
    const bad = await privacy.send("PUT", "/api/v1/seen", { topic: "everything" });
    assert.equal(bad.statusCode, 400);
    assert.match(JSON.stringify(errorOf(bad).fields), /topic/);
    const after = (await privacy.get("/api/v1/home/badges")).json<{ objections: number; messages: number }>();
    assert.deepEqual([after.objections, after.messages], [0, 1], "objections seen; messages not yet");
    assert.equal((await security.get("/api/v1/home/badges")).json<{ objections: number }>().objections, 1, "seen is per user");
  });
});

describe("a breach: the customer's own 72-hour clock to the AP", () => {
  let incident = "";
  test("it starts when the notice first reaches the customer, says why, and shows in the home, the deadlines and the calendar", async () => {
    t.clock.set(new Date("2026-05-04T08:00:00Z"));
    const recorded = await security.send("POST", "/api/v1/incidents", {
      title: "Webmaillek",
      description: "Lek",
      discoveredAt: "2026-05-04T07:00:00Z",
      discoveryHow: "Monitoring",
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    incident = recorded.json<{ id: string }>().id;
    const at = (path: string) => `/api/v1/incidents/${incident}${path}`;
    assert.equal((await security.send("POST", at("/customers"), { controllerIds: [a.controllerId, b.controllerId] })).statusCode, 200);
    const staffBefore = (await privacy.get("/api/v1/staff-home")).json<{ breachUnnotified: { controllerId: string; incidentId: string }[] }>();
    assert.deepEqual(staffBefore.breachUnnotified.map((u) => u.controllerId).sort(), [a.controllerId, b.controllerId].sort(), "not yet notified");
    t.clock.set(new Date("2026-05-04T10:00:00Z"));
    await assessAndNotify(security, incident, new Date("2026-05-03T00:00:00Z"));
    const staffAfter = (await privacy.get("/api/v1/staff-home")).json<{ breachUnnotified: unknown[] }>();
    assert.deepEqual(staffAfter.breachUnnotified, [], "both told");

    // Not yet reached (no delivery in this test, not opened): the home says the clock has not started.
    const waiting = (await home(a)).items.find((i) => i.kind === "ap_clock");
    assert.ok(waiting);
    assert.equal(waiting.urgency, "urgent");
    assert.equal(waiting.dueAt, null);
    assert.match(waiting.reason ?? "", /nog niet bereikt/);
    assert.equal(kinds(await home(a))[0], "ap_clock", "most urgent first");
    assert.equal(kinds(await home(c)).includes("ap_clock"), false, "Gamma was not affected");

    // Alfa's mail server accepted the e-mail at 10:05 UTC (the outbox worker marks it so).
    const [notice] = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "breach_notice"), eq(notices.controllerId, a.controllerId)));
    const [mail] = await t.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.noticeId, notice?.id ?? ""), eq(deliveries.channel, "email")));
    await t.database.db
      .update(deliveries)
      .set({ status: "sent", sentAt: new Date("2026-05-04T10:05:00Z") })
      .where(eq(deliveries.id, mail?.id ?? ""));
    // Beta opens it in the portal at 11:00 UTC.
    t.clock.set(new Date("2026-05-04T11:00:00Z"));
    assert.equal((await b.viewer.get(`/api/v1/breaches/${incident}`)).statusCode, 200);

    const alfa = (await home(a)).items.find((i) => i.kind === "ap_clock");
    assert.equal(alfa?.startedAt, "2026-05-04T10:05:00.000Z");
    assert.equal(alfa?.dueAt, "2026-05-07T10:05:00.000Z", "72 elapsed hours");
    assert.equal(alfa?.dueLocal, "07-05-2026 12:05 (UTC+02:00)");
    assert.equal(alfa?.remainingMs, 71 * 3600_000 + 5 * 60_000);
    assert.match(alfa?.reason ?? "", /04-05-2026 12:05 \(UTC\+02:00\).*mailserver van .*accepteerde|mailserver van/);
    assert.equal(alfa?.href, `/portal/breaches/${incident}`);
    const beta = (await home(b)).items.find((i) => i.kind === "ap_clock");
    assert.equal(beta?.dueAt, "2026-05-07T11:00:00.000Z");
    assert.match(beta?.reason ?? "", /voor het eerst in het portaal geopend/);
    assert.equal((await home(a)).badges.breaches, 1);

    // In the customer's deadlines: its own duty, not the processor's.
    const list = (await a.owner.get("/api/v1/obligations")).json<{
      items: { id: string; kind: string; party: string; dueAt: string; derived: boolean; note: string | null }[];
    }>();
    const own = list.items.find((o) => o.kind === "ap_notification");
    assert.ok(own, JSON.stringify(list.items.map((o) => o.kind)));
    assert.equal(own.party, "controller");
    assert.equal(own.derived, true);
    assert.equal(own.dueAt, "2026-05-07T10:05:00.000Z");
    assert.match(own.note ?? "", /12:05/);
    const one = await a.owner.get(`/api/v1/obligations/${incident}`);
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json<{ kind: string }>().kind, "ap_notification");
    assert.equal((await c.owner.get(`/api/v1/obligations/${incident}`)).statusCode, 404, "another customer's");
    const staffList = (await privacy.get("/api/v1/obligations")).json<{ items: { kind: string }[] }>();
    assert.equal(
      staffList.items.some((o) => o.kind === "ap_notification"),
      false,
      "not a duty of the processor",
    );

    // And in its calendar feed.
    const feed = await a.owner.send("POST", "/api/v1/calendar-feed");
    const path = new URL(feed.json<{ url: string }>().url).pathname;
    const calendar = await t.app.inject({ method: "GET", url: path });
    assert.equal(calendar.statusCode, 200);
    const vevents = new ICAL.Component(ICAL.parse(calendar.body)).getAllSubcomponents("vevent");
    const ap = vevents.find((v) => String(v.getFirstPropertyValue("uid")) === `ap-${incident}@art28`);
    assert.ok(ap, "the AP deadline is in the feed");
    assert.equal((ap.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(), "2026-05-07T10:05:00.000Z");
    assert.match(String(ap.getFirstPropertyValue("summary")), /Autoriteit Persoonsgegevens/);
    const gammaFeed = await c.owner.send("POST", "/api/v1/calendar-feed");
    const gamma = await t.app.inject({ method: "GET", url: new URL(gammaFeed.json<{ url: string }>().url).pathname });
    assert.equal(gamma.body.includes(incident), false, "not in another customer's calendar");
  });

  test("once the 72 hours have passed it leaves the home; the acknowledgement item goes when acknowledged", async () => {
    const ack = (await home(a)).items.find((i) => i.kind === "acknowledge" && i.href.startsWith("/portal/notices/"));
    assert.ok(ack);
    t.clock.set(new Date("2026-05-07T10:06:00Z"));
    assert.equal(kinds(await home(a)).includes("ap_clock"), false);
    const lapsed = (await a.owner.get("/api/v1/obligations?status=lapsed")).json<{ items: { kind: string }[] }>();
    assert.ok(lapsed.items.some((o) => o.kind === "ap_notification"));
    for (const item of (await home(a)).items.filter((i) => i.kind === "acknowledge")) {
      assert.equal((await a.owner.send("POST", `/api/v1/notices/${item.id}/acknowledge`)).statusCode, 204);
    }
    assert.equal(kinds(await home(a)).includes("acknowledge"), false);
  });
});

describe("bulk countersign", () => {
  test("several at once, each with its own evidence; already countersigned and unknown ids say so; customers and support may not", async () => {
    const before = (await privacy.get("/api/v1/staff-home")).json<{ countersign: { total: number; items: { id: string }[] } }>();
    const ids = before.countersign.items.map((i) => i.id);
    assert.equal(ids.length, 2, "Alfa and Beta signed");
    assert.equal(
      (await a.owner.send("POST", "/api/v1/agreements/countersign", { ids, typedName: "Priya de Vries", function: "Privacy officer" })).statusCode,
      403,
    );
    assert.equal(
      (await support.send("POST", "/api/v1/agreements/countersign", { ids, typedName: "Priya de Vries", function: "Privacy officer" })).statusCode,
      403,
    );
    for (const [body, field] of [
      [{ ids: [], typedName: "Priya de Vries", function: "Privacy officer" }, "ids"],
      [{ ids: ["nope"], typedName: "Priya de Vries", function: "Privacy officer" }, "ids"],
      [{ ids, function: "Privacy officer" }, "typedName"],
    ] as const) {
      const bad = await privacy.send("POST", "/api/v1/agreements/countersign", body);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(
        errorOf(bad).fields.some((f) => f.field.includes(field)),
        JSON.stringify(errorOf(bad).fields),
      );
    }

    const first = ids[0] ?? "";
    const single = await privacy.send("POST", "/api/v1/agreements/countersign", { ids: [first], typedName: "Priya de Vries", function: "Privacy officer" });
    assert.equal(single.statusCode, 200, single.body);
    const unknown = randomUUID();
    const response = await privacy.send("POST", "/api/v1/agreements/countersign", {
      ids: [...ids, unknown],
      typedName: "Priya de Vries",
      function: "Privacy officer",
    });
    assert.equal(response.statusCode, 200, response.body);
    const out = response.json<BulkOut>();
    assert.equal(out.countersigned, 1);
    assert.deepEqual(
      out.results.map((r) => [r.id, r.outcome, r.status]),
      [
        [first, "not_countersignable", "in_force"],
        [ids[1], "countersigned", "in_force"],
        [unknown, "not_found", null],
      ],
    );
    const countersigned = await t.database.db.select().from(events).where(eq(events.type, "agreement.countersigned"));
    assert.deepEqual(countersigned.map((e) => e.subjectId).sort(), [...ids].sort(), "one event per agreement, in its customer's chain");
    assert.equal((await verifyChain(t.database.db)).ok, true);
    const afterHome = (await privacy.get("/api/v1/staff-home")).json<{ countersign: { total: number } }>();
    assert.equal(afterHome.countersign.total, 0);
  });

  test("the staff home's charts: agreements signed per month and deadlines per week", async () => {
    const staffHome = (await privacy.get("/api/v1/staff-home")).json<{
      charts: {
        signedOverTime: { period: string; customers: number; signed: number; percent: number }[];
        deadlinesPerWeek: { weekStart: string; inTime: number }[];
      };
      delivery: { held: number };
    }>();
    const last = staffHome.charts.signedOverTime.at(-1);
    assert.equal(staffHome.charts.signedOverTime.length, 12);
    assert.equal(last?.period, "2026-05");
    assert.deepEqual([last?.customers, last?.signed, last?.percent], [3, 2, 66.7]);
    assert.equal(staffHome.charts.signedOverTime.find((p) => p.period === "2026-02")?.signed, 0);
    assert.equal(staffHome.charts.deadlinesPerWeek.length, 8);
    assert.equal(staffHome.charts.deadlinesPerWeek.at(-1)?.weekStart, "2026-05-04", "this week's Monday");
    const breachWeek = staffHome.charts.deadlinesPerWeek.find((w) => w.weekStart === "2026-05-04");
    assert.equal(breachWeek?.inTime, 3, "both 48-hour breach duties, and the request answered with its estimate, met in time");
  });

  test("an overdue duty says by how much it is late (a negative remainder), not what is left", async () => {
    const asked = await c.owner.send("POST", "/api/v1/cases", {
      kind: "dpia_help",
      request: { subject: "dpia", title: "DPIA te laat", what: "Wij vragen uw bijdrage aan onze DPIA.", services: [], neededBy: null },
    });
    assert.equal(asked.statusCode, 201, asked.body);
    t.clock.advance(16 * 24 * 3600_000);
    const staffHome = (await privacy.get("/api/v1/staff-home")).json<{ duties: { overdue: { title: string; overdue: boolean; remainingMs: number }[] } }>();
    const late = staffHome.duties.overdue.find((d) => d.title.includes("V-"));
    assert.ok(late, JSON.stringify(staffHome.duties.overdue.map((d) => d.title)));
    assert.equal(late.overdue, true);
    assert.ok(late.remainingMs < -24 * 3600_000, `late by more than a day: ${late.remainingMs}`);
  });
});
