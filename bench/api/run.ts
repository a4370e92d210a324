/**
 * The read path at 100,000 customers (issue 16, point 3): `npm run bench:api`.
 *
 * Fills a scratch PostgreSQL database with a large provider (bench/seed-large.ts: 100,000 customers,
 * 1,000,000 events), starts `art28 serve` on it (web only: ART28_WORKER=off) and, in the same run, two
 * bare Fastify baselines (bench/api/hello.ts), each its own process; then loads each with autocannon
 * (the same connections and duration):
 *  - hello-world: `GET /`;
 *  - bare Fastify writing the dashboard's own answer (its body and headers, taken from the app once):
 *    what writing those bytes costs on this machine, the most a dashboard of that size can reach;
 *  - the customer's dashboard read: `GET /api/v1/home` (its items: agreement to sign, open deadlines,
 *    notices to acknowledge, unread counts), each request as the owner of one of 100 customers in turn,
 *    with its API token;
 *  - the staff customers list, page 1 and a search, as the privacy officer with an API token.
 * Prints each one's requests/s, p50 and p99 latency, the web process's peak RSS under load, and
 * `ratio: N` last (the dashboard's requests/s ÷ hello-world's). Targets: ≥ 0.5× its requests/s,
 * p99 ≤ 3× its p99, RSS < 300 MB.
 *
 *   npm run bench:api
 *   node bench/api/run.ts --customers 20000 --duration 10
 *   node bench/api/run.ts --database-url postgres://…/art28_large_123   # a database seed-large made (kept)
 *   node bench/api/run.ts --engine embedded   # PGlite with the demo's 50 customers (8 owners' tokens)
 *
 * Bounded: each load runs `duration` seconds; every child is killed at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { openDatabase } from "../../src/db/engine.ts";
import { hashApiToken } from "../../src/modules/auth/tokens.ts";
import { print } from "../support.ts";
import { benchToken, scratchDatabase, seedLarge } from "../seed-large.ts";
import { apiToken } from "../../test/support/process.ts";
import { DEMO_PASSWORD } from "../../src/modules/setup/demo.ts";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    events: { type: "string", default: "1000000" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "20" },
    "database-url": { type: "string" },
    engine: { type: "string", default: "postgres" },
  },
});
if (args.engine !== "postgres" && args.engine !== "embedded") {
  throw new Error(`--engine ${args.engine}: postgres or embedded`);
}
const EMBEDDED = args.engine === "embedded";
/** On the embedded engine: the demo's customers whose owners get a token (each a login and a step-up: 10 a minute). */
const EMBEDDED_OWNERS = 8;
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const BIN = fileURLToPath(new URL("../../bin/art28", import.meta.url));
const HELLO = fileURLToPath(new URL("./hello.ts", import.meta.url));
const STAFF_TOKEN = "art28_benchstaff00000000000000000000000000000000";
const TOKENS = 100;

/** Starts a child and waits until it answers `probe` (bounded). */
async function startProcess(command: string, argv: string[], env: NodeJS.ProcessEnv, probe: string, withinMs = 60_000): Promise<ChildProcess> {
  const child = spawn(command, argv, { env, stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    try {
      const answer = await fetch(probe);
      if (answer.status < 500) {
        return child;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`${argv.join(" ")} did not answer ${probe} within ${withinMs / 1000} s`);
}

/** The resident set of a process now, in MB (Linux). */
function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(line?.[1] ?? 0) / 1024;
}

interface Load {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  peakRssMb: number | null;
}

/** autocannon against `url` for DURATION seconds; `headers(i)` gives request i its headers. */
async function load(label: string, url: string, headers: (i: number) => Record<string, string>, pid: number | null): Promise<Load> {
  let i = 0;
  let peak = 0;
  const sampler = pid === null ? null : setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...headers(i++) } }) }],
  });
  if (sampler) {
    clearInterval(sampler);
  }
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    peakRssMb: pid === null ? null : peak,
  };
}

