import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { inScope } from "../../src/db/scope.ts";
import { monthBefore } from "../../src/domain/liability-cap.ts";
import { recordLedger } from "../../src/modules/claims/index.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// art. 11 in a real browser: a customer's owner gives notice of default three days after learning of
// the failure, and the portal states that it was given later than 48 hours after; the privacy officer
// records the customer's claim and sees the cap, from the fee ledger's month before the event.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);
const HOUR_MS = 60 * 60 * 1000;

let t: TestApp;
let browser: Browser;
let base: string;
let alfa: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;
let start: Date;

/** An instant as a datetime-local value in the processor's zone (Europe/Amsterdam), as the form takes it. */
function local(at: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

async function newPage(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, base, email);
  return page;
}

describe("a notice of default and a claim, in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    start = new Date(Math.floor((Date.now() - HOUR_MS) / 60_000) * 60_000);
    t = await createTestApp(start, { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    alfa = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("the customer's owner gives notice of default 72 hours after learning of the failure: flagged as later than 48 hours", async () => {
    const page = await newPage(alfa.owner.email);
    await page.goto(`${base}/portal/claims`);
    await page.getByTestId("default-notice-form").waitFor();
    await page.getByTestId("default-notice-description").fill("Kort.");
    await page.getByTestId("default-notice-learned").fill(local(new Date(start.getTime() - 72 * HOUR_MS)));
    await page.getByTestId("default-notice-send").click();
    await page.locator(".field-error").first().waitFor();
    await page
      .getByTestId("default-notice-description")
      .fill("Sinds vrijdag zijn de nachtelijke back-ups van onze webshopdatabase niet gemaakt; de herstelpunten van die dagen ontbreken.");
    await page.getByTestId("default-notice-send").click();
    await page.getByTestId("default-notice-sent").waitFor();
    await page.getByTestId("default-notice-row").first().locator("a").click();
    await page.getByTestId("notice-late").waitFor();
    assert.match(await textOf(page, "notice-elapsed"), /^72 [uh] 0 min/);
    await shot(page, "portal-default-notice-late");
  });

  test("the privacy officer records the claim and sees the cap: the ledger's month before the event", async () => {
    const event = new Date(start.getTime() - 72 * HOUR_MS);
    const before = monthBefore(event, "Europe/Amsterdam").month;
    await inScope(t.database.db, { kind: "processor" }, (tx) =>
      recordLedger(tx, t.clock, SYSTEM_ACTOR, "json", [
        { controllerId: alfa.controllerId, month: before, amountCents: 123_450, description: `Factuur ${before}` },
      ]),
    );
    const page = await newPage(officerEmail);
    await page.goto(`${base}/admin/claims`);
    await page.getByTestId("default-notice-row").waitFor();
    await page.getByTestId("claim-customer").selectOption({ label: "Bakkerij Alfa" });
    await page.getByTestId("claim-event").fill("Back-ups niet gemaakt (één reeks van drie nachten).");
    await page.getByTestId("claim-occurred").fill(local(event));
    await page.getByTestId("claim-description").fill("Kosten van onderzoek en herstel.");
    await page.getByTestId("claim-arisen").fill(local(new Date(start.getTime() - 48 * HOUR_MS)));
    await page.getByTestId("claim-assessmentCostsCents").fill("1500,00");
    await page.getByTestId("claim-indirectCents").fill("8000");
    await page.getByTestId("claim-save").click();
    await page.getByTestId("cap").waitFor();
    assert.match(page.url(), /\/admin\/claims\/[0-9a-f-]{36}$/);
    assert.equal(await textOf(page, "cap-month"), before);
    assert.equal(await page.getByTestId("cap-source").getAttribute("data-source"), "ledger");
    assert.match(await textOf(page, "cap-total"), /1[.,]234[.,]50/);
    assert.match(await textOf(page, "cap-lines"), new RegExp(`Factuur ${before}`));
    await shot(page, "admin-claim-cap");
  });
});
