// Issue #9, findings 1 (spoofable address, no per-account limit), 2 (two-factor switched off with a
// bare session) and 5 (a token minting tokens): proxies trusted only when configured, login limited
// per account, and step-up for sensitive changes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { buildApp, type App } from "../../app.ts";
import { trustedProxies } from "../../cli/serve.ts";
import { deliveries, events, loginThrottles, notices } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { authModule } from "./index.ts";
import { createTestApp, login, PASSWORD, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";

let t: TestApp;
let addresses = 0;
/** A fresh client address per login, so the per-address limit (10 a minute) stays out of the way. */
const nextAddress = () => `10.88.${(++addresses >> 8) & 255}.${addresses & 255}`;

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

type Raw = { cookie: string; csrf: string };

/** A logged-in session that has not stepped up. */
async function rawLogin(app: App, email: string, remoteAddress = nextAddress(), headers: Record<string, string> = {}, totpCode?: string): Promise<Raw> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password: PASSWORD, ...(totpCode ? { totpCode } : {}) },
    remoteAddress,
    headers,
  });
  assert.equal(response.statusCode, 200, response.body);
  return { cookie: response.cookies.map((c) => `${c.name}=${c.value}`).join("; "), csrf: response.json<{ csrfToken: string }>().csrfToken };
}

function send(
  app: App,
  who: Raw,
  method: "POST" | "DELETE",
  url: string,
  body?: object,
  extra: { remoteAddress?: string; headers?: Record<string, string> } = {},
) {
  return app.inject({
    method,
    url,
    headers: { cookie: who.cookie, "x-csrf-token": who.csrf, ...extra.headers },
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
    ...(body ? { payload: body } : {}),
  });
}

const errorCode = (response: { json<T>(): T }) => response.json<{ error: { code: string } }>().error.code;
const wrongLogin = (email: string, remoteAddress = nextAddress(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: "not the password" }, remoteAddress, headers });

async function signOffer(app: App, who: Raw, extra: { remoteAddress: string; headers?: Record<string, string> }) {
  const [offer] = (await app.inject({ method: "GET", url: "/api/v1/agreements?status=offered", headers: { cookie: who.cookie } })).json<{ id: string }[]>();
  assert.ok(offer, "an offered agreement");
  const document = (await app.inject({ method: "GET", url: `/api/v1/agreements/${offer.id}/document`, headers: { cookie: who.cookie } })).json<{
    sha256: string;
  }>();
  const signed = await send(
    app,
    who,
    "POST",
    `/api/v1/agreements/${offer.id}/sign`,
    { typedName: "Dirk Pieters", function: "Directeur", consent: true, documentSha256: document.sha256 },
    extra,
  );
  assert.equal(signed.statusCode, 200, signed.body);
  const signature = signed.json<{ signatures: { party: string; ip: string | null; ipSource: string | null; proxyIp: string | null }[] }>().signatures[0];
  const [event] = await t.database.db
    .select()
    .from(events)
    .where(and(eq(events.type, "agreement.signed_by_customer"), eq(events.subjectId, offer.id)));
  return { signature, evidence: event?.data as { ip: string; ipSource: string; proxyIp: string | null } | undefined };
}

