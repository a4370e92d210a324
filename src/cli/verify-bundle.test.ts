import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { createTestApp, login, type TestApp } from "../../test/support/app.ts";
import { createCustomer, createStaff } from "../../test/support/factories.ts";
import { endAndIssueCertificate } from "../../test/support/ending-fixture.ts";
import { art28Async } from "../../test/support/process.ts";
import { deletionCertificatePdf, EVENTS, MANIFEST, type Manifest } from "../domain/evidence-bundle/layout.ts";
import { readBundleZip } from "../domain/evidence-bundle/verify.ts";
import { deletionCertificates } from "../db/schema/index.ts";
import { eq } from "drizzle-orm";

// `art28 verify --bundle`: a separate process with no database and no network checks a bundle
// made by a real Art28, and names the first failure with a non-zero exit.

const dir = mkdtempSync(join(tmpdir(), "art28-verify-bundle-"));
let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a bundle verifies offline; an edited event is named by file, event and check, with exit 1", async () => {
  const customer = await createCustomer(t.database.db, t.clock, { name: "Klant Offline" });
  const owner = await login(t.app, customer.owner.email);
  const response = await owner.get(`/api/v1/controllers/${customer.controllerId}/evidence-bundle`);
  assert.equal(response.statusCode, 200);
  const zip = new Uint8Array(response.rawPayload);
  const good = join(dir, "good.zip");
  writeFileSync(good, zip);
  // No DATABASE_URL, a data folder that does not exist, and no server: nothing to reach.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.ART28_TOKEN;
  const data = join(dir, "no-data");
  const ok = await art28Async(data, env, "verify", "--bundle", good);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^OK: \d+ events, \d+ files/);
  assert.equal(existsSync(data), false, "no data folder was opened");

  // An event edited, its file's manifest entry changed to match: the event's own hash gives it away.
  const files = readBundleZip(zip);
  const lines = new TextDecoder().decode(files.get(EVENTS)).trim().split("\n");
  const edited = JSON.parse(lines[1] ?? "") as { data: Record<string, unknown>; streamSeq: number };
  edited.data = { ...edited.data, forged: true };
  lines[1] = JSON.stringify(edited);
  const eventsFile = new TextEncoder().encode(lines.join("\n") + "\n");
  files.set(EVENTS, eventsFile);
  const manifest = JSON.parse(new TextDecoder().decode(files.get(MANIFEST))) as Manifest;
  for (const entry of manifest.files) {
    if (entry.path === EVENTS) {
      entry.sha256 = createHash("sha256").update(eventsFile).digest("hex");
    }
  }
  files.set(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
  const bad = join(dir, "bad.zip");
  writeFileSync(bad, zipSync(Object.fromEntries(files)));
  const broken = await art28Async(data, env, "verify", "--bundle", bad);
  assert.equal(broken.status, 1, broken.stdout + broken.stderr);
  assert.equal(
    broken.stdout.trim(),
    `BROKEN: event-hash (file events.jsonl, event ${edited.streamSeq}): event ${edited.streamSeq}'s content does not match its hash (the event was altered)`,
  );

  const missing = await art28Async(data, env, "verify", "--bundle", join(dir, "none.zip"));
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr + missing.stdout, /cannot read/);
});

test("a deletion certificate's stored PDF is the download and the bundle's; changed in the database, the bundle fails on its event", async () => {
  const customer = await createCustomer(t.database.db, t.clock, { name: "Klant Verklaring", services: ["colocation"] });
  const officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
  const certificate = await endAndIssueCertificate(officer, customer.controllerId, t.clock.now());
  const owner = await login(t.app, customer.owner.email);
  const [row] = await t.database.db.select({ pdf: deletionCertificates.pdf }).from(deletionCertificates).where(eq(deletionCertificates.id, certificate.id));
  assert.ok(row?.pdf, "its PDF was stored when it was issued");
  const stored = new Uint8Array(row.pdf);
  const downloaded = (await owner.get(`/api/v1/deletion-certificates/${certificate.id}`)).rawPayload;
  assert.deepEqual(new Uint8Array(downloaded), stored, "the download is the stored PDF");
  assert.equal(createHash("sha256").update(stored).digest("hex"), certificate.sha256, "whose SHA-256 the event recorded");

  const bundle = async (name: string) => {
    const response = await owner.get(`/api/v1/controllers/${customer.controllerId}/evidence-bundle`);
    assert.equal(response.statusCode, 200);
    const file = join(dir, name);
    writeFileSync(file, response.rawPayload);
    return { file, zip: new Uint8Array(response.rawPayload) };
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const data = join(dir, "no-data");
  const good = await bundle("certificate.zip");
  assert.deepEqual(readBundleZip(good.zip).get(deletionCertificatePdf(certificate.id)), stored, "the bundle holds exactly those bytes");
  const ok = await art28Async(data, env, "verify", "--bundle", good.file);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, / 1 deletion certificates,/);

  // Someone with the database's keys replaces the stored PDF: the bundle is made from it, its manifest
  // matches, and the certificate's event names the change.
  const changed = new Uint8Array([...stored.subarray(0, stored.length - 6), ...new TextEncoder().encode("%%EOF\n")]);
  assert.notDeepEqual(changed, stored);
  await t.database.db.update(deletionCertificates).set({ pdf: changed }).where(eq(deletionCertificates.id, certificate.id));
  const tampered = await bundle("certificate-changed.zip");
  const broken = await art28Async(data, env, "verify", "--bundle", tampered.file);
  assert.equal(broken.status, 1, broken.stdout + broken.stderr);
  const path = deletionCertificatePdf(certificate.id);
  assert.match(
    broken.stdout,
    new RegExp(`^BROKEN: deletion-certificate \\(file ${path}, event \\d+\\): ${path} is not the certificate whose hash was recorded when it was issued`),
  );
});
