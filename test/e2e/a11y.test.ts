/// <reference lib="dom" />
// The functions passed to page.evaluate run in the browser: they name its globals (document, window).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import type { TestApp } from "../support/app.ts";
import { browserUnavailable, launchBrowser } from "../support/browser.ts";
import { firstId, idsOf, loginDemo, openPage, startDemoApp } from "../support/demo-browser.ts";
import { embeddedEngineOnly, skipIfMissing } from "../support/requirements.ts";

// axe-core on the main pages, in Dutch and in English, at 1366 and at 390 px: no serious or
// critical violation. A page of tabs is checked tab by tab (a hidden panel is not checked).
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let base: string;
let browser: Browser;

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe's serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  // The app's CSP allows no inline script; the context bypasses it for axe alone.
  await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe.run;
    const result = await run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Checks every page in `urls` (and each tab of a page of tabs) in both languages; returns what axe found. */
async function audit(page: Page, urls: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const lang of ["nl", "en"] as const) {
    await openPage(page, `${base}${urls[0] ?? "/"}`);
    await page.getByTestId(`lang-${lang}`).click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    for (const url of urls) {
      await openPage(page, `${base}${url}`);
      const tabs = await page.getByRole("tab").evaluateAll((els) => els.map((el) => el.getAttribute("data-testid") ?? ""));
      for (const tab of tabs.length > 0 ? tabs : [""]) {
        if (tab) {
          await page.getByTestId(tab).click();
          await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
        }
        for (const problem of await violations(page)) {
          problems.push(`${lang} ${url}${tab ? ` [${tab}]` : ""}: ${problem}`);
        }
      }
    }
  }
  return problems;
}

describe("accessibility of the main pages (axe-core)", { skip: embeddedEngineOnly("accessibility of the pages") || skipIfMissing(unavailable) }, () => {
  before(async () => {
    ({ t, base } = await startDemoApp());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const width of [1366, 390]) {
    test(`login, trust page, portal and back-office at ${width} px: no serious or critical violation, nl and en`, async () => {
      const context = await browser.newContext({ viewport: { width, height: width > 500 ? 768 : 844 }, bypassCSP: true });
      const page = await context.newPage();
      const problems = await audit(page, ["/login", "/trust", "/trust/verify"]);

      // An owner of a customer taking e-mail: it has a data breach notice and a sub-processor change.
      for (const owner of ["owner@c0003.example", "owner@c0008.example", "owner@c0001.example"]) {
        await loginDemo(page, base, owner);
        if ((await idsOf(page, base, "/api/v1/breaches", "incidentId")).length > 0) {
          break;
        }
        await page.getByTestId("logout").click();
        await page.waitForURL(/\/login/);
      }
      const agreement = await firstId(page, base, "/api/v1/agreements");
      problems.push(
        ...(await audit(page, [
          "/portal",
          `/portal/agreements/${agreement}`,
          "/portal/notices",
          "/portal/breaches",
          "/portal/subprocessors",
          "/portal/tokens",
          "/portal/measures",
          "/portal/cases",
          "/portal/cases/new",
          "/portal/contact",
          "/portal/subject-requests",
          `/portal/subject-requests/${await firstId(page, base, "/api/v1/subject-requests")}`,
          "/portal/access-log",
          "/portal/disclosures",
          "/portal/ending",
          "/portal/audits",
          "/portal/audits/new",
          `/portal/audits/${await firstId(page, base, "/api/v1/audits")}`,
          "/portal/claims",
          "/portal/evidence",
        ])),
      );
      await page.getByTestId("logout").click();
      await page.waitForURL(/\/login/);

      await loginDemo(page, base, "privacy@norisk.example");
      const customer = await firstId(page, base, "/api/v1/controllers?offset=0&limit=5");
      const incident = await firstId(page, base, "/api/v1/incidents");
      const request = await firstId(page, base, "/api/v1/cases?status=closed");
      const order = await firstId(page, base, "/api/v1/disclosure-orders");
      problems.push(
        ...(await audit(page, [
          "/admin/customers",
          `/admin/customers/${customer}`,
          "/admin/incidents",
          `/admin/incidents/${incident}`,
          "/admin/outbox",
          "/admin/obligations",
          "/admin/measures",
          "/admin/measures/publish",
          "/admin/cases",
          `/admin/cases/${request}`,
          `/admin/cases/${request}?tab=costs`,
          "/admin/billable-items",
          "/admin/subject-requests",
          "/admin/subject-requests/new",
          `/admin/subject-requests/${await firstId(page, base, "/api/v1/subject-requests?status=received")}`,
          "/admin/confidentiality",
          "/admin/confidentiality/versions",
          "/admin/disclosures",
          "/admin/disclosures/new",
          `/admin/disclosures/${order}`,
          "/admin/endings",
          `/admin/endings/${await firstId(page, base, "/api/v1/endings", "controllerId")}`,
          "/admin/audits",
          `/admin/audits/${await firstId(page, base, "/api/v1/audits")}`,
          "/admin/claims",
          `/admin/claims/${await firstId(page, base, "/api/v1/claims")}`,
          `/admin/default-notices/${await firstId(page, base, "/api/v1/default-notices")}`,
          "/admin/fee-ledger",
        ])),
      );
      assert.deepEqual(problems, [], problems.join("\n"));
      await context.close();
    });
  }
});
