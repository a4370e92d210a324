import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testEngine } from "../support/database.ts";
import { startServe } from "../support/process.ts";

// Links in e-mails and feeds go to ART28_PUBLIC_URL; without it, to the address the server listens
// on, not to a fixed localhost:3000 (issue #10: a first user's links led nowhere on another port).

const root = mkdtempSync(join(tmpdir(), "art28-url-"));
after(() => rmSync(root, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, ART28_WORKER: "off" };
delete env.DATABASE_URL;
delete env.ART28_PUBLIC_URL;

test(
  "without ART28_PUBLIC_URL, the feed links to the address Art28 serves on",
  { skip: testEngine() !== "pglite" && "serve on the embedded engine" },
  async () => {
    const served = await startServe(join(root, "data"), env);
    try {
      const feed = await (await fetch(`${served.url}/api/v1/trust/changes.atom`)).text();
      assert.match(feed, new RegExp(`<link[^>]*href="${served.url.replace(/[.]/g, "\\.")}/trust"`), feed.slice(0, 600));
      assert.doesNotMatch(feed, /localhost:3000/);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  },
);

test("ART28_PUBLIC_URL wins over the address served on", { skip: testEngine() !== "pglite" && "serve on the embedded engine" }, async () => {
  const served = await startServe(join(root, "data"), { ...env, ART28_PUBLIC_URL: "https://dpa.example.nl/" });
  try {
    const feed = await (await fetch(`${served.url}/api/v1/trust/changes.atom`)).text();
    assert.match(feed, /href="https:\/\/dpa\.example\.nl\/trust"/);
    assert.doesNotMatch(feed, new RegExp(served.url.replace(/[.]/g, "\\.")));
  } finally {
    served.child.kill("SIGTERM");
    await served.exited;
  }
});
