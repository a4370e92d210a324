/**
 * The README's start as a first user meets it: `npm start -- --demo` on a fresh data folder, timed
 * from the spawn to the first page a browser can show (GET / answers the built index.html, and the
 * demo's customers are in the database, which `serve --demo` loads before it listens). Run N times
 * (default 3), each on a fresh folder; prints every run's phases (from the server's own log lines)
 * and the median.
 *
 *   node bench/embedded/first-page.ts
 *   node bench/embedded/first-page.ts --runs 5
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "3" }, port: { type: "string", default: "3917" } } });
const RUNS = Number(args.runs);
const PORT = Number(args.port);

async function firstPage(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const answer = await fetch(`${url}/`);
      const body = await answer.text();
      if (answer.status === 200 && body.includes("<div id=")) {
        return;
      }
    } catch {
      // Not listening yet: try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no first page within the deadline");
}

async function once(): Promise<{ ms: number; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "art28-first-page-"));
  const started = performance.now();
  const child = spawn("npm", ["start", "--", "--demo"], {
    env: { ...process.env, ART28_DATA_DIR: dataDir, PORT: String(PORT), ART28_WORKER: "off", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += `[${Math.round(performance.now() - started)} ms] ${chunk.toString()}`));
  child.stderr.on("data", (chunk: Buffer) => (output += `[${Math.round(performance.now() - started)} ms] ${chunk.toString()}`));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  try {
    await firstPage(`http://127.0.0.1:${PORT}`, started + 180_000);
    return { ms: performance.now() - started, output };
  } finally {
    if (child.pid !== undefined) {
      process.kill(-child.pid, "SIGTERM");
    }
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const { ms, output } = await once();
  results.push(ms);
  process.stdout.write(`--- run ${run}: first page after ${(ms / 1000).toFixed(1)} s\n${process.env.VERBOSE ? output : ""}`);
}
const sorted = [...results].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
process.stdout.write(`runs: ${results.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}; median ${(median / 1000).toFixed(1)} s\n`);
