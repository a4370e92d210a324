/**
 * The embedded server as an operator meets it (DESIGN.md "Performance targets"; issue "the embedded
 * data folder can be destroyed"). Real `art28 serve` processes on a data folder, on 127.0.0.1:
 *  1. start to first answer, against PGlite alone opening the same folder in a process of its own
 *     (target: within 2×);
 *  2. restarts right after kill -9: how many start on the first try, and how long they take;
 *  3. a 60,000-row customer import through the API while a client asks for a small page every
 *     20 ms: the longest wait for an answer during the import (the longest event-loop stall, plus a
 *     loopback round trip), against the longest wait of the same client on the idle server;
 *  4. SIGTERM to exit with an idle connection (one that never sent a request) open.
 * The last line is `ratio: N` = start to first answer ÷ PGlite alone (bar 2).
 *
 *   npm run bench:embedded
 *   npm run bench:embedded -- --rows 20000 --restarts 3
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { apiToken, firstRunPassword, startServe, type Served } from "../../test/support/process.ts";
import { print } from "../support.ts";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "60000" },
    restarts: { type: "string", default: "5" },
  },
});
const ROWS = Number(args.rows);
const RESTARTS = Number(args.restarts);
const env: NodeJS.ProcessEnv = { ...process.env, ART28_WORKER: "off", LOG_LEVEL: "warn" };
delete env.DATABASE_URL;

const root = mkdtempSync(join(tmpdir(), "art28-bench-embedded-"));
const ms = (value: number) => `${Math.round(value)} ms`;

async function stop(served: Served): Promise<number> {
  const started = performance.now();
  served.child.kill("SIGTERM");
  const exit = await served.exited;
  if (exit.code !== 0) {
    throw new Error(`serve exited ${exit.code ?? exit.signal} on SIGTERM:\n${served.output()}`);
  }
  return performance.now() - started;
}

/** Spawn to the first 200 of GET /api/openapi.json. */
async function timeToFirstAnswer(dataDir: string): Promise<{ served: Served; ms: number }> {
  const started = performance.now();
  const served = await startServe(dataDir, env);
  const answer = await fetch(`${served.url}/api/openapi.json`);
  if (answer.status !== 200) {
    throw new Error(`first answer ${answer.status}`);
  }
  return { served, ms: performance.now() - started };
}

/** The same Node, in a process of its own, opening the folder with PGlite alone and answering `select 1`. */
async function pgliteAlone(dataDir: string): Promise<number> {
  const started = performance.now();
  const script = `import { PGlite } from "@electric-sql/pglite"; const db = new PGlite(${JSON.stringify(join(dataDir, "pglite"))}); await db.query("select 1"); await db.close();`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) {
    throw new Error(`PGlite alone exited ${code}`);
  }
  return performance.now() - started;
}

/** Pings every 20 ms until `until` settles; the longest wait for an answer. */
async function longestWait(url: string, until: Promise<unknown>): Promise<{ longest: number; pings: number }> {
  let done = false;
  void until.finally(() => (done = true));
  let longest = 0;
  let pings = 0;
  while (!done) {
    const sent = performance.now();
    const response = await fetch(`${url}/api/openapi.json`);
    await response.arrayBuffer();
    longest = Math.max(longest, performance.now() - sent);
    pings++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { longest, pings };
}

try {
  const prepared = join(root, "prepared");
  const first = await startServe(prepared, env);
  const token = await apiToken(first.url, firstRunPassword(first.output()));
  await stop(first);

  // 1. Start to first answer, against PGlite alone on a copy of the same folder.
  const startDir = join(root, "start");
  cpSync(prepared, startDir, { recursive: true });
  const alone = await pgliteAlone(startDir);
  const start = await timeToFirstAnswer(startDir);
  await stop(start.served);

  // 2. Restarts right after kill -9.
  const killDir = join(root, "kill");
  cpSync(prepared, killDir, { recursive: true });
  let firstTry = 0;
  const restartTimes: number[] = [];
  let served = (await timeToFirstAnswer(killDir)).served;
  for (let i = 0; i < RESTARTS; i++) {
    served.child.kill("SIGKILL");
    await served.exited;
    try {
      const restarted = await timeToFirstAnswer(killDir);
      served = restarted.served;
      restartTimes.push(restarted.ms);
      firstTry += 1;
    } catch (error) {
      process.stderr.write(`restart ${i + 1} refused: ${(error as Error).message}\n`);
      served = (await timeToFirstAnswer(killDir)).served;
    }
  }

  // 3. The import, and the idle baseline with the same client.
  const idle = await longestWait(served.url, new Promise((resolve) => setTimeout(resolve, 3_000)));
  const lines = ["customer_number,name,service,monthly_fee"];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`B${i},Bench ${i} BV,web-hosting,12.50`);
  }
  const importStarted = performance.now();
  const importing = fetch(`${served.url}/api/v1/imports/customers.csv`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    body: `${lines.join("\n")}\n`,
  }).then(async (response) => {
    if (response.status !== 200) {
      throw new Error(`import ${response.status}: ${await response.text()}`);
    }
    return performance.now() - importStarted;
  });
  const during = await longestWait(served.url, importing);
  const importMs = await importing;

  // 4. SIGTERM with an idle connection open.
  const socket = connect(Number(new URL(served.url).port), "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.on("error", () => {});
  const stopMs = await stop(served);
  socket.destroy();

  [
    `start to first answer: ${ms(start.ms)}; PGlite alone opening the same folder: ${ms(alone)}`,
    `restarts right after kill -9: ${firstTry} of ${RESTARTS} on the first try; ${restartTimes.map(ms).join(", ")}`,
    `${ROWS} rows imported through the API in ${(importMs / 1000).toFixed(1)} s; answered ${during.pings} requests meanwhile, the longest wait ${ms(during.longest)} (idle server: ${ms(idle.longest)} over ${idle.pings})`,
    `SIGTERM to exit with an idle connection open: ${ms(stopMs)}`,
    `ratio: ${(start.ms / alone).toFixed(2)}`,
  ].forEach(print);
} finally {
  rmSync(root, { recursive: true, force: true });
}
