// User accounts end to end through the API: invitations, user and staff management, passwords
// (reset, change, the policy), TOTP recovery codes and a user's sessions (DESIGN.md "Accounts and sign-in").
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { generate } from "otplib";
import { accountLinks, deliveries, events, notices, sessions, users } from "../../db/schema/index.ts";
import { createTestApp, login, nextLoginAddress, PASSWORD, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createCustomerUser, createStaff } from "../../../test/support/factories.ts";
import { RESET_ANSWER_MS } from "./password-routes.ts";

let t: TestApp;
let zeta: Awaited<ReturnType<typeof createCustomer>>;
let other: Awaited<ReturnType<typeof createCustomer>>;
let owner: Client;
let admin: Client;

const STRONG = "vlieger-paraplu-kaas-7";
const STRONGER = "gieter-zeilboot-regen-42";
const CHROMIUM_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
const FIREFOX_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const HOUR = 60 * 60_000;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

before(async () => {
  t = await createTestApp();
  zeta = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Zeta" });
  other = await createCustomer(t.database.db, t.clock, { name: "Klant Anders" });
  owner = await login(t.app, zeta.owner.email);
  admin = await login(t.app, "admin@test.example");
});
after(async () => {
  await t.close();
});

/** A browser session: its cookie, CSRF token and what it asks. */
async function browserLogin(email: string, password = PASSWORD, userAgent = CHROMIUM_UA) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password },
    headers: { "user-agent": userAgent },
    remoteAddress: nextLoginAddress(),
  });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const csrf = response.json<{ csrfToken: string }>().csrfToken;
  return {
    get: (url: string) => t.app.inject({ method: "GET", url, headers: { cookie, "user-agent": userAgent } }),
    send: (method: "POST" | "DELETE" | "PATCH", url: string, body?: object) =>
      t.app.inject({ method, url, headers: { cookie, "x-csrf-token": csrf, "user-agent": userAgent }, ...(body ? { payload: body } : {}) }),
  };
}

const loginStatus = async (email: string, password: string, extra: object = {}) =>
  (await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password, ...extra }, remoteAddress: nextLoginAddress() })).statusCode;

/** The secret of the latest link e-mailed to this address (from the queued notice, as the outbox renders it). */
async function latestSecret(email: string, kind: "account_invitation" | "password_reset"): Promise<string> {
  const [row] = await t.database.db
    .select({ data: notices.data })
    .from(notices)
    .innerJoin(deliveries, eq(deliveries.noticeId, notices.id))
    .where(and(eq(deliveries.recipient, email.toLowerCase()), eq(notices.kind, kind)))
    .orderBy(desc(notices.createdAt), desc(notices.number));
  assert.ok(row, `a ${kind} notice to ${email}`);
  return (row.data as { secret: string }).secret;
}

async function eventsAbout(userId: string) {
  return t.database.db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, "user"), eq(events.subjectId, userId)))
    .orderBy(events.seq);
}

async function invite(by: Client, controllerId: string, body: Partial<{ name: string; email: string; role: string; locale: string }> = {}) {
  return by.send("POST", `/api/v1/controllers/${controllerId}/users`, {
    name: "Pia Privacy",
    email: `pia-${crypto.randomUUID().slice(0, 8)}@zeta.example`,
    role: "privacy_contact",
    locale: "en",
    ...body,
  });
}

