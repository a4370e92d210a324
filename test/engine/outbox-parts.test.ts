import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { rows } from "../../src/db/engine.ts";
import { classifyMailError, createMailer, MailSendError } from "../../src/jobs/mailer.ts";
import { literal } from "../../src/jobs/outbox-sql.ts";
import { newWebhookSecret, postWebhook, signatureFor } from "../../src/jobs/webhook-client.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

// The worker's parts on their own: SQL literals (its hot statements carry values as text),
// Standard Webhooks signatures, and how SMTP failures are sorted.

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

describe("literal", () => {
  const nasty = [
    "plain",
    "it's",
    "back\\slash \\' and \\\\",
    "'; DROP TABLE deliveries; --",
    "$1 $$ $tag$",
    "tab\tnewline\n",
    "naïve ünïcödé ✓ 🚀",
    "E'x'",
    "",
  ];
  for (const value of nasty) {
    test(`round-trips ${JSON.stringify(value)} through the database unchanged`, async () => {
      const [row] = await rows<{ v: string }>(database.db, sql.raw(`select ${literal(value)}::text as v`));
      assert.equal(row?.v, value);
    });
  }

  test("numbers, null, booleans and instants; nonsense is refused", async () => {
    const at = new Date("2026-03-28T09:00:00.123Z");
    const [row] = await rows<{ n: number; z: null; b: boolean; t: Date | string }>(
      database.db,
      sql.raw(`select ${literal(42)}::int as n, ${literal(null)} as z, ${literal(true)} as b, ${literal(at)} as t`),
    );
    assert.equal(Number(row?.n), 42);
    assert.equal(row?.z, null);
    assert.equal(row?.b, true);
    assert.equal(new Date(row?.t ?? "").toISOString(), at.toISOString());
    assert.throws(() => literal(Number.NaN), RangeError);
    assert.throws(() => literal("nul\u0000byte"), RangeError);
    assert.throws(() => literal(new Date(Number.NaN)), RangeError);
  });
});

describe("Standard Webhooks signing", () => {
  test("a new secret is whsec_ and 32 random bytes; no two are the same", () => {
    const secret = newWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice(6), "base64").length, 32);
    assert.notEqual(secret, newWebhookSecret());
  });

  test("the signature is the one the reference library computes", () => {
    const secret = newWebhookSecret();
    const at = new Date("2026-03-28T09:00:00Z");
    const body = JSON.stringify({ type: "notice.objection_closed", data: { note: "ünïcödé" } });
    const reference = new Webhook(secret).sign("msg_1", at, body);
    assert.equal(signatureFor(secret, "msg_1", Math.floor(at.getTime() / 1000), body), reference);
  });

  test("a receiver that does not answer in time is a retry, not a hang", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    try {
      const { port } = silent.address() as AddressInfo;
      const result = await postWebhook(`http://127.0.0.1:${port}/`, { id: "msg_1", timestamp: 1, body: "{}", secret: newWebhookSecret() }, 300);
      assert.equal(result.outcome, "retry");
      assert.equal(result.status, null);
      assert.ok(result.durationMs < 5000);
    } finally {
      silent.close();
    }
  });
});

describe("SMTP failures", () => {
  const cases: { why: string; error: object; permanent: boolean; aboutRecipient: boolean }[] = [
    {
      why: "550 to RCPT TO: the address is refused",
      error: { code: "EENVELOPE", command: "RCPT TO", responseCode: 550, response: "550 5.1.1 no such user" },
      permanent: true,
      aboutRecipient: true,
    },
    {
      why: "451 to RCPT TO: greylisted, try later",
      error: { code: "EENVELOPE", command: "RCPT TO", responseCode: 451, response: "451 4.7.1 later" },
      permanent: false,
      aboutRecipient: true,
    },
    {
      why: "554 after DATA: the message is refused",
      error: { code: "EMESSAGE", command: "DATA", responseCode: 554, response: "554 5.7.1 spam" },
      permanent: true,
      aboutRecipient: true,
    },
    {
      why: "535 login: the relay's problem, not the customer's",
      error: { code: "EAUTH", command: "AUTH PLAIN", responseCode: 535, response: "535 bad credentials" },
      permanent: true,
      aboutRecipient: false,
    },
    {
      why: "553 to MAIL FROM: our sender is refused",
      error: { code: "EENVELOPE", command: "MAIL FROM", responseCode: 553, response: "553 sender rejected" },
      permanent: true,
      aboutRecipient: false,
    },
    { why: "connection lost", error: { code: "ECONNECTION", message: "Connection closed unexpectedly" }, permanent: false, aboutRecipient: false },
    { why: "timeout", error: { code: "ETIMEDOUT", message: "Timeout" }, permanent: false, aboutRecipient: false },
  ];
  for (const c of cases) {
    test(c.why, () => {
      const sorted = classifyMailError(c.error);
      assert.equal(sorted.permanent, c.permanent);
      assert.equal(sorted.aboutRecipient, c.aboutRecipient);
    });
  }

  test("a relay that is not there is a temporary failure, reported quickly", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, { connectionTimeoutMs: 2000 });
    try {
      const error = await mailer
        .send({
          from: { name: null, address: "a@example.com" },
          to: { name: null, address: "b@example.com" },
          subject: "s",
          text: "t",
          html: "<p>t</p>",
          messageId: "<x@art28>",
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      assert.ok(error instanceof MailSendError, String(error));
      assert.equal(error.permanent, false);
      assert.equal(error.aboutRecipient, false);
    } finally {
      mailer.close();
    }
  });
});
