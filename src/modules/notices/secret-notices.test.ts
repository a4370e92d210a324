// Notices that carry a single-use link (an invitation, a password reset; notices/secrets.ts): the
// API never shows the link to anyone, admins included, whether the e-mail is held or sent; the
// e-mail that a real SMTP server receives has the working link; once it is sent (or the link has
// expired) neither the notice nor the delivery in the database holds the secret, and the link still
// works because account_links has its hash.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { startOutboxWorker } from "../../jobs/outbox-worker.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { inScope } from "../../db/scope.ts";
import { accountLinks, deliveries, deliveryAttempts, events, notices } from "../../db/schema/index.ts";
import { createTestApp, login, nextLoginAddress, PASSWORD, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { startSmtpSink, type SmtpSink } from "../../../test/engine/smtp-sink.ts";

const BASE = "https://art28.hoster.example";
const PLACEHOLDER = { nl: "[eenmalige link — alleen in de e-mail aan de ontvanger]", en: "[single-use link — only in the e-mail to the recipient]" };
let t: TestApp;
let sink: SmtpSink;
let admin: Client;
let adminCookie: string;

before(async () => {
  t = await createTestApp();
  sink = await startSmtpSink();
  admin = await login(t.app, "admin@test.example");
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: "admin@test.example", password: PASSWORD },
    remoteAddress: nextLoginAddress(),
  });
  assert.equal(response.statusCode, 200, response.body);
  adminCookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
});
after(async () => {
  await sink.close();
  await t.close();
});

/** Runs the outbox until nothing is due: to the test's SMTP server, or with none (email held). */
async function deliver(withSmtp: boolean) {
  const worker = startOutboxWorker({
    db: t.database.db,
    clock: t.clock,
    engine: t.database.engine,
    ...(withSmtp ? { smtpUrl: sink.url } : {}),
    pollMs: 0,
    portalUrl: BASE,
  });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
}

const inDb = <T>(work: (tx: typeof t.database.db) => Promise<T>) => inScope(t.database.db, { kind: "processor" }, work);

/** The newest notice of a kind, as stored, with its deliveries. */
async function stored(kind: "account_invitation" | "password_reset", recipient: string) {
  const rows = await inDb((tx) =>
    tx
      .select({ notice: notices, delivery: deliveries })
      .from(deliveries)
      .innerJoin(notices, eq(notices.id, deliveries.noticeId))
      .where(and(eq(notices.kind, kind), eq(deliveries.recipient, recipient))),
  );
  assert.ok(rows.length > 0, `a ${kind} notice to ${recipient}`);
  // Addressed to the user about their own account (the back-office names no customer role for it).
  assert.ok(
    rows.every((row) => row.delivery.recipientRole === "user"),
    "recipient role user",
  );
  const notice = rows[0]?.notice;
  assert.ok(notice);
  return { notice, deliveries: rows.map((row) => row.delivery) };
}

