import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { controllerDomains, notices } from "../../src/db/schema/index.ts";
import { inScope } from "../../src/db/scope.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";

// art. 8.1 in a real browser: a visitor of a customer's website sends a request through the
// processor's public form and confirms its address by the e-mailed link; the privacy officer finds
// the customer (proposed by its domain name) and forwards it; the customer acknowledges the notice
// and records what it did.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let iota: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

describe("a data subject's request in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    iota = await createCustomer(t.database.db, t.clock, { name: "Tandartspraktijk Iota", services: ["web-hosting", "email"] });
    await inScope(t.database.db, { kind: "processor" }, (tx) =>
      tx.insert(controllerDomains).values({ controllerId: iota.controllerId, domain: "tandarts-iota.nl" }),
    );
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("form → confirmed by the link → forwarded to the customer proposed by its domain → acknowledged and handled", async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${base}/trust`);
    await visitor.getByTestId("trust-privacy-request").click();
    await visitor.getByTestId("privacy-request-form").waitFor();
    await visitor.getByTestId("pr-right").selectOption("erasure");
    await visitor.getByTestId("pr-name").fill("Sanne Visser");
    await visitor.getByTestId("pr-email").fill("sanne.visser@example.net");
    await visitor.getByTestId("pr-organisation").fill("Tandartspraktijk Iota");
    await visitor.getByTestId("pr-website").fill("www.tandarts-iota.nl");
    await visitor.getByTestId("pr-message").fill("Wilt u mijn gegevens uit het afsprakensysteem verwijderen?");
    await shot(visitor, "public-privacy-request");
    // A person takes more than a few seconds to fill in a form; the test's clock is fixed.
    t.clock.advance(30_000);
    await visitor.getByTestId("pr-submit").click();
    await visitor.getByTestId("privacy-request-sent").waitFor();
    assert.match((await visitor.getByTestId("privacy-request-sent").textContent()) ?? "", /sanne\.visser@example\.net/);

    const [confirmation] = await t.database.db.select().from(notices).where(eq(notices.kind, "subject_request_confirmation"));
    const secret = (confirmation?.data as { secret: string } | undefined)?.secret ?? "";
    await visitor.goto(`${base}/privacy-request/confirm/${secret}`);
    await visitor.getByTestId("privacy-request-confirmed").waitFor();

    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);
    await officer.goto(`${base}/admin/subject-requests`);
    await officer.getByTestId("subject-request-open").first().click();
    await officer.getByTestId("subject-request-forward").waitFor();
    assert.equal(await officer.getByTestId("subject-request-customer").first().isChecked(), true, "the one proposal is chosen");
    await shot(officer, "admin-subject-request");
    await officer.getByTestId("subject-request-forward-submit").click();
    await officer.locator("[data-testid=subject-request-status][data-status=forwarded]").waitFor();

    const customer = await (await browser.newContext()).newPage();
    await loginAs(customer, base, iota.owner.email);
    await customer.goto(`${base}/portal/notices`);
    await customer
      .getByText(/Verzoek van een betrokkene B-\d{4}-\d{4}/)
      .first()
      .click();
    await customer.getByTestId("notice-acknowledge").click();
    await customer.getByTestId("notice-acknowledged").waitFor();
    await customer.goto(`${base}/portal/subject-requests`);
    await customer.getByTestId("subject-request-open").first().click();
    await customer.getByTestId("subject-request-content").getByText("Sanne Visser").waitFor();
    await customer.getByTestId("sr-outcome").selectOption("handled");
    await customer.getByTestId("sr-outcome-note").fill("Gegevens verwijderd en de betrokkene bericht gestuurd.");
    await customer.getByTestId("sr-outcome-submit").click();
    await customer.getByTestId("subject-request-outcome").waitFor();
    await shot(customer, "portal-subject-request");
    await customer.locator("[data-testid=subject-request-status][data-status=closed]").waitFor();
  });
});
