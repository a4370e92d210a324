import * as client from "openid-client";
import type { OidcIssuerConfig } from "../../http/types.ts";

// The relying party's side of OpenID Connect (openid-client v6): the authorization request with PKCE,
// state and nonce, and the code exchange, which validates the ID token (its signature against the
// issuer's published keys, issuer, audience, nonce, expiry) before any claim is believed.

/** The scopes asked for: who (sub), the address and whether it is verified, the name. */
const SCOPE = "openid email profile";

/** The claims of a validated sign-in: the ID token's, with the UserInfo endpoint's for any it lacks. */
export type OidcClaims = Record<string, unknown> & { sub: string; iss: string };

/** What a sign-in started: kept in the server-side session until the callback. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** A step-up's: the ID token must carry an auth_time at most this many seconds old (openid-client checks it). */
  maxAgeSeconds?: number;
}

/** How recent a step-up's sign-in at the issuer must be (its ID token's auth_time), in seconds. */
export const STEP_UP_FRESH_SECONDS = 5 * 60;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An issuer's discovered configuration, fetched once on first use (again after a failure). */
export class OidcIssuer {
  readonly settings: OidcIssuerConfig;
  #configuration: Promise<client.Configuration> | null = null;

  constructor(settings: OidcIssuerConfig) {
    this.settings = settings;
  }

  configuration(): Promise<client.Configuration> {
    this.#configuration ??= this.#discover().catch((error: unknown) => {
      this.#configuration = null;
      throw error;
    });
    return this.#configuration;
  }

  async #discover(): Promise<client.Configuration> {
    const url = new URL(this.settings.issuer);
    // Plain http only for an issuer on this machine (tests, local trials); src/cli/config.ts refuses any other.
    const insecure = url.protocol === "http:" && LOOPBACK.has(url.hostname);
    return client.discovery(url, this.settings.clientId, undefined, client.ClientSecretBasic(this.settings.clientSecret), {
      timeout: 10,
      // openid-client checks an ID token's issuer, audience, nonce and expiry, but by default trusts TLS
      // for one from the token endpoint (OpenID Connect Core 3.1.3.7, 6.): Art28 also checks its
      // signature against the issuer's published keys (jwks_uri), so an altered token never signs anyone in.
      execute: insecure ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
    });
  }

  /** The issuer's authorization URL for a new sign-in, and what the callback must check it against. */
  async authorizationUrl(redirectUri: string, options: { stepUp?: boolean } = {}): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
      // A step-up: the issuer must ask the person to sign in again now, and say when they did (auth_time).
      ...(options.stepUp ? { prompt: "login", max_age: "0" } : {}),
    });
    return { url, pending: { codeVerifier, state, nonce, ...(options.stepUp ? { maxAgeSeconds: STEP_UP_FRESH_SECONDS } : {}) } };
  }

  /**
   * Exchanges the code of `callbackUrl` for tokens and returns the validated claims. Throws when the
   * state does not match, the issuer refuses the code or the verifier, or the ID token is not valid.
   * Claims the ID token does not carry are read from the UserInfo endpoint (for the same subject).
   */
  async signIn(callbackUrl: URL, pending: PendingSignIn, wanted: readonly string[]): Promise<{ claims: OidcClaims; idToken: string | undefined }> {
    const configuration = await this.configuration();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
      ...(pending.maxAgeSeconds !== undefined ? { maxAge: pending.maxAgeSeconds } : {}),
    });
    const idToken = tokens.claims();
    if (!idToken) {
      throw new Error("the issuer sent no ID token");
    }
    const claims: OidcClaims = { ...idToken, sub: idToken.sub, iss: idToken.iss };
    const missing = wanted.some((name) => claims[name] === undefined);
    if (missing && configuration.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      for (const [name, value] of Object.entries(info)) {
        if (claims[name] === undefined) {
          claims[name] = value;
        }
      }
    }
    return { claims, idToken: tokens.id_token };
  }

  /**
   * Where to send the browser to end the session at the issuer too (OpenID Connect RP-Initiated
   * Logout 1.0), naming the sign-in by its ID token and coming back to `returnUri` (which must be
   * registered at the issuer as a post-logout redirect URI); null when the issuer offers no such endpoint.
   */
  async endSessionUrl(idToken: string, returnUri: string): Promise<string | null> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) {
      return null;
    }
    return client.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: returnUri }).href;
  }
}
