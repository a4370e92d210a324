import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { skipIfMissing } from "../support/requirements.ts";
import { browserUnavailable, launchBrowser, shot } from "../support/browser.ts";
import { loginDemo, startDemoApp } from "../support/demo-browser.ts";
import type { TestApp } from "../support/app.ts";

// art. 7.1 in a real browser, on the demo's data: the security officer finds the overdue review,
// records it, changes a measure and publishes Annex 2 with its diff; a customer reads what changed.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let base: string;
let browser: Browser;

describe("measures in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    ({ t, base } = await startDemoApp(12));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("overdue review → record it → change a measure → publish Annex 2 → the customer sees what changed", async () => {
    const officer = await (await browser.newContext()).newPage();
    await loginDemo(officer, base, "security@norisk.example");

    // The demo has exactly one overdue review.
    await officer.goto(`${base}/admin/measures?review=overdue`);
    await officer.getByTestId("measures-table").waitFor();
    const overdue = officer.locator("[data-testid=measures-table] tbody tr");
    assert.equal(await overdue.count(), 1);
    await overdue.first().getByRole("link").click();
    await officer.getByTestId("review-form").waitFor();
    await officer.getByTestId("review-note").fill("Gecontroleerd: alle beheerders gebruiken een hardwaresleutel.");
    await officer.getByTestId("review-submit").click();
    await officer.getByTestId("review-recorded").waitFor();
    assert.equal(await officer.locator("[data-testid=measure-reviews-table] tbody tr").first().locator("td").nth(3).textContent(), "Te laat");
    await shot(officer, "admin-measure-reviewed");

    // Change the measure's English description, then publish.
    await officer.getByTestId("measure-edit").click();
    await officer.getByTestId("measure-description-en").fill("Every administrator logs in with a hardware security key.");
    await officer.getByTestId("measure-save").click();
    await officer.getByTestId("measure-facts").waitFor();
    await officer.goto(`${base}/admin/measures/publish`);
    await officer.getByTestId("annex2-diff").waitFor();
    assert.equal(await officer.locator("[data-testid=annex2-diff] [data-change=changed] li").count(), 1);
    await officer.getByTestId("annex2-note").fill("Beheerders gebruiken nu hardwaresleutels.");
    await officer.getByTestId("annex2-publish").click();
    await officer.getByTestId("annex2-published").waitFor();
    await officer.getByTestId("annex2-nothing").waitFor();
    await shot(officer, "admin-annex2-published");

    // A customer reads the current Annex 2 and what changed since version 1.
    const owner = await (await browser.newContext()).newPage();
    await loginDemo(owner, base, "owner@c0002.example");
    await owner.goto(`${base}/portal/measures`);
    await owner.getByTestId("portal-annex2-changes").waitFor();
    assert.match((await owner.getByTestId("portal-annex2-version").textContent()) ?? "", /versie 2/);
    assert.equal(await owner.locator("[data-testid=portal-annex2-changes] [data-change=changed] li").count(), 1);
    await shot(owner, "portal-measures");
  });
});
