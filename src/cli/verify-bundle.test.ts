import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { createTestApp, login, type TestApp } from "../../test/support/app.ts";
import { createCustomer } from "../../test/support/factories.ts";
import { art28Async } from "../../test/support/process.ts";
import { EVENTS, MANIFEST, type Manifest } from "../domain/evidence-bundle/layout.ts";
import { readBundleZip } from "../domain/evidence-bundle/verify.ts";

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
