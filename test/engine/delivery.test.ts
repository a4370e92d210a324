import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { inScope } from "../../src/db/scope.ts";
import { contacts, deliveries, deliveryAttempts, events, notices, webhookEndpoints } from "../../src/db/schema/index.ts";
import { startOutboxWorker, recordBounce, type OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { newWebhookSecret } from "../../src/jobs/webhook-client.ts";
import { verifyChain } from "../../src/modules/evidence/verify-chain.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { loadProcessorContext } from "../../src/modules/notices/context.ts";
import type { NoticeData } from "../../src/db/schema/index.ts";
import { queueCustomerNotices } from "../../src/modules/notices/queue-notices.ts";
import { renderNotice } from "../../src/modules/notices/render.ts";
import { createWebhookEndpoint } from "../../src/modules/notices/use-cases.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { startHookServer, type HookServer } from "./hook-server.ts";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.ts";

let t: TestApp;
let sink: SmtpSink;
let hooks: HookServer;
let officer: { email: string };
const workers: OutboxWorker[] = [];

before(async () => {
  t = await createTestApp();
  sink = await startSmtpSink();
  hooks = await startHookServer();
  officer = await createStaff(t.database.db, "privacy_officer");
});
afterEach(async () => {
  // Each worker holds pooled connections while it works: stop it with its test.
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});
after(async () => {
  await sink.close();
  await hooks.close();
  await t.close();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function withdrawn(name = "Cloudflare"): NoticeData {
  return {
    kind: "subprocessor_change_withdrawn",
    changeId: crypto.randomUUID(),
    subprocessor: { name, activity: { nl: "Netwerkbeveiliging", en: "Network security" }, countries: ["US"] },
    reason: "Plan gewijzigd / plan changed",
  };
}

function worker(options: { smtp?: boolean } = {}): OutboxWorker {
  const w = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl: options.smtp === false ? null : sink.url, pollMs: 0 });
  workers.push(w);
  return w;
}

async function queue(controllerId: string, data: NoticeData): Promise<string> {
  const [id] = await inScope(t.database.db, { kind: "processor" }, (tx) => queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId, data }]));
  assert.ok(id);
  return id;
}

const db = () => t.database.db;
const deliveriesOf = (noticeId: string) =>
  db().select().from(deliveries).where(eq(deliveries.noticeId, noticeId)).orderBy(asc(deliveries.recipientRole), asc(deliveries.recipient));
const attemptsOf = (deliveryId: string) =>
  db().select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, deliveryId)).orderBy(asc(deliveryAttempts.at), asc(deliveryAttempts.attempt));
const eventsAbout = (noticeId: string) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.subjectType, "notice"), eq(events.subjectId, noticeId)))
    .orderBy(asc(events.seq));
const mailsTo = (address: string) => sink.received.filter((m) => m.to === address);
async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row, ...rest] = await rows;
  assert.ok(row, "expected a row");
  assert.equal(rest.length, 0, "expected exactly one row");
  return row;
}
async function contactOf(controllerId: string) {
  return one(db().select().from(contacts).where(eq(contacts.controllerId, controllerId)));
}

