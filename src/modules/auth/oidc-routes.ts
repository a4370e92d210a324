import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { PUBLIC } from "../../http/audience.ts";
import { markSteppedUp, requestMeta } from "../../http/request-context.ts";
import { ErrorBodySchema, ErrorResponses, Line, Localized } from "../../http/schemas.ts";
import type { OidcConfig, RouteDeps, TypedApp } from "../../http/types.ts";
import { publicUrl } from "../notices/index.ts";
import { OidcIssuer, type PendingSignIn } from "./oidc-client.ts";
import type { SsoError } from "../../domain/sso-errors.ts";
import { OIDC_PROVIDERS, signInWithOidc, stepUpWithOidc, type OidcProvider } from "./oidc-login.ts";
import { oidcWords } from "./oidc-words.ts";
import { browserSession } from "../../http/sessions.ts";

// Single sign-on (OpenID Connect, authorization code flow with PKCE, state and nonce): the login page
// shows a button per configured issuer (GET /auth/oidc/providers); the button opens /auth/oidc/start,
// which keeps what the callback must check in the server-side session and sends the browser to the
// issuer; the issuer sends it back to /auth/oidc/callback, which exchanges the code, validates the ID
// token and signs the user in (oidc-login.ts), or sends it to /login?sso_error=<code>.
//
// A step-up for a user without a password (`stepUp=1`, from a signed-in session): the issuer is asked
// to make the person sign in again (prompt=login, max_age=0); the callback then keeps the session and
// only marks it stepped up, as POST /auth/step-up does, when the ID token names the session's own user
// (issuer + subject) and its auth_time is recent. Otherwise it goes back to returnTo with
// ?sso_error=<code> and the session stays as it was.

/**
 * Sign-ins started or finished per minute from one address. A customer's staff often share one
 * address (their office's NAT) and sign in at the same hour, so this bounds abuse, not people.
 */
const SIGN_INS_PER_MINUTE = 120;

/** A sign-in not finished within this time is refused at the callback. */
const PENDING_MS = 10 * 60_000;
const CALLBACK_PATH = "/api/v1/auth/oidc/callback";
/** Where the issuer sends the browser back after ending its session (register it at the issuer). */
export const POST_LOGOUT_PATH = "/login";

/** What /start keeps in the session for the callback. */
interface PendingOidc extends PendingSignIn {
  provider: OidcProvider;
  returnTo: string;
  startedAt: number;
  /** A step-up of this signed-in user, not a sign-in. */
  stepUpOf?: string;
}

declare module "fastify" {
  interface Session {
    oidc?: PendingOidc;
    /** Signed in through an issuer that offers RP-initiated logout: where logging out sends the browser next. */
    issuerLogoutUrl?: string;
  }
}

/** A path inside this app to go to after signing in; anything else (another site, `//host`, `/\host`) is `/`. */
export function localReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f\\]/.test(value)) {
    return "/";
  }
  return value;
}

const Provider = Type.Enum([...OIDC_PROVIDERS]);
const Redirect = (description: string) => ({ 302: Type.Null({ description }) });
const StartQuery = Type.Object({
  provider: Provider,
  returnTo: Type.Optional(Line(2000, { description: "A path in Art28 to open after signing in (default /)" })),
  stepUp: Type.Optional(
    Type.Enum(["1"], {
      description: "1: a step-up of the signed-in user (prompt=login, max_age=0) instead of a sign-in; the callback marks the session stepped up",
    }),
  ),
});
const CallbackQuery = Type.Object({
  code: Type.Optional(Line(4000)),
  state: Type.Optional(Line(1000)),
  iss: Type.Optional(Line(2000)),
  error: Type.Optional(Line(200)),
  error_description: Type.Optional(Line(2000)),
});
const ProviderInfo = Type.Object({ provider: Provider, label: Localized, startUrl: Type.String() });

