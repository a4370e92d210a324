import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot, textOf } from "../support/browser.ts";

// art. 6 in a real browser: the security officer records an incident at the e-mail service,
// assesses it as a breach, adds the customers Art28 proposes, fills in the notice (one fact "nog
// onbekend"), is stopped from sending while a fact is missing, completes it and sends. The customer
// reads it in its portal, downloads its draft notification to the AP and acknowledges; the officer's
// incident page shows the customer as read, acknowledged and notified in time.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let zeta: Awaited<ReturnType<typeof createCustomer>>;
let eta: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

const zoned = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "longOffset",
});
const part = (date: Date, type: Intl.DateTimeFormatPartTypes) => zoned.formatToParts(date).find((p) => p.type === type)?.value ?? "";
/** A datetime-local value in the processor's zone, as the officer types it. */
const localInput = (date: Date) => `${part(date, "year")}-${part(date, "month")}-${part(date, "day")}T${part(date, "hour")}:${part(date, "minute")}`;
/** "30-03-2026 11:00 (UTC+02:00)", as every page shows an instant. */
const shown = (date: Date) =>
  `${part(date, "day")}-${part(date, "month")}-${part(date, "year")} ${part(date, "hour")}:${part(date, "minute")} (UTC${part(date, "timeZoneName").replace(/^GMT$/, "GMT+00:00").replace(/^GMT/, "")})`;

