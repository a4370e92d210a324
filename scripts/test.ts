// Runs the whole test suite on the embedded database (PGlite), and again on PostgreSQL when
// TEST_DATABASE_URL is set. Extra arguments are passed to `node --test` (e.g. a file).
import { spawn } from "node:child_process";
import { globSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const named = process.argv.slice(2);
const everything = globSync(["src/**/*.test.ts", "test/**/*.test.ts"]).sort();
// What does not depend on the engine runs once, on the embedded one: the pure rules (src/domain
// may not import the database: .dependency-cruiser.cjs) and the browser suites, which drive the
// same API the API tests run on both engines. Files named on the command line run on every engine.
const engineIndependent = (file: string) => file.startsWith("src/domain/") || file.startsWith("test/e2e/");
const filesOf = (engine: string) => (named.length > 0 ? named : everything.filter((file) => engine === "pglite" || !engineIndependent(file)));
const engines = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (process.env.CI === "true" && !process.env.TEST_DATABASE_URL) {
  // CI tests both engines: without the server the PostgreSQL run would silently not happen.
  process.stderr.write("CI=true needs TEST_DATABASE_URL (PostgreSQL): .ci/run sets it\n");
  process.exit(1);
}

// The engines run side by side (each file once per engine, one file at a time per engine): node
// --test runs one file at a time on this 2-core machine anyway, and the PostgreSQL run waits on
// the server as much as it computes. Each engine's report is printed whole when it ends.
const times = mkdtempSync(join(tmpdir(), "art28-test-times-"));
function run(engine: string): Promise<{ engine: string; pass: number; fail: number; status: number }> {
  const reporters = [
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=./scripts/file-times.ts",
    `--test-reporter-destination=${join(times, engine)}`,
  ];
  const child = spawn(process.execPath, ["--test", ...reporters, ...filesOf(engine)], {
    env: { ...process.env, ART28_TEST_ENGINE: engine },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on("close", (status) => {
      process.stdout.write(`\n=== tests on ${engine} ===\n${stdout}`);
      process.stdout.write(`slowest files on ${engine}:\n${slowest(engine)}`);
      process.stderr.write(stderr);
      const count = (label: string) => Number(new RegExp(`^ℹ ${label} (\\d+)`, "m").exec(stdout)?.[1] ?? 0);
      resolve({ engine, pass: count("pass"), fail: count("fail"), status: status ?? 1 });
    }),
  );
}
/** The run's ten slowest files, so a slow suite says where its time goes. */
function slowest(engine: string): string {
  let lines: string[];
  try {
    lines = readFileSync(join(times, engine), "utf8").trim().split("\n");
  } catch {
    return "  (none recorded)\n";
  }
  return lines
    .map((line) => line.split("\t"))
    .sort((a, b) => Number(b[0]) - Number(a[0]))
    .slice(0, 10)
    .map(([ms, file]) => `  ${(Number(ms) / 1000).toFixed(1).padStart(6)} s  ${file}\n`)
    .join("");
}

const totals = await Promise.all(engines.map(run));

process.stdout.write("\n");
for (const t of totals) {
  process.stdout.write(`${t.engine}: ${t.pass} passed, ${t.fail} failed\n`);
}
const pass = totals.reduce((n, t) => n + t.pass, 0);
const fail = totals.reduce((n, t) => n + t.fail, 0);
process.stdout.write(`${pass} passed, ${fail} failed\n`);
process.exit(totals.every((t) => t.status === 0) && fail === 0 && pass > 0 ? 0 : 1);
