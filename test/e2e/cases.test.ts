import { DEFAULT_ZONE, localDate } from "../../src/domain/legal-time.ts";
import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";

// art. 2.4 in a real browser: a customer asks for DPIA help and accepts the estimate; the privacy
// officer logs time and closes the request with the deliverable; the billable item appears in the
// billing export once.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let zeta: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

describe("DPIA help in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    zeta = await createCustomer(t.database.db, t.clock, { name: "Zorggroep Zeta", services: ["web-hosting", "email"] });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("ask → estimate → accept → log time → close → export once", async () => {
    // The customer asks for help with a DPIA.
    const customer = await (await browser.newContext()).newPage();
    await loginAs(customer, base, zeta.owner.email);
    await customer.goto(`${base}/portal/cases`);
    await customer.getByTestId("cases-empty").waitFor();
    await customer.getByTestId("case-new").click();
    await customer.getByTestId("case-title").fill("DPIA cliëntenportaal");
    await customer.getByTestId("case-what").fill("Wij vragen uw bijdrage over de beveiliging en de subverwerkers van de hosting.");
    await customer.getByTestId("case-service-web-hosting").check();
    await shot(customer, "portal-case-new");
    await customer.getByTestId("case-submit").click();
    await customer.getByTestId("case-request").waitFor();
    assert.equal(await customer.getByTestId("case-status").getAttribute("data-status"), "open");
    assert.equal(await customer.getByTestId("case-clock").first().getAttribute("data-clock"), "running");
    const caseUrl = customer.url();
    const caseId = caseUrl.split("/").pop() ?? "";

    // The officer finds it with its clock and answers with an estimate: 6 h × € 125.
    t.clock.advance(60 * 60_000);
    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);
    await officer.goto(`${base}/admin/cases`);
    await officer.getByTestId("case-row").filter({ hasText: "Zorggroep Zeta" }).getByTestId("case-open").click();
    await officer.getByTestId("case-tab-costs").click();
    await officer.getByTestId("estimate-hours").fill("6");
    await officer.getByTestId("estimate-rate").fill("125");
    await officer.getByTestId("estimate-description").fill("Bijdrage aan de DPIA: beveiligingsmaatregelen en subverwerkers.");
    await officer.getByTestId("estimate-send").click();
    await officer.getByTestId("estimate").first().waitFor();
    assert.match(await textOf(officer, "estimate-total"), /750,00/);
    await shot(officer, "admin-case-estimate");

    // The customer accepts it.
    await customer.goto(caseUrl);
    await customer.getByTestId("estimate-accept").click();
    await customer.locator("[data-testid=estimate][data-status=accepted]").waitFor();
    assert.equal(await customer.getByTestId("case-status").getAttribute("data-status"), "accepted");
    await shot(customer, "portal-case-accepted");

    // The officer logs 90 minutes of billable work and closes with the deliverable.
    await officer.goto(`${base}/admin/cases/${caseId}?tab=costs`);
    await officer.getByTestId("entry-description").fill("Review DPIA-concept");
    await officer.getByTestId("entry-minutes").fill("90");
    await officer.getByTestId("entry-rate").fill("125");
    await officer.getByTestId("entry-billable").check();
    await officer.getByTestId("entry-log").click();
    await officer.getByTestId("entry-row").first().waitFor();
    assert.match(await textOf(officer, "billable-total"), /187,50/);
    await officer.getByTestId("case-tab-close").click();
    await officer.getByTestId("close-note").fill("Onze bijdrage aan uw DPIA staat in de bijlage.");
    await officer.getByTestId("close-files").setInputFiles({ name: "dpia-bijdrage.txt", mimeType: "text/plain", buffer: Buffer.from("Bijdrage DPIA\n") });
    await officer.getByTestId("close-submit").click();
    await officer.locator("[data-testid=case-status][data-status=closed]").waitFor();

    // The customer sees the outcome and the deliverable.
    await customer.goto(caseUrl);
    await customer.locator("[data-testid=case-status][data-status=closed]").waitFor();
    await customer.getByTestId("thread-attachment").filter({ hasText: "dpia-bijdrage.txt" }).waitFor();
    await shot(customer, "portal-case-closed");

    // The billable item is in the export once.
    await officer.goto(`${base}/admin/cases`);
    await officer.getByTestId("billing-link").click();
    // The period the item fell in, in the processor's zone: the app's clock has moved on since the
    // browser's "today" (an hour past 23:00 is tomorrow in Amsterdam).
    const billedOn = localDate(t.clock.now(), DEFAULT_ZONE);
    await officer.getByTestId("billing-from").fill(`${billedOn.slice(0, 8)}01`);
    await officer.getByTestId("billing-to").fill(billedOn);
    await officer.getByTestId("billing-show").click();
    await officer.getByTestId("billing-item").first().waitFor();
    assert.equal(await officer.getByTestId("billing-item").count(), 1);
    await officer.getByTestId("billing-export").click();
    await officer.getByTestId("billing-exported").waitFor();
    assert.match(await textOf(officer, "billing-exported"), /^1 post geëxporteerd/);
    await officer.getByTestId("billing-empty").waitFor();
    await officer.getByTestId("billing-export").click();
    await officer.locator("[data-testid=export-row][data-count='0']").waitFor();
    assert.equal(await officer.locator("[data-testid=export-row][data-count='1']").count(), 1, "exported once");
    await shot(officer, "admin-billing");
  });
});
