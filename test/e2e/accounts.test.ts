import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { startOutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";
import { startSmtpSink, type SmtpSink } from "../engine/smtp-sink.ts";

// Accounts in a real browser: an owner invites a privacy contact, whose invitation arrives by e-mail
// (a real SMTP server in this process) with the link to set a password and be logged in; then the
// contact forgets it, resets it through the e-mailed link, logs in with the new one, and the session
// from before is gone.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let sink: SmtpSink;
let zeta: Awaited<ReturnType<typeof createCustomer>>;

const CONTACT = "pia.privacy@zeta.example";
const FIRST = "vlieger-paraplu-kaas-7";
const SECOND = "gieter-zeilboot-regen-42";

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  return page;
}

/** Sends what the outbox holds to the SMTP server; returns the one link to `path` mailed to `to` since `seen` mails. */
async function mailedLink(to: string, path: string, seen: number): Promise<string> {
  const worker = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl: sink.url, pollMs: 0, portalUrl: base });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
  const mails = sink.received.filter((m) => m.to === to).slice(seen);
  assert.equal(mails.length, 1, `one new mail to ${to}`);
  const text = (await sink.parse(mails[0] as (typeof mails)[number])).text ?? "";
  const link = new RegExp(`${base}${path}[A-Za-z0-9_-]{43}`).exec(text)?.[0];
  assert.ok(link, `a ${path} link in: ${text}`);
  return link;
}

describe("accounts in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    sink = await startSmtpSink();
    zeta = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Zeta" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await sink?.close();
    await t?.close();
  });

  test("an owner invites a privacy contact; the e-mailed link sets a password and logs in", async () => {
    const owner = await newPage();
    await loginAs(owner, base, zeta.owner.email);
    // Users sits in the Settings menu of the portal's navigation.
    await owner.getByRole("button", { name: "Instellingen" }).click();
    await owner.getByRole("link", { name: "Gebruikers" }).first().click();
    await owner.waitForURL(`${base}/portal/users`);
    await owner.getByTestId("users-table").waitFor();
    await owner.getByTestId("invite-submit").click();
    await owner.getByTestId("invite-form").locator(".field-error").first().waitFor();
    await owner.getByTestId("invite-name").fill("Pia Privacy");
    await owner.getByTestId("invite-email").fill(CONTACT);
    await owner.getByTestId("invite-role").selectOption("privacy_contact");
    await owner.getByTestId("invite-locale").selectOption("en");
    await owner.getByTestId("invite-submit").click();
    await owner.getByTestId("users-done").waitFor();
    const row = owner.locator(`[data-testid="user-row"][data-email="${CONTACT}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute("data-status"), "invited");
    await shot(owner, "portal-users-invited");

    const link = await mailedLink(CONTACT, "/invite/", 0);
    const contact = await newPage();
    await contact.goto(link);
    await contact.getByTestId("new-password").fill("password1234");
    const problem = contact.getByTestId("new-password-problem");
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? "", /gelekte wachtwoorden|leaked passwords/, "the meter says it while typing");
    await contact.getByTestId("new-password").fill(FIRST);
    await contact.locator('[data-testid="new-password-meter"][data-ok="yes"]').waitFor();
    await shot(contact, "invite-accept");
    await contact.getByTestId("link-submit").click();
    await contact.waitForURL(`${base}/portal`);
    await contact.goto(`${base}/portal/security`);
    await contact.getByTestId("sessions-table").waitFor();
    assert.equal(await contact.locator('[data-testid="session-row"][data-current="yes"]').count(), 1);

    await owner.reload();
    await owner.locator(`[data-testid="user-row"][data-email="${CONTACT}"][data-status="active"]`).waitFor();
  });

  test("forgot password: the reset link sets a new one, every old session ends, and the new one logs in", async () => {
    const before = await newPage();
    await before.goto(`${base}/login`);
    await before.getByTestId("login-email").fill(CONTACT);
    await before.getByTestId("login-password").fill(FIRST);
    await before.getByTestId("login-submit").click();
    await before.waitForURL(`${base}/portal`);

    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId("login-forgot").click();
    await page.getByTestId("forgot-email").fill(CONTACT);
    await page.getByTestId("forgot-submit").click();
    await page.getByTestId("forgot-sent").waitFor();
    await shot(page, "forgot-sent");

    const link = await mailedLink(CONTACT, "/reset-password/", 1);
    await page.goto(link);
    await page.getByTestId("new-password").fill(SECOND);
    await page.locator('[data-testid="new-password-meter"][data-ok="yes"]').waitFor();
    await page.getByTestId("link-submit").click();
    await page.getByTestId("reset-done").waitFor();
    await page.getByTestId("reset-login").click();
    await page.getByTestId("login-email").fill(CONTACT);
    await page.getByTestId("login-password").fill(SECOND);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(`${base}/portal`);

    await before.goto(`${base}/portal/security`);
    await before.waitForURL((url) => url.pathname.startsWith("/login"), { timeout: 10_000 });
  });
});
