import { ChangeFeed } from "../../src/db/change-feed.ts";
import type { LightMyRequestResponse } from "fastify";
import { buildApp, type App } from "../../src/app.ts";
import type { OidcConfig } from "../../src/http/types.ts";
import { inScope } from "../../src/db/scope.ts";
import { fixedClock } from "../../src/domain/clock.ts";
import { ensureInstalled } from "../../src/modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../../src/modules/setup/demo.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { confirmConfidentiality } from "./confidentiality.ts";
import { users } from "../../src/db/schema/index.ts";
import { eq } from "drizzle-orm";

export const PASSWORD = "correct horse battery staple";

export interface TestApp {
  app: App;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** A real app on a fresh database with the processor installed (template v1 published). */
// Test webhook receivers listen on 127.0.0.1; production refuses local endpoints (webhook-address.ts).
// A test of that refusal sets the variable to something else for its own duration.
process.env.ART28_ALLOW_LOCAL_WEBHOOKS ??= "true";

export async function createTestApp(start = new Date("2026-03-28T09:00:00Z"), options: { webRoot?: string | null; oidc?: OidcConfig } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await database.migrate();
  const clock = fixedClock(start);
  await inScope(database.db, { kind: "processor" }, (tx) => ensureInstalled(tx, clock, DEMO_PROCESSOR, { email: "admin@test.example", password: PASSWORD }));
  // The administrator has confirmed the confidentiality statement (art. 2.3, 9.1), as test staff do (factories.ts).
  const [admin] = await database.db.select().from(users).where(eq(users.email, "admin@test.example"));
  if (admin) {
    await confirmConfidentiality(database.db, clock, admin);
  }
  // As serve does: reads are kept until the database says they changed (db/change-feed.ts).
  const changes = await ChangeFeed.start(database);
  const app = await buildApp({
    db: database.db,
    clock,
    changes,
    sessionSecret: "s".repeat(32),
    secureCookies: false,
    webRoot: options.webRoot ?? null,
    ...(options.oidc ? { oidc: options.oidc } : {}),
  });
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await changes.close();
      await database.close();
    },
  };
}

/** A logged-in browser-like client: session cookie plus the CSRF header on changes. */
export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** A POST with a non-JSON body, e.g. a CSV file. */
  sendText(url: string, body: string, contentType: string): Promise<LightMyRequestResponse>;
  userId: string;
}

let logins = 0;

/**
 * Each test login comes from its own address, so a test file with many users does not trip the
 * login rate limit (10 a minute per address); the rate-limit test sets its own address.
 */
export function nextLoginAddress(): string {
  logins += 1;
  return `10.77.${(logins >> 8) & 255}.${logins & 255}`;
}

/**
 * Test clients have just proven their password (POST /auth/step-up), as a person does before a
 * sensitive change (API tokens, webhook endpoints, two-factor settings); it counts for ten minutes
 * of the test's clock. A test of the step-up itself logs in with `loginWithoutStepUp`.
 */
export async function stepUp(app: App, cookie: string, csrfToken: string, remoteAddress: string, password = PASSWORD): Promise<void> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/step-up",
    headers: { cookie, "x-csrf-token": csrfToken },
    payload: { password },
    remoteAddress,
  });
  if (response.statusCode !== 204) {
    throw new Error(`step-up failed: ${response.statusCode} ${response.body}`);
  }
}

export async function login(app: App, email: string, password = PASSWORD): Promise<Client> {
  const remoteAddress = nextLoginAddress();
  const response = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password }, remoteAddress });
  if (response.statusCode !== 200) {
    throw new Error(`login of ${email} failed: ${response.statusCode} ${response.body}`);
  }
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const me = response.json<{ csrfToken: string; id: string }>();
  await stepUp(app, cookie, me.csrfToken, remoteAddress, password);
  return {
    userId: me.id,
    get: (url) => app.inject({ method: "GET", url, headers: { cookie } }),
    send: (method, url, body) =>
      app.inject({ method, url, headers: { cookie, "x-csrf-token": me.csrfToken }, ...(body === undefined ? {} : { payload: body as object }) }),
    sendText: (url, body, contentType) =>
      app.inject({ method: "POST", url, headers: { cookie, "x-csrf-token": me.csrfToken, "content-type": contentType }, payload: body }),
  };
}
