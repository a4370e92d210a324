import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { controllers, events, userIdentities, users } from "../../db/schema/index.ts";
import { createTestApp, login, type TestApp } from "../../../test/support/app.ts";
import { confirmConfidentiality, createCustomer, createCustomerUser, createStaff } from "../../../test/support/factories.ts";
import { browserFetch, CookieJar, followSignIn, freePort, startTestIssuer, type Claims, type TestIssuer } from "../../../test/support/oidc-issuer.ts";
import { localReturnTo } from "./oidc-routes.ts";
import { oidcConfig } from "../../cli/config.ts";

// Single sign-on against a real OpenID Connect provider (oidc-provider) in the test process, over
// real HTTP: Art28 listens on 127.0.0.1, the browser is fetch with a cookie jar, the issuer's login
// form is filled in. The control panel (customer issuer) releases its custom claims through UserInfo
// only, as OpenID Connect has it; the staff issuer puts them in the ID token.

const CALLBACK = "/api/v1/auth/oidc/callback";

let t: TestApp;
let base: string;
let panel: TestIssuer;
let staffIssuer: TestIssuer;
let a: Awaited<ReturnType<typeof createCustomer>> & { number: string; agreement: string };
let b: Awaited<ReturnType<typeof createCustomer>> & { number: string; agreement: string };

async function customerNumberOf(controllerId: string): Promise<string> {
  const [row] = await t.database.db.select({ number: controllers.customerNumber }).from(controllers).where(eq(controllers.id, controllerId));
  assert.ok(row);
  return row.number;
}

/** A person signing in through `issuer` in a fresh browser; where Art28 sent them, and their browser. */
async function signIn(issuer: TestIssuer, account: string, provider: "customer" | "staff" = "customer", returnTo?: string) {
  const jar = new CookieJar();
  const query = new URLSearchParams({ provider, ...(returnTo ? { returnTo } : {}) });
  const location = await followSignIn(jar, `${base}/api/v1/auth/oidc/start?${query.toString()}`, issuer.url, account);
  return { location, jar, get: (path: string) => browserFetch(jar, `${base}${path}`) };
}

async function me(browser: { get: (path: string) => Promise<Response> }) {
  const response = await browser.get("/api/v1/auth/me");
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as Record<string, unknown>) : null };
}

const account = (issuer: TestIssuer, sub: string, claims: Omit<Claims, "sub">) => issuer.accounts.set(sub, { sub, email_verified: true, ...claims });

async function eventsOf(type: string, userId: string) {
  return t.database.db
    .select()
    .from(events)
    .where(and(eq(events.type, type as "auth.sso_refused"), eq(events.subjectId, userId)));
}

