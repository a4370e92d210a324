import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";

// art. 2.2 in a real browser: a customer asks which measures the processor takes, naming one from
// the current Annex 2 and a standard; the privacy officer answers with the measures report within
// the term; the customer downloads the report from the thread (a PDF).
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let eta: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

describe("a question about the measures in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    eta = await createCustomer(t.database.db, t.clock, { name: "Huisartsen Eta", services: ["email"] });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("ask about the measures → answer with the report in time → the customer downloads the PDF", async () => {
    const customer = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await loginAs(customer, base, eta.owner.email);
    await customer.goto(`${base}/portal/cases/new`);
    await customer.getByTestId("case-kind").selectOption("measures_question");
    await customer.getByTestId("case-question").fill("Welke maatregelen neemt u voor toegangsbeheer?\nWij beelden ze af op ISO/IEC 27001:2022.");
    const firstMeasure = customer.locator("[data-testid^=case-measure-]").first();
    await firstMeasure.waitFor();
    const code = ((await firstMeasure.getAttribute("data-testid")) ?? "").replace("case-measure-", "");
    await firstMeasure.check();
    await customer.getByTestId("case-standard").fill("ISO/IEC 27001:2022");
    await shot(customer, "portal-measures-question-new");
    await customer.getByTestId("case-submit").click();
    await customer.getByTestId("case-request").waitFor();
    assert.equal(await customer.getByTestId("case-clock").first().getAttribute("data-clock"), "running");
    assert.match((await customer.getByTestId("case-request").textContent()) ?? "", new RegExp(code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const caseUrl = customer.url();
    const caseId = caseUrl.split("/").pop() ?? "";

    // Two hours later the officer answers with the measures report.
    t.clock.advance(2 * 3600_000);
    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);
    await officer.goto(`${base}/admin/cases/${caseId}?tab=close`);
    await officer.getByTestId("measures-answer-note").fill("Zie het maatregelenrapport in de bijlage.");
    await shot(officer, "admin-measures-answer");
    await officer.getByTestId("measures-answer-submit").click();
    await officer.locator("[data-testid=case-status][data-status=closed]").waitFor();
    await officer.locator("[data-testid=case-clock][data-clock=met_in_time]").first().waitFor({ state: "attached" });

    // The customer downloads the report from the thread.
    await customer.goto(`${caseUrl}?tab=thread`);
    await customer.locator("[data-testid=case-status][data-status=closed]").waitFor();
    const link = customer.getByTestId("thread-attachment").filter({ hasText: /maatregelen-annex2-v\d+\.pdf/ });
    await link.waitFor();
    await shot(customer, "portal-measures-answered");
    const [download] = await Promise.all([customer.waitForEvent("download"), link.click()]);
    assert.match(download.suggestedFilename(), /^maatregelen-annex2-v\d+\.pdf$/);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-", "the download is a PDF");
  });
});
