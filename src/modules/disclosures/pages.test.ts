import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { staffSession, type Session } from "../../../test/support/sessions.ts";
import { disclosureOrderCustomers, events, notices, obligations } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { SYSTEM_ACTOR, verifyChain } from "../evidence/index.ts";
import { notifyCustomers } from "./notify-customers.ts";

// Issue 16: a disclosure order's customers (art. 9.2) are told a page at a time in one transaction.
// With pages of two, five customers take three pages: the gag's end opens each one duty, each is
// told once and its duty met once; told again, nothing is written; customers added later are told
// on their own, late ones named as late across pages.

type Made = Awaited<ReturnType<typeof createCustomer>>;

// Tuesday 20 October 2026, 10:00 in Amsterdam.
const START = new Date("2026-10-20T08:00:00.000Z");
const HOUR = 60 * 60 * 1000;
const PAGE = 2;

let t: TestApp;
let officer: Session;
let first: Made[];
let later: Made[];
let bystander: Made;
let orderId: string;

const processor = <T>(work: (tx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { kind: "processor" }, work);
const notify = () =>
  processor((tx) => notifyCustomers(tx, t.clock, SYSTEM_ACTOR, orderId, { summary: "Gegevens van één mailbox zijn opgevraagd.", nameAuthority: false }, PAGE));
const ids = (made: Made[]) => made.map((c) => c.controllerId).sort();
const rowsOfOrder = () => t.database.db.select().from(disclosureOrderCustomers).where(eq(disclosureOrderCustomers.orderId, orderId));
const disclosureNotices = () => t.database.db.select().from(notices).where(eq(notices.kind, "disclosure_notice"));
const duties = () =>
  t.database.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.subjectType, "disclosure_order"), eq(obligations.subjectId, orderId)));
const notifiedEvents = () => t.database.db.select().from(events).where(eq(events.type, "disclosure.customers_notified"));

before(async () => {
  t = await createTestApp(START);
  officer = await staffSession(t, "privacy_officer");
  first = [];
  for (let i = 0; i < 5; i++) {
    first.push(await createCustomer(t.database.db, t.clock, { name: `Bevel Eerst ${i}` }));
  }
  later = [];
  for (let i = 0; i < 3; i++) {
    later.push(await createCustomer(t.database.db, t.clock, { name: `Bevel Later ${i}` }));
  }
  bystander = await createCustomer(t.database.db, t.clock, { name: "Bevel Niet Betrokken" });
  // Gagged for an hour: no duty opens until the gag ends.
  const recorded = await officer.send("POST", "/api/v1/disclosure-orders", {
    authority: "Politie Eenheid Noord-Nederland",
    authorityKind: "police",
    legalBasis: "art. 126nd Wetboek van Strafvordering",
    receivedAt: START.toISOString(),
    dataRequested: "Inloggegevens van vijf mailboxen.",
    controllerIds: first.map((c) => c.controllerId),
    gag: "until_date",
    gagUntil: new Date(START.getTime() + HOUR).toISOString(),
  });
  assert.equal(recorded.statusCode, 201, recorded.body);
  orderId = recorded.json<{ id: string }>().id;
  assert.equal((await duties()).length, 0, "no duty under the gag");
});
after(() => t.close());

test("the gag's end opens each customer one duty a page at a time; each is told once and its duty met once", async () => {
  t.clock.set(new Date(START.getTime() + 2 * HOUR));
  assert.equal(await notify(), first.length);

  const open = await duties();
  assert.deepEqual(open.map((d) => d.controllerId).sort(), ids(first), "one duty per customer");
  assert.ok(open.every((d) => d.status === "met" && d.metInTime === true));
  const rows = await rowsOfOrder();
  assert.deepEqual(rows.map((r) => r.obligationId).sort(), open.map((d) => d.id).sort(), "each row linked to its own duty");
  const told = await disclosureNotices();
  assert.deepEqual(told.map((n) => n.controllerId).sort(), ids(first), "one notice per customer, none to the bystander");
  assert.ok(!told.some((n) => n.controllerId === bystander.controllerId));
  assert.deepEqual(rows.map((r) => r.noticeId).sort(), told.map((n) => n.id).sort(), "each row marked with its own notice");
  assert.ok(rows.every((r) => r.notifiedAt?.getTime() === t.clock.now().getTime()));

  const queued = await t.database.db.select().from(events).where(eq(events.type, "notice.queued"));
  assert.equal(queued.filter((e) => told.some((n) => n.id === e.subjectId)).length, first.length);
  const met = await t.database.db.select().from(events).where(eq(events.type, "obligation.met"));
  assert.equal(met.filter((e) => open.some((d) => d.id === e.subjectId)).length, first.length);
  const [event] = await notifiedEvents();
  assert.deepEqual([...(event?.data.controllerIds as string[])].sort(), ids(first), "one event names them all");
  assert.deepEqual(event?.data.late, []);
});

test("told again: refused, nothing written", async () => {
  const refused = await notify().then(
    () => null,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof AppError, String(refused));
  assert.equal(refused.code, "conflict");
  assert.equal((await disclosureNotices()).length, first.length);
  assert.equal((await notifiedEvents()).length, 1);
});

test("customers added later are told on their own, a page at a time; the late ones named", async () => {
  const added = await officer.send("POST", `/api/v1/disclosure-orders/${orderId}/customers`, { controllerIds: later.map((c) => c.controllerId) });
  assert.equal(added.statusCode, 200, added.body);
  // Their duties run from the gag's end (an hour after the receipt): 24 hours have passed.
  t.clock.set(new Date(START.getTime() + 26 * HOUR));
  assert.equal(await notify(), later.length);

  const told = await disclosureNotices();
  assert.deepEqual(told.map((n) => n.controllerId).sort(), ids([...first, ...later]), "one notice per customer, none twice");
  const all = await duties();
  assert.equal(all.length, first.length + later.length);
  assert.ok(all.every((d) => d.status === "met"));
  const second = (await notifiedEvents()).find((e) => (e.data.controllerIds as string[]).length === later.length);
  assert.deepEqual([...(second?.data.controllerIds as string[])].sort(), ids(later));
  assert.deepEqual([...(second?.data.late as string[])].sort(), ids(later), "late on every page");
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
