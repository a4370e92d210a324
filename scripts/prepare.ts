/**
 * `npm install` runs this (postinstall), so the first `npm start` after it pays for neither step:
 * - the web UI is built (scripts/build-web.ts, which does nothing when dist/web is up to date);
 * - the embedded database's template (src/db/pglite-template.ts: PGlite's initdb plus every
 *   migration, kept as a tarball under node_modules/.cache/art28) is made, by migrating a
 *   throwaway data folder, unless the template for these migrations exists already.
 * Both are caches: if either fails, install still succeeds and the first start does the work.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { templateFile } from "../src/db/pglite-template.ts";

function step(what: string, args: string[]): void {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DATABASE_URL: "" } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(result.status === 0 ? `art28: ${what} in ${seconds} s\n` : `art28: ${what} failed (the first start will do it)\n`);
}

if (process.env.ART28_SKIP_PREPARE === "true") {
  process.exit(0);
}
step("web UI checked", ["scripts/build-web.ts"]);
if (!existsSync(templateFile())) {
  const folder = mkdtempSync(join(tmpdir(), "art28-template-"));
  try {
    step("embedded database template made", ["src/cli/main.ts", "--data", folder, "migrate"]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
