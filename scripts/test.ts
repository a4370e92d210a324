// Runs the whole test suite on the embedded database (PGlite), and again on PostgreSQL when
// TEST_DATABASE_URL is set. Extra arguments are passed to `node --test` (e.g. a file).
import { spawnSync } from "node:child_process";

const files = process.argv.slice(2);
const patterns = files.length > 0 ? files : ["src/**/*.test.ts", "test/**/*.test.ts"];
const engines = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (process.env.CI === "true" && !process.env.TEST_DATABASE_URL) {
  // CI tests both engines: without the server the PostgreSQL run would silently not happen.
  process.stderr.write("CI=true needs TEST_DATABASE_URL (PostgreSQL): .ci/run sets it\n");
  process.exit(1);
}
const totals: { engine: string; pass: number; fail: number; status: number }[] = [];

for (const engine of engines) {
  process.stdout.write(`\n=== tests on ${engine} ===\n`);
  const run = spawnSync(process.execPath, ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout", ...patterns], {
    env: { ...process.env, ART28_TEST_ENGINE: engine },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(run.stdout);
  const count = (label: string) => Number(new RegExp(`^ℹ ${label} (\\d+)`, "m").exec(run.stdout)?.[1] ?? 0);
  totals.push({ engine, pass: count("pass"), fail: count("fail"), status: run.status ?? 1 });
}

process.stdout.write("\n");
for (const t of totals) {
  process.stdout.write(`${t.engine}: ${t.pass} passed, ${t.fail} failed\n`);
}
const pass = totals.reduce((n, t) => n + t.pass, 0);
const fail = totals.reduce((n, t) => n + t.fail, 0);
process.stdout.write(`${pass} passed, ${fail} failed\n`);
process.exit(totals.every((t) => t.status === 0) && fail === 0 && pass > 0 ? 0 : 1);
