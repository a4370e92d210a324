import { announcementData as announcement } from "../../../test/support/notice-data.ts";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { inScope } from "../../db/scope.ts";
import { contacts, deliveries, events, type EventType } from "../../db/schema/index.ts";
import { startOutboxWorker } from "../../jobs/outbox-worker.ts";
import { newWebhookSecret, postWebhook } from "../../jobs/webhook-client.ts";
import { createTestApp, login, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import type { NoticeData } from "../../db/schema/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "./queue-notices.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

async function queue(controllerId: string, data: NoticeData) {
  const [id] = await inScope(t.database.db, { kind: "processor" }, (tx) => queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId, data }]));
  assert.ok(id);
  return id;
}

const eventsOf = async (type: EventType, noticeId: string) =>
  (
    await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, type), eq(events.subjectId, noticeId)))
  ).length;

test("a notice goes to the privacy contact and the owners, once per address, and to the portal inbox", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const id = await queue(customer.controllerId, announcement(crypto.randomUUID()));
  const rows = await t.database.db.select().from(deliveries).where(eq(deliveries.noticeId, id));
  assert.deepEqual(rows.map((r) => r.recipientRole).sort(), ["owner", "privacy_contact"]);
  assert.equal(await eventsOf("notice.queued", id), 1);

  const owner = await login(t.app, customer.owner.email);
  const inbox = (await owner.get("/api/v1/notices?unread=true")).json<{ items: { id: string; title: string; audience: string; requiresAck: boolean }[] }>();
  const item = inbox.items.find((n) => n.id === id);
  assert.ok(item, "in the inbox");
  assert.equal(item.audience, "customer");
  assert.equal(item.requiresAck, true);
  assert.match(item.title, /Offsite Backup GmbH/);
});

test("opening records 'read' once; acknowledging records it once; a viewer may read but not acknowledge", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const id = await queue(customer.controllerId, announcement(crypto.randomUUID()));
  const viewer = await login(t.app, customer.viewer.email);
  const owner = await login(t.app, customer.owner.email);

  const opened = await viewer.get(`/api/v1/notices/${id}`);
  assert.equal(opened.statusCode, 200);
  const detail = opened.json<{ subject: string; text: string; html: string; openedAt: string | null; deliveries: { recipientRole: string }[] }>();
  assert.ok(detail.openedAt);
  assert.match(detail.text, /5\.2/);
  assert.match(detail.html, /Offsite Backup GmbH/);
  await owner.get(`/api/v1/notices/${id}`);
  assert.equal(await eventsOf("notice.opened", id), 1, "only the first opening is evidence");

  assert.equal((await viewer.send("POST", `/api/v1/notices/${id}/acknowledge`)).statusCode, 403);
  assert.equal((await owner.send("POST", `/api/v1/notices/${id}/acknowledge`)).statusCode, 204);
  assert.equal((await owner.send("POST", `/api/v1/notices/${id}/acknowledge`)).statusCode, 409);
  assert.equal(await eventsOf("notice.acknowledged", id), 1);
});

test("staff notices stay in the back-office: a customer never sees them, staff of another role neither", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const officer = await createStaff(t.database.db, "privacy_officer");
  const id = await inScope(t.database.db, { kind: "processor" }, (tx) =>
    queueStaffNotice(tx, t.clock, SYSTEM_ACTOR, {
      controllerId: customer.controllerId,
      roles: ["privacy_officer"],
      data: {
        kind: "objection_received",
        changeId: crypto.randomUUID(),
        objectionId: crypto.randomUUID(),
        subprocessorName: "X",
        customerName: customer.name,
        reason: "Wij willen dit niet.",
      },
    }),
  );
  const owner = await login(t.app, customer.owner.email);
  assert.equal((await owner.get(`/api/v1/notices/${id}`)).statusCode, 404);
  const ownInbox = (await owner.get("/api/v1/notices")).json<{ items: { id: string }[] }>();
  assert.ok(!ownInbox.items.some((n) => n.id === id));

  const privacy = await login(t.app, officer.email);
  const staffInbox = (await privacy.get("/api/v1/notices")).json<{ items: { id: string; audience: string }[] }>();
  assert.equal(staffInbox.items.find((n) => n.id === id)?.audience, "staff");
  const security = await login(t.app, (await createStaff(t.database.db, "security_officer")).email);
  assert.equal((await security.get(`/api/v1/notices/${id}`)).statusCode, 404);
});

