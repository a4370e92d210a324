import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tryLock } from "fs-native-extensions";
import { ownerFileOf } from "../../src/db/data-folder.ts";
import { createTestDatabase, testDatabaseUrl, testEngine } from "../support/database.ts";
import { apiToken, art28, art28Async, firstRunPassword, startServe, type Served } from "../support/process.ts";

// The process as an operator runs it (issue: "the embedded data folder can be destroyed"): one owner
// of a data folder at a time whatever it is busy with, a restart right after kill -9, and a stop
// within seconds even with an idle connection open. Every server listens on 127.0.0.1.

const root = mkdtempSync(join(tmpdir(), "art28-life-"));
after(() => rmSync(root, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, ART28_WORKER: "off" };
delete env.DATABASE_URL;

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

function customersCsv(count: number, prefix: string): string {
  const lines = ["customer_number,name,service,monthly_fee"];
  for (let i = 0; i < count; i++) {
    lines.push(`${prefix}${i},Klant ${prefix}${i} BV,web-hosting,12.50`);
  }
  return `${lines.join("\n")}\n`;
}

/** How many customers the list counts (it stops counting at 10,000: totalExact says whether it did). */
async function customerTotal(url: string, token: string, search = ""): Promise<{ total: number; exact: boolean }> {
  const response = await fetch(`${url}/api/v1/controllers?limit=1${search ? `&search=${encodeURIComponent(search)}` : ""}`, { headers: bearer(token) });
  assert.equal(response.status, 200);
  const page = (await response.json()) as { total: number; totalExact: boolean };
  return { total: page.total, exact: page.totalExact };
}

/** SIGTERM, then the exit; a stop past the deadline would exit 1 (close-with-grace). */
async function stop(served: Served) {
  served.child.kill("SIGTERM");
  return served.exited;
}

if (testEngine() === "pglite") {
  describe("the embedded data folder has one owner", () => {
    // One first start (initdb, migrations, install: the slow part), copied for each test.
    const prepared = join(root, "prepared");
    let token = "";
    before(async () => {
      const served = await startServe(prepared, env);
      token = await apiToken(served.url, firstRunPassword(served.output()));
      assert.deepEqual(await stop(served), { code: 0, signal: null });
    });
    const folder = (name: string) => {
      const dir = join(root, name);
      cpSync(prepared, dir, { recursive: true });
      return dir;
    };

    test("during a long import through the API, verify, import, migrate and a second serve are refused, say who owns the folder and how to go through it; nothing is lost", async () => {
      const data = folder("busy");
      const served = await startServe(data, env);
      const owner = JSON.parse(readFileSync(ownerFileOf(join(data, "pglite")), "utf8")) as { pid: number; command: string; url: string };
      assert.equal(owner.command, "serve");
      assert.equal(owner.url, served.url);

      let importDone = false;
      const importing = fetch(`${served.url}/api/v1/imports/customers.csv`, {
        method: "POST",
        headers: { ...bearer(token), "content-type": "text/csv" },
        body: customersCsv(10_000, "L"),
      }).then(async (response) => {
        importDone = true;
        return { status: response.status, body: (await response.json()) as { customers: number } };
      });
      // The server keeps answering while the import runs (PGlite yields between statements).
      const answered = await fetch(`${served.url}/api/openapi.json`);
      assert.equal(answered.status, 200);
      assert.equal(importDone, false, "a request sent during the import is answered before the import is");

      const small = join(root, "small.csv");
      writeFileSync(small, customersCsv(2, "S"));
      const [verify, imported, migrate, second] = await Promise.all([
        art28Async(data, env, "verify"),
        art28Async(data, env, "import", "customers", small),
        art28Async(data, env, "migrate"),
        art28Async(data, env, "serve", "--port", "1"),
      ]);
      for (const [name, run] of Object.entries({ verify, imported, migrate, second })) {
        assert.equal(run.status, 2, `${name}: ${run.stdout}${run.stderr}`);
        assert.match(run.stderr, new RegExp(`in use by \`art28 serve\` \\(pid ${owner.pid} on .+, since \\d{4}-`), name);
        assert.doesNotMatch(run.stderr, /at .+\.ts:\d+/, `${name}: no stack trace`);
      }
      assert.match(verify.stderr, new RegExp(`art28 verify --server ${served.url}`));
      assert.match(imported.stderr, new RegExp(`art28 import customers FILE --server ${served.url}`));
      assert.match(second.stderr, /already serves this folder/);
      assert.match(migrate.stderr, /applied the migrations when it started/);

      const result = await importing;
      assert.equal(result.status, 200);
      assert.equal(result.body.customers, 10_000);
      assert.deepEqual(await customerTotal(served.url, token), { total: 10_000, exact: true });

      // The same commands through the server, as the refusal said.
      const through = { ...env, ART28_TOKEN: token };
      const remoteVerify = await art28Async(data, through, "verify", "--server", served.url);
      assert.equal(remoteVerify.status, 0, remoteVerify.stderr);
      assert.match(remoteVerify.stdout, /^OK: \d+ events in \d+ streams/);
      const remoteImport = await art28Async(data, through, "import", "customers", small, "--server", served.url);
      assert.equal(remoteImport.status, 0, remoteImport.stderr);
      assert.match(remoteImport.stdout, /Imported 2 customers \(2 new, 0 updated\)/);
      const refused = await art28Async(data, { ...env, ART28_TOKEN: "art28_wrong" }, "verify", "--server", served.url);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /^art28: /);

      assert.deepEqual(await stop(served), { code: 0, signal: null });
      const stoppedRecord = JSON.parse(readFileSync(ownerFileOf(join(data, "pglite")), "utf8")) as { stoppedAt: string | null };
      assert.ok(stoppedRecord.stoppedAt, "a clean stop is written in the owner file");
      // Released: the folder opens again, whole.
      const local = art28(data, env, "verify");
      assert.equal(local.status, 0, local.stderr);
      assert.match(local.stdout, /^OK: /);
      const again = await startServe(data, env);
      assert.doesNotMatch(again.output(), /without a clean stop/);
      assert.deepEqual(await customerTotal(again.url, token), { total: 10_000, exact: false }, "more than 10,000");
      assert.deepEqual(await customerTotal(again.url, token, "Klant S"), { total: 2, exact: true }, "and the two imported through the server");
      assert.deepEqual(await stop(again), { code: 0, signal: null });
    });

    test("kill -9 in the middle of writes: every acknowledged write is there, and the restart succeeds at once and says the last run did not stop cleanly", async () => {
      const data = folder("killed");
      let served = await startServe(data, env);
      const acknowledged: string[] = [];
      for (let round = 0; round < 3; round++) {
        let writing = true;
        const writes = (async () => {
          for (let i = 0; writing && i < 500; i++) {
            const number = `K${round}-${i}`;
            try {
              const response = await fetch(`${served.url}/api/v1/controllers`, {
                method: "POST",
                headers: bearer(token),
                body: JSON.stringify({
                  customerNumber: number,
                  name: `Klant ${number}`,
                  kvk: null,
                  address: null,
                  postalCode: null,
                  city: null,
                  country: "NL",
                  locale: "nl",
                }),
              });
              if (response.status === 201) {
                acknowledged.push(number);
              }
            } catch {
              return; // the connection died with the process: this write was not acknowledged
            }
          }
        })();
        // Kill once some writes are acknowledged, at a moment that differs per round.
        const before = acknowledged.length;
        while (acknowledged.length < before + 5 + round * 7) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        served.child.kill("SIGKILL");
        await served.exited;
        writing = false;
        await writes;

        // The first try: no wait for a lock to go stale.
        served = await startServe(data, env);
        assert.match(served.output(), /The last run \(pid \d+, since .+\) ended without a clean stop/);
        for (const number of acknowledged) {
          const found = await fetch(`${served.url}/api/v1/controllers?search=${encodeURIComponent(number)}&limit=5`, { headers: bearer(token) });
          const list = (await found.json()) as { items: { customerNumber: string }[] };
          assert.ok(
            list.items.some((c) => c.customerNumber === number),
            `acknowledged write ${number} survived kill -9 number ${round + 1}`,
          );
        }
      }
      assert.deepEqual(await stop(served), { code: 0, signal: null });
      const verified = art28(data, env, "verify");
      assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    });

    test("an owner file replaced by another process stops the server without it writing to the folder again", async () => {
      const data = folder("replaced");
      const served = await startServe(data, env);
      const file = ownerFileOf(join(data, "pglite"));
      const fd = openSync(`${file}.other`, "w+");
      assert.ok(tryLock(fd));
      renameSync(`${file}.other`, file);
      const exit = await served.exited;
      closeSync(fd);
      assert.equal(exit.code, 1);
      assert.match(served.output(), /replaced by another process's/);
    });
  });
}

describe("a clean stop within seconds", () => {
  test(`SIGTERM with an idle connection and a kept-alive one open exits cleanly, before the deadline (${testEngine()})`, async () => {
    // The worker runs in process too: its stop is part of the server's.
    let stopEnv: NodeJS.ProcessEnv = { ...env, ART28_WORKER: "on" };
    const database = testEngine() === "postgres" ? await createTestDatabase() : null;
    if (database) {
      stopEnv = { ...stopEnv, DATABASE_URL: testDatabaseUrl(database.name), ART28_SESSION_SECRET: "s".repeat(32) };
    }
    const served = await startServe(join(root, "stop"), stopEnv);
    // A connection that never sends a request (a browser's pre-opened one, a load balancer's check)…
    const idle = connect(Number(new URL(served.url).port), "127.0.0.1");
    await new Promise((resolve) => idle.once("connect", resolve));
    idle.on("error", () => {});
    const idleClosed = new Promise((resolve) => idle.once("close", resolve));
    // …and one kept alive after a request.
    assert.equal((await fetch(`${served.url}/api/openapi.json`)).status, 200);

    const exit = await stop(served);
    assert.deepEqual(exit, { code: 0, signal: null }, served.output());
    await idleClosed;
    await database?.close();
  });
});
