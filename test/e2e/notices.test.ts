import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { startOutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { createTestApp, login, PASSWORD, type Client, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";
import { startHookServer, type HookServer } from "../engine/hook-server.ts";

// The obligations engine in a real browser: a customer adds a webhook endpoint (its secret shown
// once), receives a notice by email and webhook, acknowledges it and reads the webhook's attempts;
// the back-office outbox shows the emails held for want of SMTP, and both sides see the deadline.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let hooks: HookServer;
let zeta: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;
let officer: Client;

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  return page;
}

/** A proposed sub-processor for the email service, announced: every customer taking email gets a notice. */
async function announceForEmail(name: string): Promise<string> {
  const catalogue = (await officer.get("/api/v1/catalogue")).json<{ services: { id: string; code: string }[] }>();
  const email = catalogue.services.find((s) => s.code === "email")?.id;
  assert.ok(email);
  const created = await officer.send("POST", "/api/v1/subprocessors", {
    name,
    activity: { nl: "Spamfilter voor inkomende e-mail", en: "Spam filtering of incoming email" },
    website: null,
    locations: [{ country: "IE", city: "Dublin", mechanism: null }],
    serviceIds: [email],
  });
  assert.equal(created.statusCode, 201, created.body);
  const announced = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "add",
    subprocessorId: created.json<{ id: string }>().id,
    plan: { serviceIds: [email] },
    description: { nl: `${name} gaat inkomende e-mail filteren.`, en: `${name} will filter incoming email.` },
  });
  assert.equal(announced.statusCode, 201, announced.body);
  return announced.json<{ id: string }>().id;
}