describe("invitations", () => {
  test("an owner invites a privacy contact: a user without a password, a hashed single-use link for 7 days, one e-mail in their language, evidence", async () => {
    const response = await invite(owner, zeta.controllerId, { email: "Pia@Zeta.example" });
    assert.equal(response.statusCode, 201, response.body);
    const user = response.json<{ id: string; status: string; role: string; email: string; invitationExpiresAt: string }>();
    assert.equal(user.status, "invited");
    assert.equal(user.role, "privacy_contact");
    assert.equal(user.email, "pia@zeta.example");
    assert.equal(user.invitationExpiresAt, new Date(t.clock.now().getTime() + 7 * 24 * HOUR).toISOString());

    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row?.passwordHash, null);
    const links = await t.database.db.select().from(accountLinks).where(eq(accountLinks.userId, user.id));
    assert.equal(links.length, 1);
    const secret = await latestSecret("pia@zeta.example", "account_invitation");
    assert.equal(links[0]?.tokenHash, sha256(secret), "only the SHA-256 of the secret is stored");
    assert.equal(links[0]?.purpose, "invitation");
    const mails = await t.database.db.select().from(deliveries).where(eq(deliveries.recipient, "pia@zeta.example"));
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.locale, "en");
    assert.equal(mails[0]?.channel, "email");

    const evidence = await eventsAbout(user.id);
    assert.deepEqual(
      evidence.map((e) => e.type),
      ["user.invited"],
    );
    assert.equal(evidence[0]?.controllerId, zeta.controllerId, "in the customer's stream");
    assert.doesNotMatch(JSON.stringify(evidence), new RegExp(secret), "the secret is not in the evidence");

    assert.equal(await loginStatus("pia@zeta.example", "anything at all"), 401, "an invited user cannot log in with a password");
  });

  test("the link shows whose account it is, refuses a weak or leaked password naming the field, then sets it, logs in and is spent", async () => {
    const email = `pim-${crypto.randomUUID().slice(0, 6)}@zeta.example`;
    const invited = (await invite(owner, zeta.controllerId, { email, name: "Pim Zeta", role: "viewer" })).json<{ id: string }>();
    const secret = await latestSecret(email, "account_invitation");
    const inspect = await t.app.inject({ method: "POST", url: "/api/v1/auth/links/inspect", payload: { secret, purpose: "invitation" } });
    assert.equal(inspect.statusCode, 200, inspect.body);
    assert.equal(inspect.json<{ email: string; name: string }>().name, "Pim Zeta");
    assert.equal((await t.app.inject({ method: "POST", url: "/api/v1/auth/links/inspect", payload: { secret, purpose: "password_reset" } })).statusCode, 400);

    const accept = (password: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/invitations/accept", payload: { secret, password }, headers });
    const short = await accept("kort");
    assert.equal(short.statusCode, 400);
    assert.equal(short.json<{ error: { fields: { field: string }[] } }>().error.fields[0]?.field, "body.password");
    const leaked = await accept("password1234", { "accept-language": "en" });
    assert.equal(leaked.statusCode, 400);
    assert.match(leaked.body, /this password appears in lists of leaked passwords/);
    const weak = await accept("aaaaaaaaaaaaaaaa");
    assert.equal(weak.statusCode, 400);

    const accepted = await accept(STRONG);
    assert.equal(accepted.statusCode, 200, accepted.body);
    const cookie = accepted.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } });
    assert.equal(me.statusCode, 200, "logged in");
    assert.equal(me.json<{ email: string }>().email, email);

    assert.equal((await accept(STRONGER)).statusCode, 400, "the link is spent");
    assert.equal(await loginStatus(email, STRONG), 200);
    assert.deepEqual(
      (await eventsAbout(invited.id)).map((e) => e.type),
      ["user.invited", "user.invitation_accepted"],
    );
  });

  test("resending replaces the link (the old one stops working); an expired link is refused; an accepted one cannot be resent", async () => {
    const email = `rik-${crypto.randomUUID().slice(0, 6)}@zeta.example`;
    const invited = (await invite(owner, zeta.controllerId, { email })).json<{ id: string }>();
    const first = await latestSecret(email, "account_invitation");
    const resent = await owner.send("POST", `/api/v1/users/${invited.id}/invitation`);
    assert.equal(resent.statusCode, 200, resent.body);
    const second = await latestSecret(email, "account_invitation");
    assert.notEqual(first, second);
    const tryLink = (secret: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/invitations/accept", payload: { secret, password: STRONG } });
    assert.equal((await tryLink(first)).statusCode, 400, "the old link no longer works");

    t.clock.advance(7 * 24 * HOUR + 1000);
    try {
      assert.equal((await tryLink(second)).statusCode, 400, "expired after 7 days");
    } finally {
      t.clock.advance(-(7 * 24 * HOUR + 1000));
    }
    assert.equal((await tryLink(second)).statusCode, 200);
    assert.equal((await owner.send("POST", `/api/v1/users/${invited.id}/invitation`)).statusCode, 409, "already accepted");
    assert.ok((await eventsAbout(invited.id)).some((e) => e.type === "user.invitation_resent"));
  });

  test("an address already in use is refused naming the field; a viewer or privacy contact cannot invite; another customer's owner gets 404", async () => {
    const taken = await invite(owner, zeta.controllerId, { email: zeta.viewer.email });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json<{ error: { fields: { field: string }[] } }>().error.fields[0]?.field, "body.email");
    const viewer = await login(t.app, zeta.viewer.email);
    assert.equal((await invite(viewer, zeta.controllerId)).statusCode, 403);
    const contact = await login(t.app, (await createCustomerUser(t.database.db, zeta.controllerId, "privacy_contact")).email);
    assert.equal((await invite(contact, zeta.controllerId)).statusCode, 403);
    const otherOwner = await login(t.app, other.owner.email);
    assert.equal((await invite(otherOwner, zeta.controllerId)).statusCode, 404);
    assert.equal((await otherOwner.get(`/api/v1/controllers/${zeta.controllerId}/users`)).statusCode, 404);
    assert.equal((await otherOwner.send("POST", `/api/v1/users/${zeta.viewer.id}/deactivate`)).statusCode, 404);
    assert.equal((await otherOwner.send("PATCH", `/api/v1/users/${zeta.viewer.id}`, { role: "owner" })).statusCode, 404);
    const list = (await owner.get(`/api/v1/controllers/${zeta.controllerId}/users`)).json<{ email: string }[]>();
    assert.ok(list.some((u) => u.email === zeta.viewer.email));
    assert.ok(!list.some((u) => u.email === other.owner.email), "only its own users");
  });
});

