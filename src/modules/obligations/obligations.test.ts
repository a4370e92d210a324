import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { inScope } from "../../db/scope.ts";
import { events, notices, obligations } from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { createTestApp, login, PASSWORD, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import { meetObligations, openObligations, type ObligationInput } from "./open-obligations.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp(new Date("2026-03-28T09:00:00Z")); // Sat 28 Mar 10:00 CET, the day before DST starts
});
after(async () => {
  await t.close();
});

const duty = (controllerId: string, subjectId: string): ObligationInput => ({
  controllerId,
  kind: "test_notice",
  nature: "duty",
  party: "processor",
  responsibleRoles: ["security_officer"],
  title: { nl: "Melding doen", en: "Give notice" },
  subject: { type: "test", id: subjectId },
  article: "6.1",
  clock: { unit: "hours", amount: 48 },
  templateVersion: 1,
  zone: "Europe/Amsterdam",
  triggerAt: t.clock.now(),
});

const window = (controllerId: string, subjectId: string): ObligationInput => ({
  ...duty(controllerId, subjectId),
  kind: "test_window",
  nature: "window",
  party: "controller",
  responsibleRoles: ["privacy_officer"],
  title: { nl: "Bezwaar mogelijk", en: "Objection possible" },
  article: "5.2",
  clock: { unit: "calendarDays", amount: 14 },
});

interface ObligationJson {
  id: string;
  dueAt: string;
  dueLocal: string;
  overdue: boolean;
  status: string;
  metInTime: boolean | null;
  kind: string;
  controllerId: string | null;
}

test("a 48 h duty is due at the exact elapsed hour across DST; a 14 cd window at the end of the 14th local day", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const [d, w] = await inScope(t.database.db, { kind: "processor" }, (tx) =>
    openObligations(tx, t.clock, SYSTEM_ACTOR, [duty(customer.controllerId, "a"), window(customer.controllerId, "a")]),
  );
  assert.equal(d?.dueAt.toISOString(), "2026-03-30T09:00:00.000Z"); // Mon 30 Mar 11:00 CEST
  assert.equal(w?.dueAt.toISOString(), "2026-04-11T21:59:59.999Z"); // Sat 11 Apr 23:59:59.999 CEST
  assert.deepEqual(d?.reminders, ["2026-03-29T09:00:00.000Z", "2026-03-29T23:24:00.000Z", "2026-03-30T07:00:00.000Z"]);

  const owner = await login(t.app, customer.owner.email);
  const mine = (await owner.get("/api/v1/obligations")).json<{ items: ObligationJson[] }>();
  const shown = mine.items.find((o) => o.id === d?.id);
  assert.equal(shown?.dueLocal, "30-03-2026 11:00 (UTC+02:00)");
  const events_ = await t.database.db
    .select()
    .from(events)
    .where(and(eq(events.type, "obligation.opened"), eq(events.subjectId, d?.id ?? "")));
  assert.equal(events_.length, 1);
});

test("the sweep reminds the responsible staff, escalates a missed duty once, and closes a lapsed window", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  await createStaff(t.database.db, "security_officer");
  const start = t.clock.now();
  const [d, w] = await inScope(t.database.db, { kind: "processor" }, (tx) =>
    openObligations(tx, t.clock, SYSTEM_ACTOR, [duty(customer.controllerId, "b"), window(customer.controllerId, "b")]),
  );
  const staffNotices = async (kind: string, obligationId: string) =>
    (
      await t.database.db
        .select()
        .from(notices)
        .where(and(eq(notices.kind, kind as "obligation_reminder"), eq(notices.subjectId, obligationId)))
    ).length;

  try {
    t.clock.set(new Date(start.getTime() + 24 * 3600_000)); // 50 % of 48 h
    await runSweep(t.database.db, t.clock);
    assert.equal(await staffNotices("obligation_reminder", d?.id ?? ""), 1);
    await runSweep(t.database.db, t.clock);
    assert.equal(await staffNotices("obligation_reminder", d?.id ?? ""), 1, "a reminder is sent once");
    assert.equal(await staffNotices("obligation_reminder", w?.id ?? ""), 0, "a customer's window sends no staff reminders");

    t.clock.set(new Date(start.getTime() + 48 * 3600_000)); // exactly due: still in time, not escalated
    await runSweep(t.database.db, t.clock);
    assert.equal(await staffNotices("obligation_escalated", d?.id ?? ""), 0);

    t.clock.set(new Date(start.getTime() + 48 * 3600_000 + 1));
    await runSweep(t.database.db, t.clock);
    await runSweep(t.database.db, t.clock);
    assert.equal(await staffNotices("obligation_escalated", d?.id ?? ""), 1, "escalated once");
    const [missed] = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, "obligation.missed"), eq(events.subjectId, d?.id ?? "")));
    assert.ok(missed, "the missed deadline is evidence");

    const officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
    const dashboard = (await officer.get("/api/v1/obligations?pageSize=200")).json<{ items: ObligationJson[] }>();
    const firstNotOverdue = dashboard.items.findIndex((o) => !o.overdue);
    const lastOverdue = dashboard.items.map((o) => o.overdue).lastIndexOf(true);
    assert.ok(lastOverdue >= 0 && (firstNotOverdue === -1 || lastOverdue < firstNotOverdue), "overdue first");

    t.clock.set(new Date("2026-04-11T21:59:59.999Z"));
    await runSweep(t.database.db, t.clock);
    const [stillOpen] = await t.database.db
      .select()
      .from(obligations)
      .where(eq(obligations.id, w?.id ?? ""));
    assert.equal(stillOpen?.status, "open", "the last millisecond of the window is inside it");
    t.clock.set(new Date("2026-04-11T22:00:00.000Z"));
    await runSweep(t.database.db, t.clock);
    const [lapsed] = await t.database.db
      .select()
      .from(obligations)
      .where(eq(obligations.id, w?.id ?? ""));
    assert.equal(lapsed?.status, "lapsed");
  } finally {
    t.clock.set(start);
  }
});

