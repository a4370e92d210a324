/**
 * `npm run bench:bundle` (issue 14, "Measured": the bundle of a customer with 100,000 events, time
 * and peak RSS). Seeds a scratch database with one customer (an owner, a viewer, a privacy contact,
 * two services) whose stream holds 100,000 events: 1,000 notices queued and handed over by the outbox
 * worker (held: no mail relay), so the bundle has their content, portal texts, e-mails and delivery
 * records, and the rest written by the evidence module itself (recordEvents, each chained). Then,
 * each in a child process measured by /usr/bin/time (wall time, CPU, peak RSS):
 *  1. the bundle made as the customer's download makes it (make-bundle.ts: evidence.bundle_made,
 *     then writeBundle streaming the ZIP to a file);
 *  2. `art28 verify --bundle FILE`, the real command (no database, no network);
 *  3. the floors: the bundle's maker opening the database and making nothing, and `art28 verify
 *     --help`, the same CLI loading its modules and checking nothing.
 *
 *   node bench/verify/bundle-100k.ts                 # PostgreSQL (BENCH_DATABASE_URL's server, default local)
 *   node bench/verify/bundle-100k.ts --embedded      # PGlite in a scratch data folder
 *   node bench/verify/bundle-100k.ts --events 20000
 *   node bench/verify/bundle-100k.ts --heap-mb 64    # both children under a 64 MB V8 heap cap
 *   node bench/verify/bundle-100k.ts --keep          # keeps the bundle (and the data folder) to look at
 *
 * Bounded: every child is killed after BOUND_MS. Not part of the test suite.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/engine.ts";
import { inScope } from "../../src/db/scope.ts";
import { systemClock } from "../../src/domain/clock.ts";
import { controllerStream } from "../../src/domain/evidence-chain.ts";
import { startOutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { registerAllNoticeKinds } from "../../src/modules.ts";
import { recordEvents, SYSTEM_ACTOR, type EventInput } from "../../src/modules/evidence/index.ts";
import { streamHead } from "../../src/modules/evidence-bundle/queries.ts";
import { queueCustomerNotices } from "../../src/modules/notices/index.ts";
import { ensureInstalled } from "../../src/modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../../src/modules/setup/demo.ts";
import type { NoticeData } from "../../src/db/schema/index.ts";
import { createCustomer } from "../../test/support/factories.ts";
import { BOUND_MS, print, seconds } from "../support.ts";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    embedded: { type: "boolean", default: false },
    "heap-mb": { type: "string" },
    // Keeps the scratch folder (the bundle, and the embedded engine's data folder) and prints where.
    keep: { type: "boolean", default: false },
  },
});
const EVENTS = Number(args.events);
const NOTICES = Math.floor(EVENTS / 100);
const EMBEDDED = args.embedded ?? false;
const BIN = fileURLToPath(new URL("../../bin/art28", import.meta.url));
const MAKE = fileURLToPath(new URL("./make-bundle.ts", import.meta.url));

interface Measured {
  ms: number;
  cpu: number;
  maxRssMb: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time: its wall time, CPU seconds and peak RSS (kB, %M). */
function measure(command: string, argv: string[], env: NodeJS.ProcessEnv): Measured {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "RSS_KB=%M CPU=%U+%S", command, ...argv], {
    env,
    encoding: "utf8",
    timeout: BOUND_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`${command} ${argv.join(" ")} exited ${run.status ?? run.signal}:\n${run.stdout}\n${run.stderr}`);
  }
  const rss = /RSS_KB=(\d+)/.exec(run.stderr);
  const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(run.stderr);
  return { ms, cpu: Number(cpu?.[1] ?? 0) + Number(cpu?.[2] ?? 0), maxRssMb: Number(rss?.[1] ?? 0) / 1024, stdout: run.stdout.trim() };
}

const announcement = (i: number): NoticeData => ({
  kind: "subprocessor_change_announced",
  changeId: crypto.randomUUID(),
  changeKind: "add",
  subprocessor: { name: `Offsite Backup ${i} GmbH`, activity: { nl: "Back-upopslag", en: "Backup storage" }, countries: ["DE"] },
  replaces: null,
  previousCountries: null,
  services: [{ nl: "Back-up", en: "Backup" }],
  description: { nl: `Tweede locatie, nummer ${i}.`, en: `Second site, number ${i}.` },
  windowEndsAt: "2026-04-11T21:59:59.999Z",
  windowDays: 14,
  plannedEffectiveAt: null,
});

