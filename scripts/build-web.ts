/**
 * `npm start` and `npm test` build the web UI only when it is out of date: when dist/web is missing,
 * or older than a file it is built from (web/, the pure rules in src/domain/ the pages import, the
 * Vite configuration, the locked dependencies). A start after the first then skips Vite's 2–5 s.
 * `--force` builds regardless. A checkout without web sources (web/index.html) builds nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["web", "src/domain", "vite.config.ts", "package-lock.json", "package.json"];
const BUILT = "dist/web/index.html";

/** The newest modification time of a file or of any file below a folder (0 when absent). */
function newest(path: string): number {
  if (!existsSync(path)) {
    return 0;
  }
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return readdirSync(path).reduce((latest, name) => (name === "node_modules" ? latest : Math.max(latest, newest(join(path, name)))), stat.mtimeMs);
}

if (existsSync("web/index.html")) {
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map(newest));
  if (process.argv.includes("--force") || built < changed) {
    const result = spawnSync("vite", ["build", "--logLevel", "warn"], { stdio: "inherit", shell: process.platform === "win32" });
    process.exit(result.status ?? 1);
  }
  process.stdout.write("web UI up to date in dist/web (npm run build:web rebuilds it)\n");
}
