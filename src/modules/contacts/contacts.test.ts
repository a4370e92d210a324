import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq, inArray } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createCustomerUser, createStaff } from "../../../test/support/factories.ts";
import { errorOf, session, signIntoForce, type Session } from "../../../test/support/sessions.ts";
import { contacts, deliveries, events, notices, obligations } from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { verifyChain } from "../evidence/index.ts";

// art. 4.4 through the sweep and the API: the yearly request to confirm the privacy contact, exactly
// once per due date (12 months after the last confirmation, by legal time's month rule), its reminder,
// the stale mark with the owners told, the one-click confirmation that resets it all, the customer's
// own duty in its deadlines, and the staff's list of stale and failing contacts.

interface ContactOut {
  name: string;
  email: string;
  updatedAt: string;
  confirmedAt: string | null;
  confirmationDueAt: string | null;
  confirmationRequestedAt: string | null;
  confirmationStaleAt: string | null;
  staleSince: string | null;
}
interface AttentionOut {
  total: number;
  items: { controllerId: string; customerName: string; email: string; staleSince: string | null; staleDays: number | null; failingDays: number | null }[];
}

type Made = Awaited<ReturnType<typeof createCustomer>>;

let t: TestApp;
let a: Made; // default schedule (no agreement): 12 months, reminder after 14 days, stale after 30
let b: Made;
let c: Made; // in force on a template version with its own schedule: 1 month, 7 days, 10 days

// Friday 31 January 2025, 10:00 in Amsterdam (CET): every contact is created (and so confirmed) now. (In the past:
// a session made at a clock later than the real time would already have expired.)
const START = "2025-01-31T09:00:00.000Z";

const login = (email: string) => session(t.app, email);
const staff = async (role: "privacy_officer" | "support" | "admin") => login((await createStaff(t.database.db, role)).email);
const sweepAt = async (iso: string) => {
  t.clock.set(new Date(iso));
  return (await runSweep(t.database.db, t.clock, sweepTasks())).other.contactConfirmations ?? 0;
};
const contactOf = async (who: Made) => {
  const [row] = await t.database.db.select().from(contacts).where(eq(contacts.controllerId, who.controllerId));
  assert.ok(row);
  return row;
};
const noticesOf = async (who: Made, kind: "contact_confirmation" | "contact_stale") =>
  t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.kind, kind), eq(notices.controllerId, who.controllerId)));
const eventsOf = async (who: Made, type: string) =>
  (await t.database.db.select().from(events).where(eq(events.controllerId, who.controllerId))).filter((e) => e.type === type);
const confirm = (as: Session, who: Made, updatedAt: string) => as.send("POST", `/api/v1/controllers/${who.controllerId}/contact/confirmation`, { updatedAt });

before(async () => {
  t = await createTestApp(new Date(START));
  c = await createCustomer(t.database.db, t.clock, { name: "Camping Gamma", services: ["web-hosting"] });
  const officer = await staff("privacy_officer");
  const v1 = (await officer.get("/api/v1/templates/1")).json<{ texts: unknown; parameters: Record<string, unknown> }>();
  const published = await officer.send("POST", "/api/v1/templates", {
    texts: v1.texts,
    parameters: { ...v1.parameters, reminders: { contactConfirmationMonths: 1, contactReminderDays: 7, contactStaleDays: 10 } },
    notes: "maandelijkse bevestiging",
    offer: false,
  });
  assert.equal(published.statusCode, 201, published.body);
  assert.equal((await officer.send("POST", "/api/v1/templates/2/offer")).statusCode, 200);
  await signIntoForce(officer, { controllerId: c.controllerId, name: c.name, owner: await login(c.owner.email), viewer: await login(c.viewer.email) }, 2);
  // Created after the offer: no agreement, so the defaults apply.
  a = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
  b = await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta", locale: "en" });
});
after(() => t.close());