describe("data breach in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    zeta = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Zeta", services: ["web-hosting", "email"] });
    eta = await createCustomer(t.database.db, t.clock, { name: "Camping Eta", services: ["web-hosting"] });
    officerEmail = (await createStaff(t.database.db, "security_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("record → assess → affected → notice → send → the customer acknowledges → the incident page shows it", async () => {
    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);

    // The officer records the incident from the menu; it was discovered two hours ago, started five.
    const discovered = new Date(t.clock.now().getTime() - 2 * 3_600_000);
    discovered.setUTCSeconds(0, 0);
    const started = new Date(t.clock.now().getTime() - 5 * 3_600_000);
    await officer.getByRole("link", { name: "Incidenten" }).click();
    await officer.getByTestId("incidents-empty").waitFor();
    await officer.getByTestId("incident-new").click();
    await officer.getByTestId("incident-title").fill("Webmailkwetsbaarheid mail-node-07");
    await officer.getByTestId("incident-description").fill("Een aanvaller las mailboxen via een lek in de webmailsoftware.");
    await officer.getByTestId("incident-started").fill(localInput(started));
    await officer.getByTestId("incident-ongoing").check();
    await officer.getByTestId("incident-discovered").fill(localInput(discovered));
    await officer.getByTestId("incident-discovery-how").fill("Melding van het monitoringsysteem");
    await officer.getByTestId("incident-systems").fill("mail-node-07");
    await officer.getByTestId("service-pick-email").check();
    await shot(officer, "admin-incident-new");
    await officer.getByTestId("incident-save").click();
    await officer.getByTestId("incident-recorded").waitFor();
    const incidentUrl = officer.url();
    const due = new Date(discovered.getTime() + 48 * 3_600_000);
    const deadline = await textOf(officer, "incident-deadline");
    assert.ok(deadline.includes(shown(due)), `the 48-hour deadline ${shown(due)} is shown: ${deadline}`);
    assert.match(deadline, /— nog 1 dag 2\d uur/, "with the time left in words");
    assert.equal(await officer.getByTestId("incident-decision").getAttribute("data-decision"), "pending");

    // It assesses the incident as a breach of personal data, to be notified.
    await officer.getByTestId("assessment-personal-data").check();
    await officer.getByTestId("assessment-breach").check();
    await officer.getByTestId("assessment-confidentiality").check();
    await officer.getByTestId("assessment-risk").selectOption("high");
    await officer.getByTestId("assessment-decision").selectOption("notify");
    await officer.getByTestId("assessment-reasoning").fill("Logbestanden tonen dat mailboxen zijn gelezen: een datalek in de zin van art. 6.1.");
    await officer.getByTestId("assessment-save").click();
    await officer.getByTestId("assessment-row").first().waitFor();
    assert.equal(await officer.getByTestId("incident-decision").getAttribute("data-decision"), "notify");

    // Art28 proposes the customer taking e-mail, not the one with web hosting only; the officer adds it
    // in the tab of affected customers, which the step in the deadline card opens.
    await officer.getByRole("link", { name: /Getroffen klanten/ }).click();
    // The tab is selected once the page has read the URL: wait for it rather than read it at once.
    await officer.getByRole("tab", { name: /Getroffen klanten/, selected: true }).waitFor();
    assert.match(officer.url(), /\?tab=affected/, "the tab is in the URL");
    await officer.getByTestId("proposal-row").filter({ hasText: "Bakkerij Zeta" }).waitFor();
    assert.equal(await officer.getByTestId("proposal-row").filter({ hasText: "Camping Eta" }).count(), 0);
    await officer.getByTestId("proposal-add-all").click();
    await officer.getByTestId("proposal-added").waitFor();
    const row = officer.getByTestId("affected-row").filter({ hasText: "Bakkerij Zeta" });
    await row.waitFor();
    assert.equal(await row.getAttribute("data-complete"), "false");
    assert.ok((await row.getByTestId("affected-due").textContent())?.includes(shown(due)), "its own deadline, from the discovery");

    // The notice: every fact but one; the consequences are stated as not yet known, explicitly.
    await officer.getByTestId("tab-notice").click();
    const notice = officer.getByTestId("notice-facts");
    const known = async (key: string) => notice.getByTestId(`fact-${key}-known`).check();
    await known("cause");
    await notice.getByTestId("fact-cause-value").fill("Een kwetsbaarheid in de webmailsoftware is misbruikt om mailboxen te lezen.");
    await notice.getByTestId("fact-consequences-unknown").check();
    await notice.getByTestId("fact-consequences-reason").fill("Forensisch onderzoek loopt");
    await known("solution");
    await notice.getByTestId("fact-solution-value").fill("De webmailsoftware is bijgewerkt en alle sessies zijn beëindigd.");
    await known("contact");
    await notice.getByTestId("fact-contact-name").fill("Sanne de Wit");
    await notice.getByTestId("fact-contact-email").fill("security@hostingbedrijf.example");
    await notice.getByTestId("fact-contact-phone").fill("+31 20 123 4567");
    await known("affectedCount");
    await notice.getByTestId("fact-affectedCount-kind").selectOption("range");
    await notice.getByTestId("fact-affectedCount-min").fill("100");
    await notice.getByTestId("fact-affectedCount-max").fill("2500");
    await known("subjectGroup");
    await notice.getByTestId("fact-subjectGroup-value").fill("Correspondenten van de mailboxen");
    await known("dataKinds");
    await notice.getByTestId("fact-dataKinds-value").fill("e-mailadressen\ninhoud van e-mails");
    assert.equal(await notice.getByTestId("fact-period").getAttribute("data-state"), "known", "the period comes from the incident");
    assert.equal(await notice.getByTestId("fact-period-start").inputValue(), localInput(started));
    await known("unintelligible");
    await notice.getByTestId("fact-unintelligible-state").selectOption("no");
    await known("measuresTaken");
    await notice.getByTestId("fact-measuresTaken-value").fill("Sessies beëindigd, software bijgewerkt.");
    assert.equal(await notice.getByTestId("fact-measuresPlanned").getAttribute("data-state"), "empty");
    await notice.getByTestId("facts-save").click();
    await notice.getByTestId("facts-saved").waitFor();
    assert.equal(await notice.getByTestId("facts-check").getAttribute("data-complete"), "false");
    assert.match(await textOf(officer, "facts-check"), /Voorgenomen maatregelen/, "the missing fact is named");

    // Sending with a fact missing: nothing goes out, and the error names the customer and the fact.
    const dialogs: string[] = [];
    officer.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await officer.getByTestId("send-notices").click();
    await officer.getByTestId("send-error").waitFor();
    assert.match(dialogs[0] ?? "", /getroffen klant/, "the confirmation says to whom");
    assert.match(await textOf(officer, "send-error"), /niet volledig/);
    const missing = officer.getByTestId("send-error-fields").locator("li");
    assert.equal(await missing.count(), 1);
    assert.match((await missing.getAttribute("data-field")) ?? "", /^customers\.T-[0-9a-f]+\.measuresPlanned$/);
    assert.match((await missing.textContent()) ?? "", /Voorgenomen maatregelen — ontbreekt/);
    await shot(officer, "admin-incident-send-error");

    // Completed and sent.
    await known("measuresPlanned");
    await notice.getByTestId("fact-measuresPlanned-value").fill("Tweestapsverificatie verplicht voor webmail.");
    assert.equal(await officer.getByTestId("send-notices").isDisabled(), true, "unsaved facts are not sent");
    await notice.getByTestId("facts-save").click();
    await notice.getByTestId("facts-saved").waitFor();
    assert.equal(await notice.getByTestId("facts-check").getAttribute("data-complete"), "true");
    assert.match(await textOf(officer, "facts-ready"), /1 van 1 klanten/);
    t.clock.advance(10 * 60_000);
    await officer.getByTestId("send-notices").click();
    await officer.getByTestId("send-result").waitFor();
    assert.match(await textOf(officer, "send-result"), /1 melding verstuurd: 1 eerste/);
    await officer.getByTestId("tab-affected").click();
    const sent = officer.locator('[data-testid="affected-row"][data-sent="true"]').filter({ hasText: "Bakkerij Zeta" });
    await sent.waitFor();
    assert.equal(await sent.getAttribute("data-in-time"), "true");
    assert.equal(await sent.getAttribute("data-read"), "false");

    // A viewer at the customer reads it but cannot acknowledge.
    t.clock.advance(20 * 60_000);
    const reached = t.clock.now();
    const viewer = await (await browser.newContext()).newPage();
    await loginAs(viewer, base, zeta.viewer.email);
    await viewer.goto(`${base}/portal/breaches`);
    await viewer.getByTestId("breach-open").click();
    await viewer.getByTestId("breach-notice").waitFor();
    assert.equal(await viewer.getByTestId("breach-acknowledge").count(), 0, "a viewer reads, an owner acknowledges");

    // The owner finds it in its menu, unacknowledged, and opens it.
    const customer = await (await browser.newContext()).newPage();
    await loginAs(customer, base, zeta.owner.email);
    await customer.getByRole("link", { name: "Datalekken" }).click();
    const listed = customer.getByTestId("breach-row");
    await listed.waitFor();
    assert.equal(await listed.getAttribute("data-unacknowledged"), "1");
    await shot(customer, "portal-breaches");
    await listed.getByTestId("breach-open").click();
    const first = customer.getByTestId("breach-notice");
    await first.waitFor();
    assert.equal(await first.getAttribute("data-stage"), "initial");
    const fact = (key: string) => first.locator(`[data-testid="breach-fact"][data-key="${key}"]`);
    assert.equal(await fact("consequences").getAttribute("data-unknown"), "true");
    assert.equal(((await fact("consequences").locator("dd").textContent()) ?? "").trim(), "Nog onbekend (Forensisch onderzoek loopt)");
    assert.equal(((await fact("affectedCount").locator("dd").textContent()) ?? "").trim(), "tussen 100 en 2.500");
    assert.equal(((await fact("discoveredAt").locator("dd").textContent()) ?? "").trim(), shown(discovered));
    assert.ok((await textOf(customer, "ap-aware-at")).includes(shown(reached)), "aware since its notice reached it (first read)");
    assert.ok((await textOf(customer, "ap-deadline")).includes(shown(new Date(reached.getTime() + 72 * 3_600_000))), "its own 72 hours to the AP");

    // It downloads the prefilled draft of its own notification to the AP.
    const [download] = await Promise.all([customer.waitForEvent("download"), customer.getByTestId("ap-draft-pdf").click()]);
    assert.match(download.suggestedFilename(), /^concept-melding-ap-INC-\d+\.pdf$/);
    const pdf = readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    await shot(customer, "portal-breach-nl");

    // And acknowledges the notice.
    await first.getByTestId("breach-acknowledge").click();
    await first.getByTestId("breach-acknowledged").waitFor();
    assert.equal(await first.getAttribute("data-acknowledged"), "true");

    // The inbox holds the same notice, which leads back to the breach.
    await customer.goto(`${base}/portal/notices`);
    const inbox = customer.locator('[data-testid="notice-row"][data-kind="breach_notice"]');
    await inbox.waitFor();
    assert.match((await inbox.textContent()) ?? "", /Melding datalek/);
    await inbox.getByTestId("notice-open").click();
    await customer.getByTestId("notice-related").click();
    await customer.getByTestId("ap-box").waitFor();

    // The officer's incident page shows the customer as read, acknowledged, and notified in time.
    await officer.goto(`${incidentUrl}?tab=affected`);
    const done = officer.getByTestId("affected-row").filter({ hasText: "Bakkerij Zeta" });
    await done.waitFor();
    assert.equal(await done.getAttribute("data-sent"), "true");
    assert.equal(await done.getAttribute("data-read"), "true");
    assert.equal(await done.getAttribute("data-acknowledged"), "true");
    assert.equal(await done.getAttribute("data-in-time"), "true");
    assert.match(((await done.getByTestId("affected-in-time").textContent()) ?? "").trim(), /Op tijd/);
    await officer.getByTestId("tab-timeline").click();
    await officer.getByTestId("timeline-row").filter({ hasText: "Bevestigd door de klant" }).waitFor();
    await shot(officer, "admin-incident-nl");

    // The register lists it, notified, nothing overdue; Camping Eta was never involved.
    await officer.goto(`${base}/admin/incidents`);
    const registered = officer.getByTestId("incident-row");
    await registered.waitFor();
    assert.equal(await registered.getAttribute("data-decision"), "notify");
    assert.equal(await registered.getAttribute("data-overdue"), "false");
    await shot(officer, "admin-incidents-nl");
    const other = await (await browser.newContext()).newPage();
    await loginAs(other, base, eta.owner.email);
    await other.goto(`${base}/portal/breaches`);
    await other.getByTestId("breaches-empty").waitFor();
    await other.goto(`${base}/portal/breaches/${incidentUrl.split("/").pop() ?? ""}`);
    await other.getByTestId("not-found").waitFor();

    // A follow-up as the facts come in (GDPR 33(4)): the customer sees what changed since the last.
    await officer.goto(`${incidentUrl}?tab=notice`);
    const consequences = officer.getByTestId("notice-facts");
    await consequences.getByTestId("fact-consequences-known").check();
    await consequences.getByTestId("fact-consequences-value").fill("Phishing met de gelezen adressen is te verwachten.");
    await consequences.getByTestId("facts-save").click();
    await consequences.getByTestId("facts-saved").waitFor();
    await officer.getByTestId("send-message").fill("Het forensisch onderzoek is afgerond.");
    await officer.getByTestId("send-notices").click();
    await officer.getByTestId("send-result").waitFor();
    assert.match(await textOf(officer, "send-result"), /1 melding verstuurd: 0 eerste, 1 vervolg/);
    await customer.reload();
    const followUp = customer.locator('[data-testid="breach-notice"][data-sequence="2"]');
    await followUp.waitFor();
    assert.equal(await followUp.getAttribute("data-stage"), "follow_up");
    assert.equal(await textOf(customer, "breach-message"), "Het forensisch onderzoek is afgerond.");
    const changed = followUp.locator('[data-testid="breach-fact"][data-changed="true"]');
    assert.deepEqual(await changed.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key"))), ["consequences"]);
    await shot(customer, "portal-breach-follow-up-nl");

    // The same pages in English.
    await officer.getByTestId("lang-en").click();
    await officer.goto(`${base}/admin/incidents`);
    await officer.getByText("The incident register").waitFor();
    await shot(officer, "admin-incidents-en");
    await officer.goto(`${incidentUrl}?tab=affected`);
    await officer.getByTestId("affected-row").waitFor();
    assert.match(
      await textOf(officer, "incident-deadline"),
      /^[A-Z][a-z]{2} \d{2}-\d{2}-\d{4} \d{2}:\d{2} \(UTC\+0[12]:00\)$/,
      "every customer told: the deadline without the time left",
    );
    await shot(officer, "admin-incident-en");
    await customer.getByTestId("lang-en").click();
    await customer.getByText("Your own notification to the Autoriteit Persoonsgegevens").waitFor();
    await shot(customer, "portal-breach-en");
  });
});