test("each recipient gets exactly one email in its own language, under the stored Message-ID, and each sending is evidence", async () => {
  const dutch = await createCustomer(db(), t.clock, { locale: "nl" });
  const english = await createCustomer(db(), t.clock, { locale: "en" });
  const data = withdrawn();
  const noticeNl = await queue(dutch.controllerId, data);
  const noticeEn = await queue(english.controllerId, data);

  const w = worker();
  assert.ok((await w.drain()) >= 4);

  const processor = await loadProcessorContext(db());
  const subjectIn = (locale: "nl" | "en") =>
    renderNotice(data, locale, {
      ...processor,
      portalUrl: "http://localhost:3000",
      noticeUrl: "http://localhost:3000/n",
      reference: "N-2026-000001",
      recipientName: null,
      customerName: null,
    }).subject;
  assert.notEqual(subjectIn("nl"), subjectIn("en"));

  const rows = [...(await deliveriesOf(noticeNl)), ...(await deliveriesOf(noticeEn))];
  assert.deepEqual(rows.map((r) => r.recipientRole).sort(), ["owner", "owner", "privacy_contact", "privacy_contact"]);
  const englishContact = rows.find((r) => r.noticeId === noticeEn && r.recipientRole === "privacy_contact");
  assert.equal(englishContact?.locale, "en", "the English customer's contact is written to in English");
  for (const row of rows) {
    assert.equal(row.status, "sent", `${row.recipient} is sent`);
    assert.equal(row.attempts, 1);
    const mails = mailsTo(row.recipient);
    assert.equal(mails.length, 1, `${row.recipient} got exactly one email`);
    const [first] = mails;
    assert.ok(first);
    const mail = await sink.parse(first);
    assert.equal(mail.messageId, row.messageId, "the Message-ID is the stored one");
    assert.equal(mail.subject, subjectIn(row.locale), `${row.recipient} reads it in ${row.locale}`);
    assert.equal(mail.subject, row.subject, "the subject as sent is stored");
    assert.equal(mail.text?.trim(), row.body?.trim(), "the body as sent is stored");
    assert.equal(row.bodySha256, sha256(row.body ?? ""));
    assert.equal(mail.headers.get("auto-submitted"), "auto-generated");
    const [attempt] = await attemptsOf(row.id);
    assert.equal(attempt?.outcome, "sent");
    assert.match(attempt?.response ?? "", /^250/);
  }
  for (const noticeId of [noticeNl, noticeEn]) {
    const sent = (await eventsAbout(noticeId)).filter((e) => e.type === "notice.sent");
    const mine = rows.filter((r) => r.noticeId === noticeId);
    assert.equal(sent.length, mine.length, "one notice.sent event per delivery");
    for (const row of mine) {
      const event = sent.find((e) => e.data.messageId === row.messageId);
      assert.equal(event?.data.recipient, row.recipient);
      assert.equal(event?.data.bodySha256, row.bodySha256);
      assert.match(String(event?.data.response), /^250/);
      assert.equal(event?.controllerId, row.controllerId, "in the customer's own evidence stream");
    }
  }
  assert.equal(await w.drain(), 0, "nothing is due any more");
  for (const row of rows) {
    assert.equal(mailsTo(row.recipient).length, 1, "and nothing is sent twice");
  }
  const chain = await verifyChain(db());
  assert.ok(chain.ok, `the evidence chain verifies: ${JSON.stringify(chain.firstBroken)}`);
});

test("without SMTP, email is held in the outbox, rendered and stored; webhooks still go out", async () => {
  const c = await createCustomer(db(), t.clock);
  const secret = newWebhookSecret();
  await inScope(db(), { kind: "processor" }, (tx) =>
    createWebhookEndpoint(tx, t.clock, SYSTEM_ACTOR, c.controllerId, { url: hooks.url("/held-mode") }, secret),
  );
  const noticeId = await queue(c.controllerId, withdrawn());

  const w = worker({ smtp: false });
  assert.equal(await w.drain(), 3);

  const rows = await deliveriesOf(noticeId);
  const emails = rows.filter((r) => r.channel === "email");
  assert.equal(emails.length, 2);
  for (const row of emails) {
    assert.equal(row.status, "held");
    assert.ok(row.subject && row.body, "the message is rendered and stored");
    assert.equal(row.bodySha256, sha256(row.body ?? ""));
    assert.equal(mailsTo(row.recipient).length, 0, "and not sent");
  }
  const webhook = rows.find((r) => r.channel === "webhook");
  assert.equal(webhook?.status, "sent");
  assert.equal(hooks.requests.filter((r) => r.path === "/held-mode").length, 1);
  const types = (await eventsAbout(noticeId)).map((e) => e.type);
  assert.equal(types.filter((type) => type === "notice.held").length, 2);
  assert.equal(types.filter((type) => type === "notice.sent").length, 1);
});

