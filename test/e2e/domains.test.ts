import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { controllerDomains } from "../../src/db/schema/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// art. 8.1 in a real browser: the customer's owner keeps its domain names on the contact page (a
// refused name says why, beside it); the privacy officer sees and changes them on the customer's page.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let customer: Awaited<ReturnType<typeof createCustomer>>;

const stored = async () =>
  (await t.database.db.select().from(controllerDomains).where(eq(controllerDomains.controllerId, customer.controllerId))).map((r) => r.domain).sort();

describe("a customer's domain names in the browser", { skip: skipIfMissing(unavailable) }, () => {
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

  test("the owner adds names on its contact page; a refused one says why and nothing is saved", async () => {
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, customer.owner.email);
    await page.goto(`${base}/portal/contact`);
    const editor = page.getByTestId("domains-editor");
    await editor.getByTestId("domains-none").waitFor();
    const add = async (name: string) => {
      await editor.getByTestId("domain-new").fill(name);
      await editor.getByTestId("domain-add").click();
    };
    await add("https://www.Bakkerij-Alfa.nl/contact");
    await add("localhost");
    await editor.getByTestId("domain-new").fill("münchen.de");
    await editor.getByTestId("domain-new").press("Enter");
    assert.equal(await editor.getByTestId("domain-entry").count(), 3);
    await editor.getByTestId("domains-save").click();
    await editor.getByTestId("domain-error").waitFor();
    assert.match((await editor.getByTestId("domain-error").textContent()) ?? "", /"localhost" is geen volledige domeinnaam/);
    assert.deepEqual(await stored(), [], "nothing saved");
    await shot(page, "portal-domains-refused");

    await editor.getByRole("button", { name: "Verwijderen: localhost" }).click();
    await editor.getByTestId("domains-save").click();
    await editor.getByTestId("domains-saved").waitFor();
    assert.deepEqual(await editor.getByTestId("domain-name").allTextContents(), ["bakkerij-alfa.nl", "münchen.de"]);
    assert.deepEqual(await stored(), ["bakkerij-alfa.nl", "xn--mnchen-3ya.de"]);
  });

  test("the privacy officer sees them on the customer's page and removes one", async () => {
    const officer = await createStaff(t.database.db, "privacy_officer");
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, officer.email);
    await page.goto(`${base}/admin/customers/${customer.controllerId}`);
    const editor = page.getByTestId("domains-editor");
    await editor.getByTestId("domain-entry").first().waitFor();
    assert.deepEqual(await editor.getByTestId("domain-name").allTextContents(), ["bakkerij-alfa.nl", "münchen.de"]);
    await editor.getByRole("button", { name: "Verwijderen: münchen.de" }).click();
    await editor.getByTestId("domains-save").click();
    await editor.getByTestId("domains-saved").waitFor();
    assert.deepEqual(await stored(), ["bakkerij-alfa.nl"]);
    await shot(page, "admin-customer-domains");
  });
});
