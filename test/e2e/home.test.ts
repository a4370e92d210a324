import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";
import { customer, session, type Customer, type Session } from "../support/sessions.ts";
import { assessAndNotify } from "../support/breach-fixture.ts";

// The homes in a real browser: the privacy officer lands on "what needs doing", selects every
// agreement waiting for the processor and countersigns them in one action; a customer notified of a
// breach sees it first on its home, with its own 72-hour clock to the AP, which starts (and says why)
// once the notice reaches it by being opened.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let officerEmail: string;
let privacy: Session;
let security: Session;
let alfa: Customer;
let beta: Customer;
let gamma: Customer;

async function signOffer(who: Customer) {
  const [offer] = (await who.owner.get("/api/v1/agreements?status=offered")).json<{ id: string }[]>();
  assert.ok(offer);
  const document = (await who.owner.get(`/api/v1/agreements/${offer.id}/document`)).json<{ sha256: string }>();
  const signed = await who.owner.send("POST", `/api/v1/agreements/${offer.id}/sign`, {
    typedName: "Dirk Pieters",
    function: "Directeur",
    consent: true,
    documentSha256: document.sha256,
  });
  assert.equal(signed.statusCode, 200, signed.body);
}

/** A breach notified to `who` through the API, as the security officer sends it. */
async function notifyBreach(who: Customer): Promise<string> {
  const recorded = await security.send("POST", "/api/v1/incidents", {
    title: "Webmaillek",
    description: "Een aanvaller las mailboxen.",
    discoveredAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
    discoveryHow: "Monitoring",
  });
  assert.equal(recorded.statusCode, 201, recorded.body);
  const id = recorded.json<{ id: string }>().id;
  const at = (path: string) => `/api/v1/incidents/${id}${path}`;
  assert.equal((await security.send("POST", at("/customers"), { controllerIds: [who.controllerId] })).statusCode, 200);
  await assessAndNotify(security, id, new Date(t.clock.now().getTime() - 5 * 3_600_000));
  return id;
}

describe("the homes in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    privacy = await session(t.app, officerEmail);
    security = await session(t.app, (await createStaff(t.database.db, "security_officer")).email);
    alfa = await customer(t, "Bakkerij Alfa", ["email"]);
    beta = await customer(t, "Brouwerij Beta", ["email"]);
    gamma = await customer(t, "Camping Gamma", ["web-hosting"]);
    assert.equal((await privacy.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
    for (const who of [alfa, beta, gamma]) {
      await signOffer(who);
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("the privacy officer selects all waiting agreements on the staff home and countersigns them in one action", async () => {
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, officerEmail);
    await page.waitForURL(`${base}/admin`);
    await page.getByTestId("countersign-list").waitFor();
    assert.equal(await page.getByTestId("select-agreement").count(), 3);
    assert.match(await textOf(page, "nav-countersign"), /^3/, "the badge: 3 to countersign");
    // Nothing selected: the page says so and sends nothing.
    await page.getByTestId("bulk-countersign").click();
    await page.getByText("Selecteer ten minste één overeenkomst.").waitFor();
    await page.getByTestId("select-all").check();
    assert.match(await textOf(page, "selected-count"), /^3 geselecteerd$/);
    await page.getByTestId("bulk-name").fill("Priya de Vries");
    await page.getByTestId("bulk-function").fill("Privacy officer");
    await shot(page, "staff-home-selected");
    await page.getByTestId("bulk-countersign").click();
    await page.getByTestId("bulk-result").waitFor();
    assert.match(await textOf(page, "bulk-result"), /3 overeenkomsten medeondertekend/);
    assert.deepEqual(await page.getByTestId("bulk-result-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-outcome"))), [
      "countersigned",
      "countersigned",
      "countersigned",
    ]);
    await page.getByTestId("countersign-none").waitFor();
    await page.getByTestId("nav-countersign").waitFor({ state: "detached" });
    await shot(page, "staff-home-countersigned");
    const agreements = (await privacy.get("/api/v1/agreements")).json<{ status: string }[]>();
    assert.deepEqual(
      agreements.map((a) => a.status),
      ["in_force", "in_force", "in_force"],
    );
    // The charts are there, each with its table for those who would rather read.
    await page.getByTestId("chart-signed").locator("summary").click();
    assert.match((await page.getByTestId("chart-signed").locator("table").textContent()) ?? "", /100 %/);
    assert.equal(await page.getByTestId("chart-deadlines").locator("svg[role=img]").count(), 1);
  });

  test("the customer's home shows an active breach first, with its own 72-hour AP clock, which starts once it opens the notice", async () => {
    const incident = await notifyBreach(alfa);
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, (await alfaOwnerEmail()) ?? "");
    await page.waitForURL(`${base}/portal`);
    const first = page.getByTestId("home-item").first();
    await first.waitFor();
    assert.equal(await first.getAttribute("data-kind"), "ap_clock");
    assert.match((await first.getByTestId("home-item-due").textContent()) ?? "", /nog niet begonnen/);
    assert.match(await textOf(page, "nav-breaches"), /^1/);
    await shot(page, "portal-home-breach-not-reached");

    // It opens the breach from its home: the notice has reached it now; back home, the clock runs.
    await first.getByRole("link").click();
    await page.waitForURL(`${base}/portal/breaches/${incident}`);
    await page.getByRole("link", { name: "Overzicht" }).click();
    const clock = page.locator(`[data-testid=home-item][data-kind=ap_clock]`);
    await clock.getByTestId("home-item-reason").waitFor();
    const due = new Date(t.clock.now().getTime() + 72 * 3_600_000);
    const local = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", day: "2-digit", month: "2-digit", year: "numeric" })
      .format(due)
      .replaceAll("/", "-");
    const dueText = (await clock.getByTestId("home-item-due").textContent()) ?? "";
    assert.ok(dueText.includes(local), `due ${local}: ${dueText}`);
    assert.match(dueText, /nog 3 dagen|nog 2 dagen 23 uur/);
    assert.match((await clock.getByTestId("home-item-reason").textContent()) ?? "", /voor het eerst in het portaal geopend/);
    await shot(page, "portal-home-breach-clock");
    // Another customer's home shows nothing of it.
    const other = await (await browser.newContext()).newPage();
    await loginAs(other, base, (await betaOwnerEmail()) ?? "");
    await other.getByTestId("home-todo").waitFor();
    assert.equal(await other.locator(`[data-testid=home-item][data-kind=ap_clock]`).count(), 0);
  });
});

// The owners' addresses, from the API as they log in (the factories keep them on the users table).
async function alfaOwnerEmail() {
  return ownerEmail(alfa);
}
async function betaOwnerEmail() {
  return ownerEmail(beta);
}
async function ownerEmail(who: Customer) {
  const me = (await who.owner.get("/api/v1/auth/me")).json<{ email: string }>();
  return me.email;
}