test("a refused address (550) is retried on the schedule; after the last try the contact is failing and the owner and privacy officer are told, once", async () => {
  const c = await createCustomer(db(), t.clock);
  const contact = await contactOf(c.controllerId);
  const address = contact.email.toLowerCase();
  sink.rule = (to) => (to === address ? { code: 550, message: "5.1.1 No such user here" } : null);
  try {
    const noticeId = await queue(c.controllerId, withdrawn());
    const w = worker();
    await w.drain();
    const toContact = async () =>
      one(
        db()
          .select()
          .from(deliveries)
          .where(and(eq(deliveries.noticeId, noticeId), eq(deliveries.recipient, address))),
      );
    let row = await toContact();
    assert.equal(row.status, "pending");
    assert.equal(row.attempts, 1);
    assert.match(row.lastError ?? "", /550/);
    assert.equal(mailsTo(c.owner.email.toLowerCase()).length, 1, "the owner's copy went out");

    // The schedule after the first try: 1 min, 5 min, 30 min, 2 h, 6 h.
    for (const [i, delay] of [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR].entries()) {
      t.clock.advance(delay - 1000);
      await w.drain();
      assert.equal((await toContact()).attempts, i + 1, `not tried before its time (try ${i + 2})`);
      t.clock.advance(1000);
      await w.drain();
      assert.equal((await toContact()).attempts, i + 2, `tried at its time (try ${i + 2})`);
    }
    row = await toContact();
    assert.equal(row.status, "failed");
    assert.ok(row.failedAt);
    const log = await attemptsOf(row.id);
    assert.deepEqual(
      log.map((a) => [a.attempt, a.outcome]),
      [1, 2, 3, 4, 5, 6].map((n) => [n, "refused"]),
    );
    assert.ok(
      log.every((a) => /^550/.test(a.response ?? "")),
      "each try's answer is logged",
    );
    const types = (await eventsAbout(noticeId)).filter((e) => e.data.recipient === address).map((e) => e.type);
    assert.deepEqual(types, [...Array(5).fill("notice.retry_scheduled"), "notice.failed"]);

    const failing = await contactOf(c.controllerId);
    assert.ok(failing.failingSince, "the contact is marked failing");
    assert.match(failing.failingReason ?? "", /550/);
    const contactEvents = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, "contact.failing"), eq(events.controllerId, c.controllerId)));
    assert.equal(contactEvents.length, 1);

    const told = await db()
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "contact_failing"), eq(notices.controllerId, c.controllerId)));
    assert.equal(told.length, 2, "one notice to the customer, one to the privacy officers");
    const toStaff = told.find((n) => n.staffRoles !== null);
    assert.deepEqual(toStaff?.staffRoles, ["privacy_officer"]);
    assert.equal((toStaff?.data as { customerName: string | null }).customerName, c.name);
    await w.drain();
    const ownerMails = mailsTo(c.owner.email.toLowerCase());
    assert.equal(ownerMails.length, 2, "the owner is told");
    assert.ok(ownerMails.some((m) => told.some((n) => m.messageId.startsWith(`<${n.id}.`))));
    assert.ok(
      mailsTo(officer.email.toLowerCase()).some((m) => m.messageId.startsWith(`<${toStaff?.id}.`)),
      "the privacy officer is told",
    );

    // The contact_failing notice to the failing address fails too, and that must not start another round.
    for (const delay of [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR]) {
      t.clock.advance(delay);
      await w.drain();
    }
    const customerNotice = told.find((n) => n.staffRoles === null);
    const again = await one(
      db()
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.noticeId, customerNotice?.id ?? ""), eq(deliveries.recipient, address))),
    );
    assert.equal(again.status, "failed");
    const after = await db()
      .select()
      .from(notices)
      .where(and(eq(notices.kind, "contact_failing"), eq(notices.controllerId, c.controllerId)));
    assert.equal(after.length, 2, "no further contact_failing notices");
    assert.equal(mailsTo(address).length, 0);
  } finally {
    sink.rule = () => null;
  }
});

