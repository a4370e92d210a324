import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { audits, obligations } from "../../src/db/schema/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// art. 10 in a real browser: a customer requests an audit with a reason (a reason that is none is
// refused first), proposes an expert with the confidentiality undertaking, the privacy officer
// accepts it; a date before the 14th calendar day after the notice is refused with the earliest date
// in the message; the customer asks for information and the officer answers it with an attachment,
// in time.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);
const HOUR_MS = 60 * 60 * 1000;
const REASON =
  "Op 12 oktober ontvingen 37 van onze klanten phishing op adressen die alleen in onze mailomgeving bij u staan; wij vermoeden dat die gegevens zijn misbruikt.";

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

describe("an audit in the browser: request, expert, date, information", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    // Three days ago, to the minute: the clock moves forward from here, never past the real time.
    start = new Date(Math.floor((Date.now() - 72 * HOUR_MS) / 60_000) * 60_000);
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

  let auditUrl: string;

  test("the customer requests an audit: a reason that is none is refused, a concrete one accepted", async () => {
    const page = await newPage(alfa.owner.email);
    await page.goto(`${base}/portal/audits`);
    await page.getByTestId("audits-empty").waitFor();
    await page.getByTestId("audit-new").click();
    await page.getByTestId("audit-reason").fill("Wij vermoeden misbruik.");
    await page.getByTestId("audit-request-submit").click();
    await page.locator(".field-error").first().waitFor();
    assert.match((await page.locator(".field-error").first().textContent()) ?? "", /art\. 10\.2/);
    assert.equal((await t.database.db.select().from(audits)).length, 0, "nothing written");
    await page.getByTestId("audit-reason").fill(REASON);
    await page.getByTestId("audit-request-submit").click();
    await page.getByTestId("audit-facts").waitFor();
    auditUrl = page.url();
    assert.match(auditUrl, /\/portal\/audits\/[0-9a-f-]{36}$/);
    assert.match(await textOf(page, "audit-reason"), /phishing/);
    await page.getByTestId("audit-confidential").waitFor();
  });

  test("the customer proposes an expert with the undertaking; the privacy officer accepts: agreed by both", async () => {
    const page = await newPage(alfa.owner.email);
    await page.goto(auditUrl);
    await page.getByTestId("audit-expert-name").fill("J. de Vries");
    await page.getByTestId("audit-expert-firm").fill("Vries IT-Audit B.V.");
    await page
      .getByTestId("audit-expert-file")
      .setInputFiles({ name: "geheimhouding.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 geheimhouding") });
    await page.getByTestId("audit-expert-submit").click();
    await page.locator('[data-testid="audit-expert-row"][data-status="proposed"]').waitFor();
    assert.equal(await page.getByTestId("audit-expert-accept").count(), 0, "one's own proposal is not accepted by oneself");

    const staff = await newPage(officerEmail);
    await staff.goto(`${base}/admin/audits`);
    await staff.getByTestId("audit-open").first().click();
    await staff.getByTestId("audit-facts").waitFor();
    await staff.getByTestId("audit-expert-accept").click();
    await staff.getByTestId("audit-expert-agreed").waitFor();
    assert.match(await textOf(staff, "audit-expert-agreed"), /J\. de Vries, Vries IT-Audit/);
    await shot(staff, "admin-audit");
  });

  test("a date before the 14th calendar day after the notice is refused, naming the earliest date", async () => {
    const [row] = await t.database.db.select().from(audits);
    assert.ok(row);
    const earliest = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", day: "2-digit", month: "2-digit", year: "numeric" })
      .format(row.earliestAt)
      .replaceAll("/", "-");
    const page = await newPage(alfa.owner.email);
    await page.goto(auditUrl);
    await page.getByTestId("audit-date-input").fill(local(new Date(start.getTime() + 48 * HOUR_MS)));
    await page.getByTestId("audit-date-submit").click();
    const error = page.getByTestId("audit-date-form").locator(".field-error");
    await error.waitFor();
    const message = (await error.textContent()) ?? "";
    assert.match(message, /te vroeg/);
    assert.ok(message.includes(`${earliest} 00:00`), `${message} names ${earliest}`);
    const [still] = await t.database.db.select().from(audits);
    assert.equal(still?.dateAt, null, "nothing written");
    await page.getByTestId("audit-date-input").fill(local(new Date(row.earliestAt.getTime() + 9 * HOUR_MS)));
    await page.getByTestId("audit-date-submit").click();
    await page.getByTestId("audit-date").waitFor();
  });

  test("the customer asks for information; the officer answers with an attachment, in time", async () => {
    const page = await newPage(alfa.owner.email);
    await page.goto(auditUrl);
    await page.getByTestId("audit-ask-question").fill("Welke medewerkers hadden in oktober toegang tot de mailomgeving?");
    await page.getByTestId("audit-ask-submit").click();
    await page.locator('[data-testid="audit-request"][data-answered="false"]').waitFor();
    const [duty] = await t.database.db.select().from(obligations).where(eq(obligations.kind, "audit_information"));
    assert.equal(duty?.status, "open");

    t.clock.set(new Date(start.getTime() + 24 * HOUR_MS));
    const staff = await newPage(officerEmail);
    await staff.goto(auditUrl.replace("/portal/", "/admin/"));
    await staff.getByTestId("audit-answer-text").fill("Twee beheerders; zie de bijgevoegde lijst.");
    await staff
      .getByTestId("audit-answer-files")
      .setInputFiles({ name: "toegang.csv", mimeType: "text/csv", buffer: Buffer.from("naam;functie\nP. Smit;beheerder\n") });
    await staff.getByTestId("audit-answer-submit").click();
    await staff.getByTestId("audit-request-timely").waitFor();
    assert.match(await textOf(staff, "audit-request-timely"), /Op tijd/);
    const [met] = await t.database.db.select().from(obligations).where(eq(obligations.kind, "audit_information"));
    assert.equal(met?.status, "met");
    assert.equal(met?.metInTime, true);

    await page.reload();
    await page.getByTestId("audit-answer").waitFor();
    assert.match(await textOf(page, "audit-answer"), /toegang\.csv/);
    await shot(page, "portal-audit");
  });

  test("the customer's viewer has no audits in its menu and is refused their data (art. 9.1)", async () => {
    const owner = await newPage(alfa.owner.email);
    await owner.goto(`${base}/portal`);
    await owner.getByTestId("logout").waitFor();
    assert.equal(await owner.locator('a[href="/portal/audits"]').count(), 1, "the owner has audits in its menu");
    const page = await newPage(alfa.viewer.email);
    await page.goto(`${base}/portal`);
    await page.getByTestId("logout").waitFor();
    assert.equal(await page.locator('a[href="/portal/audits"]').count(), 0);
    const response = await page.request.get(`${base}/api/v1/audits`);
    assert.equal(response.status(), 403);
  });
});
