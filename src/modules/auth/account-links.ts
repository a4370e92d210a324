import { createHash, randomBytes } from "node:crypto";
import type { AccountLinkPurpose } from "../../db/schema/index.ts";

// Single-use links sent by e-mail (DESIGN.md "Accounts and sign-in"): the secret is in the link only;
// account_links keeps its SHA-256 (high-entropy, so no slow hash is needed).

export const LINK_LIFETIME_MS: Record<AccountLinkPurpose, number> = {
  invitation: 7 * 24 * 60 * 60_000,
  password_reset: 60 * 60_000,
};

/** The path of the web page a link opens. */
export const LINK_PATH: Record<AccountLinkPurpose, string> = { invitation: "/invite/", password_reset: "/reset-password/" };

/** 32 random bytes, base64url: 43 characters. */
export const SECRET_PATTERN = "^[A-Za-z0-9_-]{43}$";

export function newLinkSecret(): { secret: string; tokenHash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, tokenHash: hashLinkSecret(secret) };
}

export function hashLinkSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
