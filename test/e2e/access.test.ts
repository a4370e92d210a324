import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { notices } from "../../src/db/schema/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// art. 2.3, 9.1 in a real browser: a support user who has not yet confirmed the confidentiality
// statement is shown it and confirms; opening a customer not assigned to them, they break glass with
// a reason; the customer's owner then sees who looked, and why, on "Wie heeft uw gegevens ingezien".
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);
const REASON = "Klant belde over een storing in de mailbox, ticket 4711";

let t: TestApp;
let browser: Browser;
let base: string;
let customer: Awaited<ReturnType<typeof createCustomer>>;

describe("need-to-know in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    customer = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("support confirms the statement, breaks glass with a reason, and the customer sees it in its access log", async () => {
    const support = await createStaff(t.database.db, "support", undefined, { confirmed: false, clock: t.clock });
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, support.email);
    // Customer data is refused until the statement is confirmed: the back-office shows it.
    await page.waitForURL(`${base}/admin/confidentiality`);
    await page.getByTestId("statement-unconfirmed").waitFor();
    assert.match(await textOf(page, "statement-text"), /geheim/);
    await shot(page, "admin-confidentiality-statement");
    await page.getByTestId("statement-confirm").click();
    await page.waitForURL(`${base}/admin`);

    // Not assigned to this customer: the break-glass form, which wants a real reason.
    await page.goto(`${base}/admin/customers/${customer.controllerId}`);
    await page.getByTestId("break-glass").waitFor();
    await page.getByTestId("break-glass-reason").fill("even kijken");
    await page.getByTestId("break-glass-submit").click();
    await page.locator(".field-error").first().waitFor();
    assert.match((await page.locator(".field-error").first().textContent()) ?? "", /20 tekens/);
    await page.getByTestId("break-glass-reason").fill(REASON);
    await shot(page, "admin-break-glass");
    await page.getByTestId("break-glass-submit").click();
    await page.getByTestId("break-glass-granted").waitFor();
    await page.getByRole("heading", { name: "Bakkerij Alfa" }).waitFor();
    const told = await t.database.db.select().from(notices).where(eq(notices.kind, "break_glass"));
    assert.equal(told.length, 1, "the privacy officer is told");

    // The customer's owner sees who looked, what, and why.
    const portal = await (await browser.newContext()).newPage();
    await loginAs(portal, base, customer.owner.email);
    await portal.goto(`${base}/portal/access-log`);
    const row = portal.locator("[data-testid=access-log-row][data-why=break_glass]").first();
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    assert.match(text, /Staff support/);
    assert.match(text, /Buiten toewijzing \(break glass\)/);
    assert.match(text, /ticket 4711/);
    await shot(portal, "portal-access-log");
    const csv = await portal.request.get(`${base}${(await portal.getByTestId("access-log-export").getAttribute("href")) ?? ""}`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /ticket 4711/);

    // The privacy officer reads the same log from the customer's page.
    const office = await (await browser.newContext()).newPage();
    await loginAs(office, base, (await createStaff(t.database.db, "privacy_officer", undefined, { clock: t.clock })).email);
    await office.goto(`${base}/admin/customers/${customer.controllerId}`);
    await office.getByTestId("customer-access-log").click();
    await office.waitForURL(`${base}/admin/customers/${customer.controllerId}/access-log`);
    await office.locator("[data-testid=access-log-row][data-why=break_glass]").first().waitFor();
    assert.match(
      (await office.locator("[data-testid=access-log-row][data-why=role]").first().textContent()) ?? "",
      /Privacy officer/,
      "their own look is there too",
    );
  });
});