async function userByEmail(email: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

describe("single sign-on with the control panel (OpenID Connect)", () => {
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    panel = await startTestIssuer({ redirectUri: `${base}${CALLBACK}` });
    staffIssuer = await startTestIssuer({ redirectUri: `${base}${CALLBACK}`, claimsInIdToken: true });
    t = await createTestApp(new Date(), {
      oidc: {
        customer: { issuer: panel.url, clientId: panel.clientId, clientSecret: panel.clientSecret },
        staff: { issuer: staffIssuer.url, clientId: staffIssuer.clientId, clientSecret: staffIssuer.clientSecret },
        customerClaim: "customer_number",
        roleClaim: "art28_role",
        publicUrl: base,
      },
    });
    await t.app.listen({ port, host: "127.0.0.1" });
    const customerA = await createCustomer(t.database.db, t.clock, { name: "Klant A" });
    const customerB = await createCustomer(t.database.db, t.clock, { name: "Klant B" });
    const officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
    assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
    const agreements = (await officer.get("/api/v1/agreements")).json<{ id: string; controllerId: string }[]>();
    const agreementOf = (controllerId: string) => agreements.find((row) => row.controllerId === controllerId)?.id ?? assert.fail("no agreement");
    a = { ...customerA, number: await customerNumberOf(customerA.controllerId), agreement: agreementOf(customerA.controllerId) };
    b = { ...customerB, number: await customerNumberOf(customerB.controllerId), agreement: agreementOf(customerB.controllerId) };
  });
  after(async () => {
    await t?.close();
    await panel?.close();
    await staffIssuer?.close();
  });

  test("the login page is told which sign-in buttons to show", async () => {
    const response = await fetch(`${base}/api/v1/auth/oidc/providers`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), [
      {
        provider: "customer",
        label: { nl: "Inloggen via het controlepaneel", en: "Log in with the control panel" },
        startUrl: "/api/v1/auth/oidc/start?provider=customer",
      },
      {
        provider: "staff",
        label: { nl: "Inloggen als medewerker (single sign-on)", en: "Staff log in (single sign-on)" },
        startUrl: "/api/v1/auth/oidc/start?provider=staff",
      },
    ]);
  });

  test("first sign-in creates the customer user with its customer and role; it sees its own customer's data only", async () => {
    account(panel, "alice", { email: "Alice@A.example", name: "Alice Aa", customer_number: a.number, art28_role: "privacy_contact", locale: "en-GB" });
    const alice = await signIn(panel, "alice", "customer", "/agreements");
    assert.equal(alice.location, "/agreements");
    const { status, body } = await me(alice);
    assert.equal(status, 200);
    assert.equal(body?.kind, "customer");
    assert.equal(body?.controllerId, a.controllerId);
    assert.equal(body?.customerRole, "privacy_contact");
    assert.equal(body?.email, "alice@a.example");
    assert.equal(body?.name, "Alice Aa");
    assert.equal(body?.locale, "en");
    const user = await userByEmail("alice@a.example");
    assert.equal(user?.passwordHash, null, "signs in through the control panel only");
    const created = await eventsOf("auth.sso_user_created", String(body?.id));
    assert.equal(created.length, 1);
    assert.equal(created[0]?.controllerId, a.controllerId, "in the customer's own evidence chain");
    assert.equal(created[0]?.data.issuer, panel.url);
    assert.equal(created[0]?.data.subject, "alice");

    assert.equal((await alice.get(`/api/v1/agreements/${a.agreement}`)).status, 200);
    assert.equal((await alice.get(`/api/v1/agreements/${b.agreement}`)).status, 404, "another customer's agreement");
    assert.equal((await alice.get(`/api/v1/controllers/${b.controllerId}`)).status, 404);
  });

  test("a token naming another customer gives access to that customer only, never to the first", async () => {
    account(panel, "bob", { email: "bob@b.example", name: "Bob", customer_number: b.number, art28_role: "owner" });
    const bob = await signIn(panel, "bob");
    assert.equal(bob.location, "/");
    const { body } = await me(bob);
    assert.equal(body?.controllerId, b.controllerId);
    assert.equal(body?.customerRole, "owner");
    assert.equal((await bob.get(`/api/v1/agreements/${b.agreement}`)).status, 200);
    assert.equal((await bob.get(`/api/v1/agreements/${a.agreement}`)).status, 404);
    const list = (await (await bob.get("/api/v1/agreements")).json()) as { controllerId: string }[];
    assert.deepEqual([...new Set(list.map((row) => row.controllerId))], [b.controllerId]);
  });

  test("a user's identity never moves it to another customer: the same subject naming another customer is refused", async () => {
    const alice = await userByEmail("alice@a.example");
    assert.ok(alice);
    account(panel, "alice", { email: "alice@a.example", name: "Alice Aa", customer_number: b.number, art28_role: "privacy_contact" });
    try {
      const attempt = await signIn(panel, "alice");
      assert.equal(attempt.location, "/login?sso_error=customer_mismatch");
      assert.equal((await me(attempt)).status, 401);
      const refused = await eventsOf("auth.sso_refused", alice.id);
      assert.equal(refused.length, 1);
      assert.equal(refused[0]?.data.reason, "customer_mismatch");
      assert.equal(refused[0]?.data.claimedCustomerNumber, b.number);
    } finally {
      account(panel, "alice", { email: "alice@a.example", name: "Alice Aa", customer_number: a.number, art28_role: "privacy_contact" });
    }
  });

  test("an unknown or missing customer number, or no valid role, is refused and creates no user", async () => {
    account(panel, "carol", { email: "carol@x.example", customer_number: "NO-SUCH-CUSTOMER", art28_role: "owner" });
    assert.equal((await signIn(panel, "carol")).location, "/login?sso_error=customer_unknown");
    account(panel, "carol", { email: "carol@x.example", art28_role: "owner" });
    assert.equal((await signIn(panel, "carol")).location, "/login?sso_error=customer_missing");
    account(panel, "carol", { email: "carol@x.example", customer_number: a.number, art28_role: "admin" });
    assert.equal((await signIn(panel, "carol")).location, "/login?sso_error=role_invalid", "a staff role from the control panel");
    account(panel, "carol", { email: "carol@x.example", customer_number: a.number });
    assert.equal((await signIn(panel, "carol")).location, "/login?sso_error=role_invalid");
    assert.equal(await userByEmail("carol@x.example"), null);
  });

  test("an altered ID token, or one signed with a key the issuer does not publish, is refused", async () => {
    account(panel, "dave", { email: "dave@a.example", customer_number: a.number, art28_role: "owner" });
    for (const tamper of ["payload", "foreign-key"] as const) {
      panel.tamper = tamper;
      try {
        const attempt = await signIn(panel, "dave");
        assert.equal(attempt.location, "/login?sso_error=invalid", tamper);
        assert.equal((await me(attempt)).status, 401, tamper);
      } finally {
        panel.tamper = null;
      }
    }
    assert.equal(await userByEmail("dave@a.example"), null);
    // The same sign-in untouched goes through.
    assert.equal((await signIn(panel, "dave")).location, "/");
  });

  test("a callback with a wrong state, or without a sign-in started in this browser, is refused", async () => {
    const jar = new CookieJar();
    const start = await browserFetch(jar, `${base}/api/v1/auth/oidc/start?provider=customer`);
    assert.equal(start.status, 302);
    const authorization = new URL(start.headers.get("location") ?? "");
    assert.equal(authorization.origin, panel.url);
    assert.equal(authorization.searchParams.get("code_challenge_method"), "S256");
    assert.ok(authorization.searchParams.get("code_challenge"));
    assert.ok(authorization.searchParams.get("nonce"));
    assert.equal(authorization.searchParams.get("redirect_uri"), `${base}${CALLBACK}`);
    const state = authorization.searchParams.get("state") ?? "";
    const wrong = await browserFetch(jar, `${base}${CALLBACK}?code=abc&state=${state}x`);
    assert.equal(wrong.status, 302);
    assert.equal(wrong.headers.get("location"), "/login?sso_error=state");
    // The state is spent: the right one afterwards is refused too.
    const replay = await browserFetch(jar, `${base}${CALLBACK}?code=abc&state=${state}`);
    assert.equal(replay.headers.get("location"), "/login?sso_error=state");
    const fresh = await browserFetch(new CookieJar(), `${base}${CALLBACK}?code=abc&state=${state}`);
    assert.equal(fresh.headers.get("location"), "/login?sso_error=state");
    // A real code for someone else's sign-in, delivered into this browser (login CSRF), is refused:
    // its state is not the one this browser's sign-in keeps.
    account(panel, "erin", { email: "erin@a.example", customer_number: a.number, art28_role: "viewer" });
    const victim = new CookieJar();
    assert.equal((await browserFetch(victim, `${base}/api/v1/auth/oidc/start?provider=customer`)).status, 302);
    const attacker = new CookieJar();
    const planted = await followSignIn(attacker, `${base}/api/v1/auth/oidc/start?provider=customer`, panel.url, "erin", { stopAtCallback: true });
    assert.ok(planted.startsWith(`${base}${CALLBACK}?code=`), planted);
    const injected = await browserFetch(victim, planted);
    assert.equal(injected.headers.get("location"), "/login?sso_error=state");
    assert.equal((await browserFetch(victim, `${base}/api/v1/auth/me`)).status, 401);
    assert.equal(await userByEmail("erin@a.example"), null);
  });

  test("a second sign-in reuses the user; a role changed in the control panel changes the role, with evidence", async () => {
    const alice = await userByEmail("alice@a.example");
    assert.ok(alice);
    const again = await signIn(panel, "alice");
    assert.equal(again.location, "/");
    assert.equal((await me(again)).body?.id, alice.id);
    const identities = await t.database.db.select().from(userIdentities).where(eq(userIdentities.userId, alice.id));
    assert.equal(identities.length, 1);
    assert.ok(identities[0]?.lastLoginAt);

    account(panel, "alice", { email: "alice@a.example", name: "Alice Aa", customer_number: a.number, art28_role: "viewer" });
    const demoted = await signIn(panel, "alice");
    const { body } = await me(demoted);
    assert.equal(body?.id, alice.id);
    assert.equal(body?.customerRole, "viewer");
    const changed = await eventsOf("auth.sso_role_changed", alice.id);
    assert.equal(changed.length, 1);
    assert.equal(changed[0]?.data.from, "privacy_contact");
    assert.equal(changed[0]?.data.to, "viewer");
    assert.equal(changed[0]?.controllerId, a.controllerId);
    // The new role is the one that counts: a viewer reads the agreement but may not sign it.
    assert.equal((await demoted.get(`/api/v1/agreements/${a.agreement}`)).status, 200);
    const sign = await browserFetch(demoted.jar, `${base}/api/v1/agreements/${a.agreement}/sign`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": String(body?.csrfToken) },
      body: "{}",
    });
    assert.equal(sign.status, 403);
  });

  test("a disabled user is refused, with evidence", async () => {
    account(panel, "frank", { email: "frank@a.example", customer_number: a.number, art28_role: "owner" });
    const first = await signIn(panel, "frank");
    assert.equal(first.location, "/");
    const frank = await userByEmail("frank@a.example");
    assert.ok(frank);
    await t.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, frank.id));
    const again = await signIn(panel, "frank");
    assert.equal(again.location, "/login?sso_error=disabled");
    assert.equal((await me(again)).status, 401);
    const refused = await eventsOf("auth.sso_refused", frank.id);
    assert.equal(refused.at(-1)?.data.reason, "disabled");
    // The session it had before is over too.
    assert.equal((await me(first)).status, 401);
  });

  test("an existing user is linked only by a verified address of the same customer", async () => {
    const existing = await createCustomerUser(t.database.db, a.controllerId, "owner");
    account(panel, "gina-unverified", { email: existing.email, customer_number: a.number, art28_role: "owner", email_verified: false });
    assert.equal((await signIn(panel, "gina-unverified")).location, "/login?sso_error=email_taken");
    account(panel, "gina-other", { email: existing.email, customer_number: b.number, art28_role: "owner" });
    assert.equal((await signIn(panel, "gina-other")).location, "/login?sso_error=email_taken");
    const refused = await eventsOf("auth.sso_refused", existing.id);
    assert.deepEqual(
      refused.map((event) => event.data.reason),
      ["email_taken", "email_taken"],
    );

    account(panel, "gina", { email: existing.email, customer_number: a.number, art28_role: "owner" });
    const gina = await signIn(panel, "gina");
    assert.equal(gina.location, "/");
    assert.equal((await me(gina)).body?.id, existing.id);
    assert.equal((await eventsOf("auth.sso_identity_linked", existing.id)).length, 1);
    // Staff is never linked from the control panel.
    const staff = await createStaff(t.database.db, "admin");
    account(panel, "hank", { email: staff.email, customer_number: a.number, art28_role: "owner" });
    assert.equal((await signIn(panel, "hank")).location, "/login?sso_error=email_taken");
  });

  test("the staff issuer signs in staff with the role of its claim", async () => {
    account(staffIssuer, "sam", { email: "sam@hoster.example", name: "Sam", art28_role: "security_officer" });
    const sam = await signIn(staffIssuer, "sam", "staff", "/office/incidents");
    assert.equal(sam.location, "/office/incidents");
    const { body } = await me(sam);
    assert.equal(body?.kind, "staff");
    assert.equal(body?.staffRole, "security_officer");
    assert.equal(body?.controllerId, null);
    const created = await eventsOf("auth.sso_user_created", String(body?.id));
    assert.equal(created[0]?.controllerId, null, "in the processor's chain");
    // A new staff user sees no customer data before confirming the confidentiality statement (art. 2.3, 9.1).
    const refused = await sam.get("/api/v1/incidents");
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "confidentiality_required");
    const [samUser] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.id, String(body?.id)));
    assert.ok(samUser);
    await confirmConfidentiality(t.database.db, t.clock, samUser);
    assert.equal((await sam.get("/api/v1/incidents")).status, 200);

    account(staffIssuer, "tom", { email: "tom@hoster.example", art28_role: "owner" });
    assert.equal((await signIn(staffIssuer, "tom", "staff")).location, "/login?sso_error=role_invalid", "a customer role is no staff role");
  });

  test("a user without a password steps up through the control panel (prompt=login, recent auth_time, same subject) and then creates an API token", async () => {
    // The tests before ran on real time; the step-up compares the issuer's auth_time with Art28's clock.
    t.clock.set(new Date());
    account(panel, "ivy", { email: "ivy@a.example", name: "Ivy", customer_number: a.number, art28_role: "owner" });
    account(panel, "mallory", { email: "mallory@a.example", name: "Mallory", customer_number: a.number, art28_role: "owner" });
    assert.equal((await signIn(panel, "mallory")).location, "/", "another user of the same customer, with its own identity");
    const ivy = await signIn(panel, "ivy", "customer", "/tokens");
    const before = await me(ivy);
    assert.equal(before.body?.hasPassword, false);
    assert.equal(before.body?.ssoProvider, "customer");
    const ivyId = String(before.body?.id);
    const sessionCookie = ivy.jar.cookies.get("art28_session");
    assert.ok(sessionCookie);
    const createToken = () =>
      browserFetch(ivy.jar, `${base}/api/v1/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": String(before.body?.csrfToken) },
        body: JSON.stringify({ name: "ci" }),
      });
    const refused = await createToken();
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "step_up_required");

    const stepUpUrl = `${base}/api/v1/auth/oidc/start?${new URLSearchParams({ provider: "customer", stepUp: "1", returnTo: "/tokens" }).toString()}`;
    // The issuer is asked to make the person sign in again, now.
    const start = await browserFetch(ivy.jar, stepUpUrl);
    assert.equal(start.status, 302);
    const authorization = new URL(start.headers.get("location") ?? "");
    assert.equal(authorization.origin, panel.url);
    assert.equal(authorization.searchParams.get("prompt"), "login");
    assert.equal(authorization.searchParams.get("max_age"), "0");

    // (The issuer's own session is left out of each round: its handling of one person signing in over
    // another's is the issuer's business, not Art28's.)
    const forgetIssuerSession = () => {
      for (const name of [...ivy.jar.cookies.keys()].filter((name) => !name.startsWith("art28"))) {
        ivy.jar.cookies.delete(name);
      }
    };
    // Someone else signing in at the issuer does not step up Ivy's session, nor take it over.
    forgetIssuerSession();
    assert.equal(await followSignIn(ivy.jar, stepUpUrl, panel.url, "mallory"), "/tokens?sso_error=step_up_other_user");
    assert.equal((await me(ivy)).body?.id, ivyId, "the session is still Ivy's");
    assert.equal((await createToken()).status, 403);
    const otherRefusal = (await eventsOf("auth.sso_refused", ivyId)).at(-1);
    assert.equal(otherRefusal?.data.reason, "step_up_other_user");
    assert.equal(otherRefusal?.data.subject, "mallory");

    // A sign-in at the issuer that is not recent (auth_time minutes before Art28's clock) is refused.
    forgetIssuerSession();
    const callback = await followSignIn(ivy.jar, stepUpUrl, panel.url, "ivy", { stopAtCallback: true });
    t.clock.advance(6 * 60_000);
    try {
      const stale = await browserFetch(ivy.jar, callback);
      assert.equal(stale.headers.get("location"), "/tokens?sso_error=step_up_stale");
    } finally {
      t.clock.set(new Date());
    }
    assert.equal((await createToken()).status, 403);
    assert.equal((await eventsOf("auth.sso_refused", ivyId)).at(-1)?.data.reason, "step_up_stale");

    // Ivy herself, just now: the session is stepped up (not a new one) and the token is created.
    forgetIssuerSession();
    assert.equal(await followSignIn(ivy.jar, stepUpUrl, panel.url, "ivy"), "/tokens");
    const after = await me(ivy);
    assert.equal(after.body?.id, ivyId);
    assert.equal(ivy.jar.cookies.get("art28_session"), sessionCookie, "the same session, not a new one");
    // (With the CSRF token of before the step-up: the same session's secret.)
    const created = await createToken();
    assert.equal(created.status, 201);
    assert.ok(((await created.json()) as { token: string }).token);

    // A step-up needs a signed-in session; a fresh browser is sent to the login page.
    const anonymous = await browserFetch(new CookieJar(), stepUpUrl);
    assert.equal(anonymous.headers.get("location"), "/login?sso_error=state");
    // A user with a password (and no identity at the issuer) keeps the password step-up.
    const withPassword = await login(t.app, (await createCustomerUser(t.database.db, a.controllerId, "owner")).email);
    const plainMe = (await withPassword.get("/api/v1/auth/me")).json<{ hasPassword: boolean; ssoProvider: string | null }>();
    assert.deepEqual([plainMe.hasPassword, plainMe.ssoProvider], [true, null]);
  });

  test("logging out of a single sign-on session names the issuer's logout (RP-initiated), which ends the issuer's session and comes back to /login", async () => {
    account(panel, "lou", { email: "lou@a.example", name: "Lou", customer_number: a.number, art28_role: "viewer" });
    const lou = await signIn(panel, "lou");
    assert.equal(lou.location, "/");
    const signedIn = await me(lou);
    assert.equal(signedIn.status, 200);
    const loggedOut = await browserFetch(lou.jar, `${base}/api/v1/auth/logout`, {
      method: "POST",
      headers: { "x-csrf-token": String(signedIn.body?.csrfToken) },
    });
    assert.equal(loggedOut.status, 200);
    const { issuerLogoutUrl } = (await loggedOut.json()) as { issuerLogoutUrl: string | null };
    assert.ok(issuerLogoutUrl);
    const logout = new URL(issuerLogoutUrl);
    assert.equal(logout.origin, panel.url);
    assert.equal(logout.searchParams.get("post_logout_redirect_uri"), `${base}/login`);
    assert.ok(logout.searchParams.get("id_token_hint"), "the sign-in is named by its ID token");
    assert.equal((await me(lou)).status, 401, "Art28's session ended at once");

    // At the issuer: its confirmation form, submitted, ends its session and sends the browser back to /login.
    const confirm = await browserFetch(lou.jar, issuerLogoutUrl);
    assert.equal(confirm.status, 200);
    const form = await confirm.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(form)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(action && xsrf, "the issuer asks to confirm the logout");
    const confirmed = await browserFetch(lou.jar, new URL(action, panel.url).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
    });
    assert.equal(confirmed.status, 303);
    assert.equal(new URL(confirmed.headers.get("location") ?? "", panel.url).href, `${base}/login`);
    // Signing in again needs the issuer's login form again: its session is gone.
    const again = await browserFetch(lou.jar, `${base}/api/v1/auth/oidc/start?provider=customer`);
    const atIssuer = await browserFetch(lou.jar, again.headers.get("location") ?? "");
    const interaction = new URL(atIssuer.headers.get("location") ?? "", panel.url);
    assert.match(interaction.pathname, /^\/interaction\//, "the issuer asks for a login again");

    // A password session has no issuer to go to.
    const password = await login(t.app, (await createStaff(t.database.db, "auditor")).email);
    const plain = await password.send("POST", "/api/v1/auth/logout");
    assert.deepEqual(plain.json(), { issuerLogoutUrl: null });
  });

  test("returnTo stays inside Art28", () => {
    assert.equal(localReturnTo("/agreements?x=1"), "/agreements?x=1");
    for (const outside of ["https://evil.example/", "//evil.example", "/\\evil.example", "evil", "", undefined, "/a\\b", "/\nx"]) {
      assert.equal(localReturnTo(outside), "/", String(outside));
    }
  });
});

describe("single sign-on not configured", () => {
  let plain: TestApp;
  before(async () => {
    plain = await createTestApp(new Date());
  });
  after(async () => {
    await plain?.close();
  });

  test("no buttons, and a start goes back to the login page", async () => {
    assert.deepEqual((await plain.app.inject({ method: "GET", url: "/api/v1/auth/oidc/providers" })).json(), []);
    const start = await plain.app.inject({ method: "GET", url: "/api/v1/auth/oidc/start?provider=customer" });
    assert.equal(start.statusCode, 302);
    assert.equal(start.headers.location, "/login?sso_error=unavailable");
    const bad = await plain.app.inject({ method: "GET", url: "/api/v1/auth/oidc/start?provider=other" });
    assert.equal(bad.statusCode, 400);
    const callback = await plain.app.inject({ method: "GET", url: `${CALLBACK}?code=x&state=y` });
    assert.equal(callback.headers.location, "/login?sso_error=state");
  });
});

test("ART28_OIDC_* is read in one place, and a half or unsafe configuration stops the start", () => {
  assert.equal(oidcConfig({}), undefined);
  const panelEnv = { ART28_OIDC_ISSUER: "https://panel.example", ART28_OIDC_CLIENT_ID: "art28", ART28_OIDC_CLIENT_SECRET: "s3cret" };
  assert.deepEqual(oidcConfig(panelEnv), {
    customer: { issuer: "https://panel.example", clientId: "art28", clientSecret: "s3cret" },
    staff: null,
    customerClaim: "customer_number",
    roleClaim: "art28_role",
  });
  const both = oidcConfig({
    ...panelEnv,
    ART28_OIDC_STAFF_ISSUER: "https://login.hoster.example/realms/staff",
    ART28_OIDC_STAFF_CLIENT_ID: "art28-staff",
    ART28_OIDC_STAFF_CLIENT_SECRET: "x",
    ART28_OIDC_CUSTOMER_CLAIM: "klantnummer",
    ART28_OIDC_ROLE_CLAIM: "roles.art28",
  });
  assert.equal(both?.staff?.issuer, "https://login.hoster.example/realms/staff");
  assert.equal(both?.customerClaim, "klantnummer");
  assert.equal(both?.roleClaim, "roles.art28");
  assert.equal(oidcConfig({ ...panelEnv, ART28_OIDC_ISSUER: "http://localhost:8080" })?.customer?.issuer, "http://localhost:8080");
  assert.throws(() => oidcConfig({ ART28_OIDC_ISSUER: "https://panel.example" }), /go together/);
  assert.throws(() => oidcConfig({ ...panelEnv, ART28_OIDC_ISSUER: "http://panel.example" }), /must be https/);
  assert.throws(() => oidcConfig({ ...panelEnv, ART28_OIDC_ISSUER: "not a url" }), /not a URL/);
  assert.throws(
    () => oidcConfig({ ...panelEnv, ART28_OIDC_STAFF_ISSUER: "https://panel.example/", ART28_OIDC_STAFF_CLIENT_ID: "b", ART28_OIDC_STAFF_CLIENT_SECRET: "c" }),
    /must differ/,
  );
  assert.throws(() => oidcConfig({ ...panelEnv, ART28_OIDC_ROLE_CLAIM: "role claim" }), /not a claim name/);
});
