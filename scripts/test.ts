// Runs the whole test suite on the embedded database (PGlite), and again on PostgreSQL when
// TEST_DATABASE_URL is set. Files named on the command line run alone, on every engine.
//
// Each (file, engine) pair is a job, one `node --test` process (as node --test isolates files
// anyway); ART28_TEST_JOBS of them run at once (default: the machine's cores), longest first, so
// no core waits while one engine's slow tail runs alone. How long a file took is kept in
// node_modules/.cache/art28/test-times.json for the next run's order; without it (a fresh clone),
// the kinds known to be slow go first and the rest by size. Each job's report is printed whole
// when it ends, the failures again at the end, then the slowest files.
import { spawn } from "node:child_process";
import { globSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";

const named = process.argv.slice(2);
const everything = globSync(["src/**/*.test.ts", "test/**/*.test.ts"]).sort();
// What does not depend on the engine runs once, on the embedded one: the pure rules (src/domain
// may not import the database: .dependency-cruiser.cjs) and the browser suites, which drive the
// same API the API tests run on both engines.
const engineIndependent = (file: string) => file.startsWith("src/domain/") || file.startsWith("test/e2e/");
const engines = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (process.env.CI === "true" && !process.env.TEST_DATABASE_URL) {
  // CI tests both engines: without the server the PostgreSQL run would silently not happen.
  process.stderr.write("CI=true needs TEST_DATABASE_URL (PostgreSQL): .ci/run sets it\n");
  process.exit(1);
}

interface Job {
  file: string;
  engine: string;
}
interface Done extends Job {
  seconds: number;
  pass: number;
  fail: number;
  status: number;
  output: string;
}

const TIMES = "node_modules/.cache/art28/test-times.json";
function readTimes(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(TIMES, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}
const known = readTimes();
const key = (job: Job) => `${job.engine} ${job.file}`;
/** The expected seconds of a job: last run's, else a guess from its kind and size. */
function expected(job: Job): number {
  const last = known[key(job)];
  if (last !== undefined) {
    return last;
  }
  const kind = /^test\/(fuzz|engine|lifecycle)\//.test(job.file) ? 8 : job.file.startsWith("test/e2e/") ? 3 : 1;
  return (kind * statSync(job.file).size) / 1_000;
}

const jobs: Job[] = engines.flatMap((engine) =>
  (named.length > 0 ? named : everything.filter((file) => engine === "pglite" || !engineIndependent(file))).map((file) => ({ file, engine })),
);
jobs.sort((a, b) => expected(b) - expected(a));

function run(job: Job): Promise<Done> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--test", "--test-reporter=spec", job.file], {
    env: { ...process.env, ART28_TEST_ENGINE: job.engine },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return new Promise((resolve) =>
    child.on("close", (status) => {
      const count = (label: string) => Number(new RegExp(`^ℹ ${label} (\\d+)`, "m").exec(output)?.[1] ?? 0);
      resolve({ ...job, seconds: (performance.now() - started) / 1000, pass: count("pass"), fail: count("fail"), status: status ?? 1, output });
    }),
  );
}

const slots = Math.max(1, Number(process.env.ART28_TEST_JOBS ?? availableParallelism()));
const queue = [...jobs];
const done: Done[] = [];
process.stdout.write(`${jobs.length} test files on ${engines.join(" and ")}, ${slots} at a time\n`);
await Promise.all(
  Array.from({ length: slots }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const result = await run(job);
      done.push(result);
      const ok = result.status === 0 && result.fail === 0;
      process.stdout.write(
        `\n=== ${ok ? "✔" : "✖"} ${result.file} on ${result.engine}: ${result.pass} passed, ${result.fail} failed, ${result.seconds.toFixed(1)} s (${done.length}/${jobs.length}) ===\n${result.output}`,
      );
    }
  }),
);

mkdirSync(dirname(TIMES), { recursive: true });
writeFileSync(TIMES, JSON.stringify({ ...known, ...Object.fromEntries(done.map((d) => [key(d), Math.round(d.seconds * 10) / 10])) }, null, 1));

const failed = done.filter((d) => d.status !== 0 || d.fail > 0);
process.stdout.write("\nslowest files:\n");
for (const d of [...done].sort((a, b) => b.seconds - a.seconds).slice(0, 10)) {
  process.stdout.write(`  ${d.seconds.toFixed(1).padStart(6)} s  ${d.file} (${d.engine})\n`);
}
if (failed.length > 0) {
  process.stdout.write(`\nfailed files:\n${failed.map((d) => `  ✖ ${d.file} on ${d.engine} (exit ${d.status})\n`).join("")}`);
}
process.stdout.write("\n");
for (const engine of engines) {
  const mine = done.filter((d) => d.engine === engine);
  process.stdout.write(`${engine}: ${mine.reduce((n, d) => n + d.pass, 0)} passed, ${mine.reduce((n, d) => n + d.fail, 0)} failed\n`);
}
const pass = done.reduce((n, d) => n + d.pass, 0);
const fail = done.reduce((n, d) => n + d.fail, 0);
process.stdout.write(`${pass} passed, ${fail} failed\n`);
process.exit(failed.length === 0 && pass > 0 ? 0 : 1);
