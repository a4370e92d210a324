import type { Db } from "../../db/engine.ts";
import type { OidcConfig } from "../../http/types.ts";
import { identityIssuersOf } from "./oidc-queries.ts";
import type { OidcProvider } from "./oidc-login.ts";

const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

/**
 * What `/auth/me` and `/auth/session` say about how a user proves who it is: whether it has a
 * password (POST /auth/step-up), and the configured issuer it signs in through (its linked identity's;
 * a step-up there: GET /auth/oidc/start?provider=…&stepUp=1), or null.
 */
export async function signInMeansOf(
  db: Db,
  oidc: OidcConfig | undefined,
  user: { id: string; kind: "staff" | "customer"; passwordHash: string | null } | null,
): Promise<{ hasPassword: boolean; ssoProvider: OidcProvider | null }> {
  if (!user) {
    return { hasPassword: false, ssoProvider: null };
  }
  const provider: OidcProvider = user.kind === "staff" ? "staff" : "customer";
  const configured = oidc?.[provider]?.issuer;
  const issuers = configured ? await identityIssuersOf(db, user.id) : [];
  return {
    hasPassword: Boolean(user.passwordHash),
    ssoProvider: configured && issuers.some((issuer) => sameIssuer(issuer, configured)) ? provider : null,
  };
}
