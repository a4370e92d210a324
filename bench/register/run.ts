/**
 * The register export benchmark (issue 11, point 4: "the register export figures for 100,000
 * controllers (time, peak RSS) against a bare `COPY … TO STDOUT` of the same rows in the same run").
 *
 * Seeds a scratch database with N customers (default 100,000), each taking two services (web
 * hosting, and email, whose sub-processor is in the United States under standard contractual
 * clauses), each with a DPO; then, each in a child process measured by /usr/bin/time (wall time,
 * peak RSS):
 *  1. `art28 export register --format csv --out FILE` (the real command: its start, the export streamed
 *     in keyset batches of 1,000, the progress bar off a terminal);
 *  2. the same with --format xlsx;
 *  3. the baseline: `COPY (select … the same lines: customer × service with its categories, contact
 *     and transfers …) TO STDOUT (FORMAT csv, HEADER)` by psql on PostgreSQL, or by a Node child
 *     with PGlite's COPY TO '/dev/blob' on the embedded engine.
 * Prints each run's seconds, CPU seconds (user + system: wall time on a shared machine includes
 * waiting for a core), peak RSS and file size (and the floor: `art28 migrate`, the same process
 * exporting nothing), and `ratio: N` = COPY's time ÷ the CSV export's own time (as the command reports it).
 *
 *   node bench/register/run.ts                       # PostgreSQL (BENCH_DATABASE_URL's server, default local)
 *   node bench/register/run.ts --customers 20000
 *   node bench/register/run.ts --embedded            # PGlite in a scratch data folder
 *   node bench/register/run.ts --heap-mb 64          # the exports under a 64 MB V8 heap cap
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
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/engine.ts";
import { inScope } from "../../src/db/scope.ts";
import { systemClock } from "../../src/domain/clock.ts";
import { ensureInstalled } from "../../src/modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../../src/modules/setup/demo.ts";
import { registerAllNoticeKinds } from "../../src/modules.ts";
import { BOUND_MS, print, seconds } from "../support.ts";
import { baselineQuery } from "./baseline.ts";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    embedded: { type: "boolean", default: false },
    // Caps the exporting processes' V8 heap (NODE_OPTIONS=--max-old-space-size): an export that
    // finishes under a small cap holds bounded memory, whatever peak RSS the garbage collector allows.
    "heap-mb": { type: "string" },
  },
});
const CUSTOMERS = Number(args.customers);
const EMBEDDED = args.embedded ?? false;
const BIN = fileURLToPath(new URL("../../bin/art28", import.meta.url));
const COPY_CHILD = fileURLToPath(new URL("./copy-pglite.ts", import.meta.url));

interface Measured {
  ms: number;
  /** User + system CPU seconds of the process (on a shared machine, wall time includes waiting for a core). */
  cpu: number;
  maxRssMb: number;
  bytes: number;
  output: string;
}

/** Runs a command under /usr/bin/time: its wall time and peak RSS (kB, %M), and the output file's size. */
function measure(command: string, argv: string[], env: NodeJS.ProcessEnv, outFile: string | null): Measured {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "RSS_KB=%M CPU=%U+%S", command, ...argv], {
    env,
    encoding: "utf8",
    timeout: BOUND_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`${command} ${argv.join(" ")} exited ${run.status ?? run.signal}:\n${run.stderr}`);
  }
  const rss = /RSS_KB=(\d+)/.exec(run.stderr);
  const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(run.stderr);
  return {
    ms,
    cpu: Number(cpu?.[1] ?? 0) + Number(cpu?.[2] ?? 0),
    maxRssMb: Number(rss?.[1] ?? 0) / 1024,
    bytes: outFile === null ? 0 : statSync(outFile).size,
    output: run.stderr.replace(/RSS_KB=\d+ CPU=\S+\s*/, "").trim(),
  };
}

/** N customers with two services each and a DPO; the email service's sub-processor is in the US (SCC). */
async function seed(database: Database): Promise<void> {
  const { db } = database;
  await database.migrate();
  await inScope(db, { kind: "processor" }, (tx) =>
    ensureInstalled(tx, systemClock, DEMO_PROCESSOR, { email: "admin@bench.example", password: "bench-password-1" }),
  );
  const started = performance.now();
  await db.execute(sql`
    insert into controllers (customer_number, name, address, postal_code, city, locale)
    select 'B-' || lpad(i::text, 6, '0'), 'Bench klant ' || i, 'Stationsplein ' || i, '3511 ED', 'Utrecht', case when i % 2 = 0 then 'nl' else 'en' end
    from generate_series(1, ${CUSTOMERS}) as i`);
  await db.execute(sql`
    insert into controller_services (controller_id, service_id, monthly_fee_cents)
    select c.id, s.id, 995 from controllers c cross join services s where s.code in ('web-hosting', 'email')`);
  await db.execute(sql`
    insert into contacts (controller_id, role, name, email, phone)
    select id, 'dpo', 'Functionaris ' || customer_number, lower(customer_number) || '@bench.example', '+31 30 1234567' from controllers`);
  await db.execute(sql`
    with sp as (insert into subprocessors (name, activity, website, status)
                values ('Cloudy Mail Inc', '{"nl": "E-mailfiltering", "en": "Email filtering"}', 'https://cloudy.example', 'active') returning id),
         loc as (insert into subprocessor_locations (subprocessor_id, country, city, mechanism, sort_order)
                 select id, 'US', 'Seattle', 'scc', 0 from sp returning subprocessor_id)
    insert into service_subprocessors (service_id, subprocessor_id) select s.id, sp.id from services s, sp where s.code = 'email'`);
  // A database that has been running has its statistics and its rows' hint bits set; a fresh bulk
  // load has neither until autovacuum comes by: the planner's guesses switch on JIT for every small
  // keyset page, and the first reader of each page writes it (whichever of the runs below came first).
  await db.execute(sql`vacuum analyze`);
  print(`setup: ${CUSTOMERS} customers, ${CUSTOMERS * 2} lines, in ${seconds(performance.now() - started)} (${database.engine})`);
}