test("met in time or late is recorded once met", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const start = t.clock.now();
  const [early, late] = await inScope(t.database.db, { kind: "processor" }, (tx) =>
    openObligations(tx, t.clock, SYSTEM_ACTOR, [duty(customer.controllerId, "c1"), duty(customer.controllerId, "c2")]),
  );
  try {
    t.clock.set(new Date(start.getTime() + 48 * 3600_000));
    await inScope(t.database.db, { kind: "processor" }, (tx) => meetObligations(tx, t.clock, SYSTEM_ACTOR, [early?.id ?? ""]));
    t.clock.advance(1);
    await inScope(t.database.db, { kind: "processor" }, (tx) => meetObligations(tx, t.clock, SYSTEM_ACTOR, [late?.id ?? ""]));
    const owner = await login(t.app, customer.owner.email);
    const all = (await owner.get("/api/v1/obligations?status=met")).json<{ items: ObligationJson[] }>();
    assert.equal(all.items.find((o) => o.id === early?.id)?.metInTime, true);
    assert.equal(all.items.find((o) => o.id === late?.id)?.metInTime, false);
  } finally {
    t.clock.set(start);
  }
});

test("a customer sees only its own deadlines; another customer's is not found; bad input names the field", async () => {
  const a = await createCustomer(t.database.db, t.clock);
  const b = await createCustomer(t.database.db, t.clock);
  const [own] = await inScope(t.database.db, { kind: "processor" }, (tx) => openObligations(tx, t.clock, SYSTEM_ACTOR, [window(a.controllerId, "d")]));
  const ownerB = await login(t.app, b.owner.email);
  assert.equal((await ownerB.get(`/api/v1/obligations/${own?.id}`)).statusCode, 404);
  const listB = (await ownerB.get("/api/v1/obligations?status=all&pageSize=200")).json<{ items: ObligationJson[] }>();
  assert.ok(listB.items.every((o) => o.controllerId === b.controllerId));
  const ownerA = await login(t.app, a.owner.email);
  assert.equal((await ownerA.get(`/api/v1/obligations/${own?.id}`)).statusCode, 200);
  const bad = await ownerA.get("/api/v1/obligations?status=later");
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /status/);
  assert.equal((await ownerA.get("/api/v1/obligations/not-a-uuid")).statusCode, 400);
});

test("the iCalendar feed: a private URL per user, parsed by ical.js, with only that user's deadlines", async () => {
  const a = await createCustomer(t.database.db, t.clock);
  const b = await createCustomer(t.database.db, t.clock);
  const [mine] = await inScope(t.database.db, { kind: "processor" }, (tx) => openObligations(tx, t.clock, SYSTEM_ACTOR, [window(a.controllerId, "e")]));
  const [theirs] = await inScope(t.database.db, { kind: "processor" }, (tx) => openObligations(tx, t.clock, SYSTEM_ACTOR, [window(b.controllerId, "e")]));
  const owner = await login(t.app, a.owner.email);
  const created = await owner.send("POST", "/api/v1/calendar-feed");
  assert.equal(created.statusCode, 201);
  const path = new URL(created.json<{ url: string }>().url).pathname;
  const feed = await t.app.inject({ method: "GET", url: path });
  assert.equal(feed.statusCode, 200);
  assert.match(feed.headers["content-type"] as string, /text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(feed.body));
  const uids = calendar.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"));
  assert.ok(uids.includes(`${mine?.id}@art28`));
  assert.ok(!uids.includes(`${theirs?.id}@art28`), "another customer's deadline is not in the feed");

  const again = await owner.send("POST", "/api/v1/calendar-feed");
  assert.equal((await t.app.inject({ method: "GET", url: path })).statusCode, 404, "a new URL replaces the old one");
  assert.equal((await t.app.inject({ method: "GET", url: new URL(again.json<{ url: string }>().url).pathname })).statusCode, 200);
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/calendar/short.ics" })).statusCode, 400);
});

test("a deadline's title is in the language of the page that asks (Accept-Language), else the user's", async () => {
  const customer = await createCustomer(t.database.db, t.clock, { locale: "nl" });
  const [d] = await inScope(t.database.db, { kind: "processor" }, (tx) => openObligations(tx, t.clock, SYSTEM_ACTOR, [duty(customer.controllerId, "lang")]));
  const loggedIn = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: customer.owner.email, password: PASSWORD },
    remoteAddress: "10.99.0.1",
  });
  assert.equal(loggedIn.statusCode, 200, loggedIn.body);
  const cookie = loggedIn.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const titleIn = async (language: string | null) => {
    const answer = await t.app.inject({
      method: "GET",
      url: `/api/v1/obligations/${d?.id}`,
      headers: { cookie, ...(language ? { "accept-language": language } : {}) },
    });
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json<{ title: string }>().title;
  };
  assert.equal(await titleIn("en-GB,en;q=0.9"), "Give notice");
  assert.equal(await titleIn("nl"), "Melding doen");
  assert.equal(await titleIn(null), "Melding doen", "the user's own language");
});
