import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import helmet from "helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import type { Db } from "./db/engine.ts";
import type { Clock } from "./domain/clock.ts";
import { OPERATIONS_PATHS, registerOperationsRoutes } from "./http/metrics.ts";
import { handleError } from "./http/error-handler.ts";
import { allowDocsInlineScripts, API_CACHE_CONTROL, API_SECURITY_HEADERS, CSP_DIRECTIVES, isApiPath } from "./http/csp.ts";
import { AJV_PLUGINS, refuseUndeclaredMediaType } from "./http/input-policy.ts";
import { serializerFactory, validatorFactory } from "./http/compilers.ts";
import { registerApiReference } from "./http/api-reference.ts";
import { MODULES, registerAllNoticeKinds } from "./modules.ts";
import { EVENT_LABELS } from "./event-labels.ts";
import { registerEventLabels } from "./modules/evidence/index.ts";
import { AppError } from "./http/errors.ts";
import { assertAudienceDeclared, enforceAudience } from "./http/audience.ts";
import { actorResolver, databaseSessionStore } from "./modules/auth/index.ts";
import { ChangeFeed } from "./db/change-feed.ts";
import { personalDataHook, settleStaffAccess } from "./modules/access/index.ts";
import { assertPersonalDataDeclared } from "./http/personal-data.ts";
import { browserSessions, SESSION_COOKIE } from "./http/sessions.ts";
import type { OidcConfig, RouteDeps, TypedApp } from "./http/types.ts";

