import { createHash, randomBytes } from "node:crypto";

const PREFIX = "art28_";

/** A new API token: shown once; only its SHA-256 is stored (high-entropy, so no slow hash needed). */
export function newApiToken(): { token: string; prefix: string; tokenHash: string } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, PREFIX.length + 6), tokenHash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