describe("roles and deactivation", () => {
  test("an owner changes a role, but not its own, and a customer keeps one active owner", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Rollen BV" });
    const first = await login(t.app, customer.owner.email);
    assert.equal((await first.send("PATCH", `/api/v1/users/${customer.owner.id}`, { role: "viewer" })).statusCode, 409, "not its own role");
    assert.equal((await first.send("POST", `/api/v1/users/${customer.owner.id}/deactivate`)).statusCode, 409, "not itself");
    const promoted = await first.send("PATCH", `/api/v1/users/${customer.viewer.id}`, { role: "owner" });
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.equal(promoted.json<{ role: string }>().role, "owner");
    assert.equal((await first.send("PATCH", `/api/v1/users/${customer.viewer.id}`, { role: "admin" })).statusCode, 400, "a staff role for a customer user");

    // Two owners: the second may demote the first; then the second is the last and stays.
    const second = await login(t.app, customer.viewer.email);
    assert.equal((await second.send("PATCH", `/api/v1/users/${customer.owner.id}`, { role: "viewer" })).statusCode, 200);
    const byAdmin = await admin.send("POST", `/api/v1/users/${customer.viewer.id}/deactivate`);
    assert.equal(byAdmin.statusCode, 409, "the last active owner cannot be deactivated");
    assert.match(byAdmin.body, /at least one active owner|minstens één actieve eigenaar/);
    const evidence = await eventsAbout(customer.viewer.id);
    const change = evidence.find((e) => e.type === "user.role_changed");
    assert.deepEqual(change?.data, { before: "viewer", after: "owner" });
    assert.equal(change?.controllerId, customer.controllerId);
  });

  test("deactivation takes effect at once: sessions and API tokens stop, login is refused; reactivation lets them log in again", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Deactivatie BV" });
    const boss = await login(t.app, customer.owner.email);
    const viewer = await login(t.app, customer.viewer.email);
    const token = (await viewer.send("POST", "/api/v1/tokens", { name: "script" })).json<{ token: string }>().token;
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/agreements", headers: bearer })).statusCode, 200);
    assert.equal((await viewer.get("/api/v1/auth/me")).statusCode, 200);

    const off = await boss.send("POST", `/api/v1/users/${customer.viewer.id}/deactivate`);
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json<{ status: string }>().status, "deactivated");
    assert.equal((await viewer.get("/api/v1/auth/me")).statusCode, 401, "the session stops at once");
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/agreements", headers: bearer })).statusCode, 401, "the token stops at once");
    assert.equal(await loginStatus(customer.viewer.email, PASSWORD), 401);
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.userId, customer.viewer.id))).length, 0);

    assert.equal((await boss.send("POST", `/api/v1/users/${customer.viewer.id}/reactivate`)).statusCode, 200);
    assert.equal(await loginStatus(customer.viewer.email, PASSWORD), 200);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/agreements", headers: bearer })).statusCode, 401, "its tokens stay revoked");
    const types = (await eventsAbout(customer.viewer.id)).map((e) => e.type);
    assert.ok(types.includes("user.deactivated") && types.includes("user.reactivated"));
  });
});

