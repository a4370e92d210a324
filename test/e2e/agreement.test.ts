import { after, before, describe, test } from "node:test";
import { skipIfMissing } from "../support/requirements.ts";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { inScope } from "../../src/db/scope.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { offerTemplateVersion } from "../../src/modules/agreements/offer-template.ts";
import { composeAgreementDocument } from "../../src/modules/agreements/compose-document.ts";
import { documentPdfAndHash } from "../../src/modules/agreements/document-hash.ts";
import { findAgreement } from "../../src/modules/agreements/queries.ts";
import { signAgreement } from "../../src/modules/agreements/sign-agreement.ts";
import { countersignAgreement } from "../../src/modules/agreements/countersign-agreement.ts";
import { setControllerServices } from "../../src/modules/controllers/set-services.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer, createStaff } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, textOf } from "../support/browser.ts";

// The flows a person does, in a real browser against a real server (issue #2).
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;
let alfa: Awaited<ReturnType<typeof createCustomer>>;
let beta: Awaited<ReturnType<typeof createCustomer>>;
let officerEmail: string;

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const pdfText = (file: Buffer): string => spawnSync("pdftotext", ["-", "-"], { input: file, encoding: "utf8" }).stdout.replace(/\s+/g, " ");

/** Signs the agreement open on `page` and returns the hash the signer was shown. */
async function signOpenAgreement(page: Page): Promise<string> {
  const hash = (await page.getByTestId("sign-hash").textContent())?.trim() ?? "";
  assert.match(hash, /^[0-9a-f]{64}$/);
  await page.getByTestId("sign-name").fill("Anna de Vries");
  await page.getByTestId("sign-function").fill("Directeur");
  await page.getByTestId("sign-consent").check();
  await page.getByTestId("sign-submit").click();
  await page.getByTestId("sign-confirmation").waitFor();
  return hash;
}

