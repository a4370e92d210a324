import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, publishWithObjectionDays, signIntoForce, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { agreements, annexVersions, controllers, events, notices, templateVersions } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { SYSTEM_ACTOR, verifyChain } from "../evidence/index.ts";
import { createController } from "../controllers/index.ts";
import { offerTemplateVersion } from "./offer-template.ts";
import { sendSigningReminders } from "./signing-reminders.ts";

// Issue 16: the signing reminders' sweep walks the offered agreements a page at a time, queueing each
// page's due reminders before it reads the next. With pages of two, the offers (due or not yet) take
// several pages: every customer due gets its day once, one not due yet and one in force none; the
// sweep again at the same moment queues nothing, and a later day goes to each once more. Offering
// a new template version walks the customers likewise: a first Annex 1 to those without one, the
// older offers withdrawn, the new version offered to each customer once.

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

test("a new version offered a page at a time: a first annex where none, every older offer withdrawn, one offer each; again, nothing", async () => {
  // Registered without services: no Annex 1 yet.
  const bare: string[] = [];
  for (const n of [1, 2, 3]) {
    bare.push(
      await processor((tx) =>
        createController(tx, t.clock, SYSTEM_ACTOR, {
          customerNumber: `KAAL-${n}`,
          name: `Herinnering Kaal ${n}`,
          kvk: "12345678",
          address: "Hoofdstraat 1",
          postalCode: "9711 AA",
          city: "Groningen",
          country: "NL",
          locale: "nl",
        }),
      ),
    );
  }
  const everyone = (await t.database.db.select({ id: controllers.id }).from(controllers)).map((c) => c.id).sort();
  const version = await publishWithObjectionDays(privacy, 21);
  const offer = () => processor((tx) => offerTemplateVersion(tx, t.clock, SYSTEM_ACTOR, version, PAGE));

  assert.deepEqual(await offer(), { offered: everyone.length });
  const all = await t.database.db
    .select({ id: agreements.id, controllerId: agreements.controllerId, status: agreements.status, version: templateVersions.version })
    .from(agreements)
    .innerJoin(templateVersions, eq(templateVersions.id, agreements.templateVersionId));
  const onNew = all.filter((a) => a.version === version);
  assert.deepEqual(onNew.map((a) => a.controllerId).sort(), everyone, "one offer each");
  assert.ok(onNew.every((a) => a.status === "offered"));
  const older = all.filter((a) => a.version !== version);
  assert.ok(!older.some((a) => a.status === "offered"), "no older offer left");
  assert.deepEqual(
    older.filter((a) => a.status === "in_force").map((a) => a.controllerId),
    [signed.controllerId],
    "the agreement in force stays",
  );
  for (const id of bare) {
    assert.equal((await t.database.db.select().from(annexVersions).where(eq(annexVersions.controllerId, id))).length, 1, "a first annex");
  }
  const withdrawn = await t.database.db.select().from(events).where(eq(events.type, "agreement.offer_withdrawn"));
  assert.deepEqual(
    withdrawn.map((e) => e.subjectId).sort(),
    older
      .filter((a) => a.status === "withdrawn")
      .map((a) => a.id)
      .sort(),
  );
  assert.equal(withdrawn.length, unsigned.length + 1, "the five unsigned and the later offer");
  const offeredEvents = async () =>
    (await t.database.db.select().from(events).where(eq(events.type, "agreement.offered"))).filter((e) => e.data.templateVersion === version);
  assert.deepEqual((await offeredEvents()).map((e) => e.subjectId).sort(), onNew.map((a) => a.id).sort());

  assert.deepEqual(await offer(), { offered: 0 });
  assert.equal((await offeredEvents()).length, everyone.length);
  assert.equal((await t.database.db.select().from(events).where(eq(events.type, "agreement.offer_withdrawn"))).length, withdrawn.length);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