test("without SMTP the worker keeps emails in the outbox; staff see them there, customers may not", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const id = await queue(customer.controllerId, announcement(crypto.randomUUID()));
  const worker = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl: null, pollMs: 0 });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
  const rows = await t.database.db.select().from(deliveries).where(eq(deliveries.noticeId, id));
  assert.ok(
    rows.every((r) => r.status === "held" && r.subject && r.bodySha256),
    "rendered and kept",
  );
  assert.equal(await eventsOf("notice.held", id), rows.length);

  const officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
  const outbox = (await officer.get("/api/v1/outbox?status=held&pageSize=200")).json<{ items: { noticeId: string; subject: string }[] }>();
  assert.ok(outbox.items.some((d) => d.noticeId === id && /Offsite Backup GmbH/.test(d.subject)));
  const owner = await login(t.app, customer.owner.email);
  assert.equal((await owner.get("/api/v1/outbox")).statusCode, 403);

  // Wherever a held email is shown, it says so: held, not sent, and why; and the notice has its readable reference.
  type Shown = { status: string; statusLabel: { nl: string; en: string }; statusNote: { nl: string; en: string } | null; sentAt: string | null };
  const notice = (await owner.get(`/api/v1/notices/${id}`)).json<{ reference: string; deliveries: Shown[] }>();
  assert.match(notice.reference, /^N-2026-[0-9]{6}$/);
  assert.ok(notice.deliveries.length > 0);
  for (const d of notice.deliveries) {
    assert.equal(d.status, "held");
    assert.deepEqual(d.statusLabel, { nl: "Vastgehouden, niet verzonden", en: "Held, not sent" });
    assert.match(d.statusNote?.en ?? "", /not gone to the recipient/);
    assert.equal(d.sentAt, null);
  }
  const held = (await officer.get("/api/v1/outbox?status=held&pageSize=200")).json<{ items: (Shown & { noticeId: string; noticeReference: string })[] }>();
  const row = held.items.find((d) => d.noticeId === id);
  assert.equal(row?.noticeReference, notice.reference);
  assert.equal(row?.statusLabel.en, "Held, not sent");
  // The email that was kept quotes the same reference, not an id.
  assert.ok(rows.every((r) => r.body?.includes(`Kenmerk: ${notice.reference}`) || r.body?.includes(`Reference: ${notice.reference}`)));
  assert.equal((await officer.get("/api/v1/outbox?status=lost")).statusCode, 400);
});

