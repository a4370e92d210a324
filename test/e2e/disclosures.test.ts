import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { notices, obligations } from "../../src/db/schema/index.ts";
import { runSweep } from "../../src/jobs/sweep.ts";
import { sweepTasks } from "../../src/modules.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// art. 9.2 in a real browser: the privacy officer records an order with a gag order until a date; no
// notice and no duty exist before that date (the customer's portal shows nothing); when it passes
// (the test clock, and the sweep as the worker runs it) the duty is due 24 hours after, the officer
// tells the customer, and the customer reads it; the trust page's report shows the order in a band.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);
const HOUR_MS = 60 * 60 * 1000;

let t: TestApp;
let browser: Browser;
let base: string;
let alfa: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;
let start: Date;
let gagUntil: Date;

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

const dutiesOf = () =>
  t.database.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.controllerId, alfa.controllerId), eq(obligations.kind, "disclosure_notice")));
const noticesOfAlfa = () =>
  t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.controllerId, alfa.controllerId), eq(notices.kind, "disclosure_notice")));

async function newPage(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, base, email);
  return page;
}

describe("a disclosure order with a gag order until a date, in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    // Three days ago, to the minute (the form takes minutes): the clock moves forward from here, never past the real time.
    start = new Date(Math.floor((Date.now() - 72 * HOUR_MS) / 60_000) * 60_000);
    gagUntil = new Date(start.getTime() + 24 * HOUR_MS);
    t = await createTestApp(start, { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    alfa = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
    await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta" });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  let orderUrl: string;

  test("the privacy officer records the order with its gag; no customer may be told, no duty runs", async () => {
    const page = await newPage(officerEmail);
    await page.goto(`${base}/admin/disclosures`);
    await page.getByTestId("disclosures-empty").waitFor();
    await page.getByTestId("disclosure-new").click();
    await page.getByTestId("disclosure-form").waitFor();
    await page.getByTestId("order-authority").fill("Openbaar Ministerie Arrondissementsparket Noord-Nederland");
    await page.getByTestId("order-authority-kind").selectOption("prosecutor");
    await page.getByTestId("order-legal-basis").fill("art. 126ng Wetboek van Strafvordering");
    await page.getByTestId("order-received").fill(local(new Date(start.getTime() - HOUR_MS)));
    await page.getByTestId("order-data").fill("De inhoud van één mailbox van 1 tot en met 15 november.");
    await page.getByTestId("order-gag").selectOption("until_date");
    await page.getByTestId("order-gag-until").fill(local(gagUntil));
    await page.getByTestId("order-customer-search").fill("Alfa");
    await page.getByTestId("order-customer-find").click();
    await page.getByTestId("order-customer-add").first().click();
    await page.getByTestId("order-customer-chosen").waitFor();
    await page.getByTestId("order-save").click();
    await page.getByTestId("order-facts").waitFor();
    orderUrl = page.url();
    assert.match(orderUrl, /\/admin\/disclosures\/[0-9a-f-]{36}$/);
    await page.getByTestId("gag-active").first().waitFor();
    await page.getByTestId("notify-blocked").waitFor();
    assert.match(await textOf(page, "concerned-due"), /Wacht op einde zwijgplicht/);
    await page.getByTestId("effort-at").fill(local(start));
    await page.getByTestId("effort-action").fill("Officier van justitie gevraagd de zwijgplicht te beperken.");
    await page.getByTestId("effort-result").selectOption("refused");
    await page.getByTestId("effort-save").click();
    await page.getByTestId("efforts-list").waitFor();
    await shot(page, "admin-disclosure-gagged");
    assert.equal((await dutiesOf()).length, 0, "no duty before the gag ends");
    assert.equal((await noticesOfAlfa()).length, 0);
  });

  test("before the gag's date the customer sees nothing, and the sweep opens nothing", async () => {
    t.clock.set(new Date(gagUntil.getTime() - 60_000));
    await runSweep(t.database.db, t.clock, sweepTasks());
    assert.equal((await dutiesOf()).length, 0);
    const page = await newPage(alfa.owner.email);
    await page.goto(`${base}/portal/disclosures`);
    await page.getByTestId("disclosure-notices-empty").waitFor();
  });

  test("when the date passes the notice is due 24 hours after it; the officer tells the customer, in time", async () => {
    t.clock.set(new Date(gagUntil.getTime() + 60_000));
    await runSweep(t.database.db, t.clock, sweepTasks());
    const [duty] = await dutiesOf();
    assert.ok(duty, "the sweep opened the duty");
    assert.equal(duty.dueAt.getTime(), gagUntil.getTime() + 24 * HOUR_MS, "due 24 hours after the gag's end");
    const page = await newPage(officerEmail);
    await page.goto(orderUrl);
    await page.getByTestId("notify-form").waitFor();
    assert.doesNotMatch(await textOf(page, "concerned-due"), /Wacht/);
    await page.getByTestId("notify-summary").fill("Het Openbaar Ministerie vroeg de inhoud van één mailbox op; wij hebben bezwaar gemaakt.");
    await page.getByTestId("notify-send").click();
    await page.getByTestId("notify-done").waitFor();
    assert.match(await textOf(page, "concerned-notified"), /op tijd/);
    assert.equal((await noticesOfAlfa()).length, 1);
  });

  test("the customer reads it in its portal and states its own duty to disclose; the trust page counts the order in a band", async () => {
    const page = await newPage(alfa.owner.email);
    await page.goto(`${base}/portal/disclosures`);
    const item = page.getByTestId("disclosure-notice");
    await item.waitFor();
    assert.match((await item.textContent()) ?? "", /VB-0001/);
    assert.match((await item.textContent()) ?? "", /één mailbox/);
    await shot(page, "portal-disclosures");
    // The notice itself, in the inbox, leads back to the orders it was told of.
    await item.getByRole("link", { name: "VB-0001" }).click();
    await page.getByTestId("notice-related").waitFor();
    assert.equal(new URL((await page.getByTestId("notice-related").getAttribute("href")) ?? "", base).pathname, "/portal/disclosures");
    // art. 9.2 binds the customer too: it tells the processor of its own legal duty to disclose.
    await page.goto(`${base}/portal/disclosures`);
    await page.getByTestId("statement-form").waitFor();
    await page.getByTestId("statement-authority").fill("Belastingdienst");
    await page.getByTestId("statement-legal-basis").fill("art. 47 Algemene wet inzake rijksbelastingen");
    await page.getByTestId("statement-information").fill("Het pentestrapport van uw webhosting.");
    await page.getByTestId("statement-send").click();
    await page.getByTestId("statement-sent").waitFor();
    await page.getByTestId("statements-list").waitFor();
    const staff = await newPage(officerEmail);
    await staff.goto(`${base}/admin/disclosures`);
    await staff.getByTestId("statements-table").waitFor();
    assert.match((await staff.getByTestId("statements-table").textContent()) ?? "", /Bakkerij Alfa.*Belastingdienst/s);
    await page.goto(`${base}/trust`);
    await page.getByTestId("report-period").first().waitFor();
    assert.equal(await textOf(page, "report-orders"), "0–9");
  });
});
