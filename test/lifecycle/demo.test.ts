import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testEngine } from "../support/database.ts";
import { apiToken, art28, startServe } from "../support/process.ts";

// The README's first command, `npm start -- --demo`, on a fresh data folder: the demo announces a
// sub-processor change (notices queued) before the app is built, so the CLI must know every notice
// kind from its first step. Its customers come in through the customer import, as a provider's would.

const root = mkdtempSync(join(tmpdir(), "art28-demo-"));
after(() => rmSync(root, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, ART28_WORKER: "off" };
delete env.DATABASE_URL;

test(
  "serve --demo starts on a fresh folder: the announced change on the trust page, 50 customers with their services and privacy contact, a chain that verifies",
  { skip: testEngine() !== "pglite" && "serve on the embedded engine" },
  async () => {
    const served = await startServe(join(root, "data"), env, ["--demo"]);
    try {
      const trust = await fetch(`${served.url}/api/v1/trust`);
      assert.equal(trust.status, 200);
      assert.match(await trust.text(), /Mailvault/);

      const token = await apiToken(served.url, { email: "privacy@norisk.example", password: "art28-demo" });
      const headers = { authorization: `Bearer ${token}` };
      const list = (await (await fetch(`${served.url}/api/v1/controllers?offset=0&limit=100`, { headers })).json()) as {
        total: number;
        items: { id: string; customerNumber: string }[];
      };
      assert.equal(list.total, 50);
      const first = list.items.find((c) => c.customerNumber === "C0001");
      assert.ok(first);
      const detail = (await (await fetch(`${served.url}/api/v1/controllers/${first.id}`, { headers })).json()) as {
        contact: { email: string; role: string } | null;
        services: { code: string }[];
      };
      assert.deepEqual(
        { contact: detail.contact?.email, role: detail.contact?.role, services: detail.services.map((s) => s.code).sort() },
        { contact: "privacy@c0001.example", role: "dpo", services: ["email", "ssl-certificates", "web-hosting"] },
      );
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
    const verified = art28(join(root, "data"), env, "verify");
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /^OK: \d+ events in 51 streams verified/m);
  },
);