describe("staff", () => {
  test("the admin lists and invites staff, sets their roles and deactivates them; evidence in the processor's stream", async () => {
    const invited = await admin.send("POST", "/api/v1/staff", { name: "Sam Support", email: "sam@hoster.example", role: "support", locale: "nl" });
    assert.equal(invited.statusCode, 201, invited.body);
    const sam = invited.json<{ id: string; status: string }>();
    assert.equal(sam.status, "invited");
    const list = (await admin.get("/api/v1/staff")).json<{ email: string }[]>();
    assert.ok(list.some((u) => u.email === "sam@hoster.example"));
    assert.equal((await admin.send("PATCH", `/api/v1/users/${sam.id}`, { role: "auditor" })).json<{ role: string }>().role, "auditor");
    assert.equal((await admin.send("PATCH", `/api/v1/users/${sam.id}`, { role: "viewer" })).statusCode, 400, "a customer role for staff");
    assert.equal((await admin.send("POST", `/api/v1/users/${sam.id}/deactivate`)).statusCode, 200);
    const evidence = await eventsAbout(sam.id);
    assert.deepEqual(
      evidence.map((e) => e.type),
      ["user.invited", "user.role_changed", "user.deactivated"],
    );
    assert.ok(
      evidence.every((e) => e.controllerId === null),
      "in the processor's stream",
    );
  });

  test("support and auditor cannot manage staff; an owner cannot reach a staff member", async () => {
    for (const role of ["support", "auditor", "privacy_officer"] as const) {
      const staff = await login(t.app, (await createStaff(t.database.db, role)).email);
      assert.equal((await staff.get("/api/v1/staff")).statusCode, 403);
      assert.equal((await staff.send("POST", "/api/v1/staff", { name: "X", email: "x@hoster.example", role: "admin", locale: "nl" })).statusCode, 403);
    }
    const officer = await createStaff(t.database.db, "privacy_officer");
    assert.equal((await owner.send("POST", `/api/v1/users/${officer.id}/deactivate`)).statusCode, 404);
  });

  test("the admin cannot change or deactivate itself, and one active admin remains", async () => {
    const me = (await admin.get("/api/v1/auth/me")).json<{ id: string }>();
    assert.equal((await admin.send("POST", `/api/v1/users/${me.id}/deactivate`)).statusCode, 409);
    assert.equal((await admin.send("PATCH", `/api/v1/users/${me.id}`, { role: "auditor" })).statusCode, 409);
    const second = await createStaff(t.database.db, "admin");
    const other = await login(t.app, second.email);
    assert.equal((await other.send("PATCH", `/api/v1/users/${me.id}`, { role: "auditor" })).statusCode, 200, "two admins: one may step down");
    assert.equal((await other.send("PATCH", `/api/v1/users/${me.id}`, { role: "admin" })).statusCode, 200);
  });
});

