import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { OpenOptions } from "../db/engine.ts";
import type { ClaimOptions } from "../db/data-folder.ts";
import type { OidcConfig, OidcIssuerConfig } from "../http/types.ts";

export const DEFAULT_DATA_DIR = resolve(process.env.ART28_DATA_DIR ?? "data");

/** The embedded database's own folder inside the data folder (PGlite's alone; the data folder also keeps keys). */
export function embeddedDatabaseFolder(dataDir: string): string {
  return join(dataDir, "pglite");
}

/**
 * PostgreSQL when DATABASE_URL is set; otherwise the embedded database in the data folder, claimed
 * by this process for `command` (data-folder.ts).
 */
export function databaseOptions(dataDir: string, command: string, claim: Pick<ClaimOptions, "onLost" | "onWarning"> = {}): OpenOptions {
  const url = process.env.DATABASE_URL;
  return url ? { engine: "postgres", url } : { engine: "pglite", dataDir: embeddedDatabaseFolder(dataDir), shownAs: dataDir, command, ...claim };
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

/** The issuer of one single sign-on provider from ART28_OIDC[_STAFF]_ISSUER, _CLIENT_ID, _CLIENT_SECRET; null when none is set. */
function oidcIssuer(env: NodeJS.ProcessEnv, prefix: string): OidcIssuerConfig | null {
  const issuer = env[`${prefix}_ISSUER`]?.trim() ?? "";
  const clientId = env[`${prefix}_CLIENT_ID`]?.trim() ?? "";
  const clientSecret = env[`${prefix}_CLIENT_SECRET`] ?? "";
  if (!issuer && !clientId && !clientSecret) {
    return null;
  }
  if (!issuer || !clientId || !clientSecret) {
    throw new Error(`${prefix}_ISSUER, ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET go together: set all three or none`);
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`${prefix}_ISSUER: "${issuer}" is not a URL`);
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`${prefix}_ISSUER: "${issuer}" must be https (http only on localhost)`);
  }
  return { issuer, clientId, clientSecret };
}

/**
 * Single sign-on (OpenID Connect): the control panel's issuer (ART28_OIDC_ISSUER, _CLIENT_ID,
 * _CLIENT_SECRET) signs in customer users, an optional staff issuer (ART28_OIDC_STAFF_*) staff;
 * ART28_OIDC_CUSTOMER_CLAIM (customer_number) and ART28_OIDC_ROLE_CLAIM (art28_role) name the claims
 * read. A half-configured issuer stops the start rather than leaving a sign-in button that fails.
 */
export function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const customer = oidcIssuer(env, "ART28_OIDC");
  const staff = oidcIssuer(env, "ART28_OIDC_STAFF");
  if (!customer && !staff) {
    return undefined;
  }
  if (customer && staff && customer.issuer.replace(/\/+$/, "") === staff.issuer.replace(/\/+$/, "")) {
    throw new Error("ART28_OIDC_STAFF_ISSUER must differ from ART28_OIDC_ISSUER: an issuer's users are either customers or staff");
  }
  const claim = (name: string, fallback: string) => {
    const value = env[name]?.trim() || fallback;
    if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(value)) {
      throw new Error(`${name}: "${value}" is not a claim name`);
    }
    return value;
  };
  return {
    customer,
    staff,
    customerClaim: claim("ART28_OIDC_CUSTOMER_CLAIM", "customer_number"),
    roleClaim: claim("ART28_OIDC_ROLE_CLAIM", "art28_role"),
  };
}
