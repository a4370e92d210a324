import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { OpenOptions } from "../db/engine.ts";
import type { ClaimOptions } from "../db/data-folder.ts";

export const DEFAULT_DATA_DIR = resolve(process.env.ART28_DATA_DIR ?? "data");

/**
 * PostgreSQL when DATABASE_URL is set; otherwise the embedded database in the data folder, claimed
 * by this process for `command` (data-folder.ts).
 */
export function databaseOptions(dataDir: string, command: string, claim: Pick<ClaimOptions, "onLost" | "onWarning"> = {}): OpenOptions {
  const url = process.env.DATABASE_URL;
  return url ? { engine: "postgres", url } : { engine: "pglite", dataDir: join(dataDir, "pglite"), shownAs: dataDir, command, ...claim };
}

/**
 * The session secret: ART28_SESSION_SECRET, or (embedded mode) one generated on first start and
 * kept in the data folder, so sessions survive a restart.
 */
export function sessionSecret(dataDir: string): string {
  const fromEnv = process.env.ART28_SESSION_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) {
      throw new Error("ART28_SESSION_SECRET must be at least 32 characters");
    }
    return fromEnv;
  }
  if (process.env.DATABASE_URL) {
    throw new Error("with DATABASE_URL, set ART28_SESSION_SECRET (32+ characters) shared by every web process");
  }
  const file = join(dataDir, "session.secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