export interface AppDeps {
  db: Db;
  clock: Clock;
  /** ≥ 32 characters; signs session cookies. */
  sessionSecret: string;
  /** Proxies (IPs or CIDRs) whose X-Forwarded-For is believed; none: the connection's address is the client's. */
  trustedProxies?: readonly string[];
  /** Send cookies with Secure (behind HTTPS). */
  secureCookies: boolean;
  /** The process's pino logger (serve); none in tests. */
  logger?: FastifyBaseLogger;
  /** Where the built web UI lives; null to serve the API only. */
  webRoot?: string | null;
  /** Single sign-on (ART28_OIDC_*: src/cli/config.ts); none when absent. */
  oidc?: OidcConfig;
  /** What changed, as the database tells (db/change-feed.ts); without it nothing is kept between requests. */
  changes?: ChangeFeed;
  /** Compile each route's validators and serializers when it is first called (serve), not at start (tests). */
  compileOnFirstUse?: boolean;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../dist/web", import.meta.url));
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  registerAllNoticeKinds();
  registerEventLabels(EVENT_LABELS);
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // X-Forwarded-* only from configured proxies (ART28_TRUSTED_PROXIES); otherwise the socket's address is the client's.
    trustProxy: deps.trustedProxies && deps.trustedProxies.length > 0 ? [...deps.trustedProxies] : false,
    // JSON bodies are small; the routes that take files (imports, uploads) set their own limit.
    bodyLimit: 1024 * 1024,
    // Route schemas compiled at start or on first use; answers' nullables without Ajv (src/http/compilers.ts).
    schemaController: {
      compilersFactory: {
        buildValidator: validatorFactory(deps.compileOnFirstUse === true),
        buildSerializer: serializerFactory(deps.compileOnFirstUse === true),
      },
    },
    // The input policy: strict date-times (src/http/input-policy.ts).
    ajv: { customOptions: { allErrors: true, removeAdditional: false }, plugins: AJV_PLUGINS },
    // A malformed URL or an overlong path parameter answers like every other error (found by test/fuzz).
    frameworkErrors: (error, request, reply) => {
      void handleError(error, request, reply);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // One content type per route: JSON, or what a route registers itself (CSV, multipart); never a plain body past its schema.
  app.removeContentTypeParser("text/plain");
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    // A missing asset is a 404, never the page shell served as a script.
    if (request.url.startsWith("/api/") || request.url.startsWith("/assets/") || !deps.webRoot || !existsSync(deps.webRoot)) {
      return handleError(new AppError("not_found", `no route ${request.method} ${request.url.split("?")[0]}`), request, reply);
    }
    // The web UI routes on the client: every other GET serves its shell.
    return reply.type("text/html").sendFile("index.html");
  });

  // No inline script anywhere (src/http/csp.ts); the API reference's own inline script by its hash.
  // The API's answers get the few headers an API needs, pages the full set (http/csp.ts).
  // helmet's headers, made once (the Fastify plugin builds its middleware again on every request).
  const pageHeaders = helmet({ contentSecurityPolicy: { directives: CSP_DIRECTIVES } });
  const apiHeaders = helmet(API_SECURITY_HEADERS);
  app.addHook("onRequest", (request, reply, done) => {
    const api = isApiPath(request.url);
    if (api) {
      reply.header("cache-control", API_CACHE_CONTROL);
    }
    (api ? apiHeaders : pageHeaders)(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  app.addHook("onSend", allowDocsInlineScripts);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCookie);
  await app.register(browserSessions, {
    secret: deps.sessionSecret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    store: databaseSessionStore(deps.db, deps.clock),
    cookie: { httpOnly: true, sameSite: "lax", secure: deps.secureCookies, path: "/", maxAge: 12 * 60 * 60 * 1000 },
  });
  await app.register(fastifyCsrf, { sessionPlugin: "@fastify/session" });

  const changes = deps.changes ?? ChangeFeed.off();
  const resolveActor = actorResolver(deps.db, deps.clock, changes);
  // A request that changed something forgets what this process kept of it before it answers, so
  // its caller reads its change at once (other processes hear it from the database: change-feed.ts).
  app.addHook("onSend", async (request, _reply, payload) => {
    if (UNSAFE.has(request.method)) {
      changes.emit(request.actor?.kind === "customer" && request.actor.controllerId ? `c:${request.actor.controllerId}` : "c:*");
      changes.emit("u:*");
    }
    return payload;
  });

  app.decorateRequest("actor", null);
  // Every route says who may call it; one that does not is refused here, at start-up.
  app.addHook("onRoute", assertAudienceDeclared);
  // A route that shows staff a customer's personal data names its record; each such view is logged (art. 9.1).
  app.addHook("onRoute", assertPersonalDataDeclared);
  // Who is calling, and may they, is settled before the body is read: an anonymous caller or a role
  // the route does not admit gets 401/403 without the server parsing (or validating) its payload.
  app.addHook("preParsing", async (request, reply, payload) => {
    if (OPERATIONS_PATHS.has(request.routeOptions.url ?? "")) {
      return payload; // the probes and /metrics answer anyone (or the scrape token), never a user
    }
    // Staff's standing (art. 2.3, 9.1): the confidentiality statement confirmed, break-glass grants in force.
    request.actor = await settleStaffAccess(deps.db, deps.clock, await resolveActor(request));
    // Cookie-authenticated changes need the CSRF token; token-authenticated API calls carry no
    // ambient credentials and need none.
    if (UNSAFE.has(request.method) && request.actor?.via === "session") {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
    enforceAudience(request);
    return payload;
  });
  app.addHook("preParsing", refuseUndeclaredMediaType);
  // Every 2xx answer of a route declaring personal data to a staff user goes into the customer's access log first.
  app.addHook("onSend", personalDataHook(deps.db, deps.clock));
  // The operator's probes and metrics: /healthz, /readyz, /metrics (http/metrics.ts).
  registerOperationsRoutes(app, deps.db, deps.clock);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Art28 API",
        version: "1",
        description:
          "Runs a processor's GDPR art. 28 data processing agreements. Authenticate with `Authorization: Bearer <token>` " +
          "(create a token in the portal or back-office, or POST /api/v1/tokens). Errors are `{ error: { code, message, fields } }`.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    // Each operation carries its declared audience; a public one needs no token.
    transform: ({ schema, url, route }) => {
      const audience = route.config?.audience;
      const personalData = route.config?.personalData;
      return {
        schema: {
          ...schema,
          ...(audience ? { "x-audience": audience } : {}),
          ...(personalData ? { "x-personal-data": personalData } : {}),
          ...(audience?.public ? { security: [] } : {}),
        },
        url,
      };
    },
  });
  await registerModules(app, { ...deps, changes });
  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
  registerApiReference(app);

  if (deps.webRoot && existsSync(deps.webRoot)) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, { root: deps.webRoot, prefix: "/", wildcard: true });
  }
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** Every module's routes under /api/v1. A module exports one function that adds its routes. */
async function registerModules(app: TypedApp, deps: RouteDeps): Promise<void> {
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      for (const module of MODULES) {
        for (const routes of module.routes) {
          routes(typed, deps);
        }
      }
    },
    { prefix: "/api/v1" },
  );
}
