/// <reference lib="dom" />
// The functions passed to page.evaluate run in the browser: they name its globals (document, window).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import type { TestApp } from "../support/app.ts";
import { browserUnavailable, launchBrowser, shot } from "../support/browser.ts";
import { firstId, idsOf, loginDemo, openPage, routesIn, startDemoApp } from "../support/demo-browser.ts";
import { embeddedEngineOnly, skipIfMissing } from "../support/requirements.ts";

// What a first user saw on screenshots: on a phone the logout and language switch were off-screen
// and pages scrolled sideways; at 1366 px the staff menu took two lines. Every portal page at
// 390×844 and every back-office page at 1366×768, in Dutch and in English.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);
const APP = readFileSync(new URL("../../web/src/App.tsx", import.meta.url), "utf8");

let t: TestApp;
let base: string;
let browser: Browser;

/** Each route of App.tsx with its `:id` filled in; a route with an id this map lacks fails the test. */
function urls(prefix: string, routes: string[], ids: Record<string, string>): string[] {
  return routes.map((route) => {
    if (!route.includes(":")) {
      return `${prefix}/${route}`.replace(/\/$/, "");
    }
    const id = ids[route];
    assert.ok(id, `a real id for ${prefix}/${route}`);
    return `${prefix}/${route.replace(":id", id)}`;
  });
}

async function fits(page: Page, url: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${url}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

/** Logout and language switch are on the screen and not covered: a click would reach them. */
async function headerReachable(page: Page, url: string): Promise<void> {
  for (const id of ["logout", "lang-nl", "lang-en"]) {
    const control = page.getByTestId(id);
    assert.ok(await control.isVisible(), `${url}: ${id} is visible`);
    const box = await control.boundingBox();
    const width = page.viewportSize()?.width ?? 0;
    assert.ok(box && box.x >= 0 && box.x + box.width <= width, `${url}: ${id} is inside the window`);
    // The element at its centre is the control itself (nothing covers it).
    const hit = await control.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return top !== null && (el === top || el.contains(top));
    });
    assert.ok(hit, `${url}: ${id} is not covered`);
  }
}