async function linkHashes(): Promise<Set<string>> {
  const links = await inDb((tx) => tx.select({ tokenHash: accountLinks.tokenHash }).from(accountLinks));
  return new Set(links.map((link) => link.tokenHash));
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function adminGet(url: string, locale: "nl" | "en") {
  const response = await t.app.inject({ method: "GET", url, headers: { cookie: adminCookie, "accept-language": locale } });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.body;
}

/**
 * Everything an admin can read about the notice (the notice, each delivery, the outbox list, the
 * inbox), in both languages: the secret appears nowhere; the notice and its body show the placeholder.
 */
async function assertAdminNeverSees(secret: string, noticeId: string, deliveryIds: string[], recipient: string) {
  assert.ok(secret.length >= 32, "a real secret to look for");
  for (const locale of ["nl", "en"] as const) {
    const answers: Record<string, string> = {
      notice: await adminGet(`/api/v1/notices/${noticeId}`, locale),
      outbox: await adminGet(`/api/v1/outbox?q=${encodeURIComponent(recipient)}`, locale),
      outboxAll: await adminGet(`/api/v1/outbox?pageSize=100`, locale),
      inbox: await adminGet(`/api/v1/notices?pageSize=100`, locale),
    };
    for (const id of deliveryIds) {
      answers[`delivery ${id}`] = await adminGet(`/api/v1/deliveries/${id}`, locale);
    }
    for (const [what, body] of Object.entries(answers)) {
      assert.ok(!body.includes(secret), `the ${what} answer (${locale}) holds the secret`);
    }
    const notice = JSON.parse(answers.notice ?? "{}") as { data: Record<string, unknown>; text: string; html: string };
    assert.equal(notice.data.secret, PLACEHOLDER[locale]);
    assert.ok(notice.text.includes(PLACEHOLDER[locale]), `the notice's text shows the placeholder: ${notice.text}`);
    assert.ok(!notice.html.includes("ART28-SINGLE-USE"), "no stand-in left in the HTML");
    assert.ok(notice.html.includes(PLACEHOLDER[locale]), "the notice's HTML shows the placeholder");
    for (const id of deliveryIds) {
      const delivery = JSON.parse(answers[`delivery ${id}`] ?? "{}") as { body: string | null };
      assert.ok(delivery.body?.includes(PLACEHOLDER[locale]), `the delivery's body shows the placeholder in ${locale}: ${delivery.body}`);
    }
  }
}

/** The one mail to this address, parsed, and the secret of the link in it. */
async function mailTo(address: string, path: "/invite/" | "/reset-password/") {
  const mails = sink.received.filter((m) => m.to === address);
  assert.equal(mails.length, 1, `exactly one mail to ${address}`);
  const parsed = await sink.parse(mails[0] as (typeof mails)[number]);
  const match = new RegExp(`${BASE.replace(/\./g, "\\.")}${path}([A-Za-z0-9_-]{43})`).exec(parsed.text ?? "");
  assert.ok(match?.[1], `a link in: ${parsed.text}`);
  assert.ok(String(parsed.html).includes(`${BASE}${path}${match[1]}`), "the same link in the HTML part");
  return match[1];
}

async function assertScrubbed(kind: "account_invitation" | "password_reset", recipient: string, secret: string) {
  const after = await stored(kind, recipient);
  assert.ok(!JSON.stringify(after.notice.data).includes(secret), "the notice's data no longer holds the secret");
  assert.equal((after.notice.data as unknown as Record<string, unknown>).secret, undefined);
  for (const delivery of after.deliveries) {
    assert.ok(!(delivery.body ?? "").includes(secret), "the delivery's body does not hold the secret");
    assert.ok(!(delivery.subject ?? "").includes(secret));
  }
  assert.ok((await linkHashes()).has(sha256(secret)), "account_links keeps the link's hash");
  // The e-mail kept as evidence is a copy composed alike with the link replaced, and says so; the
  // notice.sent event holds the hash of the message the relay received and of that copy.
  const kept = await inDb((tx) =>
    tx
      .select({ message: deliveryAttempts.message, deliveryId: deliveryAttempts.deliveryId })
      .from(deliveryAttempts)
      .where(
        and(
          eq(deliveryAttempts.outcome, "sent"),
          inArray(
            deliveryAttempts.deliveryId,
            after.deliveries.map((d) => d.id),
          ),
        ),
      ),
  );
  if (!after.deliveries.some((d) => d.status === "sent")) {
    assert.equal(kept.length, 0, "nothing was handed over, nothing is kept");
    return;
  }
  assert.equal(kept.length, 1, "one try was sent");
  const message = kept[0]?.message ?? "";
  assert.ok(!message.replace(/=\r\n/g, "").includes(secret), "the kept message does not hold the secret");
  assert.match(message, /^X-Art28-Body-Hides-Secret: yes\r$/m);
  const messageId = after.deliveries.find((d) => d.id === kept[0]?.deliveryId)?.messageId;
  const relayed = sink.received.find((m) => m.messageId === messageId);
  assert.ok(relayed, "the relay received it");
  const [sentEvent] = await inDb((tx) =>
    tx
      .select({ data: events.data })
      .from(events)
      .where(and(eq(events.type, "notice.sent"), eq(events.subjectId, after.notice.id))),
  );
  assert.equal(sentEvent?.data.messageSha256, sha256(relayed.raw.toString("utf8")), "the hash of the message as the relay received it");
  assert.equal(sentEvent?.data.keptMessageSha256, sha256(message), "the hash of the copy kept");
}

test("an invitation: held, the admin sees no link; replayed and sent, the e-mail has it, the database no longer does, and it works", async () => {
  const zeta = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Secret" });
  const owner = await login(t.app, zeta.owner.email);
  const email = "sanne@secret.example";
  const invited = await owner.send("POST", `/api/v1/controllers/${zeta.controllerId}/users`, { name: "Sanne", email, role: "privacy_contact", locale: "nl" });
  assert.equal(invited.statusCode, 201, invited.body);

  await deliver(false); // no SMTP: held
  const held = await stored("account_invitation", email);
  assert.equal(held.deliveries[0]?.status, "held");
  const secret = String((held.notice.data as unknown as Record<string, unknown>).secret);
  assert.ok((await linkHashes()).has(sha256(secret)), "the notice holds the link's secret while the e-mail is held");
  assert.ok(!(held.deliveries[0]?.body ?? "").includes(secret), "a held body is stored without the secret");
  await assertAdminNeverSees(
    secret,
    held.notice.id,
    held.deliveries.map((d) => d.id),
    email,
  );

  // The mail server is there now: the admin sends the held e-mail again.
  const replay = await admin.send("POST", `/api/v1/deliveries/${held.deliveries[0]?.id}/replay`);
  assert.equal(replay.statusCode, 202, replay.body);
  await deliver(true);
  await deliver(true); // nothing goes twice
  const mailed = await mailTo(email, "/invite/");
  assert.equal(mailed, secret, "the e-mail has the link");
  const sent = await stored("account_invitation", email);
  assert.deepEqual(sent.deliveries.map((d) => d.status).sort(), ["held", "sent"]);
  await assertScrubbed("account_invitation", email, secret);
  await assertAdminNeverSees(
    secret,
    sent.notice.id,
    sent.deliveries.map((d) => d.id),
    email,
  );

  // Sent once: it is not sent again (a new link is asked for instead).
  const again = await admin.send("POST", `/api/v1/deliveries/${sent.deliveries.find((d) => d.status === "sent")?.id}/replay`);
  assert.equal(again.statusCode, 409, again.body);

  const accepted = await t.app.inject({ method: "POST", url: "/api/v1/auth/invitations/accept", payload: { secret, password: "vlieger-paraplu-kaas-7" } });
  assert.equal(accepted.statusCode, 200, accepted.body);
});

test("a password reset: refused once by the relay, still sendable on the retry, then sent with a working link and scrubbed", async () => {
  const customer = await createCustomer(t.database.db, t.clock, { name: "Reset Secret BV", locale: "en" });
  const email = customer.viewer.email.toLowerCase();
  sink.rule = (address, tries) => (address === email && tries === 1 ? { code: 451, message: "try again later" } : null);
  try {
    const asked = await t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email }, remoteAddress: nextLoginAddress() });
    assert.equal(asked.statusCode, 202);
    await deliver(true);
    const refused = await stored("password_reset", email);
    assert.equal(refused.deliveries[0]?.status, "pending", "a deferral is retried");
    const secret = String((refused.notice.data as unknown as Record<string, unknown>).secret);
    assert.ok((await linkHashes()).has(sha256(secret)), "the secret is still there for the retry");
    await assertAdminNeverSees(secret, refused.notice.id, [], email);

    t.clock.advance(10 * 60_000);
    await deliver(true);
    assert.equal(await mailTo(email, "/reset-password/"), secret, "the retry's e-mail has the working link");
    const sent = await stored("password_reset", email);
    assert.equal(sent.deliveries[0]?.status, "sent");
    await assertScrubbed("password_reset", email, secret);
    await assertAdminNeverSees(
      secret,
      sent.notice.id,
      sent.deliveries.map((d) => d.id),
      email,
    );

    const confirmed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { secret, password: "gieter-zeilboot-regen-42" },
    });
    assert.equal(confirmed.statusCode, 204, confirmed.body);
  } finally {
    sink.rule = () => null;
  }
});