describe("notices, webhooks and the outbox in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    hooks = await startHookServer();
    zeta = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Zeta", services: ["web-hosting", "email"] });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    officer = await login(t.app, officerEmail);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await hooks?.close();
    await t?.close();
  });

  test("a customer adds a webhook endpoint, receives a notice, acknowledges it and reads the delivery log", async () => {
    const customer = await newPage();
    await loginAs(customer, base, zeta.owner.email);

    // The endpoint's signing secret is shown once, with how to verify it.
    await customer.goto(`${base}/portal/webhooks`);
    await customer.getByTestId("webhooks-empty").waitFor();
    await customer.getByTestId("webhook-url").fill(hooks.url("/zeta"));
    await customer.getByTestId("webhook-description").fill("Ticketsysteem");
    await customer.getByTestId("webhook-add").click();
    // Where notices go is a sensitive change: the page asks for the password once (step-up).
    await customer.getByTestId("step-up-password").fill(PASSWORD);
    await customer.getByTestId("step-up-submit").click();
    await customer.getByTestId("webhook-created").waitFor();
    const secret = ((await customer.getByTestId("webhook-secret").textContent()) ?? "").trim();
    assert.match(secret, /^whsec_[A-Za-z0-9+/=]{40,}$/);
    assert.match((await customer.getByTestId("webhook-created").textContent()) ?? "", /webhook-signature/);
    await shot(customer, "portal-webhooks-secret");
    await customer.reload();
    await customer.getByTestId("webhook-row").waitFor();
    assert.equal(await customer.getByTestId("webhook-secret").count(), 0, "the secret is not shown again");

    // A change is announced; the worker (no SMTP) holds the emails and posts the webhook.
    await announceForEmail("Spamvrij Ltd");
    const worker = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl: null, pollMs: 0 });
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }
    const [hook] = hooks.requests.filter((r) => r.path === "/zeta");
    assert.ok(hook, "the webhook was posted");
    const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(hook.headers[h] ?? "")]));
    assert.doesNotThrow(() => new Webhook(secret).verify(hook.body, headers), "signed with the secret shown once");

    // The notice: read, delivered by email (held) and webhook (sent); the customer acknowledges it.
    await customer.goto(`${base}/portal/notices`);
    await customer.getByTestId("notice-row").filter({ hasText: "Spamvrij" }).getByTestId("notice-open").click();
    await customer.getByTestId("notice-acknowledge").waitFor();
    const rows = customer.getByTestId("delivery-row");
    assert.deepEqual((await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute("data-channel")}:${tr.getAttribute("data-status")}`))).sort(), [
      "email:held",
      "email:held",
      "webhook:sent",
    ]);
    await customer.getByTestId("notice-acknowledge").click();
    await customer.getByTestId("notice-acknowledged").waitFor();
    assert.notEqual(((await customer.getByTestId("notice-acknowledged-at").textContent()) ?? "").trim(), "—");
    await shot(customer, "portal-notice-acknowledged");

    // The endpoint's log shows the attempt with its HTTP status; the owner replays it.
    await customer.goto(`${base}/portal/webhooks`);
    await customer.getByTestId("webhook-log").click();
    await customer.getByTestId("webhook-delivery-open").first().click();
    const attempt = customer.getByTestId("attempt-row").first();
    await attempt.waitFor();
    assert.match((await attempt.textContent()) ?? "", /200/);
    await shot(customer, "portal-webhook-log");
    await customer.getByTestId("delivery-replay").click();
    await customer.getByTestId("delivery-replayed").waitFor();

    // Its deadline: the objection window, due in local time with the offset, and a private calendar link.
    await customer.goto(`${base}/portal/obligations`);
    const deadline = customer.getByTestId("obligation-row").first();
    await deadline.waitFor();
    assert.match((await deadline.getByTestId("obligation-due").textContent()) ?? "", /23:59 \(UTC\+0[12]:00\)/);
    await customer.getByTestId("calendar-create").click();
    const feedUrl = ((await customer.getByTestId("calendar-url").textContent()) ?? "").trim();
    assert.match(feedUrl, /\/api\/v1\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const ics = await customer.request.get(`${base}${new URL(feedUrl).pathname}`);
    assert.equal(ics.status(), 200);
    assert.match(await ics.text(), /BEGIN:VEVENT/);
    await shot(customer, "portal-obligations");
    await deadline.getByTestId("obligation-open").click();
    await customer.getByTestId("obligation-subject").waitFor();
    await shot(customer, "portal-obligation");
  });

  test("the back-office outbox shows the held emails, the dashboard the deadlines, the customer page both", async () => {
    const changeId = await announceForEmail("Filterhuis BV");
    // An objection gives the staff inbox a notice.
    const owner = await login(t.app, zeta.owner.email);
    const objected = await owner.send("POST", `/api/v1/subprocessor-changes/${changeId}/objections`, {
      reason: "Wij willen geen extra partij die onze e-mail leest.",
    });
    assert.equal(objected.statusCode, 201, objected.body);
    const worker = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl: null, pollMs: 0 });
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }

    const page = await newPage();
    await loginAs(page, base, officerEmail);
    await page.getByRole("link", { name: "Uitgaand" }).click();
    await page.getByTestId("outbox-held-banner").waitFor();
    await page.getByTestId("outbox-status-filter").selectOption("held");
    // The filtered list replaces the unfiltered one when its answer arrives: wait for that (bounded).
    let statuses: (string | null)[] = [];
    for (let tries = 0; tries < 100; tries++) {
      statuses = await page.getByTestId("outbox-row").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-status")));
      if (statuses.length >= 4 && statuses.every((s) => s === "held")) {
        break;
      }
      await page.waitForTimeout(100);
    }
    assert.ok(statuses.length >= 4, "the held emails are listed");
    assert.ok(
      statuses.every((s) => s === "held"),
      `only held emails after filtering: ${statuses.join(", ")}`,
    );
    await shot(page, "admin-outbox");
    await page.getByTestId("outbox-row").filter({ hasText: "Filterhuis" }).first().getByTestId("outbox-open").click();
    await page.getByTestId("delivery-held").waitFor();
    assert.match((await page.getByTestId("delivery-body").textContent()) ?? "", /Filterhuis BV/, "the message as it would have been sent");
    await shot(page, "admin-delivery");

    await page.goto(`${base}/admin/obligations`);
    await page.getByTestId("obligation-row").filter({ hasText: "Bakkerij Zeta" }).first().waitFor();
    await shot(page, "admin-obligations");
    await page.getByTestId("obligation-row").first().getByTestId("obligation-open").click();
    await page.getByTestId("obligation-due").waitFor();
    await shot(page, "admin-obligation");

    await page.goto(`${base}/admin/notices`);
    await page.getByTestId("notice-row").filter({ hasText: "Filterhuis" }).first().waitFor();
    await shot(page, "admin-notices");
    await page.getByTestId("notice-row").filter({ hasText: "Filterhuis" }).first().getByTestId("notice-open").click();
    await page.getByTestId("notice-related").waitFor();
    assert.equal(await page.getByTestId("notice-acknowledge").count(), 0, "staff do not acknowledge");
    await shot(page, "admin-notice");

    await page.goto(`${base}/admin/customers/${zeta.controllerId}`);
    await page.getByRole("tab", { name: "Termijnen en berichten" }).click();
    await page.getByTestId("customer-obligations").waitFor();
    assert.ok((await page.getByTestId("customer-notices").getByTestId("notice-row").count()) >= 2);
    await shot(page, "admin-customer");
  });
});
