import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testEngine } from "../support/database.ts";
import { startServe } from "../support/process.ts";

// The README's first command, `npm start -- --demo`, on a fresh data folder: the demo announces a
// sub-processor change (notices queued) before the app is built, so the CLI must know every notice
// kind from its first step.

const root = mkdtempSync(join(tmpdir(), "art28-demo-"));
after(() => rmSync(root, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, ART28_WORKER: "off" };
delete env.DATABASE_URL;

test(
  "serve --demo starts on a fresh folder, with the demo's announced change on the trust page",
  { skip: testEngine() !== "pglite" && "serve on the embedded engine" },
  async () => {
    const served = await startServe(join(root, "data"), env, ["--demo"]);
    try {
      const trust = await fetch(`${served.url}/api/v1/trust`);
      assert.equal(trust.status, 200);
      assert.match(await trust.text(), /Mailvault/);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  },
);
