import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";

// art. 1.2 in a real browser: a customer gives a written instruction to process for another
// purpose; the privacy officer accepts it, naming the purpose in both languages, and the customer
// reads that its Annex 1 now holds it. A second instruction is answered with a warning that it
// would infringe the GDPR (art. 28(3)), which the customer acknowledges in its inbox.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let theta: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

describe("a written instruction in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    theta = await createCustomer(t.database.db, t.clock, { name: "Webwinkel Theta", services: ["web-hosting", "email"] });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function give(page: Awaited<ReturnType<Browser["newPage"]>>, purpose: string): Promise<string> {
    await page.goto(`${base}/portal/cases/new`);
    await page.getByTestId("case-kind").selectOption("instruction");
    await page.getByTestId("instruction-purpose").fill(purpose);
    await page.getByTestId("instruction-description").fill("Gebruik de toegangslogs van de webshop hier ook voor.");
    await page.getByTestId("instruction-data").fill("IP-adressen en tijdstippen van bezoekers");
    await page.getByTestId("case-service-web-hosting").check();
    await page.getByTestId("instruction-from").fill("2027-01-01");
    await shot(page, "portal-instruction-new");
    await page.getByTestId("case-submit").click();
    await page.getByTestId("case-request").waitFor();
    return page.url().split("/").pop() ?? "";
  }

  test("give an instruction → the officer accepts it into Annex 1 → the customer reads what changed", async () => {
    const customer = await (await browser.newContext()).newPage();
    await loginAs(customer, base, theta.owner.email);
    // Submitting with a field missing says so in the page and sends nothing.
    await customer.goto(`${base}/portal/cases/new`);
    await customer.getByTestId("case-kind").selectOption("instruction");
    await customer.getByTestId("case-submit").click();
    await customer.locator("[data-testid=instruction-purpose]:focus").waitFor();
    assert.match(customer.url(), /\/portal\/cases\/new$/);
    const caseId = await give(customer, "Fraudeanalyse van bestellingen");
    assert.equal(await customer.getByTestId("case-clock").first().getAttribute("data-clock"), "running");

    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);
    await officer.goto(`${base}/admin/cases/${caseId}?tab=close`);
    assert.equal(await officer.getByTestId("instruction-label-nl").inputValue(), "Fraudeanalyse van bestellingen", "prefilled from the request");
    await officer.getByTestId("instruction-label-en").fill("Fraud analysis of orders");
    await officer.getByTestId("instruction-accept-note").fill("Akkoord; wij gebruiken de logs voortaan ook hiervoor.");
    await shot(officer, "admin-instruction-accept");
    await officer.getByTestId("instruction-accept-submit").click();
    await officer.locator("[data-testid=case-status][data-status=closed]").waitFor();
    await officer.locator("[data-testid=case-clock][data-clock=met_in_time]").first().waitFor({ state: "attached" });

    await customer.goto(`${base}/portal/cases/${caseId}`);
    await customer.getByTestId("instruction-annex-link").waitFor();
    await customer.goto(`${base}/portal/notices`);
    await customer
      .getByText(/bijlage 1 is gewijzigd/i)
      .first()
      .waitFor();
    await shot(customer, "portal-instruction-accepted");
  });

  test("an instruction that would infringe the GDPR: the officer warns, the customer acknowledges the warning", async () => {
    const customer = await (await browser.newContext()).newPage();
    await loginAs(customer, base, theta.owner.email);
    const caseId = await give(customer, "Bezoekers volgen voor advertenties");
    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);
    await officer.goto(`${base}/admin/cases/${caseId}?tab=close`);
    await officer.getByTestId("instruction-provision").fill("AVG art. 6 lid 1");
    await officer.getByTestId("instruction-reasoning").fill("Voor dit doel is geen grondslag; de bezoekers zijn er niet over geïnformeerd.");
    await officer.getByTestId("instruction-warning-submit").click();
    await officer.locator("[data-testid=case-status][data-status=closed]").waitFor();

    await customer.goto(`${base}/portal/notices`);
    await customer
      .getByText(/Waarschuwing: instructie/)
      .first()
      .click();
    await customer.getByTestId("notice-acknowledge").waitFor();
    assert.match((await customer.getByTestId("notice-text").textContent()) ?? "", /art\. 28 lid 3 AVG[\s\S]*AVG art\. 6 lid 1/);
    await shot(customer, "portal-instruction-warning");
    await customer.getByTestId("notice-acknowledge").click();
    await customer.getByTestId("notice-acknowledged").waitFor();
  });
});