test("a temporary refusal (451) and then acceptance: sent on the second try, each try in the log", async () => {
  const c = await createCustomer(db(), t.clock);
  const address = (await contactOf(c.controllerId)).email.toLowerCase();
  sink.rule = (to, n) => (to === address && n === 1 ? { code: 451, message: "4.7.1 Greylisted, try again later" } : null);
  try {
    const noticeId = await queue(c.controllerId, withdrawn());
    const w = worker();
    await w.drain();
    const row = await one(
      db()
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.noticeId, noticeId), eq(deliveries.recipient, address))),
    );
    assert.equal(row.status, "pending");
    assert.equal(row.nextAttemptAt.getTime(), t.clock.now().getTime() + MINUTE);
    t.clock.advance(MINUTE);
    await w.drain();
    const sent = await one(db().select().from(deliveries).where(eq(deliveries.id, row.id)));
    assert.equal(sent.status, "sent");
    assert.equal(sent.attempts, 2);
    assert.equal(mailsTo(address).length, 1);
    const log = await attemptsOf(row.id);
    assert.deepEqual(
      log.map((a) => [a.attempt, a.outcome, a.response?.slice(0, 3)]),
      [
        [1, "refused", "451"],
        [2, "sent", "250"],
      ],
    );
    const types = (await eventsAbout(noticeId)).filter((e) => e.data.recipient === address).map((e) => e.type);
    assert.deepEqual(types, ["notice.retry_scheduled", "notice.sent"]);
  } finally {
    sink.rule = () => null;
  }
});

test("a bounce after acceptance is logged and rescheduled, a repeat of it changes nothing, and the last bounce fails the delivery", async () => {
  const c = await createCustomer(db(), t.clock);
  const address = (await contactOf(c.controllerId)).email.toLowerCase();
  const noticeId = await queue(c.controllerId, withdrawn());
  const w = worker();
  await w.drain();
  const row = await one(
    db()
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.noticeId, noticeId), eq(deliveries.recipient, address))),
  );
  assert.equal(row.status, "sent");

  const bounce = { messageId: row.messageId, reason: "550 5.1.1 <dpo@customer.example>: user unknown" };
  const first = await recordBounce(db(), t.clock, bounce);
  assert.equal(first?.status, "rescheduled");
  const repeat = await recordBounce(db(), t.clock, bounce);
  assert.equal(repeat?.status, "ignored", "the same bounce twice is one bounce");
  assert.equal(await recordBounce(db(), t.clock, { messageId: "<nobody@art28>", reason: "x" }), null);

  let current = await one(db().select().from(deliveries).where(eq(deliveries.id, row.id)));
  assert.equal(current.status, "pending");
  assert.equal(current.attempts, 1, "the try that bounced counts");
  assert.equal(current.nextAttemptAt.getTime(), t.clock.now().getTime() + MINUTE);
  assert.deepEqual(
    (await attemptsOf(row.id)).map((a) => [a.attempt, a.outcome]),
    [
      [1, "sent"],
      [1, "bounced"],
    ],
  );
  assert.equal((await eventsAbout(noticeId)).filter((e) => e.type === "notice.bounced").length, 1);

  t.clock.advance(MINUTE);
  await w.drain();
  assert.equal(mailsTo(address).length, 2, "sent again");
  assert.deepEqual(new Set(mailsTo(address).map((m) => m.messageId)), new Set([row.messageId]), "under the same Message-ID");

  // It keeps bouncing: after the sixth try the delivery fails and the contact is failing (art. 4.4).
  for (const delay of [5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR]) {
    assert.equal((await recordBounce(db(), t.clock, bounce))?.status, "rescheduled");
    t.clock.advance(delay);
    await w.drain();
  }
  current = await one(db().select().from(deliveries).where(eq(deliveries.id, row.id)));
  assert.equal(current.attempts, 6);
  assert.equal((await recordBounce(db(), t.clock, bounce))?.status, "failed");
  current = await one(db().select().from(deliveries).where(eq(deliveries.id, row.id)));
  assert.equal(current.status, "failed");
  assert.ok((await contactOf(c.controllerId)).failingSince, "the contact is failing");
  assert.equal((await eventsAbout(noticeId)).filter((e) => e.type === "notice.bounced").length, 6);
});