test("a held password reset keeps its secret until the link expires; then the sweep removes it and it is never sent", async () => {
  const customer = await createCustomer(t.database.db, t.clock, { name: "Expired Secret BV", locale: "nl" });
  const email = customer.viewer.email.toLowerCase();
  const asked = await t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email }, remoteAddress: nextLoginAddress() });
  assert.equal(asked.statusCode, 202);
  await deliver(false);
  const held = await stored("password_reset", email);
  const secret = String((held.notice.data as unknown as Record<string, unknown>).secret);
  assert.ok((await linkHashes()).has(sha256(secret)));

  await runSweep(t.database.db, t.clock, sweepTasks()); // not expired yet: kept
  assert.equal(String(((await stored("password_reset", email)).notice.data as unknown as Record<string, unknown>).secret), secret);

  t.clock.advance(61 * 60_000); // a reset link lives an hour
  const swept = await runSweep(t.database.db, t.clock, sweepTasks());
  assert.ok((swept.other.noticeSecrets ?? 0) >= 1, "the sweep removed it");
  await assertScrubbed("password_reset", email, secret);
  await assertAdminNeverSees(
    secret,
    held.notice.id,
    held.deliveries.map((d) => d.id),
    email,
  );
  const replay = await admin.send("POST", `/api/v1/deliveries/${held.deliveries[0]?.id}/replay`);
  assert.equal(replay.statusCode, 409, "an expired link is not sent again");
  await deliver(true);
  assert.equal(sink.received.filter((m) => m.to === email).length, 0, "nothing was sent");
});
