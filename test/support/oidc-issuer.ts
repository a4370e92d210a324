import { generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { Provider, type KoaContext } from "oidc-provider";

// A real OpenID Connect provider (oidc-provider, panva) in the test process, standing in for the
// hosting provider's control panel: it listens on 127.0.0.1, signs ID tokens with its own RSA key,
// requires PKCE, and signs in whichever account the login form names (its development interactions:
// any password). The tests change an account's claims between sign-ins, and can have the token
// endpoint's ID token altered on its way to Art28.

export type Claims = Record<string, unknown> & { sub: string };

/** How the next ID tokens are altered on their way out of the token endpoint, or null for not at all. */
export type Tamper = null | "payload" | "foreign-key";

export interface TestIssuer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The accounts by login (= subject); their claims are read at each sign-in. */
  accounts: Map<string, Claims>;
  tamper: Tamper;
  close(): Promise<void>;
}

/** A free port on 127.0.0.1 (for an app that must know its own address before it is built). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString("base64url");

/** The same header and payload signed with another key: what the issuer's published keys must refuse. */
function resign(jwt: string, key: KeyObject, change: (payload: Record<string, unknown>) => void = () => undefined): string {
  const [header = "", payload = ""] = jwt.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  change(claims);
  const signingInput = `${header}.${b64(JSON.stringify(claims))}`;
  return `${signingInput}.${b64(sign("sha256", Buffer.from(signingInput), key))}`;
}

/** The payload changed (another subject), the issuer's signature kept: the signature no longer matches. */
function alterPayload(jwt: string, sub: string): string {
  const [header = "", payload = "", signature = ""] = jwt.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  claims.sub = sub;
  return `${header}.${b64(JSON.stringify(claims))}.${signature}`;
}

/**
 * Starts an issuer with one confidential client whose redirect URI is Art28's callback.
 * `claimsInIdToken`: the custom claims go in the ID token itself; otherwise (oidc-provider's default,
 * conforming to OpenID Connect) only in the UserInfo answer, which Art28 then reads.
 */
export async function startTestIssuer(options: {
  redirectUri: string;
  claimsInIdToken?: boolean;
  customerClaim?: string;
  roleClaim?: string;
}): Promise<TestIssuer> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...privateKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const foreign = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

  const issuer: TestIssuer = {
    url,
    clientId: `art28-${randomUUID().slice(0, 8)}`,
    clientSecret: randomUUID() + randomUUID(),
    accounts: new Map(),
    tamper: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const custom = [options.customerClaim ?? "customer_number", options.roleClaim ?? "art28_role"];

  const provider = new Provider(url, {
    clients: [
      {
        client_id: issuer.clientId,
        client_secret: issuer.clientSecret,
        redirect_uris: [options.redirectUri],
        // Art28's login page, where the issuer sends the browser after an RP-initiated logout.
        post_logout_redirect_uris: [new URL("/login", options.redirectUri).href],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomUUID()] },
    pkce: { required: () => true },
    conformIdTokenClaims: !options.claimsInIdToken,
    claims: { openid: ["sub", ...custom], email: ["email", "email_verified"], profile: ["name", "locale"] },
    // A first-party client: no consent screen, the grant is given at once.
    async loadExistingGrant(ctx: KoaContext) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) {
        return undefined;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    findAccount(_ctx: KoaContext, sub: string) {
      const claims = issuer.accounts.get(sub);
      return claims ? { accountId: sub, claims: () => ({ ...claims, sub }) } : undefined;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | null;
    if (ctx.path === "/token" && body?.id_token && issuer.tamper) {
      body.id_token = issuer.tamper === "payload" ? alterPayload(body.id_token, "someone-else") : resign(body.id_token, foreign);
    }
  });
  handler = provider.callback();
  return issuer;
}

/** A browser's cookie jar, one per person: name → value (the app and the issuer use different names). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** One request as a browser makes it: the jar's cookies along, its Set-Cookie taken, no redirect followed. */
export async function browserFetch(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
  jar.take(response);
  return response;
}

/**
 * Follows a sign-in as a browser does, from `startUrl` through the issuer's login form (filled in
 * with `login`) and back, until a redirect leaves both the issuer and Art28's callback. Returns where
 * Art28 finally sent the browser (a path on the app, e.g. "/" or "/login?sso_error=…"); with
 * `stopAtCallback`, the full callback URL the issuer sent the browser to, not followed.
 */
export async function followSignIn(
  jar: CookieJar,
  startUrl: string,
  issuerUrl: string,
  login: string,
  options: { stopAtCallback?: boolean } = {},
): Promise<string> {
  let url = startUrl;
  for (let hop = 0; hop < 20; hop += 1) {
    let response = await browserFetch(jar, url);
    if (response.status === 200 && url.startsWith(issuerUrl)) {
      // The issuer's login form: its action, and the login of the account under test.
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) {
        throw new Error(`no login form at ${url}: ${html.slice(0, 300)}`);
      }
      response = await browserFetch(jar, new URL(action.replaceAll("&amp;", "&"), url).href, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
      });
    }
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`sign-in stopped at ${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    }
    const next = new URL(location, url);
    if (options.stopAtCallback && next.pathname === "/api/v1/auth/oidc/callback") {
      return next.href;
    }
    if (!next.href.startsWith(issuerUrl) && !next.pathname.startsWith("/api/v1/auth/oidc/")) {
      return `${next.pathname}${next.search}`;
    }
    url = next.href;
  }
  throw new Error("too many redirects");
}