test("webhooks are signed per Standard Webhooks, retried after a 500, and an endpoint answering 410 is disabled; the delivery log shows each try", async () => {
  const c = await createCustomer(db(), t.clock);
  const secretA = newWebhookSecret();
  const secretB = newWebhookSecret();
  const [a, b] = await inScope(db(), { kind: "processor" }, async (tx) => [
    await createWebhookEndpoint(tx, t.clock, SYSTEM_ACTOR, c.controllerId, { url: hooks.url("/flaky") }, secretA),
    await createWebhookEndpoint(tx, t.clock, SYSTEM_ACTOR, c.controllerId, { url: hooks.url("/gone") }, secretB),
  ]);
  hooks.answer = (path, n) => (path === "/gone" ? 410 : path === "/flaky" && n === 1 ? 500 : 200);
  try {
    const data = withdrawn("Hetzner");
    const noticeId = await queue(c.controllerId, data);
    const w = worker();
    await w.drain();
    const hookRows = (await deliveriesOf(noticeId)).filter((r) => r.channel === "webhook");
    const toA = hookRows.find((r) => r.webhookEndpointId === a?.id);
    const toB = hookRows.find((r) => r.webhookEndpointId === b?.id);
    assert.ok(toA && toB);
    assert.equal(toA.status, "pending", `the flaky endpoint's delivery: attempts ${toA.attempts}, last error ${toA.lastError}`);
    assert.equal(toA.nextAttemptAt.getTime(), t.clock.now().getTime() + 5000, "the next try in 5 s");
    assert.equal(toB.status, "failed", `the 410 endpoint's delivery: attempts ${toB.attempts}, last error ${toB.lastError}`);
    const endpointB = await one(
      db()
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.id, toB.webhookEndpointId ?? "")),
    );
    assert.ok(endpointB.disabledAt, "the endpoint that answered 410 is disabled");
    assert.equal(
      (
        await db()
          .select()
          .from(events)
          .where(and(eq(events.type, "webhook_endpoint.disabled"), eq(events.subjectId, endpointB.id)))
      ).length,
      1,
    );

    t.clock.advance(5000);
    await w.drain();
    const sentA = await one(db().select().from(deliveries).where(eq(deliveries.id, toA.id)));
    assert.equal(sentA.status, "sent");

    assert.deepEqual(
      (await attemptsOf(toA.id)).map((x) => [x.attempt, x.outcome, x.httpStatus]),
      [
        [1, "refused", 500],
        [2, "sent", 200],
      ],
    );
    assert.deepEqual(
      (await attemptsOf(toB.id)).map((x) => [x.attempt, x.outcome, x.httpStatus]),
      [[1, "refused", 410]],
    );

    const received = hooks.requests.filter((r) => r.path === "/flaky");
    assert.equal(received.length, 2);
    for (const request of received) {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      const payload = new Webhook(secretA).verify(request.body, headers) as { type: string; data: Record<string, unknown> };
      assert.equal(payload.type, "notice.subprocessor_change_withdrawn");
      assert.equal(payload.data.noticeId, noticeId);
      assert.equal(payload.data.controllerId, c.controllerId);
      assert.deepEqual(payload.data.subprocessor, data.kind === "subprocessor_change_withdrawn" ? data.subprocessor : null);
      assert.equal(request.headers["webhook-id"], toA.messageId, "webhook-id is the delivery's message id, the same on every try");
      assert.throws(() => new Webhook(secretB).verify(request.body, headers), "another endpoint's secret does not verify it");
    }
    assert.equal(received[0]?.body, received[1]?.body, "the same body on every try");
    assert.equal(sentA.bodySha256, sha256(received[1]?.body ?? ""));
    const sentEvents = (await eventsAbout(noticeId)).filter((e) => e.type === "notice.sent" && e.data.channel === "webhook");
    assert.equal(sentEvents.length, 1);
    assert.equal(sentEvents[0]?.data.httpStatus, 200);
  } finally {
    hooks.answer = () => 200;
  }
});

test("the evidence chain still verifies after every path above", async () => {
  const chain = await verifyChain(db());
  assert.ok(chain.ok, JSON.stringify(chain.firstBroken));
  const counts = await db()
    .select({ status: deliveries.status, n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(inArray(deliveries.status, ["sent", "held", "failed"]))
    .groupBy(deliveries.status);
  assert.ok(counts.length === 3, `deliveries in every end state: ${JSON.stringify(counts)}`);
});
