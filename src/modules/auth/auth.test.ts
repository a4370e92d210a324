import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import { createTestApp, login, PASSWORD, type TestApp } from "../../../test/support/app.ts";
import { createStaff } from "../../../test/support/factories.ts";
import { eq } from "drizzle-orm";
import { sessions } from "../../db/schema/index.ts";
import { databaseSessionStore, sessionKey } from "./session-store.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

const loginWith = (email: string, totpCode?: string) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: PASSWORD, ...(totpCode ? { totpCode } : {}) } });

test("TOTP: enrol with a code, then login needs the code", async () => {
  const staff = await createStaff(t.database.db, "security_officer");
  const client = await login(t.app, staff.email);
  const setup = await client.send("POST", "/api/v1/auth/totp/setup");
  assert.equal(setup.statusCode, 200);
  const { secret, uri } = setup.json<{ secret: string; uri: string }>();
  assert.match(uri, /^otpauth:\/\/totp\/Art28:/);

  const wrong = await client.send("POST", "/api/v1/auth/totp/enable", { code: "000000" === (await generate({ secret })) ? "111111" : "000000" });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /body\.code/);
  assert.equal((await client.send("POST", "/api/v1/auth/totp/enable", { code: await generate({ secret }) })).statusCode, 200);

  const withoutCode = await loginWith(staff.email);
  assert.equal(withoutCode.statusCode, 401);
  assert.equal(withoutCode.json<{ error: { code: string; fields: { field: string }[] } }>().error.code, "totp_required");
  assert.equal(withoutCode.cookies.length, 0, "no session without the second factor");

  const badCode = await loginWith(staff.email, (await generate({ secret })) === "123456" ? "654321" : "123456");
  assert.equal(badCode.statusCode, 401);

  const ok = await loginWith(staff.email, await generate({ secret }));
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json<{ totpEnabled: boolean }>().totpEnabled, true);
});

test("logout ends the session", async () => {
  const staff = await createStaff(t.database.db, "auditor");
  const client = await login(t.app, staff.email);
  assert.equal((await client.get("/api/v1/auth/me")).statusCode, 200);
  const loggedOut = await client.send("POST", "/api/v1/auth/logout");
  assert.equal(loggedOut.statusCode, 200);
  assert.deepEqual(loggedOut.json(), { issuerLogoutUrl: null });
  assert.equal((await client.get("/api/v1/auth/me")).statusCode, 401);
});

test("TOTP: a code from the previous 30-second step still counts, one from two steps back does not", async () => {
  const staff = await createStaff(t.database.db, "security_officer");
  const client = await login(t.app, staff.email);
  const { secret } = (await client.send("POST", "/api/v1/auth/totp/setup")).json<{ secret: string }>();
  const now = Math.floor(Date.now() / 1000);
  const twoStepsBack = await generate({ secret, epoch: now - 65 });
  const current = await generate({ secret, epoch: now });
  if (twoStepsBack !== current) {
    assert.equal((await client.send("POST", "/api/v1/auth/totp/enable", { code: twoStepsBack })).statusCode, 400);
  }
  assert.equal((await client.send("POST", "/api/v1/auth/totp/enable", { code: await generate({ secret, epoch: now - 30 }) })).statusCode, 200);
});

test("a session deleted (logout, revocation, reset) while another request that read it is still running stays deleted when that request saves it", async () => {
  const store = databaseSessionStore(t.database.db, t.clock);
  const call = <T>(run: (callback: (error?: unknown, value?: T) => void) => void) =>
    new Promise<T | undefined>((resolve, reject) => run((error, value) => (error ? reject(error as Error) : resolve(value))));
  const staff = await createStaff(t.database.db, "auditor");
  const expires = new Date(t.clock.now().getTime() + 3600_000);
  const fresh = { cookie: { expires }, userId: staff.id } as unknown as Parameters<typeof store.set>[1];
  await call((done) => store.set("sid-a", fresh, done));
  // A slow request reads the session…
  const read = await call<Parameters<typeof store.set>[1] | null>((done) => store.get("sid-a", done));
  assert.equal(read?.userId, staff.id);
  // …the user logs out meanwhile…
  await call((done) => store.destroy("sid-a", done));
  // …and the slow request saves what it read: the session must not come back.
  await call((done) => store.set("sid-a", { ...read, seenAt: t.clock.now().getTime() } as Parameters<typeof store.set>[1], done));
  assert.equal(await call((done) => store.get("sid-a", done)), null);
  // A session read and saved while it exists is updated, without the marker of having been read.
  await call((done) => store.set("sid-b", fresh, done));
  const b = await call<Parameters<typeof store.set>[1] | null>((done) => store.get("sid-b", done));
  await call((done) => store.set("sid-b", { ...b, seenAt: 42 } as Parameters<typeof store.set>[1], done));
  const [row] = await t.database.db
    .select()
    .from(sessions)
    .where(eq(sessions.sid, sessionKey("sid-b")));
  assert.equal((row?.data as { seenAt?: number }).seenAt, 42);
  assert.equal("loadedFromStore" in (row?.data ?? {}), false);
});

test("an API client's request (a token, no session cookie) makes no session; logging in or out with a token is a 400 naming the header", async () => {
  const staff = await createStaff(t.database.db, "privacy_officer");
  const browser = await login(t.app, staff.email);
  const token = (await browser.send("POST", "/api/v1/tokens", { name: "script" })).json<{ token: string }>().token;
  const bearer = { authorization: `Bearer ${token}` };
  const rowsBefore = (await t.database.db.select().from(sessions)).length;
  for (let i = 0; i < 3; i++) {
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.headers["set-cookie"], undefined, "no session cookie for an API client");
  }
  assert.equal((await t.database.db.select().from(sessions)).length, rowsBefore, "no session stored");

  for (const [url, payload] of [
    ["/api/v1/auth/logout", undefined],
    ["/api/v1/auth/login", { email: staff.email, password: PASSWORD }],
  ] as const) {
    const refused = await t.app.inject({ method: "POST", url, headers: bearer, ...(payload ? { payload } : {}) });
    assert.equal(refused.statusCode, 400, `${url}: ${refused.body}`);
    assert.equal(refused.json<{ error: { fields: { field: string }[] } }>().error.fields[0]?.field, "headers.authorization", url);
  }
  assert.equal((await t.database.db.select().from(sessions)).length, rowsBefore, "still none");
  assert.equal((await browser.get("/api/v1/auth/me")).statusCode, 200, "the browser's own session goes on");
});
