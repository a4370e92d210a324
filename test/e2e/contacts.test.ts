import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { contacts, events } from "../../src/db/schema/index.ts";
import { runSweep } from "../../src/jobs/sweep.ts";
import { sweepTasks } from "../../src/modules.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff, insertCustomers } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// art. 4.4 in a real browser: the owner asked to confirm its privacy contact sees it on its home and
// confirms with one click ("Klopt nog"); the privacy officer finds a stale contact in the back-office list,
// and pages through a long one on a phone.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);
const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
let browser: Browser;
let base: string;
let asked: Awaited<ReturnType<typeof createCustomer>>;
let stale: Awaited<ReturnType<typeof createCustomer>>;

describe("the privacy contact's yearly confirmation in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    asked = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
    stale = await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta" });
    const now = t.clock.now();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    // Alfa last confirmed a year and a few days ago; Beta a year and 45 days ago, so its cycle ran out.
    await t.database.db
      .update(contacts)
      .set({ confirmedAt: daysAgo(368), confirmationDueAt: null })
      .where(eq(contacts.controllerId, asked.controllerId));
    await t.database.db
      .update(contacts)
      .set({ confirmedAt: daysAgo(412), confirmationDueAt: null })
      .where(eq(contacts.controllerId, stale.controllerId));
    t.clock.set(daysAgo(35));
    await runSweep(t.database.db, t.clock, sweepTasks());
    t.clock.set(now);
    await runSweep(t.database.db, t.clock, sweepTasks());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("the owner sees 'confirm your privacy contact' on its home and confirms it with one click", async () => {
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, asked.owner.email);
    await page.waitForURL(`${base}/portal`);
    const item = page.locator("[data-testid=home-item][data-kind=contact_confirm]");
    await item.waitFor();
    assert.match((await item.textContent()) ?? "", /Klopt uw privacycontactpersoon nog\?/);
    assert.match((await item.textContent()) ?? "", /Dirk Pieters/);
    await shot(page, "portal-home-contact-confirm");
    await item.getByTestId("contact-confirm").click();
    await item.waitFor({ state: "detached" });
    const [row] = await t.database.db.select().from(contacts).where(eq(contacts.controllerId, asked.controllerId));
    assert.equal(row?.confirmationRequestedAt, null);
    assert.equal(row?.confirmedAt?.getTime(), t.clock.now().getTime());
    const confirmed = (await t.database.db.select().from(events).where(eq(events.controllerId, asked.controllerId))).filter(
      (e) => e.type === "contact.confirmed",
    );
    assert.equal(confirmed.length, 1);
    assert.equal((confirmed.at(-1)?.data as { via: string }).via, "button");
    // The contact page says when it was confirmed and when we ask next.
    await page.getByRole("button", { name: "Instellingen" }).click();
    await page.getByRole("link", { name: "Privacycontactpersoon" }).first().click();
    await page.getByTestId("contact-confirmation").waitFor();
    assert.match(await textOf(page, "contact-last-confirmed"), /Laatst bevestigd/);
  });

  test("the privacy officer sees the stale contact in the back-office list, with how long, and opens the customer", async () => {
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, (await createStaff(t.database.db, "privacy_officer")).email);
    await page.goto(`${base}/admin/contacts`);
    const row = page.locator(`[data-testid=contacts-row][data-id="${stale.controllerId}"]`);
    await row.waitFor();
    assert.match((await row.getByTestId("contacts-stale-for").textContent()) ?? "", /\(\d+ dag(en)?\)/);
    assert.equal(await page.locator(`[data-testid=contacts-row][data-id="${asked.controllerId}"]`).count(), 0, "confirmed: not stale");
    await shot(page, "admin-stale-contacts");
    await row.getByRole("link", { name: "Brouwerij Beta" }).click();
    await page.waitForURL(`${base}/admin/customers/${stale.controllerId}`);
    assert.match(await textOf(page, "contact-stale"), /Verouderd sinds/);
  });

  test("on a phone, in English, the list pages: the pager fits the window, Next shows the new rows from their top, Previous goes back", async () => {
    // Sixty more contacts stale since after Beta's (the list puts the longest first): two pages of 50.
    await insertCustomers(t.database.db, { prefix: "P", count: 60, name: "Pagina", groups: 7 });
    await t.database.db.execute(
      sql`insert into contacts (controller_id, role, name, email, stale_since)
          select id, 'privacy_contact', 'Contact ' || customer_number, lower(customer_number) || '@pagina.example',
                 ${t.clock.now().toISOString()}::timestamptz - interval '1 day' + substr(customer_number, 2)::int * interval '1 minute'
            from controllers where customer_number like 'P%'`,
    );
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await loginAs(page, base, (await createStaff(t.database.db, "privacy_officer")).email);
    await page.goto(`${base}/admin/contacts`);
    await page.getByTestId("lang-en").click();
    const range = page.getByTestId("pager-range");
    await range.filter({ hasText: "1–50 of 61" }).waitFor();
    assert.equal(await page.getByTestId("contacts-row").count(), 50);
    const inWindow = async (testId: string) => {
      const box = await page.getByTestId(testId).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${testId} is inside the 390 px window: ${JSON.stringify(box)}`);
    };
    const next = page.getByTestId("pager-next");
    await next.scrollIntoViewIfNeeded();
    for (const id of ["pager-range", "pager-prev", "pager-next"]) {
      await inWindow(id);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling");
    await shot(page, "admin-contacts-390-en-pager");
    await next.click();
    await range.filter({ hasText: "51–61 of 61" }).waitFor();
    assert.equal(await page.getByTestId("contacts-row").count(), 11);
    // Clicked at the bottom of 50 rows: the window is brought back to the list, its first row in view.
    const first = await page.getByTestId("contacts-row").first().boundingBox();
    assert.ok(first && first.y >= 0 && first.y < 844, `the first row of the new page is in the window: ${JSON.stringify(first)}`);
    await shot(page, "admin-contacts-390-en-page-2");
    await page.getByTestId("pager-prev").click();
    await range.filter({ hasText: "1–50 of 61" }).waitFor();
    assert.equal(await page.getByTestId("pager-prev").isDisabled(), true, "the first page again");
    await context.close();
  });
});