test("webhook endpoints: https only (http for localhost), secret shown once, owner only, disabling keeps the log", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const owner = await login(t.app, customer.owner.email);
  const viewer = await login(t.app, customer.viewer.email);
  const base = `/api/v1/controllers/${customer.controllerId}/webhook-endpoints`;

  const plain = await owner.send("POST", base, { url: "http://hooks.example.com/art28" });
  assert.equal(plain.statusCode, 400);
  assert.match(plain.body, /body\.url/);
  assert.equal((await owner.send("POST", base, { url: "not a url" })).statusCode, 400);
  assert.equal((await viewer.send("POST", base, { url: "https://hooks.example.com/art28" })).statusCode, 403);

  // Endpoints must not point into the processor's own network (the answers show in the log).
  const allowed = process.env.ART28_ALLOW_LOCAL_WEBHOOKS;
  process.env.ART28_ALLOW_LOCAL_WEBHOOKS = "false";
  try {
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "https://localhost/hook",
      "https://10.0.0.5/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://metadata.google.internal/",
    ]) {
      const refused = await owner.send("POST", base, { url });
      assert.equal(refused.statusCode, 400, url);
      assert.match(refused.body, /body\.url/);
    }
    const sent = await postWebhook("http://127.0.0.1:9/hook", { id: "msg_1", timestamp: 1, body: "{}", secret: newWebhookSecret() }, 1000);
    assert.equal(sent.outcome, "retry");
    assert.match("error" in sent ? sent.error : "", /refused: 127\.0\.0\.1/, "checked again when sending");
  } finally {
    process.env.ART28_ALLOW_LOCAL_WEBHOOKS = allowed;
  }

  const created = await owner.send("POST", base, { url: "https://hooks.example.com/art28", description: "ERP" });
  assert.equal(created.statusCode, 201);
  const endpoint = created.json<{ id: string; secret: string }>();
  assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/=]{40,}$/);
  const listed = (await owner.get(base)).json<Record<string, unknown>[]>();
  assert.ok(
    listed.every((e) => !("secret" in e)),
    "the secret is never shown again",
  );

  const id = await queue(customer.controllerId, announcement(crypto.randomUUID()));
  const [hook] = await t.database.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.noticeId, id), eq(deliveries.channel, "webhook")));
  assert.equal(hook?.webhookEndpointId, endpoint.id);
  assert.equal((await owner.send("DELETE", `/api/v1/webhook-endpoints/${endpoint.id}`)).statusCode, 204);
  const log = (await owner.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`)).json<{ total: number }>();
  assert.equal(log.total, 1);
  const later = await queue(customer.controllerId, announcement(crypto.randomUUID()));
  assert.equal(
    (
      await t.database.db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.noticeId, later), eq(deliveries.channel, "webhook")))
    ).length,
    0,
    "a disabled endpoint gets nothing new",
  );
});

test("a bounce reported by Message-ID reschedules the email; an unknown one is 404; changing the contact clears a failing mark", async () => {
  const customer = await createCustomer(t.database.db, t.clock);
  const id = await queue(customer.controllerId, announcement(crypto.randomUUID()));
  const [email] = await t.database.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.noticeId, id), eq(deliveries.recipientRole, "privacy_contact")));
  assert.ok(email);
  await t.database.db.update(deliveries).set({ status: "sent", sentAt: t.clock.now(), attempts: 1 }).where(eq(deliveries.id, email.id));

  const officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
  const bounced = await officer.send("POST", "/api/v1/deliveries/bounces", { messageId: email.messageId.slice(1, -1), reason: "550 5.1.1 mailbox unknown" });
  assert.equal(bounced.statusCode, 202, bounced.body);
  const [after] = await t.database.db.select().from(deliveries).where(eq(deliveries.id, email.id));
  assert.equal(after?.status, "pending");
  assert.equal((await officer.send("POST", "/api/v1/deliveries/bounces", { messageId: "<nobody@art28>", reason: "x" })).statusCode, 404);
  const owner = await login(t.app, customer.owner.email);
  assert.equal((await owner.send("POST", "/api/v1/deliveries/bounces", { messageId: email.messageId, reason: "x" })).statusCode, 403);

  await t.database.db
    .update(contacts)
    .set({ failingSince: t.clock.now(), failingReason: "550 mailbox unknown" })
    .where(eq(contacts.controllerId, customer.controllerId));
  const failing = (await owner.get(`/api/v1/controllers/${customer.controllerId}/contact`)).json<{ failingSince: string | null }>();
  assert.ok(failing.failingSince, "the portal can show that notices do not arrive");
  const saved = await owner.send("PUT", `/api/v1/controllers/${customer.controllerId}/contact`, {
    role: "dpo",
    name: "Nieuwe FG",
    email: "fg@klant.example",
    phone: null,
  });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json<{ failingSince: string | null }>().failingSince, null);
});