describe("in the browser", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    alfa = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
    beta = await createCustomer(t.database.db, t.clock, { name: "Tandarts Beta" });
    officerEmail = (await createStaff(t.database.db, "privacy_officer")).email;
    await inScope(t.database.db, { kind: "processor" }, (tx) => offerTemplateVersion(tx, t.clock, SYSTEM_ACTOR, 1));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("a customer chooses English, downloads the PDF before signing, signs, and downloads exactly the PDF whose hash is shown", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await loginAs(page, base, alfa.owner.email);
    await page.goto(`${base}/portal`);
    await page.getByTestId("sign-open").click();
    await page.getByTestId("agreement-language").selectOption("en");
    await page.frameLocator("iframe").getByText("Data Processing Agreement").first().waitFor();

    // Before signing: the contents jump to each article and annex.
    const toc = page.getByTestId("agreement-toc");
    await toc.locator("[data-toc=annex-1]").waitFor();
    assert.ok((await toc.locator("a[data-toc^=article-]").count()) >= 10, "every article is in the contents");
    const before = Number(await page.evaluate("window.scrollY"));
    await toc.locator("[data-toc=annex-2]").click();
    // A function, not a string: Playwright evaluates a string predicate with eval, which the app's CSP refuses.
    await page.waitForFunction((min) => (globalThis as unknown as { scrollY: number }).scrollY > min, before + 1000);

    // Before signing: the PDF to read or share is exactly the document to sign.
    const toSign = await textOf(page, "document-hash");
    assert.equal(await textOf(page, "sign-hash"), toSign, "the hash beside the download is the one the signature compares");
    assert.match(await textOf(page, "download-pdf"), /PDF downloaden om te lezen of te delen/, "the Dutch UI labels the download");
    const [early] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()]);
    const earlyFile = readFileSync(await early.path());
    assert.equal(sha256(earlyFile), toSign, "the PDF downloaded before signing hashes to the hash shown");
    assert.match(pdfText(earlyFile), /Data Processing Agreement/i, "the PDF is in the language chosen");

    const shown = await signOpenAgreement(page);
    assert.equal(shown, toSign);
    assert.equal(await page.getByTestId("agreement-status").getAttribute("data-status"), "signed_by_customer");
    const [signed] = (await (await page.request.get(`${base}/api/v1/agreements?status=signed_by_customer`)).json()) as { documentSha256: string }[];
    assert.equal(signed?.documentSha256, shown, "the hash on screen is the hash that was recorded");

    // After signing: the main button gives the bytes signed, whose hash is printed right above it.
    const printed = await textOf(page, "document-hash");
    assert.equal(printed, shown);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()]);
    const file = readFileSync(await download.path());
    assert.equal(file.subarray(0, 5).toString(), "%PDF-");
    assert.equal(sha256(file), printed, "the main download's SHA-256 is the hash shown above it");

    // A copy with a signature page is offered apart, and says it is not the signed bytes.
    const rerendered = page.getByTestId("download-rerendered");
    assert.match((await rerendered.locator("xpath=..").textContent()) ?? "", /opnieuw opgemaakt, niet het getekende bestand/);
    const [copy] = await Promise.all([page.waitForEvent("download"), rerendered.click()]);
    const copyFile = readFileSync(await copy.path());
    assert.notEqual(sha256(copyFile), printed);
    assert.ok(pdfText(copyFile).includes(printed), "the copy's signature page names the hash signed");
    await context.close();
  });

  test("the privacy officer publishes a new version and the customer signs it again", async () => {
    const officer = await (await browser.newContext()).newPage();
    await loginAs(officer, base, officerEmail);
    await officer.goto(`${base}/admin/templates/new`);
    await officer.getByTestId("clock-breachNoticeHours").fill("36");
    await officer.getByTestId("publish-template").click();
    await officer.waitForURL(`${base}/admin/templates`);
    await officer.getByText("36").first().waitFor();

    const customer = await (await browser.newContext()).newPage();
    await loginAs(customer, base, beta.owner.email);
    await customer.goto(`${base}/portal`);
    assert.match((await customer.getByTestId("agreement-version").textContent()) ?? "", /2/);
    await customer.getByTestId("sign-open").click();
    await customer.frameLocator("iframe").getByText("binnen 36 uur").first().waitFor();
    await signOpenAgreement(customer);
    const agreementId = new URL(customer.url()).pathname.split("/").at(-1) ?? "";

    await officer.goto(`${base}/admin/agreements/${agreementId}`);
    await officer.getByTestId("countersign-name").fill("Priya de Vries");
    await officer.getByTestId("countersign-function").fill("Privacy officer");
    await officer.getByTestId("countersign").click();
    await officer.getByTestId("countersign-confirmation").waitFor();
    assert.equal(await officer.getByTestId("agreement-status").getAttribute("data-status"), "in_force");
    const printed = await textOf(officer, "document-hash");
    const [download] = await Promise.all([officer.waitForEvent("download"), officer.getByTestId("download-pdf").click()]);
    assert.equal(sha256(readFileSync(await download.path())), printed, "the back-office's main download is the bytes signed, under their hash");
  });

  test("after a change of services, the portal shows what changed in Annex 1 while the agreement stays in force", async () => {
    const gamma = await createCustomer(t.database.db, t.clock, { name: "Kinderopvang Gamma", services: ["web-hosting"] });
    await inScope(t.database.db, { kind: "processor" }, async (tx) => {
      await offerTemplateVersion(tx, t.clock, SYSTEM_ACTOR, 2);
      const [offer] = await tx.query.agreements.findMany({ where: (a, { eq }) => eq(a.controllerId, gamma.controllerId) });
      assert.ok(offer);
      const document = await composeAgreementDocument(tx, offer.id);
      assert.ok(document);
      const signer = { kind: "customer" as const, id: gamma.owner.id, label: "owner", controllerId: gamma.controllerId };
      const found = await findAgreement(tx, offer.id);
      assert.ok(found);
      const signed = await signAgreement(
        tx,
        t.clock,
        signer,
        found,
        { typedName: "Greet Gamma", function: "Directeur", consent: true, documentSha256: documentPdfAndHash(document).sha256 },
        { ip: null, userAgent: null },
      );
      await countersignAgreement(tx, t.clock, SYSTEM_ACTOR, signed, { typedName: "Priya de Vries", function: "Privacy officer" });
      await setControllerServices(
        tx,
        t.clock,
        SYSTEM_ACTOR,
        gamma.controllerId,
        [
          { code: "web-hosting", monthlyFeeCents: 995 },
          { code: "email", monthlyFeeCents: 300 },
        ],
        "test",
      );
    });
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, gamma.owner.email);
    await page.goto(`${base}/portal`);
    const notice = page.getByTestId("annex-changed");
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? "", /E-mail/, "the added service is named");
    assert.equal(await page.getByTestId("agreement-status").getAttribute("data-status"), "in_force");
  });

  test("another customer's agreement URL shows the not-found page", async () => {
    const agreementsOfAlfa = await t.app.inject({ method: "GET", url: "/api/v1/agreements", headers: { cookie: "" } });
    assert.equal(agreementsOfAlfa.statusCode, 401);
    const page = await (await browser.newContext()).newPage();
    await loginAs(page, base, alfa.owner.email);
    const own = (await (await page.request.get(`${base}/api/v1/agreements`)).json()) as { id: string }[];
    const ownId = own[0]?.id;
    assert.ok(ownId);
    const other = await (await browser.newContext()).newPage();
    await loginAs(other, base, beta.owner.email);
    await other.goto(`${base}/portal/agreements/${ownId}`);
    await other.getByTestId("not-found").waitFor();
    assert.match((await other.getByTestId("not-found").textContent()) ?? "", /Niet gevonden/);
    assert.equal(await other.getByText("Bakkerij Alfa").count(), 0, "nothing of the other customer shows");
  });
});