describe("passwords", () => {
  const requestReset = (email: string, remoteAddress = nextLoginAddress()) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email }, remoteAddress, headers: { "accept-language": "en" } });

  test("forgot password: the same 202 for a known and an unknown address, in similar time; a single-use link for 1 hour ends every session", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Reset BV" });
    const laptop = await browserLogin(customer.viewer.email);
    const phone = await browserLogin(customer.viewer.email, PASSWORD, FIREFOX_UA);

    const started = performance.now();
    const known = await requestReset(customer.viewer.email);
    const knownMs = performance.now() - started;
    const again = performance.now();
    const unknown = await requestReset("nobody-here@zeta.example");
    const unknownMs = performance.now() - again;
    assert.equal(known.statusCode, 202);
    assert.equal(known.body, unknown.body, "the same answer");
    assert.ok(knownMs >= RESET_ANSWER_MS - 5 && unknownMs >= RESET_ANSWER_MS - 5, `${knownMs} ${unknownMs}`);
    assert.ok(Math.abs(knownMs - unknownMs) < 250, `similar time: ${knownMs} vs ${unknownMs}`);

    const secret = await latestSecret(customer.viewer.email, "password_reset");
    const [link] = await t.database.db
      .select()
      .from(accountLinks)
      .where(eq(accountLinks.tokenHash, sha256(secret)));
    assert.equal(link?.expiresAt.getTime(), t.clock.now().getTime() + HOUR);

    const confirm = (password: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/confirm", payload: { secret, password } });
    const weak = await confirm("password1234");
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /body\.password/);
    assert.equal((await confirm(STRONG)).statusCode, 204);
    assert.equal((await laptop.get("/api/v1/auth/me")).statusCode, 401, "every session ended");
    assert.equal((await phone.get("/api/v1/auth/me")).statusCode, 401);
    assert.equal((await confirm(STRONGER)).statusCode, 400, "single use");
    assert.equal(await loginStatus(customer.viewer.email, PASSWORD), 401);
    assert.equal(await loginStatus(customer.viewer.email, STRONG), 200);
    const types = (await eventsAbout(customer.viewer.id)).map((e) => e.type);
    assert.ok(types.includes("user.password_reset_requested") && types.includes("user.password_reset"), types.join());
  });

  test("a reset link expires after an hour; an invited user without a password gets no link", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Verlopen BV" });
    await requestReset(customer.viewer.email);
    const secret = await latestSecret(customer.viewer.email, "password_reset");
    t.clock.advance(HOUR + 1000);
    try {
      const late = await t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/confirm", payload: { secret, password: STRONG } });
      assert.equal(late.statusCode, 400);
      assert.match(late.body, /body\.secret/);
    } finally {
      t.clock.advance(-(HOUR + 1000));
    }
    const email = `nog-${crypto.randomUUID().slice(0, 6)}@zeta.example`;
    await invite(owner, zeta.controllerId, { email });
    const before = await t.database.db.select().from(notices).where(eq(notices.kind, "password_reset"));
    assert.equal((await requestReset(email)).statusCode, 202);
    const afterwards = await t.database.db.select().from(notices).where(eq(notices.kind, "password_reset"));
    assert.equal(afterwards.length, before.length, "no reset link for an invitation not yet accepted");
  });

  test("reset requests are limited per address (and per client address)", async () => {
    const address = `limit-${crypto.randomUUID().slice(0, 6)}@zeta.example`;
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await requestReset(address)).statusCode);
    }
    assert.deepEqual(statuses, [202, 202, 202, 429, 429]);
    const ip = "10.66.0.1";
    const perIp = [];
    for (let i = 0; i < 12; i++) {
      perIp.push((await requestReset(`ip-${i}@zeta.example`, ip)).statusCode);
    }
    assert.equal(perIp.at(-1), 429);
  });

  test("changing the password needs the current one, passes the policy, and ends the other sessions only", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Wijzig BV" });
    const here = await browserLogin(customer.viewer.email);
    const there = await browserLogin(customer.viewer.email, PASSWORD, FIREFOX_UA);
    const wrong = await here.send("POST", "/api/v1/auth/password", { currentPassword: "not it", newPassword: STRONG });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /body\.currentPassword/);
    const leaked = await here.send("POST", "/api/v1/auth/password", { currentPassword: PASSWORD, newPassword: "qwerty123456" });
    assert.equal(leaked.statusCode, 400);
    assert.match(leaked.body, /body\.newPassword/);
    const changed = await here.send("POST", "/api/v1/auth/password", { currentPassword: PASSWORD, newPassword: STRONG });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json<{ sessionsEnded: number }>().sessionsEnded, 1);
    assert.equal((await here.get("/api/v1/auth/me")).statusCode, 200, "this session stays");
    assert.equal((await there.get("/api/v1/auth/me")).statusCode, 401, "the other one ended");
    assert.equal(await loginStatus(customer.viewer.email, STRONG), 200);
    assert.ok((await eventsAbout(customer.viewer.id)).some((e) => e.type === "user.password_changed"));
  });
});