describe("issue #9 finding 1: client headers are trusted only from configured proxies", () => {
  let withProxy: App;
  let plainOwner: string;
  let proxiedOwner: string;
  before(async () => {
    const officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
    plainOwner = (await createCustomer(t.database.db, t.clock, { name: "Bakkerij Socket" })).owner.email;
    proxiedOwner = (await createCustomer(t.database.db, t.clock, { name: "Bakkerij Proxy" })).owner.email;
    assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
    withProxy = await buildApp({ db: t.database.db, clock: t.clock, sessionSecret: "s".repeat(32), secureCookies: false, trustedProxies: ["10.30.0.0/16"] });
  });
  after(async () => {
    await withProxy.close();
  });

  test("a new X-Forwarded-For per attempt does not get round the login limit per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      // Another (unknown) account each time: only the limit per address is in play.
      statuses.push((await wrongLogin(`nobody-${i}@x.example`, "10.20.0.1", { "x-forwarded-for": `203.0.113.${i}` })).statusCode);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.deepEqual(statuses.slice(10), [429, 429]);
  });

  test("without configured proxies a signature records the socket's address and says so", async () => {
    const owner = await rawLogin(t.app, plainOwner);
    const { signature, evidence } = await signOffer(t.app, owner, { remoteAddress: "10.20.0.2", headers: { "x-forwarded-for": "203.0.113.66, 10.0.0.1" } });
    assert.deepEqual({ ip: signature?.ip, ipSource: signature?.ipSource, proxyIp: signature?.proxyIp }, { ip: "10.20.0.2", ipSource: "socket", proxyIp: null });
    assert.deepEqual({ ip: evidence?.ip, ipSource: evidence?.ipSource, proxyIp: evidence?.proxyIp }, { ip: "10.20.0.2", ipSource: "socket", proxyIp: null });
  });

  test("behind a configured proxy the forwarded client is recorded, with the proxy's address", async () => {
    const owner = await rawLogin(withProxy, proxiedOwner, "10.30.0.5", { "x-forwarded-for": "203.0.113.66" });
    const { signature, evidence } = await signOffer(withProxy, owner, { remoteAddress: "10.30.0.5", headers: { "x-forwarded-for": "203.0.113.66" } });
    assert.deepEqual(
      { ip: signature?.ip, ipSource: signature?.ipSource, proxyIp: signature?.proxyIp },
      { ip: "203.0.113.66", ipSource: "forwarded", proxyIp: "10.30.0.5" },
    );
    assert.deepEqual(
      { ip: evidence?.ip, ipSource: evidence?.ipSource, proxyIp: evidence?.proxyIp },
      { ip: "203.0.113.66", ipSource: "forwarded", proxyIp: "10.30.0.5" },
    );
  });

  test("ART28_TRUSTED_PROXIES takes IPs and CIDRs, and refuses anything else", () => {
    assert.deepEqual(trustedProxies(undefined), []);
    assert.deepEqual(trustedProxies(" 10.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,"), ["10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"]);
    for (const bad of ["true", "10.0.0.0/33", "proxy.example", "10.0.0.1/8/1", "::1/129"]) {
      assert.throws(() => trustedProxies(bad), /ART28_TRUSTED_PROXIES/, bad);
    }
  });
});

