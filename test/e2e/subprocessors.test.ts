import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";

// art. 5 in a real browser: the privacy officer announces a new sub-processor, a customer it
// touches reads the notice, objects (a one-word reason is refused), both sides consult, and the
// officer records the outcome. The public trust page lists the change without a login.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let delta: Awaited<ReturnType<typeof createCustomer>>;
let epsilon: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

describe("sub-processor change in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    delta = await createCustomer(t.database.db, t.clock, { name: "Webwinkel Delta", services: ["web-hosting", "email"] });
    epsilon = await createCustomer(t.database.db, t.clock, { name: "Fysiotherapie Epsilon", services: ["web-hosting"] });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("announce → read → object → consult → outcome", async () => {
    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);

    // The officer registers a proposed sub-processor for the email service, with its contract.
    await officer.goto(`${base}/admin/subprocessors`);
    await officer.getByTestId("subprocessor-new").click();
    // Saved empty: the page's own message on the required fields, in Dutch (not the browser's bubble), and nothing sent.
    await officer.getByTestId("subprocessor-save").click();
    await officer.locator(".field-error").filter({ hasText: "Vul dit veld in." }).first().waitFor();
    assert.equal(await officer.getByTestId("subprocessor-created").count(), 0);
    await officer.getByTestId("subprocessor-name").fill("Mailvault GmbH");
    await officer.getByTestId("subprocessor-activity-nl").fill("Opslag van e-mailarchieven");
    await officer.getByTestId("subprocessor-activity-en").fill("Storage of email archives");
    await officer.getByTestId("location-country").fill("DE");
    await officer.getByTestId("location-city").fill("Frankfurt");
    await officer.getByTestId("service-pick-email").check();
    await shot(officer, "admin-subprocessor-new");
    await officer.getByTestId("subprocessor-save").click();
    await officer.getByTestId("subprocessor-created").waitFor();
    assert.equal(await textOf(officer, "subprocessor-status"), "Voorgesteld");

    const contract = Buffer.from("%PDF-1.4\nVerwerkersovereenkomst Mailvault GmbH\n");
    await officer.getByTestId("contract-file").setInputFiles({ name: "mailvault-dpa.pdf", mimeType: "application/pdf", buffer: contract });
    await officer.getByTestId("contract-upload").click();
    await officer.getByTestId("contract-sha256").waitFor();
    assert.equal(
      await textOf(officer, "contract-sha256"),
      createHash("sha256").update(contract).digest("hex"),
      "the hash shown is the hash of the file on record",
    );
    await shot(officer, "admin-subprocessor");

    // It announces adding it: the form starts from the sub-processor's own services.
    await officer.getByTestId("subprocessor-announce").click();
    assert.equal(await officer.getByTestId("change-kind").inputValue(), "add");
    assert.ok(await officer.getByTestId("service-pick-email").isChecked());
    await officer.getByTestId("change-description-nl").fill("Wij gaan e-mailarchieven opslaan bij Mailvault in Frankfurt.");
    await officer.getByTestId("change-description-en").fill("We will store email archives with Mailvault in Frankfurt.");
    await officer.getByTestId("change-preview").click();
    await officer.getByTestId("change-preview-result").waitFor();
    assert.match(await textOf(officer, "change-preview-result"), /bereikt 1 klant;/, "the reach is shown before announcing");
    await shot(officer, "admin-change-announce");
    await officer.getByTestId("change-announce").click();
    await officer.getByTestId("change-announced").waitFor();
    assert.match(await textOf(officer, "change-announced"), /aangekondigd aan 1 klant\b/, "only the customer taking email is touched");
    const changeUrl = officer.url();

    // Not before the window closes: the server's refusal shows under the date field.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await officer.getByTestId("change-effective-input").fill(`${tomorrow}T10:00`);
    await officer.getByTestId("change-effective-save").click();
    await officer.getByTestId("change-effective-error").waitFor();
    assert.match(await textOf(officer, "change-effective-error"), /bezwaartermijn/);
    await shot(officer, "admin-change-announced");

    // The customer it touches finds the notice in its inbox, unread, and opens it (an hour later).
    t.clock.advance(60 * 60_000);
    const customer = await (await browser.newContext()).newPage();
    await loginAs(customer, base, delta.owner.email);
    await customer.getByTestId("nav-unread").waitFor();
    await customer.goto(`${base}/portal/notices`);
    const row = customer.getByTestId("notice-row").filter({ hasText: "Mailvault" });
    assert.equal(await row.getAttribute("data-unread"), "true");
    await shot(customer, "portal-notices");
    await row.getByTestId("notice-open").click();
    await customer.getByTestId("notice-opened-at").waitFor();
    assert.doesNotMatch(await textOf(customer, "notice-opened-at"), /Nog niet/, "opening records it as read");
    await customer.frameLocator("[data-testid=notice-html]").getByText("Mailvault").first().waitFor();
    await shot(customer, "portal-notice");
    // The badge goes once it is read (the menu learns of it after the page: wait, do not read at once).
    await customer.getByTestId("nav-unread").waitFor({ state: "detached" });

    // It objects: one word is refused with the server's reason under the field; a reason is accepted.
    await customer.getByTestId("notice-related").click();
    await customer.getByTestId("change-window").waitFor();
    await customer.getByTestId("objection-reason-input").fill("Nee");
    await customer.getByTestId("objection-submit").click();
    const fieldError = customer.locator(".field-error");
    await fieldError.waitFor();
    assert.match((await fieldError.textContent()) ?? "", /één woord/);
    await shot(customer, "portal-change-object-error");
    await customer
      .getByTestId("objection-reason-input")
      .fill("Onze klanten eisen dat e-mailarchieven in Nederland blijven; Duitsland is contractueel uitgesloten.");
    await customer.getByTestId("objection-submit").click();
    await customer.getByTestId("your-objection").waitFor();
    assert.equal(await customer.getByTestId("objection-status").getAttribute("data-status"), "open");

    // The officer sees the objection and the customer as read + objected, and replies with an attachment.
    t.clock.advance(2 * 60 * 60_000);
    await officer.goto(changeUrl);
    const objection = officer.getByTestId("objection").filter({ hasText: "Webwinkel Delta" });
    await objection.waitFor();
    assert.match((await objection.getByTestId("objection-reason").textContent()) ?? "", /in Nederland blijven/);
    const recipient = officer.getByTestId("recipient-row").filter({ hasText: "Webwinkel Delta" });
    assert.equal(await recipient.getAttribute("data-read"), "true");
    assert.equal(await recipient.getAttribute("data-objection"), "open");
    await objection.getByTestId("thread-reply").fill("Mailvault slaat ook in Amsterdam op. Zullen we uw archieven daar laten bewaren?");
    await objection
      .getByTestId("thread-files")
      .setInputFiles({ name: "mailvault-locaties.txt", mimeType: "text/plain", buffer: Buffer.from("Frankfurt, Amsterdam\n") });
    await objection.getByTestId("thread-send").click();
    await objection.getByTestId("thread-message").filter({ hasText: "Amsterdam op" }).waitFor();
    await shot(officer, "admin-change-objection");

    // The customer reads the reply (with its attachment) and answers, later that day (sessions last 12 h).
    t.clock.advance(3 * 60 * 60_000);
    await customer.reload();
    const reply = customer.getByTestId("thread-message").filter({ hasText: "Amsterdam op" });
    await reply.waitFor();
    assert.equal(await customer.getByTestId("thread-message").count(), 1);
    assert.equal(await reply.getAttribute("data-from"), "processor");
    assert.equal(await reply.getByTestId("thread-attachment").textContent(), "mailvault-locaties.txt");
    await customer.getByTestId("thread-reply").fill("Ja, als de archieven in Amsterdam blijven, trekken we ons bezwaar in.");
    await customer.getByTestId("thread-send").click();
    await customer.getByTestId("thread-message").filter({ hasText: "trekken we ons bezwaar in" }).waitFor();

    // The officer records the outcome.
    t.clock.advance(60 * 60_000);
    await officer.reload();
    const closing = officer.getByTestId("objection").filter({ hasText: "Webwinkel Delta" });
    await closing.getByTestId("thread-message").filter({ hasText: "trekken we ons bezwaar in" }).waitFor();
    assert.deepEqual(
      await closing.getByTestId("thread-message").evaluateAll((items) => items.map((m) => m.getAttribute("data-from"))),
      ["processor", "customer"],
      "oldest first",
    );
    await closing.getByTestId("outcome-select").selectOption("resolved");
    await closing.getByTestId("outcome-note").fill("De archieven van Webwinkel Delta blijven in Amsterdam.");
    await closing.getByTestId("outcome-submit").click();
    await closing.getByTestId("objection-outcome").waitFor();
    assert.equal(await closing.getByTestId("objection-status").getAttribute("data-status"), "resolved");
    await officer.reload();
    const after = officer.getByTestId("recipient-row").filter({ hasText: "Webwinkel Delta" });
    await after.waitFor();
    assert.equal(await after.getAttribute("data-read"), "true", "the change page shows the customer as read");
    assert.equal(await after.getAttribute("data-objection"), "resolved", "…and as having objected (now resolved)");
    assert.equal(
      await officer.getByTestId("recipient-row").filter({ hasText: "Fysiotherapie Epsilon" }).count(),
      0,
      "a customer without the service is not touched",
    );
    await shot(officer, "admin-change-resolved");

    // The customer sees the outcome.
    await customer.reload();
    await customer.getByTestId("objection-outcome").waitFor();
    assert.match(await textOf(customer, "objection-outcome"), /Opgelost in overleg/);
    assert.match(await textOf(customer, "objection-outcome-note"), /in Amsterdam/);
    await shot(customer, "portal-change-resolved");

    // Its sub-processors page lists the change with its window; the untouched customer sees none.
    await customer.goto(`${base}/portal/subprocessors`);
    await customer.getByTestId("portal-change-row").filter({ hasText: "Mailvault" }).waitFor();
    await shot(customer, "portal-subprocessors");
    await customer.goto(`${base}/portal/transfers`);
    await customer.getByTestId("transfers-summary").waitFor();
    await shot(customer, "portal-transfers");
    const other = await (await browser.newContext()).newPage();
    await loginAs(other, base, epsilon.owner.email);
    await other.goto(`${base}/portal/subprocessors`);
    await other.getByText("Er zijn geen wijzigingen aan u aangekondigd.").waitFor();
    await other.goto(changeUrl.replace("/admin/", "/portal/"));
    await other.getByTestId("not-found").waitFor();

    await officer.goto(`${base}/admin/subprocessors`);
    await officer.getByTestId("changes-table").waitFor();
    await shot(officer, "admin-subprocessors");
  });

  test("the public trust page lists the announced change and its feed, without a login", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/trust`);
    await page.getByTestId("trust-title").waitFor();
    assert.equal(new URL(page.url()).pathname, "/trust", "no redirect to the login page");
    await page.getByTestId("trust-change").filter({ hasText: "Mailvault" }).waitFor();
    const feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    assert.equal(await feed.getAttribute("href"), "/api/v1/trust/changes.atom?lang=nl");
    const atom = await page.request.get(`${base}${(await page.getByTestId("trust-feed").getAttribute("href")) ?? ""}`);
    assert.equal(atom.status(), 200);
    const xml = await atom.text();
    assert.match(xml, /Mailvault/);
    // The feed's own address answers, and each entry's link opens that change on this page.
    const self = /<link[^>]*rel="self"[^>]*href="([^"]+)"/.exec(xml)?.[1] ?? /<link[^>]*href="([^"]+)"[^>]*rel="self"/.exec(xml)?.[1];
    assert.ok(self, "the feed names its own address");
    const selfUrl = new URL(self.replaceAll("&amp;", "&"));
    const again = await page.request.get(`${base}${selfUrl.pathname}${selfUrl.search}`);
    assert.equal(again.status(), 200);
    assert.match(again.headers()["content-type"] ?? "", /atom\+xml/, "the feed itself, not the page shell");
    const anchor = /href="[^"]*\/trust#(change-[0-9a-f-]{36})"/.exec(xml)?.[1];
    assert.ok(anchor, "an entry links to its change on the trust page");
    await page.locator(`#${anchor}`).waitFor();
    await shot(page, "trust-nl");
    await page.getByTestId("lang-en").click();
    await page.getByText("Announced changes").waitFor();
    assert.equal(await feed.getAttribute("href"), "/api/v1/trust/changes.atom?lang=en");
    await shot(page, "trust-en");
  });
});