/** One customer whose stream reaches EVENTS - 1 events (the bundle's own event makes EVENTS). */
async function seed(database: Database): Promise<string> {
  const { db, engine } = database;
  await database.migrate();
  await inScope(db, { kind: "processor" }, (tx) =>
    ensureInstalled(tx, systemClock, DEMO_PROCESSOR, { email: "admin@bench.example", password: "bench-password-1" }),
  );
  const started = performance.now();
  const customer = await createCustomer(db, systemClock, { name: "Bakkerij Honderdduizend" });
  const { controllerId } = customer;
  for (let i = 0; i < NOTICES; i += 100) {
    const batch = Array.from({ length: Math.min(100, NOTICES - i) }, (_, k) => ({ controllerId, data: announcement(i + k) }));
    await inScope(db, { kind: "processor" }, (tx) => queueCustomerNotices(tx, systemClock, SYSTEM_ACTOR, batch));
  }
  const worker = startOutboxWorker({ db, clock: systemClock, engine, smtpUrl: null, pollMs: 0 });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
  const stream = controllerStream(controllerId);
  const lastSeq = async () => (await inScope(db, { kind: "processor" }, (tx) => streamHead(tx, stream)))?.lastSeq ?? 0;
  // The rest: staff viewing the customer's data, as the access log records it, 5,000 a transaction.
  for (let at = await lastSeq(); at < EVENTS - 1;) {
    const n = Math.min(5_000, EVENTS - 1 - at);
    const inputs: EventInput[] = Array.from({ length: n }, (_, k) => ({
      type: "staff.viewed_personal_data",
      actor: { kind: "staff", id: null, label: `Medewerker ${(at + k) % 7} <support${(at + k) % 7}@bench.example>` },
      controllerId,
      subject: { type: "controller", id: controllerId },
      data: { what: "customer", record: controllerId, why: "role", role: "support", path: `/api/v1/controllers/${controllerId}` },
    }));
    await inScope(db, { kind: "processor" }, (tx) => recordEvents(tx, systemClock, inputs));
    at += n;
  }
  print(`setup: one customer, ${NOTICES} notices handed over, ${await lastSeq()} events, in ${seconds(performance.now() - started)} (${engine})`);
  return controllerId;
}

const line = (label: string, m: Measured, extra = "") =>
  print(`${label.padEnd(36)} ${seconds(m.ms).padStart(9)} (CPU ${m.cpu.toFixed(2)} s)   peak RSS ${m.maxRssMb.toFixed(0).padStart(4)} MB${extra}`);

registerAllNoticeKinds();
const dir = mkdtempSync(join(tmpdir(), "art28-bench-bundle-"));
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `art28_bench_bundle_${process.pid}`;
let dbUrl = "";
try {
  const dataDir = join(dir, "data", "pglite");
  let controllerId: string;
  if (EMBEDDED) {
    const database = await openDatabase({ engine: "pglite", dataDir });
    controllerId = await seed(database);
    await database.close();
  } else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    dbUrl = url.toString();
    const database = await openDatabase({ engine: "postgres", url: dbUrl, poolSize: 4 });
    controllerId = await seed(database);
    await database.close();
  }
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  if (args["heap-mb"] !== undefined) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --max-old-space-size=${Number(args["heap-mb"])}`.trim();
    print(`both children capped at a ${Number(args["heap-mb"])} MB heap`);
  }
  const zip = join(dir, "bundle.zip");
  const made = measure(process.execPath, [MAKE, ...(EMBEDDED ? ["--data", dataDir] : ["--url", dbUrl]), "--controller", controllerId, "--out", zip], env);
  const verified = measure(BIN, ["verify", "--bundle", zip], env);
  const floor = measure(BIN, ["verify", "--help"], env);
  const makeFloor = measure(process.execPath, [MAKE, ...(EMBEDDED ? ["--data", dataDir] : ["--url", dbUrl]), "--controller", controllerId, "--floor"], env);
  if (!verified.stdout.startsWith("OK:")) {
    throw new Error(`the bundle did not verify: ${verified.stdout}`);
  }
  print(`engine: ${EMBEDDED ? "pglite (data folder)" : "postgresql"}; ${made.stdout}; bundle ${(statSync(zip).size / 1024 / 1024).toFixed(1)} MB`);
  line("make the bundle (writeBundle)", made);
  line("floor: the same, opening the database", makeFloor);
  line("art28 verify --bundle", verified);
  line("floor: art28 verify --help", floor);
  print(verified.stdout);
} finally {
  if (args.keep) {
    print(`kept: ${dir}`);
  } else {
    rmSync(dir, { recursive: true, force: true });
  }
  if (dbUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