describe("issue #9 finding 1: login is limited per account too", () => {
  test("five failures from five addresses lock the account (429, Retry-After, doubling); the user is told once; evidence", async () => {
    const staff = await createStaff(t.database.db, "auditor");
    const first = [];
    for (let i = 0; i < 5; i += 1) {
      first.push(await wrongLogin(staff.email));
    }
    assert.deepEqual(
      first.map((r) => r.statusCode),
      [401, 401, 401, 401, 429],
    );
    assert.equal(first[4]?.headers["retry-after"], "300");
    const right = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: staff.email, password: PASSWORD },
      remoteAddress: nextAddress(),
    });
    assert.equal(right.statusCode, 429, "the right password does not open a locked account");
    assert.equal(errorCode(right), "rate_limited");

    // Another process on the same database (or a restart) sees the same lock.
    const other = await buildApp({ db: t.database.db, clock: t.clock, sessionSecret: "s".repeat(32), secureCookies: false });
    const elsewhere = await other.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: staff.email, password: PASSWORD },
      remoteAddress: nextAddress(),
    });
    await other.close();
    assert.equal(elsewhere.statusCode, 429);

    t.clock.advance(5 * 60_000);
    for (let i = 0; i < 4; i += 1) {
      assert.equal((await wrongLogin(staff.email)).statusCode, 401);
    }
    const second = await wrongLogin(staff.email);
    assert.equal(second.statusCode, 429);
    assert.equal(second.headers["retry-after"], "600", "the second lockout lasts twice as long");

    const locked = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, "auth.account_locked"), eq(events.subjectId, staff.id)));
    assert.equal(locked.length, 2);
    const told = await t.database.db
      .select({ recipient: deliveries.recipient })
      .from(notices)
      .innerJoin(deliveries, eq(deliveries.noticeId, notices.id))
      .where(eq(notices.kind, "account_locked"));
    assert.deepEqual(
      told.map((d) => d.recipient),
      [staff.email.toLowerCase()],
      "one e-mail to the user for the series, none to anyone else",
    );

    t.clock.advance(10 * 60_000);
    const open = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: staff.email, password: PASSWORD },
      remoteAddress: nextAddress(),
    });
    assert.equal(open.statusCode, 200, "open again once the lock has passed");
  });

  test("attempts sent all at once are counted one by one: no more than five passwords are checked", async () => {
    const staff = await createStaff(t.database.db, "auditor");
    const burst = await Promise.all(Array.from({ length: 12 }, () => wrongLogin(staff.email)));
    const statuses = burst.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [...Array(4).fill(401), ...Array(8).fill(429)]);
    // The seven attempts after the fifth were refused unchecked: they did not count towards a second, longer lockout.
    const next = await wrongLogin(staff.email);
    assert.equal(next.statusCode, 429);
    assert.equal(next.headers["retry-after"], "300");
  });

  test("the sweep forgets accounts quiet for a day, but not a lock still running", async () => {
    const quiet = "quiet@x.example";
    const locked = (await createStaff(t.database.db, "auditor")).email;
    assert.equal((await wrongLogin(quiet)).statusCode, 401);
    t.clock.advance(24 * 60 * 60_000 + 60_000);
    for (let i = 0; i < 5; i += 1) {
      await wrongLogin(locked);
    }
    const sweep = () => inScope(t.database.db, { kind: "processor" }, (tx) => authModule.sweepTasks.loginThrottlesForgotten(tx, t.clock));
    await sweep();
    const left = async () => (await t.database.db.select({ email: loginThrottles.email }).from(loginThrottles)).map((r) => r.email);
    assert.ok(!(await left()).includes(quiet));
    assert.ok((await left()).includes(locked.toLowerCase()));
  });

  test("an unknown account gets the same answers as a known one", async () => {
    const staff = await createStaff(t.database.db, "auditor");
    const answer = async (email: string) => {
      const out = [];
      for (let i = 0; i < 6; i += 1) {
        const r = await wrongLogin(email);
        out.push({ status: r.statusCode, code: errorCode(r), retryAfter: r.headers["retry-after"] ?? null });
      }
      return out;
    };
    assert.deepEqual(await answer("nobody-at-all@x.example"), await answer(staff.email));
  });
});

