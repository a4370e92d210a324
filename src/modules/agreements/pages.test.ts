import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, signIntoForce, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { events, notices } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { verifyChain } from "../evidence/index.ts";
import { sendSigningReminders } from "./signing-reminders.ts";

// Issue 16: the signing reminders' sweep walks the offered agreements a page at a time, queueing each
// page's due reminders before it reads the next. With pages of two, the offers (due or not yet) take
// several pages: every customer due gets its day once, one not due yet and one in force none; the
// sweep again at the same moment queues nothing, and a later day goes to each once more.

const START = new Date("2026-03-28T09:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const PAGE = 2;

let t: TestApp;
let privacy: Session;
let unsigned: Customer[];
let signed: Customer;
let lateOffer: Customer;

const processor = <T>(work: (tx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { kind: "processor" }, work);
const sweepAt = (days: number) => {
  t.clock.set(new Date(START.getTime() + days * DAY));
  return processor((tx) => sendSigningReminders(tx, t.clock, PAGE));
};
/** The days each customer was reminded of, by customer. */
const remindedDays = async (who: Customer[]) => {
  const sent = await t.database.db.select().from(notices).where(eq(notices.kind, "signing_reminder"));
  return who.map((c) =>
    sent
      .filter((n) => n.controllerId === c.controllerId)
      .map((n) => (n.data.kind === "signing_reminder" ? (n.data.day ?? 0) : -1))
      .sort((a, b) => a - b),
  );
};

before(async () => {
  t = await createTestApp(START);
  privacy = await staffSession(t, "privacy_officer");
  unsigned = [];
  for (const name of ["Herinnering Echo", "Herinnering Delta", "Herinnering Charlie", "Herinnering Bravo", "Herinnering Alfa"]) {
    unsigned.push(await customer(t, name, ["email"]));
  }
  signed = await customer(t, "Herinnering Getekend", ["email"]);
  assert.equal((await privacy.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  await signIntoForce(privacy, signed, 1);
  // Offered three days later: its day 7 comes after the others'.
  t.clock.set(new Date(START.getTime() + 3 * DAY));
  lateOffer = await customer(t, "Herinnering Later", ["email"]);
  assert.equal((await privacy.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
});
after(() => t.close());

test("day 7 a page at a time: each customer due reminded once, with evidence; not the one not due yet, nor the one in force", async () => {
  assert.equal(await sweepAt(8), unsigned.length);
  assert.deepEqual(
    await remindedDays(unsigned),
    unsigned.map(() => [7]),
  );
  assert.deepEqual(await remindedDays([lateOffer, signed]), [[], []]);
  const queued = await t.database.db.select().from(events).where(eq(events.type, "agreement.signing_reminder_queued"));
  assert.deepEqual(queued.map((e) => e.controllerId).sort(), unsigned.map((c) => c.controllerId).sort());
});

test("the sweep again at the same moment queues nothing", async () => {
  assert.equal(await sweepAt(8), 0);
  assert.deepEqual(
    await remindedDays(unsigned),
    unsigned.map(() => [7]),
  );
});

test("a week later: day 14 to each of the first, day 7 to the later offer, once each", async () => {
  assert.equal(await sweepAt(15), unsigned.length + 1);
  assert.deepEqual(
    await remindedDays(unsigned),
    unsigned.map(() => [7, 14]),
  );
  assert.deepEqual(await remindedDays([lateOffer, signed]), [[7], []]);
  assert.equal(await sweepAt(15), 0);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
