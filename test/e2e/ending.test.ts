import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { deletionCertificates, notices, services, serviceSubprocessors, subprocessors } from "../../src/db/schema/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";
import { session } from "../support/sessions.ts";

// art. 12.2 in a real browser: a customer's last service ends (the back-office's API), its portal
// says the agreement ended; the privacy officer attaches the sub-processor's own confirmation and
// confirms each line of the deletion plan; the customer then finds its deletion certificate in its
// portal and downloads it, the PDF whose SHA-256 the notice gave.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);
const HOUR_MS = 60 * 60 * 1000;

let t: TestApp;
let browser: Browser;
let base: string;
let alfa: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

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
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await loginAs(page, base, email);
  return page;
}

describe("the end of an agreement, in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    // Three days ago, to the minute: the clock moves forward from here, never past the real time.
    const start = new Date(Math.floor((Date.now() - 72 * HOUR_MS) / 60_000) * 60_000);
    t = await createTestApp(start, { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const [registry] = await t.database.db
      .insert(subprocessors)
      .values({ name: "Registry BV", activity: { nl: "Registratie van domeinnamen", en: "Domain name registration" }, status: "active" })
      .returning();
    const [domains] = await t.database.db.select().from(services).where(eq(services.code, "domain-registration"));
    assert.ok(registry && domains);
    await t.database.db.insert(serviceSubprocessors).values({ serviceId: domains.id, subprocessorId: registry.id });
    alfa = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa", services: ["domain-registration"] });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("while a service runs the portal says so: there is no button to end the agreement", async () => {
    const page = await newPage(alfa.owner.email);
    await page.goto(`${base}/portal/ending`);
    await page.getByTestId("ending-running").waitFor();
    assert.equal(await page.getByRole("button", { name: /beëindig|end/i }).count(), 0);
  });

  test("the last service ends: the customer is told and sees the plan", async () => {
    const officer = await session(t.app, officerEmail);
    const ended = await officer.send("PUT", `/api/v1/controllers/${alfa.controllerId}/services`, { services: [] });
    assert.equal(ended.statusCode, 200, ended.body);
    const told = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.controllerId, alfa.controllerId), eq(notices.kind, "agreement_ended")));
    assert.equal(told.length, 1);
    const page = await newPage(alfa.owner.email);
    await page.goto(`${base}/portal/ending`);
    await page.getByTestId("ending-status").waitFor();
    assert.match(await textOf(page, "ending-progress"), /0 van 4 regels bevestigd/);
    await page.getByTestId("certificates-none").waitFor();
    await page.getByTestId("return-form").waitFor();
    await shot(page, "portal-ending-started");
  });

  test("the privacy officer attaches the sub-processor's confirmation and confirms each line", async () => {
    const page = await newPage(officerEmail);
    await page.goto(`${base}/admin/endings`);
    await page.getByTestId("ending-row").waitFor();
    assert.match(await textOf(page, "ending-row"), /Bakkerij Alfa.*0 \/ 4/s);
    await page.getByTestId("ending-open").click();
    await page.getByTestId("plan-lines").waitFor();
    const now = local(t.clock.now());
    for (let i = 0; i < 4; i++) {
      const line = page.locator('[data-testid="plan-line"][data-confirmed="no"]').first();
      if ((await line.getAttribute("data-party")) === "subprocessor") {
        await line.getByTestId("attach-file").setInputFiles({
          name: "registry-bevestiging.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("Registry BV bevestigt de verwijdering van alle gegevens van Bakkerij Alfa."),
        });
        await line.getByTestId("attach-submit").click();
        await line.getByText("registry-bevestiging.txt").waitFor();
      }
      await line.getByTestId("confirm-deleted-at").fill(now);
      await line.getByTestId("confirm-method").fill("Verwijderd uit het registratiesysteem; back-ups verlopen");
      await line.getByTestId("confirm-submit").click();
      await page.locator('[data-testid="plan-line"][data-confirmed="yes"]').nth(i).waitFor();
    }
    await page.getByTestId("certificate").waitFor();
    await shot(page, "admin-ending-complete");
  });

  test("the customer downloads its deletion certificate, the PDF the notice named", async () => {
    const [certificate] = await t.database.db.select().from(deletionCertificates).where(eq(deletionCertificates.controllerId, alfa.controllerId));
    assert.ok(certificate);
    const page = await newPage(alfa.owner.email);
    await page.goto(`${base}/portal/ending`);
    await page.getByTestId("certificate").waitFor();
    assert.match(await textOf(page, "ending-progress"), /4 van 4 regels bevestigd/);
    assert.match(await textOf(page, "certificate"), new RegExp(certificate.sha256));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("certificate-nl").click()]);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(path);
    assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
    assert.equal(createHash("sha256").update(bytes).digest("hex"), certificate.sha256, "the certificate as issued, in the customer's language");
    await shot(page, "portal-ending-certificate");
  });
});