describe("issue #9 findings 2 (two-factor) and 5 (tokens minting tokens): sensitive changes need a recent step-up", () => {
  test("API tokens: only after a step-up, which lasts ten minutes; a token cannot mint a token", async () => {
    const staff = await createStaff(t.database.db, "admin");
    const session = await rawLogin(t.app, staff.email);
    const before = await send(t.app, session, "POST", "/api/v1/tokens", { name: "ci" });
    assert.equal(before.statusCode, 403);
    assert.equal(errorCode(before), "step_up_required");

    const wrong = await send(t.app, session, "POST", "/api/v1/auth/step-up", { password: "not it" });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /body\.password/);
    assert.equal((await send(t.app, session, "POST", "/api/v1/auth/step-up", { password: PASSWORD })).statusCode, 204);
    const created = await send(t.app, session, "POST", "/api/v1/tokens", { name: "ci", expiresInDays: 730 });
    assert.equal(created.statusCode, 201, created.body);
    const bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };

    const minted = await t.app.inject({ method: "POST", url: "/api/v1/tokens", headers: bearer, payload: { name: "child", expiresInDays: 730 } });
    assert.equal(minted.statusCode, 403);
    assert.equal(errorCode(minted), "step_up_required");
    const tokenStepUp = await t.app.inject({ method: "POST", url: "/api/v1/auth/step-up", headers: bearer, payload: { password: PASSWORD } });
    assert.equal(tokenStepUp.statusCode, 403);

    t.clock.advance(10 * 60_000 + 1);
    assert.equal(errorCode(await send(t.app, session, "POST", "/api/v1/tokens", { name: "later" })), "step_up_required");
  });

  test("TOTP: re-enrolling and turning it off need a step-up with the code; setup never switches it off", async () => {
    const staff = await createStaff(t.database.db, "security_officer");
    const session = await rawLogin(t.app, staff.email);
    const { secret } = (await send(t.app, session, "POST", "/api/v1/auth/totp/setup")).json<{ secret: string }>();
    assert.equal((await send(t.app, session, "POST", "/api/v1/auth/totp/enable", { code: await generate({ secret }) })).statusCode, 200);

    const again = await send(t.app, session, "POST", "/api/v1/auth/totp/setup");
    assert.equal(again.statusCode, 403);
    assert.equal(errorCode(again), "step_up_required");
    const off = await send(t.app, session, "POST", "/api/v1/auth/totp/disable");
    assert.equal(errorCode(off), "step_up_required");
    const loginWithout = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: staff.email, password: PASSWORD },
      remoteAddress: nextAddress(),
    });
    assert.equal(errorCode(loginWithout), "totp_required", "two-factor login still on");

    const noCode = await send(t.app, session, "POST", "/api/v1/auth/step-up", { password: PASSWORD });
    assert.equal(noCode.statusCode, 400);
    assert.match(noCode.body, /body\.totpCode/);
    assert.equal((await send(t.app, session, "POST", "/api/v1/auth/step-up", { password: PASSWORD, totpCode: await generate({ secret }) })).statusCode, 204);

    // A new enrolment started, not confirmed: the factor in use stays, and its codes still work.
    assert.equal((await send(t.app, session, "POST", "/api/v1/auth/totp/setup")).statusCode, 200);
    const stillOn = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: staff.email, password: PASSWORD },
      remoteAddress: nextAddress(),
    });
    assert.equal(errorCode(stillOn), "totp_required");
    await rawLogin(t.app, staff.email, nextAddress(), {}, await generate({ secret }));

    assert.equal((await send(t.app, session, "POST", "/api/v1/auth/totp/disable")).statusCode, 204);
    await rawLogin(t.app, staff.email);
  });

  test("a token cannot touch two-factor settings", async () => {
    const staff = await createStaff(t.database.db, "support");
    const client = await login(t.app, staff.email);
    const { token } = (await client.send("POST", "/api/v1/tokens", { name: "x" })).json<{ token: string }>();
    const setup = await t.app.inject({ method: "POST", url: "/api/v1/auth/totp/setup", headers: { authorization: `Bearer ${token}` } });
    assert.equal(setup.statusCode, 403);
    assert.equal(errorCode(setup), "step_up_required");
  });

  test("a read through a token writes its 'last used' at most once a minute", async () => {
    const staff = await createStaff(t.database.db, "support");
    const client = await login(t.app, staff.email);
    const { token } = (await client.send("POST", "/api/v1/tokens", { name: "reads" })).json<{ token: string }>();
    const lastUsed = async () =>
      (await client.get("/api/v1/tokens")).json<{ name: string; lastUsedAt: string | null }[]>().find((x) => x.name === "reads")?.lastUsedAt;
    const read = async () =>
      assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
    assert.equal(await lastUsed(), null);

    await read();
    const first = await lastUsed();
    assert.equal(first, t.clock.now().toISOString());
    t.clock.advance(59_000);
    await read();
    assert.equal(await lastUsed(), first, "a second read within the minute writes nothing");
    t.clock.advance(1_000);
    await read();
    assert.equal(await lastUsed(), t.clock.now().toISOString(), "a minute after the last write it moves on");
  });

  test("webhook endpoints: creating and deleting need a step-up", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Hook" });
    const base = `/api/v1/controllers/${customer.controllerId}/webhook-endpoints`;
    const session = await rawLogin(t.app, customer.owner.email);
    const refused = await send(t.app, session, "POST", base, { url: "https://hooks.example/art28" });
    assert.equal(refused.statusCode, 403);
    assert.equal(errorCode(refused), "step_up_required");

    const stepped = await login(t.app, customer.owner.email);
    const created = await stepped.send("POST", base, { url: "https://hooks.example/art28" });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ id: string }>().id;
    assert.equal(errorCode(await send(t.app, session, "DELETE", `/api/v1/webhook-endpoints/${id}`)), "step_up_required");
    assert.equal((await stepped.send("DELETE", `/api/v1/webhook-endpoints/${id}`)).statusCode, 204);
  });
});
