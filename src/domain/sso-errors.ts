/**
 * Why a single sign-on was refused: the server sends the browser to `/login?sso_error=<code>` and the
 * login page says it in the reader's language (web/src/i18n/*-sso.ts has one text per code).
 */
export const SSO_ERRORS = [
  /** No such issuer configured, or it cannot be reached. */
  "unavailable",
  /** No sign-in started in this browser, another one's state, or started too long ago. */
  "state",
  /** The person cancelled at the issuer. */
  "denied",
  /** The issuer refused the code, or its ID token was not valid (signature, issuer, audience, nonce, expiry). */
  "invalid",
  "customer_missing",
  "customer_unknown",
  /** The user belongs to another customer than the claim names (or is staff). */
  "customer_mismatch",
  "role_invalid",
  "email_missing",
  /** A user with this address exists and may not be linked (address not verified, another customer). */
  "email_taken",
  "disabled",
  /** A step-up through the issuer signed in as someone else than the session's user. */
  "step_up_other_user",
  /** A step-up whose sign-in at the issuer was not just now (auth_time missing or too old). */
  "step_up_stale",
  /** Anything else (logged). */
  "failed",
] as const;

export type SsoError = (typeof SSO_ERRORS)[number];

export const isSsoError = (code: string): code is SsoError => (SSO_ERRORS as readonly string[]).includes(code);
