// The invitation and the reset e-mail through the real outbox to a real SMTP server (smtp-server in
// this process): each arrives once, in the user's language, with a link that works.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startOutboxWorker } from "../../jobs/outbox-worker.ts";
import { createTestApp, login, nextLoginAddress, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { startSmtpSink, type SmtpSink } from "../../../test/engine/smtp-sink.ts";

const BASE = "https://art28.hoster.example";
let t: TestApp;
let sink: SmtpSink;

before(async () => {
  t = await createTestApp();
  sink = await startSmtpSink();
});
after(async () => {
  await sink.close();
  await t.close();
});

/** Runs the outbox until nothing is due, sending to the test's SMTP server. */
async function deliver() {
  const worker = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl: sink.url, pollMs: 0, portalUrl: BASE });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
}

/** The one mail to this address, parsed, and the link in it. */
async function onlyMailTo(address: string, path: "/invite/" | "/reset-password/") {
  const mails = sink.received.filter((m) => m.to === address);
  assert.equal(mails.length, 1, `exactly one mail to ${address}`);
  const parsed = await sink.parse(mails[0] as (typeof mails)[number]);
  const match = new RegExp(`${BASE.replace(/\./g, "\\.")}${path}([A-Za-z0-9_-]{43})`).exec(parsed.text ?? "");
  assert.ok(match?.[1], `a link in: ${parsed.text}`);
  assert.ok(String(parsed.html).includes(`${BASE}${path}${match[1]}`), "the same link in the HTML part");
  return { parsed, secret: match[1] };
}

test("an invitation e-mail arrives once, in the invitee's language, and its link sets the password and logs in", async () => {
  const zeta = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Zeta" });
  const owner = await login(t.app, zeta.owner.email);
  const invited = await owner.send("POST", `/api/v1/controllers/${zeta.controllerId}/users`, {
    name: "Pia Privacy",
    email: "pia@zeta.example",
    role: "privacy_contact",
    locale: "en",
  });
  assert.equal(invited.statusCode, 201, invited.body);
  await deliver();
  await deliver(); // a second run sends nothing again
  const { parsed, secret } = await onlyMailTo("pia@zeta.example", "/invite/");
  assert.match(parsed.subject ?? "", /invited to Art28 for Bakkerij Zeta/);
  assert.match(parsed.text ?? "", /Your role: privacy contact/);
  const accepted = await t.app.inject({ method: "POST", url: "/api/v1/auth/invitations/accept", payload: { secret, password: "vlieger-paraplu-kaas-7" } });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const cookie = accepted.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } })).json<{ email: string }>().email, "pia@zeta.example");
});

test("a reset e-mail arrives once with a working link; an unknown address gets no mail", async () => {
  const customer = await createCustomer(t.database.db, t.clock, { name: "Reset BV", locale: "nl" });
  const ask = (email: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email }, remoteAddress: nextLoginAddress() });
  assert.equal((await ask(customer.viewer.email)).statusCode, 202);
  assert.equal((await ask("niemand@reset.example")).statusCode, 202);
  await deliver();
  await deliver();
  assert.equal(sink.received.filter((m) => m.to === "niemand@reset.example").length, 0);
  const { parsed, secret } = await onlyMailTo(customer.viewer.email, "/reset-password/");
  assert.match(parsed.subject ?? "", /wachtwoord opnieuw instellen/i, "in the user's language (nl)");
  const confirmed = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/password-reset/confirm",
    payload: { secret, password: "gieter-zeilboot-regen-42" },
  });
  assert.equal(confirmed.statusCode, 204, confirmed.body);
  const loggedIn = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: customer.viewer.email, password: "gieter-zeilboot-regen-42" },
    remoteAddress: nextLoginAddress(),
  });
  assert.equal(loggedIn.statusCode, 200);
});
