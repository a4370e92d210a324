import type { ChangeFeed } from "../db/change-feed.ts";
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Db } from "../db/engine.ts";
import type { Clock } from "../domain/clock.ts";

/** The Fastify instance every module adds its routes to (under /api/v1), typed by its TypeBox schemas. */
export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** One OpenID Connect issuer Art28 signs users in with (single sign-on: modules/auth/oidc-*.ts). */
export interface OidcIssuerConfig {
  /** The issuer identifier (https; http only on a loopback address, for tests and local trials). */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Single sign-on with the hosting provider's control panel (ART28_OIDC_*, read by src/cli/config.ts). */
export interface OidcConfig {
  /** The control panel: its users are customer users. */
  customer: OidcIssuerConfig | null;
  /** An optional separate issuer whose users are staff. */
  staff: OidcIssuerConfig | null;
  /** The claim naming the customer number (controllers.customer_number). */
  customerClaim: string;
  /** The claim naming the role: owner | privacy_contact | viewer, or a staff role for staff. */
  roleClaim: string;
  /** Where users reach Art28; the redirect URI is `${publicUrl}/api/v1/auth/oidc/callback`. Default: ART28_PUBLIC_URL when asked. */
  publicUrl?: string;
}

/** What a module's routes are given. */
export interface RouteDeps {
  db: Db;
  clock: Clock;
  /** What changed, as the database tells: for reads a module keeps (db/change-feed.ts). */
  changes: ChangeFeed;
  /** Single sign-on; none configured when absent. */
  oidc?: OidcConfig;
}