const sampleDir = mkdtempSync(join(tmpdir(), "art28-bench-api-"));
const scratch = args["database-url"] || EMBEDDED ? null : await scratchDatabase("art28_bench_api");
const url = args["database-url"] ?? scratch?.url ?? "";
const dataDir = EMBEDDED ? mkdtempSync(join(tmpdir(), "art28-bench-api-data-")) : null;
const children: ChildProcess[] = [];
try {
  if (scratch) {
    const database = await openDatabase({ engine: "postgres", url, poolSize: 2 });
    await seedLarge(database, url, { customers: Number(args.customers), events: Number(args.events), tokens: TOKENS });
    await database.close();
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ART28_WORKER: "off", LOG_LEVEL: "warn", ART28_SESSION_SECRET: "bench-session-secret-0123456789abcdef" };
  if (EMBEDDED) {
    delete env.DATABASE_URL;
  } else {
    env.DATABASE_URL = url;
  }
  const hello = await startProcess(process.execPath, [HELLO, "3971"], env, "http://127.0.0.1:3971/");
  children.push(hello);
  const app = await startProcess(
    BIN,
    dataDir ? ["--data", dataDir, "serve", "--demo", "--port", "3972"] : ["serve", "--port", "3972"],
    env,
    "http://127.0.0.1:3972/api/v1/trust",
    180_000, // a first start on the embedded engine loads the demo
  );
  children.push(app);
  const origin = "http://127.0.0.1:3972";
  const base = `${origin}/api/v1`;
  let customerTokens: string[];
  let staffToken: string;
  let what: string;
  if (dataDir) {
    // The demo (50 customers): tokens made over the API, as a customer's script would get one.
    customerTokens = [];
    for (let i = 1; i <= EMBEDDED_OWNERS; i++) {
      customerTokens.push(await apiToken(origin, { email: `owner@c${String(i).padStart(4, "0")}.example`, password: DEMO_PASSWORD }));
    }
    staffToken = await apiToken(origin, { email: "privacy@norisk.example", password: DEMO_PASSWORD });
    what = `embedded (PGlite), the demo's 50 customers`;
  } else {
    // The privacy officer's token (the demo's staff confirmed the confidentiality statement).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `insert into api_tokens (user_id, name, prefix, token_hash) select id, 'bench staff', 'art28_bench', $1 from users where email = 'privacy@norisk.example'
       on conflict (token_hash) do nothing`,
      [hashApiToken(STAFF_TOKEN)],
    );
    const {
      rows: [counts],
    } = await client.query<{ customers: number; events: number }>(
      `select (select count(*) from controllers)::int as customers, (select count(*) from events)::int as events`,
    );
    await client.end();
    customerTokens = Array.from({ length: TOKENS }, (_, i) => benchToken(i + 1));
    staffToken = STAFF_TOKEN;
    what = `PostgreSQL, ${counts?.customers} customers, ${counts?.events} events`;
  }
  const customer = (i: number) => ({ authorization: `Bearer ${customerTokens[i % customerTokens.length]}` });
  const staff = () => ({ authorization: `Bearer ${staffToken}` });
  const check = await fetch(`${base}/home`, { headers: customer(0) });
  if (check.status !== 200) {
    throw new Error(`GET /home as a bench customer answered ${check.status}: ${await check.text()}`);
  }
  // The second baseline: a bare Fastify writing this very answer (its body and headers) every time.
  const skip = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);
  const headers: Record<string, string> = {};
  check.headers.forEach((value, name) => {
    if (!skip.has(name)) {
      headers[name] = value;
    }
  });
  const sample = { headers, body: await check.text() };
  writeFileSync(join(sampleDir, "home.json"), JSON.stringify(sample));
  const sameBytes = await startProcess(process.execPath, [HELLO, "3973", join(sampleDir, "home.json")], env, "http://127.0.0.1:3973/");
  children.push(sameBytes);

  print(`${what}; autocannon ${CONNECTIONS} connections × ${DURATION} s each`);
  const results = [
    await load("hello-world (bare Fastify JSON)", "http://127.0.0.1:3971/", () => ({}), hello.pid ?? null),
    await load("bare Fastify, the dashboard's bytes", "http://127.0.0.1:3973/", () => ({}), sameBytes.pid ?? null),
    await load("customer dashboard GET /home", `${base}/home`, customer, app.pid ?? null),
    await load("staff customers list, page 1", `${base}/controllers?limit=50`, staff, app.pid ?? null),
    await load("staff customers list, search", `${base}/controllers?limit=50&search=klant%200421`, staff, app.pid ?? null),
  ];
  const [baseline, bytes, dashboard] = results as [Load, Load, Load, ...Load[]];
  for (const r of results) {
    print(
      `${r.label.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms` +
        `   ×${(r.rps / baseline.rps).toFixed(3)} of hello-world's req/s   p99 ÷ hello's ${(r.p99 / Math.max(1, baseline.p99)).toFixed(1)}` +
        `${r.peakRssMb === null ? "" : `   peak RSS ${r.peakRssMb.toFixed(0)} MB`}${r.errors + r.non2xx > 0 ? `   ${r.errors} errors, ${r.non2xx} non-2xx` : ""}`,
    );
  }
  print(
    `the dashboard's ${sample.body.length + Object.entries(sample.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0)} bytes written by bare Fastify: ` +
      `×${(bytes.rps / baseline.rps).toFixed(3)} of hello-world (the most a dashboard of this size can reach here); ` +
      `Art28's dashboard ×${(dashboard.rps / bytes.rps).toFixed(3)} of that`,
  );
  print(`ratio: ${(dashboard.rps / baseline.rps).toFixed(3)}`);
} finally {
  for (const child of children) {
    child.kill("SIGTERM");
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await scratch?.drop();
  rmSync(sampleDir, { recursive: true, force: true });
  if (dataDir) {
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}