/** openid-client's refusal of an ID token whose auth_time is older than the max_age asked for. */
function isAuthTimeProblem(cause: unknown): boolean {
  return cause instanceof Error && /auth_time|elapsed since the last End-User authentication/i.test(cause.message);
}

export function oidcRoutes(app: TypedApp, { db, clock, oidc }: RouteDeps) {
  const issuers = new Map<OidcProvider, OidcIssuer>();
  if (oidc?.customer) {
    issuers.set("customer", new OidcIssuer(oidc.customer));
  }
  if (oidc?.staff) {
    issuers.set("staff", new OidcIssuer(oidc.staff));
  }
  const base = (config: OidcConfig) => (config.publicUrl ?? publicUrl()).replace(/\/+$/, "");
  const redirectUri = (config: OidcConfig) => `${base(config)}${CALLBACK_PATH}`;

  function refuse(request: FastifyRequest, reply: FastifyReply, error: SsoError, cause?: unknown): FastifyReply {
    if (cause !== undefined) {
      request.log.warn({ err: cause }, `single sign-on refused: ${error}`);
    }
    return reply.redirect(`/login?sso_error=${error}`, 302);
  }

  /** A step-up refused: back to the page it came from, which says why; the session is left as it was. */
  function refuseStepUp(request: FastifyRequest, reply: FastifyReply, returnTo: string, error: SsoError, cause?: unknown): FastifyReply {
    if (cause !== undefined) {
      request.log.warn({ err: cause }, `single sign-on step-up refused: ${error}`);
    }
    const url = new URL(returnTo, "http://return.invalid");
    url.searchParams.set("sso_error", error);
    return reply.redirect(`${url.pathname}${url.search}${url.hash}`, 302);
  }

  app.get(
    "/auth/oidc/providers",
    {
      config: { audience: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "The single sign-on issuers configured: one sign-in button each",
        response: { 200: Type.Array(ProviderInfo), ...ErrorResponses },
      },
    },
    () =>
      [...issuers.keys()].map((provider) => ({
        provider,
        label: oidcWords.button[provider],
        startUrl: `/api/v1/auth/oidc/start?provider=${provider}`,
      })),
  );

  app.get(
    "/auth/oidc/start",
    {
      config: { audience: PUBLIC, rateLimit: { max: SIGN_INS_PER_MINUTE, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Start single sign-on: redirects to the issuer (or to /login?sso_error=unavailable)",
        querystring: StartQuery,
        response: { ...Redirect("To the issuer's authorization endpoint, or back to the login page"), ...ErrorResponses, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { provider } = request.query;
      const issuer = issuers.get(provider);
      const returnTo = localReturnTo(request.query.returnTo);
      const stepUp = request.query.stepUp === "1";
      // A step-up is of the user signed in in this browser (a session, not an API token).
      const stepUpOf = stepUp && request.actor?.via === "session" ? request.actor.userId : undefined;
      if (stepUp && !stepUpOf) {
        return refuse(request, reply, "state");
      }
      if (!issuer || !oidc) {
        return stepUp ? refuseStepUp(request, reply, returnTo, "unavailable") : refuse(request, reply, "unavailable");
      }
      let started: Awaited<ReturnType<OidcIssuer["authorizationUrl"]>>;
      try {
        started = await issuer.authorizationUrl(redirectUri(oidc), { stepUp });
      } catch (cause) {
        return stepUp ? refuseStepUp(request, reply, returnTo, "unavailable", cause) : refuse(request, reply, "unavailable", cause);
      }
      browserSession(request).set("oidc", { ...started.pending, provider, returnTo, startedAt: clock.now().getTime(), ...(stepUpOf ? { stepUpOf } : {}) });
      return reply.redirect(started.url.href, 302);
    },
  );

  app.get(
    "/auth/oidc/callback",
    {
      config: { audience: PUBLIC, rateLimit: { max: SIGN_INS_PER_MINUTE, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Where the issuer sends the browser back: signs in and redirects to the page asked for, or to /login?sso_error=<code>",
        querystring: CallbackQuery,
        response: { ...Redirect("Signed in: to the page asked for; refused: to /login?sso_error=<code>"), ...ErrorResponses, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const session = browserSession(request);
      const pending = session.get("oidc");
      // Spent at once: a callback is answered once, whatever it brings. (A browser without one starts no session here.)
      if (pending) {
        session.set("oidc", undefined);
      }
      const issuer = pending && issuers.get(pending.provider);
      if (!pending || !issuer || !oidc) {
        return refuse(request, reply, "state");
      }
      if (request.query.state !== pending.state || clock.now().getTime() - pending.startedAt > PENDING_MS) {
        return refuse(request, reply, "state");
      }
      const stepUpOf = pending.stepUpOf;
      // A step-up answers into the session that asked for it, and only there.
      if (stepUpOf !== undefined && (request.actor?.via !== "session" || request.actor.userId !== stepUpOf)) {
        return refuse(request, reply, "state");
      }
      const fail = (error: SsoError, cause?: unknown) =>
        stepUpOf !== undefined ? refuseStepUp(request, reply, pending.returnTo, error, cause) : refuse(request, reply, error, cause);
      if (request.query.error) {
        return fail(request.query.error === "access_denied" ? "denied" : "invalid", request.query.error);
      }
      const callbackUrl = new URL(redirectUri(oidc));
      callbackUrl.search = new URL(request.url, "http://callback.invalid").search;
      let signedIn: Awaited<ReturnType<OidcIssuer["signIn"]>>;
      try {
        signedIn = await issuer.signIn(callbackUrl, pending, [oidc.customerClaim, oidc.roleClaim, "email"]);
      } catch (cause) {
        // (For a step-up this includes an auth_time older than STEP_UP_FRESH_SECONDS: openid-client checks max_age.)
        return fail(stepUpOf !== undefined && isAuthTimeProblem(cause) ? "step_up_stale" : "invalid", cause);
      }
      const { claims } = signedIn;
      if (stepUpOf !== undefined) {
        const outcome = await stepUpWithOidc(db, clock, { userId: stepUpOf, provider: pending.provider, claims, meta: requestMeta(request) });
        if (!outcome.ok) {
          return fail(outcome.error);
        }
        markSteppedUp(request, clock);
        return reply.redirect(pending.returnTo, 302);
      }
      let outcome: Awaited<ReturnType<typeof signInWithOidc>>;
      try {
        outcome = await signInWithOidc(db, clock, {
          provider: pending.provider,
          claims,
          customerClaim: oidc.customerClaim,
          roleClaim: oidc.roleClaim,
          meta: requestMeta(request),
        });
      } catch (cause) {
        // A person in a browser gets the login page with a message, not a JSON error (e.g. two first sign-ins at once).
        request.log.error({ err: cause }, "single sign-on failed");
        return refuse(request, reply, "failed");
      }
      if (!outcome.ok) {
        return refuse(request, reply, outcome.error);
      }
      // Logging out of Art28 later ends the session at the issuer too, when it offers that.
      const issuerLogoutUrl = signedIn.idToken ? await issuer.endSessionUrl(signedIn.idToken, `${base(oidc)}${POST_LOGOUT_PATH}`) : null;
      await session.regenerate();
      const fresh = browserSession(request); // regenerate() put a new session on the request
      fresh.set("userId", outcome.user.id);
      if (issuerLogoutUrl) {
        fresh.set("issuerLogoutUrl", issuerLogoutUrl);
      }
      // The session's CSRF secret now, as a password login makes it: otherwise the first page's
      // requests, all at once, each create and save one, the last save wins, and the token the page
      // was given no longer matches (every POST then a 403).
      reply.generateCsrf();
      return reply.redirect(pending.returnTo, 302);
    },
  );
}