describe("the yearly confirmation of the privacy contact (art. 4.4)", () => {
  test("bad parameters in a template version are a 400 naming the field", async () => {
    const officer = await staff("privacy_officer");
    const v1 = (await officer.get("/api/v1/templates/1")).json<{ texts: unknown; parameters: Record<string, unknown> }>();
    const bad = await officer.send("POST", "/api/v1/templates", {
      texts: v1.texts,
      parameters: { ...v1.parameters, reminders: { contactConfirmationMonths: 0 } },
      notes: "x",
      offer: false,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.ok(
      errorOf(bad).fields.some((f) => f.field.includes("contactConfirmationMonths")),
      bad.body,
    );
  });

  test("a template version's own schedule: confirmed on 31 January, 1 month → asked on 28 February (legal time's month rule)", async () => {
    assert.equal(await sweepAt("2025-02-27T22:59:59.000Z"), 0, "27 February 23:59:59 local: not yet");
    const scheduled = await contactOf(c);
    assert.equal(scheduled.confirmationDueAt?.toISOString(), "2025-02-27T23:00:00.000Z", "the start of 28 February, local");
    assert.equal((await contactOf(a)).confirmationDueAt?.toISOString(), "2026-01-30T23:00:00.000Z", "the default: 31 January 2026, local");
    assert.equal(await sweepAt("2025-02-27T23:00:00.000Z"), 1);
    const asked = await contactOf(c);
    assert.equal(asked.confirmationRequestedAt?.toISOString(), "2025-02-27T23:00:00.000Z");
    assert.equal(asked.confirmationRemindAt?.toISOString(), "2025-03-06T23:00:00.000Z", "7 local days on");
    assert.equal(asked.confirmationStaleAt?.toISOString(), "2025-03-10T22:59:59.999Z", "the end of the 10th local day");
    const [requested] = await eventsOf(c, "contact.confirmation_requested");
    assert.equal((requested?.data as { months: number; templateVersion: number }).months, 1);
    assert.equal((requested?.data as { templateVersion: number }).templateVersion, 2);
    // Confirmed now: asked again a month on, 28 March 00:00 local.
    const owner = await login(c.owner.email);
    const ok = await confirm(owner, c, asked.updatedAt.toISOString());
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json<ContactOut>().confirmationDueAt, "2025-03-27T23:00:00.000Z");
    assert.equal(ok.json<ContactOut>().confirmationRequestedAt, null);
  });

  test("the default: asked exactly once 12 months on, reminded after 14 days, stale after 30 with the owners told", async () => {
    const noticesBefore = (await noticesOf(a, "contact_confirmation")).length;
    assert.equal(noticesBefore, 0);
    await sweepAt("2026-01-30T22:59:59.000Z");
    assert.equal((await contactOf(a)).confirmationRequestedAt, null, "30 January 2026 23:59:59 local: not yet");
    // Two sweeps at once (two workers): each contact is asked once between them.
    t.clock.set(new Date("2026-01-30T23:00:00.000Z"));
    await Promise.all([runSweep(t.database.db, t.clock, sweepTasks()), runSweep(t.database.db, t.clock, sweepTasks())]);
    await sweepAt("2026-01-30T23:05:00.000Z");
    for (const who of [a, b]) {
      assert.equal((await noticesOf(who, "contact_confirmation")).length, 1, `${who.name}: asked once`);
      assert.equal((await eventsOf(who, "contact.confirmation_requested")).length, 1);
    }
    const [request] = await noticesOf(a, "contact_confirmation");
    assert.deepEqual(request?.data, {
      kind: "contact_confirmation",
      reminder: false,
      contactName: "Dirk Pieters",
      contactEmail: (await contactOf(a)).email,
      lastConfirmedAt: START,
      staleAt: "2026-03-02T22:59:59.999Z",
    });
    const mail = await t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.noticeId, request?.id ?? ""));
    assert.deepEqual(new Set(mail.map((d) => d.recipientRole)), new Set(["privacy_contact", "owner"]), "to the contact and the owner");
    assert.deepEqual(new Set(mail.map((d) => d.recipient)), new Set([(await contactOf(a)).email, a.owner.email]));

    // The customer's own duty, in its deadlines: party controller, due at the end of the period.
    const owner = await login(a.owner.email);
    const deadlines = (await owner.get("/api/v1/obligations")).json<{ items: { kind: string; party: string; dueAt: string; status: string }[] }>();
    const duty = deadlines.items.find((o) => o.kind === "contact_confirmation");
    assert.ok(duty, JSON.stringify(deadlines));
    assert.equal(duty.party, "controller");
    assert.equal(duty.dueAt, "2026-03-02T22:59:59.999Z");
    const home = (await owner.get("/api/v1/home")).json<{ items: { kind: string; dueAt: string | null; title: string }[] }>();
    assert.equal(home.items.find((i) => i.kind === "contact_confirm")?.dueAt, "2026-03-02T22:59:59.999Z");

    // The reminder: 14 February 2026, 00:00 local; once.
    await sweepAt("2026-02-13T22:59:59.000Z");
    assert.equal((await noticesOf(a, "contact_confirmation")).length, 1);
    await sweepAt("2026-02-13T23:00:00.000Z");
    await sweepAt("2026-02-13T23:01:00.000Z");
    const sent = await noticesOf(a, "contact_confirmation");
    assert.deepEqual(
      sent.map((n) => (n.data as { reminder: boolean }).reminder),
      [false, true],
    );
    assert.equal((await eventsOf(a, "contact.confirmation_reminded")).length, 1);

    // Beta confirms in time; Alfa does not.
    const beta = await login(b.owner.email);
    await sweepAt("2026-02-20T10:00:00.000Z");
    const confirmed = await confirm(beta, b, (await contactOf(b)).updatedAt.toISOString());
    assert.equal(confirmed.statusCode, 200, confirmed.body);

    await sweepAt("2026-03-02T22:59:59.999Z");
    assert.equal((await contactOf(a)).staleSince, null, "at the due instant itself it is not yet stale");
    await sweepAt("2026-03-02T23:00:00.000Z");
    await sweepAt("2026-03-02T23:01:00.000Z");
    assert.equal((await contactOf(a)).staleSince?.toISOString(), "2026-03-02T23:00:00.000Z");
    assert.equal((await contactOf(b)).staleSince, null);
    const stale = await noticesOf(a, "contact_stale");
    assert.equal(stale.length, 1, "the owners are told once");
    const told = await t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.noticeId, stale[0]?.id ?? ""));
    assert.ok(told.some((d) => d.recipient === a.owner.email && d.recipientRole === "owner"));
    const marked = await eventsOf(a, "contact.marked_stale");
    assert.equal(marked.length, 1);
    assert.equal((marked[0]?.data as { requestedAt: string }).requestedAt, "2026-01-30T23:00:00.000Z");
    // Its duty to confirm lapsed (missed), and a customer's own duty is not escalated to the processor's staff.
    const missed = (await t.database.db.select().from(events).where(eq(events.type, "obligation.missed"))).filter((e) => e.controllerId === a.controllerId);
    assert.equal(missed.length, 1);
    assert.equal((missed[0]?.data as { escalated: boolean }).escalated, false);
    const deadlines2 = (await (await login(a.owner.email)).get("/api/v1/obligations?status=all")).json<{ items: { kind: string; status: string }[] }>();
    assert.equal(deadlines2.items.find((o) => o.kind === "contact_confirmation")?.status, "lapsed");
    const ids = (await t.database.db.select().from(obligations).where(eq(obligations.kind, "contact_confirmation"))).map((o) => o.id);
    const escalated = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "obligation_escalated"), inArray(notices.subjectId, ids)));
    assert.equal(escalated.length, 0);
  });

  test("staff see the stale and failing contacts, with how long; support only its own customers; customers may not", async () => {
    await sweepAt("2026-03-05T12:00:00.000Z");
    await t.database.db
      .update(contacts)
      .set({ failingSince: new Date("2026-03-01T12:00:00Z"), failingReason: "550 5.1.1 mailbox unavailable" })
      .where(eq(contacts.controllerId, b.controllerId));
    const officer = await staff("privacy_officer");
    const all = (await officer.get("/api/v1/contacts")).json<AttentionOut>();
    assert.deepEqual(
      all.items.map((i) => [i.customerName, i.staleDays, i.failingDays]),
      [
        ["Camping Gamma", 19, null],
        ["Brouwerij Beta", null, 4],
        ["Bakkerij Alfa", 2, null],
      ],
    );
    const stale = (await officer.get("/api/v1/contacts?state=stale")).json<AttentionOut>();
    assert.deepEqual(
      stale.items.map((i) => i.controllerId),
      [c.controllerId, a.controllerId],
    );
    assert.equal(stale.items[1]?.staleSince, "2026-03-02T23:00:00.000Z");
    assert.equal((await officer.get("/api/v1/contacts?state=failing")).json<AttentionOut>().total, 1);
    assert.equal((await officer.get("/api/v1/contacts?search=alfa")).json<AttentionOut>().total, 1);
    const badState = await officer.get("/api/v1/contacts?state=old");
    assert.equal(badState.statusCode, 400);
    assert.ok(
      errorOf(badState).fields.some((f) => f.field.includes("state")),
      badState.body,
    );
    const support = await staff("support");
    assert.equal((await support.get("/api/v1/contacts")).json<AttentionOut>().total, 0, "support sees only the customers it is assigned to");
    assert.equal((await (await login(a.owner.email)).get("/api/v1/contacts")).statusCode, 403);
    const staffHome = (await officer.get("/api/v1/staff-home")).json<{ staleContacts: number }>();
    assert.equal(staffHome.staleContacts, 2, "Gamma (monthly) and Alfa");
  });

  test("confirming is one click: a viewer may not (403), another customer gets 404, bad input names the field, a changed contact is 409", async () => {
    const alfa = await login(a.owner.email);
    const viewer = await login(a.viewer.email);
    const beta = await login(b.owner.email);
    const privacyContact = await login((await createCustomerUser(t.database.db, a.controllerId, "privacy_contact")).email);
    const seen = (await alfa.get(`/api/v1/controllers/${a.controllerId}/contact`)).json<ContactOut>();
    assert.equal(seen.staleSince, "2026-03-02T23:00:00.000Z");
    const home = (await alfa.get("/api/v1/home")).json<{ items: { kind: string; urgency: string }[] }>();
    assert.equal(home.items.find((i) => i.kind === "contact_stale")?.urgency, "urgent");

    assert.equal((await confirm(viewer, a, seen.updatedAt)).statusCode, 403);
    assert.equal((await confirm(beta, a, seen.updatedAt)).statusCode, 404);
    assert.equal((await confirm(await staff("privacy_officer"), a, seen.updatedAt)).statusCode, 403, "the customer confirms, not the processor");
    const bad = await confirm(alfa, a, "yesterday");
    assert.equal(bad.statusCode, 400, bad.body);
    assert.ok(
      errorOf(bad).fields.some((f) => f.field === "body.updatedAt" || f.field.includes("updatedAt")),
      bad.body,
    );
    const extra = await alfa.send("POST", `/api/v1/controllers/${a.controllerId}/contact/confirmation`, { updatedAt: seen.updatedAt, email: "x@y.z" });
    assert.equal(extra.statusCode, 400);
    const old = await confirm(alfa, a, "2020-01-01T00:00:00.000Z");
    assert.equal(old.statusCode, 409, old.body);
    assert.ok(errorOf(old).fields.some((f) => f.field === "body.updatedAt"));
    assert.equal((await contactOf(a)).staleSince?.toISOString(), "2026-03-02T23:00:00.000Z", "nothing written by a refused confirmation");

    const ok = await confirm(privacyContact, a, seen.updatedAt);
    assert.equal(ok.statusCode, 200, ok.body);
    const after = ok.json<ContactOut>();
    assert.equal(after.staleSince, null);
    assert.equal(after.confirmationRequestedAt, null);
    assert.equal(after.confirmedAt, "2026-03-05T12:00:00.000Z");
    assert.equal(after.confirmationDueAt, "2027-03-04T23:00:00.000Z", "12 months on: 5 March 2027, 00:00 local");
    const items = (await alfa.get("/api/v1/home")).json<{ items: { kind: string }[] }>().items.map((i) => i.kind);
    assert.equal(
      items.some((k) => k === "contact_stale" || k === "contact_confirm"),
      false,
    );
    const [event] = await eventsOf(a, "contact.confirmed");
    const data = event?.data as { via: string; wasStaleSince: string; obligations: { inTime: boolean }[] };
    assert.equal(data.via, "button");
    assert.equal(data.wasStaleSince, "2026-03-02T23:00:00.000Z");
    assert.deepEqual(data.obligations, [], "its duty lapsed when the contact went stale");
    assert.equal(event?.actorId, privacyContact.userId);
    const [duty] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.kind, "contact_confirmation"), eq(obligations.controllerId, a.controllerId)));
    assert.equal(duty?.status, "lapsed");
    assert.equal(duty?.metAt, null);
    const betaDuty = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.kind, "contact_confirmation"), eq(obligations.controllerId, b.controllerId)));
    assert.equal(betaDuty[0]?.metInTime, true);
    assert.equal((await verifyChain(t.database.db)).ok, true);
  });

  test("a change counts as a confirmation: it clears the cycle and records contact.confirmed", async () => {
    await t.database.db
      .update(contacts)
      .set({ confirmationDueAt: new Date("2026-03-01T00:00:00Z") })
      .where(eq(contacts.controllerId, a.controllerId));
    await sweepAt("2026-03-06T09:00:00.000Z");
    assert.ok((await contactOf(a)).confirmationRequestedAt, "asked again");
    const owner = await login(a.owner.email);
    const changed = await owner.send("PUT", `/api/v1/controllers/${a.controllerId}/contact`, {
      role: "privacy_contact",
      name: "Els Visser",
      email: "els@alfa.example",
      phone: null,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const out = changed.json<ContactOut>();
    assert.equal(out.confirmationRequestedAt, null);
    assert.equal(out.confirmedAt, "2026-03-06T09:00:00.000Z");
    assert.equal(out.confirmationDueAt, "2027-03-05T23:00:00.000Z");
    const confirmations = await eventsOf(a, "contact.confirmed");
    const last = confirmations.at(-1)?.data as { via: string; requestedAt: string | null; previouslyConfirmedAt: string; contact: { email: string } };
    assert.equal(last.via, "change");
    assert.equal(last.requestedAt, "2026-03-06T09:00:00.000Z", "the request this change answered");
    assert.equal(last.previouslyConfirmedAt, "2026-03-05T12:00:00.000Z");
    assert.equal(last.contact.email, "els@alfa.example");
    const duties = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.kind, "contact_confirmation"), eq(obligations.controllerId, a.controllerId)))
      .orderBy(obligations.createdAt);
    assert.deepEqual(
      duties.map((d) => [d.status, d.metInTime]),
      [
        ["lapsed", null],
        ["met", true],
      ],
      "the stale cycle's duty lapsed; this one met in time by the change",
    );
    assert.equal((await eventsOf(a, "contact.changed")).length, 2, "the factory's and this one");
    const bad = await owner.send("PUT", `/api/v1/controllers/${a.controllerId}/contact`, { role: "dpo", name: "X", email: "not-an-email", phone: null });
    assert.equal(bad.statusCode, 400);
    assert.ok(
      errorOf(bad).fields.some((f) => f.field.includes("email")),
      bad.body,
    );
  });
});
