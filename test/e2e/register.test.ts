import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";
import { embeddedEngineOnly, skipIfMissing } from "../support/requirements.ts";

// The register (GDPR art. 30) in a browser: the privacy officer previews it and downloads the CSV;
// a customer downloads its own slice from the portal.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;

describe("the register in the browser", { skip: embeddedEngineOnly("the register's pages") || skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("the privacy officer sees the first lines and downloads the register as CSV; a customer downloads its slice", async () => {
    const alpha = await createCustomer(t.database.db, t.clock, { name: "Alpha Bakkerij", services: ["web-hosting", "email"], locale: "en" });
    await createCustomer(t.database.db, t.clock, { name: "Bravo Boekhouding", services: ["backup"] });
    const officer = await createStaff(t.database.db, "privacy_officer");

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await loginAs(page, base, officer.email);
    await page.goto(`${base}/admin/register`);
    await page.getByTestId("register-preview").waitFor();
    assert.match((await page.getByTestId("register-count").textContent()) ?? "", /\b2\b/);
    const preview = await page.getByTestId("register-preview").innerText();
    assert.match(preview, /Alpha Bakkerij/);
    assert.match(preview, /Bravo Boekhouding/);
    await shot(page, "register-admin");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("register-export-csv").click()]);
    assert.match(download.suggestedFilename(), /^verwerkingsregister-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /Alpha Bakkerij/);
    await context.close();

    const customerContext = await browser.newContext({ acceptDownloads: true });
    const portal = await customerContext.newPage();
    await loginAs(portal, base, alpha.owner.email);
    await portal.goto(`${base}/portal/register`);
    await portal.getByTestId("slice-json").waitFor();
    const [slice] = await Promise.all([portal.waitForEvent("download"), portal.getByTestId("slice-json").click()]);
    const json = JSON.parse(readFileSync(await slice.path(), "utf8")) as { controller: { name: string }; categories: unknown[] };
    assert.equal(json.controller.name, "Alpha Bakkerij");
    assert.equal(json.categories.length, 2);
    await customerContext.close();
  });
});
