import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { zipSync } from "fflate";
import { DEFAULT_WEB_ROOT } from "../../src/app.ts";
import { EVENTS, MANIFEST, type Manifest } from "../../src/domain/evidence-bundle/layout.ts";
import { readBundleZip } from "../../src/domain/evidence-bundle/verify.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { createCustomer } from "../support/factories.ts";
import { browserUnavailable, launchBrowser, loginAs, shot } from "../support/browser.ts";
import { skipIfMissing } from "../support/requirements.ts";

// The trust site's bundle verifier in a real browser: the customer downloads its bundle from the
// portal, drops it on the page and sees it hold; then drops a tampered copy and sees the failure
// named (check, file, event). The check runs in the page (SHA-256 by @noble/hashes); nothing is uploaded.
const unavailable = browserUnavailable(DEFAULT_WEB_ROOT);

let t: TestApp;
let browser: Browser;
let base: string;

/** Drops a file on the page's drop zone, as a person dragging it from their files would. */
async function drop(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ fileName, base64 }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) {
        data[i] = binary.charCodeAt(i);
      }
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: "application/zip" }));
      return transfer;
    },
    { fileName: name, base64: Buffer.from(bytes).toString("base64") },
  );
  await page.getByTestId("bundle-drop").dispatchEvent("drop", { dataTransfer });
}

describe("the browser verifier of evidence bundles", { skip: skipIfMissing(unavailable) }, () => {
  before(async () => {
    t = await createTestApp(new Date(), { webRoot: DEFAULT_WEB_ROOT });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("a real bundle from the portal passes; a tampered one fails with the check, file and event named", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Browser" });
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await loginAs(page, base, customer.owner.email);
    await page.goto(`${base}/portal/evidence`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("evidence-download").click()]);
    const path = await download.path();
    const zip = new Uint8Array(readFileSync(path));
    await shot(page, "portal-evidence");

    // No request leaves the page while it checks.
    await page.goto(`${base}/trust/verify`);
    await page.waitForLoadState("networkidle"); // the page reads the published key, then sends nothing
    const requests: string[] = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    await drop(page, "bundle.zip", zip);
    await page.getByTestId("verify-ok").waitFor();
    assert.match(await page.getByTestId("verify-ok").innerText(), /bundle\.zip/);
    await shot(page, "verify-ok");

    // An event edited, its manifest entry changed to match.
    const files = readBundleZip(zip);
    const lines = new TextDecoder().decode(files.get(EVENTS)).trim().split("\n");
    const edited = JSON.parse(lines[0] ?? "") as { data: Record<string, unknown>; streamSeq: number };
    edited.data = { ...edited.data, forged: true };
    lines[0] = JSON.stringify(edited);
    const eventsFile = new TextEncoder().encode(lines.join("\n") + "\n");
    files.set(EVENTS, eventsFile);
    const manifest = JSON.parse(new TextDecoder().decode(files.get(MANIFEST))) as Manifest;
    const entry = manifest.files.find((file) => file.path === EVENTS);
    assert.ok(entry);
    entry.sha256 = createHash("sha256").update(eventsFile).digest("hex");
    files.set(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
    await drop(page, "tampered.zip", zipSync(Object.fromEntries(files)));
    await page.getByTestId("verify-broken").waitFor();
    assert.equal(await page.getByTestId("verify-check").getAttribute("data-check"), "event-hash");
    assert.equal((await page.getByTestId("verify-file").innerText()).trim(), EVENTS);
    assert.equal((await page.getByTestId("verify-event").innerText()).trim(), String(edited.streamSeq));
    await shot(page, "verify-broken");
    assert.deepEqual(requests, [], "nothing was sent while checking");
    await context.close();
  });
});