const line = (label: string, m: Measured) =>
  print(
    `${label.padEnd(34)} ${seconds(m.ms).padStart(9)} (CPU ${m.cpu.toFixed(2)} s)   peak RSS ${m.maxRssMb.toFixed(0).padStart(4)} MB   ${(m.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB file`,
  );

registerAllNoticeKinds();
const dir = mkdtempSync(join(tmpdir(), "art28-bench-register-"));
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `art28_bench_register_${process.pid}`;
let dbUrl = "";
try {
  let env: NodeJS.ProcessEnv;
  const dataDir = join(dir, "data");
  if (EMBEDDED) {
    const database = await openDatabase({ engine: "pglite", dataDir: join(dataDir, "pglite") });
    await seed(database);
    await database.close();
    env = { ...process.env, DATABASE_URL: "" };
    delete env.DATABASE_URL;
  } else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    dbUrl = url.toString();
    const database = await openDatabase({ engine: "postgres", url: dbUrl, poolSize: 2 });
    await seed(database);
    await database.close();
    env = { ...process.env, DATABASE_URL: dbUrl };
  }
  env.LOG_LEVEL = "warn";
  if (args["heap-mb"] !== undefined) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --max-old-space-size=${Number(args["heap-mb"])}`.trim();
    print(`exporting processes capped at a ${Number(args["heap-mb"])} MB heap`);
  }

  // The floor: the same CLI process loading the same modules and opening the same database, exporting nothing.
  const floor = measure(BIN, ["--data", dataDir, "migrate"], env, null);
  const csvFile = join(dir, "register.csv");
  const csv = measure(BIN, ["--data", dataDir, "export", "register", "--format", "csv", "--lang", "en", "--out", csvFile], env, csvFile);
  const xlsxFile = join(dir, "register.xlsx");
  const xlsx = measure(BIN, ["--data", dataDir, "export", "register", "--format", "xlsx", "--lang", "en", "--out", xlsxFile], env, xlsxFile);
  const copyFile = join(dir, "copy.csv");
  const copy = EMBEDDED
    ? measure(process.execPath, [COPY_CHILD, join(dataDir, "pglite"), copyFile], env, copyFile)
    : measure(
        "/bin/sh",
        ["-c", `psql "$1" -X -q -c "$2" > "$3"`, "sh", dbUrl, `COPY (${baselineQuery()}) TO STDOUT (FORMAT csv, HEADER)`, copyFile],
        env,
        copyFile,
      );

  print(`engine: ${EMBEDDED ? "pglite (data folder)" : "postgresql"}, controllers: ${CUSTOMERS}`);
  print(`floor (art28 migrate: same process, no export) ${seconds(floor.ms)} (CPU ${floor.cpu.toFixed(2)} s)   peak RSS ${floor.maxRssMb.toFixed(0)} MB`);
  line("art28 export register --format csv", csv);
  print(`  ${csv.output}`);
  line("art28 export register --format xlsx", xlsx);
  print(`  ${xlsx.output}`);
  line(`bare COPY … TO STDOUT (${EMBEDDED ? "PGlite, Node child" : "psql"})`, copy);
  // The export's own time, as the command reports it (from its first read to the file's last byte),
  // without the process's start, which the floor shows.
  const own = (m: Measured) => Number(/ in ([\d.]+) s\./.exec(m.output)?.[1] ?? Number.NaN) * 1000;
  print(`CSV export alone ${seconds(own(csv))}, XLSX export alone ${seconds(own(xlsx))}`);
  print(`whole-process ratios (COPY ÷ command): csv ${(copy.ms / csv.ms).toFixed(2)}, xlsx ${(copy.ms / xlsx.ms).toFixed(2)}`);
  print(`xlsx ratio (COPY ÷ XLSX export alone): ${(copy.ms / own(xlsx)).toFixed(2)}`);
  print(`ratio: ${(copy.ms / own(csv)).toFixed(2)}`);
} finally {
  if (dbUrl !== "") {
    const again = new pg.Client({ connectionString: adminUrl });
    await again.connect();
    await again.query(`drop database if exists ${name} with (force)`);
    await again.end();
  }
  rmSync(dir, { recursive: true, force: true });
}