describe("layout at phone and laptop widths", { skip: embeddedEngineOnly("the layout of the pages") || skipIfMissing(unavailable) }, () => {
  before(async () => {
    ({ t, base } = await startDemoApp());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("every portal page at 390×844: no sideways scrolling, logout and language reachable, the menu folds into a button", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // An owner of a customer taking e-mail: a data breach notice, a sub-processor change, deadlines and notices.
    // (The demo notifies all but one of them; which one depends on the order of the proposal.)
    for (const owner of ["owner@c0003.example", "owner@c0008.example", "owner@c0001.example"]) {
      await loginDemo(page, base, owner);
      if ((await idsOf(page, base, "/api/v1/breaches", "incidentId")).length > 0) {
        break;
      }
      await page.getByTestId("logout").click();
      await page.waitForURL(/\/login/);
    }
    const ids = {
      "agreements/:id": await firstId(page, base, "/api/v1/agreements"),
      "notices/:id": await firstId(page, base, "/api/v1/notices"),
      "obligations/:id": await firstId(page, base, "/api/v1/obligations"),
      "subprocessors/changes/:id": await firstId(page, base, "/api/v1/subprocessor-changes"),
      "breaches/:id": await firstId(page, base, "/api/v1/breaches", "incidentId"),
      "cases/:id": await firstId(page, base, "/api/v1/cases"),
      "subject-requests/:id": await firstId(page, base, "/api/v1/subject-requests"),
      "audits/:id": await firstId(page, base, "/api/v1/audits"),
      // The demo's notice of default is customer 3's: another customer's opens as "not found", which must fit too.
      "default-notices/:id": (await idsOf(page, base, "/api/v1/default-notices"))[0] ?? "00000000-0000-4000-8000-000000000000",
    };
    const pages = urls("/portal", routesIn(APP, "PortalLayout"), ids);
    assert.ok(pages.length >= 15, "every portal route of App.tsx");

    for (const lang of ["nl", "en"] as const) {
      await openPage(page, `${base}/portal`);
      await page.getByTestId(`lang-${lang}`).click();
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, "the page's lang follows the choice");
      for (const url of pages) {
        await openPage(page, `${base}${url}`);
        await fits(page, url);
        await headerReachable(page, url);
      }
      await shot(page, `layout-portal-390-${lang}`);
    }

    // The navigation is behind the menu button, and reachable through it.
    await openPage(page, `${base}/portal`);
    const nav = page.getByRole("navigation", { name: "Main menu" });
    assert.equal(await nav.isVisible(), false, "folded on a phone");
    const toggle = page.getByTestId("menu-toggle");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await fits(page, "/portal with the menu open");
    await nav.getByRole("link", { name: "API tokens" }).click();
    await page.waitForURL(/\/portal\/tokens$/);
    // The menu closes with the render after the navigation: waited for (at most 5 s), not sampled at once.
    await nav.waitFor({ state: "hidden", timeout: 5_000 }).catch(() => {});
    assert.equal(await nav.isVisible(), false, "a link followed closes the menu");
    await toggle.click();
    assert.equal(await nav.isVisible(), true);
    await page.keyboard.press("Escape");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false", "Escape closes the menu");
    assert.ok(await toggle.evaluate((el) => el === document.activeElement), "and gives the focus back to its button");

    // No browser bubble in the browser's language: the form says what is missing in the page's.
    await openPage(page, `${base}/portal/tokens`);
    const form = page.locator("form").filter({ has: page.getByTestId("token-create") });
    assert.equal(await form.evaluate((el) => (el as HTMLFormElement).noValidate), true);
    await page.getByTestId("token-create").click();
    await page.locator(".field-error").filter({ hasText: "Please fill in this field." }).waitFor();
    assert.ok(await page.getByTestId("token-name").evaluate((el) => el === document.activeElement), "the first field to fix has the focus");
    assert.equal(await page.getByTestId("token-name").getAttribute("aria-invalid"), "true");
    await context.close();
  });

  test("in Dutch, the login form and the sign form say in Dutch what is missing, and send nothing", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "en-US" });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") {
        posts.push(new URL(request.url()).pathname);
      }
    });
    const missing = page.locator(".field-error").filter({ hasText: "Vul dit veld in." });

    await page.goto(`${base}/login`);
    await page.getByTestId("lang-nl").click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "nl");
    await page.getByTestId("login-submit").click();
    await missing.nth(1).waitFor();
    assert.equal(await missing.count(), 2, "the address and the password");
    assert.ok(await page.getByTestId("login-email").evaluate((el) => el === document.activeElement), "the first field to fix has the focus");
    assert.equal(await page.getByTestId("login-email").getAttribute("aria-invalid"), "true");
    // An address that is no address: the app's words for it, in Dutch.
    await page.getByTestId("login-email").fill("niet-een-adres");
    await page.getByTestId("login-submit").click();
    await missing.first().waitFor();
    assert.equal(await missing.count(), 1, "the password is still missing");
    await page.locator(".field-error").filter({ hasText: "Vul een geldig e-mailadres in (naam@voorbeeld.nl)." }).waitFor();
    assert.equal(await page.getByTestId("login-email").getAttribute("aria-invalid"), "true", "the address is wrong");
    assert.deepEqual(
      posts.filter((path) => path === "/api/v1/auth/login"),
      [],
      "nothing was sent",
    );

    // Customer 1 of the demo has not signed yet: its owner's sign form.
    await loginDemo(page, base, "owner@c0001.example");
    const agreements = (await (await page.request.get(`${base}/api/v1/agreements`)).json()) as { id: string; status: string }[];
    const offered = agreements.find((agreement) => agreement.status === "offered");
    assert.ok(offered, "an agreement to sign in the demo");
    await openPage(page, `${base}/portal/agreements/${offered.id}`);
    await page.getByTestId("lang-nl").click();
    await page.getByTestId("sign-consent").check();
    await page.getByTestId("sign-submit").click();
    await missing.nth(1).waitFor();
    assert.equal(await missing.count(), 2, "the name and the function");
    assert.ok(await page.getByTestId("sign-name").evaluate((el) => el === document.activeElement), "the first field to fix has the focus");
    assert.deepEqual(
      posts.filter((path) => path.endsWith("/sign")),
      [],
      "nothing was signed",
    );
    // Filled in, the message goes and the same form is sent.
    await page.getByTestId("sign-name").fill("Eva de Eigenaar");
    assert.equal(await missing.count(), 1);
    await context.close();
  });

  test("the portal at 1366×768: its menu is one row in both languages, its settings under one menu button", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await loginDemo(page, base, "owner@c0002.example");
    for (const lang of ["nl", "en"] as const) {
      await openPage(page, `${base}/portal`);
      await page.getByTestId(`lang-${lang}`).click();
      const rows = await page
        .locator(".mainnav > ul > li")
        .evaluateAll(
          (items) => new Set(items.filter((li) => li.getBoundingClientRect().width > 0).map((li) => Math.round(li.getBoundingClientRect().top))).size,
        );
      assert.equal(rows, 1, `${lang}: the portal menu is one row`);
    }
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Users" }).click();
    await page.waitForURL(/\/portal\/users$/);
    await context.close();
  });

  test("every back-office page at 1366×768: the staff menu is one row, no sideways scrolling; the set-up menu opens", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await loginDemo(page, base, "privacy@norisk.example");
    const customers = await idsOf(page, base, "/api/v1/controllers?offset=0&limit=20");
    // A customer with notices (the demo's breach went to the customers taking e-mail).
    let notice: string | undefined;
    for (const customer of customers) {
      [notice] = await idsOf(page, base, `/api/v1/notices?controllerId=${customer}`);
      if (notice) {
        break;
      }
    }
    assert.ok(notice, "a customer's notice in the demo data");
    const ids = {
      "customers/:id": customers[0] ?? "",
      "customers/:id/access-log": customers[0] ?? "",
      "agreements/:id": await firstId(page, base, "/api/v1/agreements?offset=0&limit=5"),
      "obligations/:id": await firstId(page, base, "/api/v1/obligations"),
      "notices/:id": notice,
      "outbox/:id": await firstId(page, base, "/api/v1/outbox"),
      "subprocessors/changes/:id": await firstId(page, base, "/api/v1/subprocessor-changes"),
      "subprocessors/:id": await firstId(page, base, "/api/v1/subprocessors"),
      "incidents/:id": await firstId(page, base, "/api/v1/incidents"),
      "measures/:id": await firstId(page, base, "/api/v1/measures"),
      "cases/:id": await firstId(page, base, "/api/v1/cases"),
      "subject-requests/:id": await firstId(page, base, "/api/v1/subject-requests"),
      "disclosures/:id": await firstId(page, base, "/api/v1/disclosure-orders"),
      "endings/:id": await firstId(page, base, "/api/v1/endings", "controllerId"),
      "audits/:id": await firstId(page, base, "/api/v1/audits"),
      "claims/:id": await firstId(page, base, "/api/v1/claims"),
      "default-notices/:id": await firstId(page, base, "/api/v1/default-notices"),
    };
    const pages = urls("/admin", routesIn(APP, "AdminLayout"), ids).filter((url) => url !== "/admin");

    for (const lang of ["nl", "en"] as const) {
      await openPage(page, `${base}/admin/customers`);
      await page.getByTestId(`lang-${lang}`).click();
      for (const url of pages) {
        await openPage(page, `${base}${url}`);
        await fits(page, url);
        await headerReachable(page, url);
        const rows = await page
          .locator(".mainnav > ul > li")
          .evaluateAll(
            (items) => new Set(items.filter((li) => li.getBoundingClientRect().width > 0).map((li) => Math.round(li.getBoundingClientRect().top))).size,
          );
        assert.equal(rows, 1, `${url}: the staff menu is one row`);
      }
    }

    // The set-up pages are under one menu button, which opens, closes with Escape and leads to them.
    await openPage(page, `${base}/admin/customers`);
    const setup = page.getByRole("button", { name: "Set-up" });
    assert.equal(await setup.getAttribute("aria-expanded"), "false");
    await setup.click();
    await page
      .getByRole("link", { name: "Agreement template" })
      .or(page.getByRole("link", { name: "Templates" }))
      .first()
      .click();
    await page.waitForURL(/\/admin\/templates$/);
    // The menu shows it holds the current page (once the router has rendered it: wait, do not read at once).
    await page.locator("button.nav-group-button.active", { hasText: "Set-up" }).waitFor();
    await setup.click();
    await page.keyboard.press("Escape");
    assert.equal(await setup.getAttribute("aria-expanded"), "false");
    await shot(page, "layout-admin-1366-en");
    await context.close();
  });

  test("the long pages are tabs whose choice is in the URL, and the arrow keys move between them", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await loginDemo(page, base, "privacy@norisk.example");
    const incident = await firstId(page, base, "/api/v1/incidents");
    await openPage(page, `${base}/admin/incidents/${incident}`);
    const selected = (key: string) =>
      page.waitForFunction((k) => document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute("data-testid") === `tab-${k}`, key);
    await selected("incident");
    await page.getByRole("tab").first().focus();
    await page.keyboard.press("ArrowRight");
    await selected("affected");
    assert.ok(await page.getByTestId("tab-affected").evaluate((el) => el === document.activeElement), "ArrowRight selects the next tab and focuses it");
    assert.match(page.url(), /\?tab=affected$/, "the tab is in the URL");
    await page.getByTestId("affected-table").waitFor();
    await page.reload();
    await page.getByTestId("affected-table").waitFor();
    await selected("affected");
    await page.getByTestId("tab-affected").focus();
    await page.keyboard.press("End");
    await selected("timeline");
    await page.getByTestId("timeline-table").waitFor();
    await page.keyboard.press("Home");
    await selected("incident");
    await page.keyboard.press("ArrowLeft");
    await selected("timeline");
    await page.keyboard.press("ArrowRight");
    await selected("incident");
    // A panel that is not selected is hidden, not merely scrolled away.
    assert.equal(await page.getByTestId("timeline-table").isVisible(), false);
    assert.equal(await page.getByRole("tabpanel").count(), 1, "one panel in the accessibility tree");

    // The two long back-office pages on a phone, every tab: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const customer = await firstId(page, base, "/api/v1/controllers?offset=0&limit=5");
    for (const url of [`/admin/incidents/${incident}`, `/admin/customers/${customer}`]) {
      await openPage(page, `${base}${url}`);
      for (const tab of await page.getByRole("tab").evaluateAll((els) => els.map((el) => el.getAttribute("data-testid") ?? ""))) {
        await page.getByTestId(tab).click();
        await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
        await fits(page, `${url} [${tab}]`);
      }
    }
    await context.close();
  });
});
