import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { controllers } from "../../src/db/schema/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, shot, textOf } from "../support/browser.ts";
import { freePort, startTestIssuer, type TestIssuer } from "../support/oidc-issuer.ts";
import { skipIfMissing } from "../support/requirements.ts";

// Single sign-on in a real browser: a customer's user opens the login page, clicks "Inloggen via het
// controlepaneel", signs in at the control panel (a real oidc-provider in the test process), and
// lands in its customer's portal, logged in; logging out ends its session at the control panel too. Someone whose customer number Art28 does not know is
// sent back to the login page with the reason, in Dutch and in English.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let panel: TestIssuer;

describe("single sign-on in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    panel = await startTestIssuer({ redirectUri: `${base}/api/v1/auth/oidc/callback` });
    t = await createTestApp(new Date(), {
      webRoot: DEFAULT_WEB_ROOT,
      oidc: {
        customer: { issuer: panel.url, clientId: panel.clientId, clientSecret: panel.clientSecret },
        staff: null,
        customerClaim: "customer_number",
        roleClaim: "art28_role",
        publicUrl: base,
      },
    });
    await t.app.listen({ port, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await panel?.close();
  });

  test("a customer's user logs in with the control panel and lands in its portal", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Zeta" });
    const [row] = await t.database.db.select({ number: controllers.customerNumber }).from(controllers).where(eq(controllers.id, customer.controllerId));
    panel.accounts.set("zoe", {
      sub: "zoe",
      email: "zoe@zeta.example",
      email_verified: true,
      name: "Zoë Zeta",
      customer_number: row?.number,
      art28_role: "owner",
    });

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/login`);
    const button = page.getByTestId("sso-customer");
    assert.equal((await button.textContent())?.trim(), "Inloggen via het controlepaneel");
    await shot(page, "sso-login-page");
    await button.click();
    // The control panel's login form (oidc-provider's own page).
    await page.waitForURL((url) => url.origin === panel.url);
    await page.locator('input[name="login"]').fill("zoe");
    await page.locator('input[name="password"]').fill("whatever the panel asks");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === base && url.pathname.startsWith("/portal"));
    assert.match(await textOf(page, "current-user"), /Zoë Zeta/);
    await shot(page, "sso-portal");

    // Logging out ends the session at the control panel too (it asks to confirm), then back to Art28's login page.
    await page.getByTestId("logout").click();
    // (The issuer's stock logout page imports a web font this machine cannot reach: wait for its form, not its load event.)
    await page.waitForURL((url) => url.origin === panel.url, { waitUntil: "commit" });
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await page.waitForURL((url) => url.origin === base && url.pathname === "/login");
    // Signing in again asks for the control panel's login form again.
    await page.getByTestId("sso-customer").click();
    await page.waitForURL((url) => url.origin === panel.url);
    assert.equal(await page.locator('input[name="login"]').count(), 1);
  });

  test("an unknown customer number brings the person back to the login page with the reason, in its language", async () => {
    panel.accounts.set("yann", { sub: "yann", email: "yann@nowhere.example", email_verified: true, customer_number: "NOT-A-CUSTOMER", art28_role: "owner" });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId("sso-customer").click();
    await page.waitForURL((url) => url.origin === panel.url);
    await page.locator('input[name="login"]').fill("yann");
    await page.locator('input[name="password"]').fill("x");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === base && url.pathname === "/login");
    assert.equal(new URL(page.url()).searchParams.get("sso_error"), "customer_unknown");
    assert.match(await textOf(page, "sso-error"), /Uw klantnummer is bij ons \(nog\) niet bekend/);
    await shot(page, "sso-error-nl");
    await page.getByTestId("lang-en").click();
    assert.match(await textOf(page, "sso-error"), /Your customer number is not \(yet\) known to us/);
    assert.equal((await page.getByTestId("sso-customer").textContent())?.trim(), "Log in with the control panel");
    assert.equal(await page.getByTestId("sso-staff").count(), 0, "no staff issuer configured: no staff button");
  });
});
