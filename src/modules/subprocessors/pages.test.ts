import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, description, serviceIds, staffSession, subprocessorBody, type Customer, type Session } from "../../../test/support/sessions.ts";
import { changeRecipients, events, notices, obligations, subprocessorChanges } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { SYSTEM_ACTOR, verifyChain } from "../evidence/index.ts";
import { announceSubprocessorChange } from "./announce-change.ts";
import { applySubprocessorChange } from "./apply-change.ts";
import { withdrawSubprocessorChange } from "./withdraw-change.ts";

// Issue 16: a sub-processor change is announced to its customers a page at a time in one
// transaction. With pages of two, five customers take three pages: each gets one window, one
// notice and one recipient row; the change's count and latest window end cover every page; a
// planned date the windows refuse (known only after the last page) writes nothing. Withdrawing it
// and making a change take effect go a page at a time likewise.

let t: TestApp;
let officer: Session;
let svc: Record<string, string>;
let told: Customer[];
let subprocessorId: string;
const actor = { ...SYSTEM_ACTOR, id: null };
const PAGE = 2;

const processor = <T>(work: (tx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { kind: "processor" }, work);
const announce = (plannedEffectiveAt?: Date) =>
  processor((tx) =>
    announceSubprocessorChange(
      tx,
      t.clock,
      actor,
      { kind: "add", subprocessorId, plan: { serviceIds: [svc.email ?? ""] }, description, plannedEffectiveAt },
      PAGE,
    ),
  );

before(async () => {
  t = await createTestApp(new Date("2026-03-20T10:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  svc = await serviceIds(officer);
  told = [];
  for (const name of ["Reeks Echo", "Reeks Delta", "Reeks Charlie", "Reeks Bravo", "Reeks Alfa"]) {
    told.push(await customer(t, name, ["email"]));
  }
  await customer(t, "Reeks Zonder Mail", ["web-hosting"]);
  const created = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Pagina Mail", [svc.email ?? ""]));
  assert.equal(created.statusCode, 201, created.body);
  subprocessorId = created.json<{ id: string }>().id;
});
after(() => t.close());

test("a planned date before the windows close, known after the last page, is refused and nothing is written", async () => {
  const refused = await announce(new Date("2026-03-21T10:00:00Z")).then(
    () => null,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof AppError, String(refused));
  assert.deepEqual(
    refused.fields.map((f) => f.field),
    ["body.plannedEffectiveAt"],
  );
  assert.equal((await t.database.db.select().from(subprocessorChanges)).length, 0);
  assert.equal((await t.database.db.select().from(changeRecipients)).length, 0);
  assert.equal((await t.database.db.select().from(notices).where(eq(notices.kind, "subprocessor_change_announced"))).length, 0);
  assert.equal((await t.database.db.select().from(obligations).where(eq(obligations.kind, "subprocessor_objection"))).length, 0);
});

test("announced a page at a time: each customer one window, notice and recipient row; the change counts them all", async () => {
  const changeId = await announce();
  const [change] = await t.database.db.select().from(subprocessorChanges).where(eq(subprocessorChanges.id, changeId));
  assert.equal(change?.affectedCount, told.length);
  const recipients = await t.database.db.select().from(changeRecipients).where(eq(changeRecipients.changeId, changeId));
  assert.deepEqual(recipients.map((r) => r.controllerId).sort(), told.map((c) => c.controllerId).sort());
  const latest = recipients.reduce((end, r) => (r.windowEndsAt > end ? r.windowEndsAt : end), new Date(0));
  assert.equal(change?.windowClosesAt.toISOString(), latest.toISOString(), "the latest window end over every page");

  const sent = await t.database.db.select().from(notices).where(eq(notices.kind, "subprocessor_change_announced"));
  assert.deepEqual(sent.map((n) => n.id).sort(), recipients.map((r) => r.noticeId).sort(), "each recipient its own notice");
  const windows = await t.database.db.select().from(obligations).where(eq(obligations.subjectId, changeId));
  assert.deepEqual(windows.map((w) => w.id).sort(), recipients.map((r) => r.obligationId).sort(), "each recipient its own window");
  assert.ok(windows.every((w) => w.status === "open"));

  const [announced] = await t.database.db.select().from(events).where(eq(events.type, "subprocessor_change.announced"));
  assert.equal(announced?.data.affected, told.length);
  const summary = announced?.data.windows as { customers: number; endsAt: string }[];
  assert.equal(
    summary.reduce((n, w) => n + w.customers, 0),
    told.length,
  );
  assert.equal(announced?.data.windowClosesAt, latest.toISOString());
  assert.equal((await t.database.db.select().from(events).where(eq(events.type, "notice.queued"))).length, told.length);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});

test("withdrawn a page at a time: every recipient told once, every window cancelled once", async () => {
  const [change] = await t.database.db.select().from(subprocessorChanges).where(eq(subprocessorChanges.status, "announced"));
  assert.ok(change);
  await processor((tx) => withdrawSubprocessorChange(tx, t.clock, actor, change.id, "Toch niet nodig", PAGE));
  const withdrawn = await t.database.db.select().from(notices).where(eq(notices.kind, "subprocessor_change_withdrawn"));
  assert.deepEqual(withdrawn.map((n) => n.controllerId).sort(), told.map((c) => c.controllerId).sort());
  const windows = await t.database.db.select().from(obligations).where(eq(obligations.subjectId, change.id));
  assert.equal(windows.length, told.length);
  assert.ok(windows.every((w) => w.status === "cancelled"));
  assert.equal((await t.database.db.select().from(events).where(eq(events.type, "obligation.cancelled"))).length, told.length);
  const [event] = await t.database.db.select().from(events).where(eq(events.type, "subprocessor_change.withdrawn"));
  assert.deepEqual([event?.data.customersTold, event?.data.windowsCancelled], [told.length, told.length]);
});

test("taking effect a page at a time: every customer told once, every window still open lapsed once", async () => {
  const changeId = await announce();
  const [change] = await t.database.db.select().from(subprocessorChanges).where(eq(subprocessorChanges.id, changeId));
  t.clock.set(new Date((change?.windowClosesAt.getTime() ?? 0) + 1000));
  await processor((tx) => applySubprocessorChange(tx, t.clock, actor, changeId, PAGE));
  const effective = await t.database.db.select().from(notices).where(eq(notices.kind, "subprocessor_change_effective"));
  assert.deepEqual(effective.map((n) => n.controllerId).sort(), told.map((c) => c.controllerId).sort());
  const windows = await t.database.db.select().from(obligations).where(eq(obligations.subjectId, changeId));
  assert.equal(windows.length, told.length);
  assert.ok(windows.every((w) => w.status === "lapsed"));
  const [event] = await t.database.db.select().from(events).where(eq(events.type, "subprocessor_change.applied"));
  assert.deepEqual([event?.data.customersTold, event?.data.windowsLapsed], [told.length, told.length]);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
