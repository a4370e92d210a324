import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// A fresh embedded database costs PGlite's initdb (4 s on a quiet machine, 20 s on a busy one) and
// then every migration. Both give the same result every time for one set of migrations and one
// PGlite version, so that result is kept once as a tarball of the migrated data folder (the
// template) and a fresh folder is created from it (PGlite's `loadDataDir`, well under a second).
// The template is made by the first start that finds none, from its own freshly migrated folder,
// before anything else is written to it. It is a cache: missing, unreadable or unwritable, the
// start takes the long way and nothing else changes.

const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/** Where templates are kept: ART28_CACHE_DIR, else node_modules/.cache/art28 of this checkout. */
export function templateCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ART28_CACHE_DIR?.trim();
  return fromEnv ? fromEnv : fileURLToPath(new URL("../../node_modules/.cache/art28", import.meta.url));
}

export function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  try {
    // The package's exports do not include its package.json: found from its entry point (dist/index.cjs).
    const entry = require.resolve("@electric-sql/pglite");
    const manifest = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as { version?: string };
    return manifest.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The template's identity: every migration file (name and content) and the PGlite version that wrote it. */
export function templateKey(migrationsFolder = MIGRATIONS_FOLDER): string {
  const hash = createHash("sha256").update(`pglite ${pgliteVersion()}\n`);
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (name.endsWith(".sql") || name.endsWith(".json")) {
      hash.update(name).update(readFileSync(join(migrationsFolder, name)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

export function templateFile(cacheDir = templateCacheDir(), key = templateKey()): string {
  return join(cacheDir, `pglite-migrated-${key}.tar`);
}

/** Whether a PGlite data folder holds no database yet (PGlite would run initdb in it). */
export function isFreshDataFolder(dataDir: string): boolean {
  return !existsSync(join(dataDir, "PG_VERSION"));
}

/** The cached template for the current migrations, or null. */
export function readTemplate(file = templateFile()): Blob | null {
  try {
    return existsSync(file) ? new Blob([readFileSync(file)]) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps `tarball` as the template (written to a temporary name and renamed, so a reader never sees
 * half a file and concurrent writers of the same key do no harm). False when it could not be written.
 */
export function writeTemplate(tarball: Uint8Array, file = templateFile()): boolean {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(temporary, tarball);
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
