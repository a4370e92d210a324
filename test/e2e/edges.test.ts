import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// What a first user ran into, in a real browser: the API reference calls nothing outside Art28, public
// pages log no errors (no 401 for "who am I"), and the customer list and evidence log speak words.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;

/** A page that records every request it makes and every console message it logs. */
async function watchedPage(): Promise<{ page: Page; requests: string[]; messages: ConsoleMessage[] }> {
  const context = await browser.newContext();
  const requests: string[] = [];
  const messages: ConsoleMessage[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on("console", (message) => messages.push(message));
  return { page, requests, messages };
}

const fromArt28 = (url: string) => url.startsWith(`${base}/`) || url.startsWith("data:") || url.startsWith("blob:");

describe("what a first user ran into, in the browser", { skip: skipIfMissing(unavailable) }, () => {
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

  test("the API reference at /api/docs loads everything from Art28 and nothing from anywhere else", async () => {
    const { page, requests, messages } = await watchedPage();
    await page.goto(`${base}/api/docs`);
    await page.getByText("Log in (starts a session cookie)").first().waitFor({ timeout: 30_000 });
    // Every request the page makes, so that none from elsewhere is missed; generous, as CI shares the machine.
    await page.waitForLoadState("networkidle", { timeout: 90_000 });
    await shot(page, "api-docs");
    assert.ok(
      requests.some((url) => url === `${base}/api/openapi.json`),
      requests.join("\n"),
    );
    assert.deepEqual(
      requests.filter((url) => !fromArt28(url)),
      [],
      "requests to other origins",
    );
    // A request the CSP refused never reaches the network, but Chromium says so in the console.
    assert.deepEqual(
      messages.map((m) => m.text()).filter((text) => /Content Security Policy|Refused to/i.test(text)),
      [],
    );
    // What a reader sees (not the page's configuration script, which names the switches turned off).
    const visible = await page.locator("body").innerText();
    assert.match(visible, /Art28 API/);
    assert.doesNotMatch(visible, /Ask AI|Ask the agent|Agent Scalar|\bMCP\b|Generate SDKs?|Open API Client/i, "an AI, MCP or client upsell on the page");
  });

  for (const path of ["/trust", "/login"]) {
    test(`${path} loads without a console error (no 401 for "who am I")`, async () => {
      const { page, messages } = await watchedPage();
      const failed: string[] = [];
      page.on("response", (response) => {
        if (response.status() >= 400) {
          failed.push(`${response.status()} ${response.url()}`);
        }
      });
      await page.goto(`${base}${path}`);
      await page.waitForLoadState("networkidle");
      assert.deepEqual(failed, []);
      assert.deepEqual(
        messages.filter((m) => m.type() === "error").map((m) => m.text()),
        [],
      );
    });
  }

  test("the customer list names services and versions in words; the evidence log labels its events", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Aaa Bakkerij Edges", services: ["web-hosting", "email"] });
    const admin = await createStaff(t.database.db, "admin");
    const { page } = await watchedPage();
    await loginAs(page, base, admin.email);
    await page.goto(`${base}/admin/customers?search=${encodeURIComponent("Aaa Bakkerij Edges")}`);
    const row = page.locator("tr", { hasText: "Aaa Bakkerij Edges" });
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    assert.doesNotMatch(text, /web-hosting|email\b/, "service codes in the list");
    assert.doesNotMatch(text, /→/, "a version shown as an arrow");
    await shot(page, "customers-list");

    await page.goto(`${base}/admin/customers/${customer.controllerId}`);
    const events = page.getByTestId("events-table");
    if ((await events.count()) > 0) {
      const types = await page.getByTestId("event-type").allTextContents();
      assert.ok(types.length > 0);
      for (const type of types) {
        assert.doesNotMatch(type, /^[a-z_]+\.[a-z_]+$/, `an event code shown as its label: ${type}`);
      }
    }
  });
});