describe("TOTP recovery codes", () => {
  test("turning TOTP on gives 10 codes once; a code logs in in place of the authenticator, once; regenerating needs a step-up", async () => {
    const staff = await createStaff(t.database.db, "auditor");
    const client = await login(t.app, staff.email);
    const { secret } = (await client.send("POST", "/api/v1/auth/totp/setup")).json<{ secret: string }>();
    const enabled = await client.send("POST", "/api/v1/auth/totp/enable", { code: await generate({ secret }) });
    assert.equal(enabled.statusCode, 200, enabled.body);
    const codes = enabled.json<{ codes: string[] }>().codes;
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    const stored = await t.database.db.select().from(users).where(eq(users.id, staff.id));
    assert.ok(stored[0]);
    assert.equal((await client.get("/api/v1/auth/recovery-codes")).json<{ left: number }>().left, 10);

    const code = codes[0] ?? "";
    assert.equal(await loginStatus(staff.email, PASSWORD), 401, "the second factor is asked");
    assert.equal(await loginStatus(staff.email, PASSWORD, { recoveryCode: "aaaaa-aaaaa" }), 401);
    assert.equal(await loginStatus(staff.email, PASSWORD, { recoveryCode: code.toUpperCase() }), 200, "a recovery code in place of the code");
    assert.equal(await loginStatus(staff.email, PASSWORD, { recoveryCode: code }), 401, "spent");
    assert.equal((await client.get("/api/v1/auth/recovery-codes")).json<{ left: number }>().left, 9);
    const types = (await eventsAbout(staff.id)).map((e) => e.type);
    assert.ok(types.includes("auth.recovery_codes_generated") && types.includes("auth.recovery_code_used"));

    t.clock.advance(11 * 60_000);
    try {
      assert.equal((await client.send("POST", "/api/v1/auth/recovery-codes")).statusCode, 403, "needs a recent step-up");
    } finally {
      t.clock.advance(-11 * 60_000);
    }
    const fresh = await client.send("POST", "/api/v1/auth/recovery-codes");
    assert.equal(fresh.statusCode, 201);
    assert.equal((await client.get("/api/v1/auth/recovery-codes")).json<{ left: number }>().left, 10);
    assert.equal(await loginStatus(staff.email, PASSWORD, { recoveryCode: codes[1] }), 401, "the old codes stopped working");
    const newCode = fresh.json<{ codes: string[] }>().codes[0];
    assert.equal(await loginStatus(staff.email, PASSWORD, { recoveryCode: newCode }), 200);
  });
});

describe("sessions", () => {
  test("a user lists their sessions (browser, started, last seen, this one) and ends one or all the others; another's session is 404", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Sessie BV" });
    const here = await browserLogin(customer.viewer.email);
    const there = await browserLogin(customer.viewer.email, PASSWORD, FIREFOX_UA);
    const third = await browserLogin(customer.viewer.email);
    const list = (await here.get("/api/v1/auth/sessions")).json<{ id: string; browser: string; current: boolean; createdAt: string; lastSeenAt: string }[]>();
    assert.equal(list.length, 3);
    assert.equal(list.filter((s) => s.current).length, 1);
    assert.equal(list.find((s) => s.current)?.browser, "Chromium op Linux", "in the user's language");
    assert.ok(list.some((s) => s.browser === "Firefox op Windows"));
    assert.equal(list[0]?.createdAt, t.clock.now().toISOString());

    const firefox = list.find((s) => s.browser === "Firefox op Windows");
    assert.ok(firefox);
    const stranger = await login(t.app, other.viewer.email);
    assert.equal((await stranger.send("DELETE", `/api/v1/auth/sessions/${firefox.id}`)).statusCode, 404, "someone else's session");
    assert.equal((await there.get("/api/v1/auth/me")).statusCode, 200);
    assert.equal((await here.send("DELETE", `/api/v1/auth/sessions/${firefox.id}`)).statusCode, 204);
    assert.equal((await there.get("/api/v1/auth/me")).statusCode, 401, "that browser is logged out");

    const ended = await here.send("POST", "/api/v1/auth/sessions/end-others");
    assert.equal(ended.json<{ sessionsEnded: number }>().sessionsEnded, 1);
    assert.equal((await third.get("/api/v1/auth/me")).statusCode, 401);
    assert.equal((await here.get("/api/v1/auth/me")).statusCode, 200);
  });

  test("last seen moves on at most once a minute", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Gezien BV" });
    const client = await browserLogin(customer.viewer.email);
    const lastSeen = async () => (await t.database.db.select().from(sessions).where(eq(sessions.userId, customer.viewer.id)))[0]?.lastSeenAt?.getTime();
    const start = t.clock.now().getTime();
    assert.equal(await lastSeen(), start, "seen when it started");
    t.clock.advance(30_000);
    await client.get("/api/v1/auth/me");
    assert.equal(await lastSeen(), start, "not moved after 30 seconds");
    t.clock.advance(31_000);
    await client.get("/api/v1/auth/me");
    assert.equal(await lastSeen(), start + 61_000, "moved after a minute");
    t.clock.advance(-61_000);
  });
});
