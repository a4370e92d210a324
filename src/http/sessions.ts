import fastifySession, { type FastifySessionOptions } from "@fastify/session";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "./errors.ts";
import { httpWords } from "./words.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "art28_session";

/**
 * Whether a request is an API client's: it brings an `Authorization` header and no session cookie.
 * Such a request is settled by its token (modules/auth/resolve-actor.ts) and never reads or writes a
 * browser session.
 */
function apiClientRequest(request: FastifyRequest): boolean {
  return request.headers.authorization !== undefined && request.cookies[SESSION_COOKIE] === undefined;
}

/**
 * Browser sessions (@fastify/session, stored in PostgreSQL by modules/auth) for the requests of a
 * browser only. @fastify/session makes a session for every request without its cookie, ready to be
 * saved should the request log in: a fresh id, its HMAC and a hash of its contents, on every API
 * call, about an eighth of a dashboard read (bench/api, profiled). Here its two hooks pass API
 * clients by: their `request.session` stays null, and a route that needs a browser session reaches
 * it through `browserSession`, which refuses them with a clear 400 instead.
 */
export const browserSessions = fp<FastifySessionOptions>(
  async (app, options) => {
    const forBrowsers = new Proxy(app, {
      get(target, key) {
        if (key === "addHook") {
          return (name: "onRequest" | "onSend", hook: (request: FastifyRequest, ...rest: unknown[]) => unknown) =>
            target.addHook(
              name as "onRequest",
              function (this: unknown, request: FastifyRequest, ...rest: unknown[]) {
                if (apiClientRequest(request)) {
                  const done = rest[rest.length - 1] as () => void;
                  return done();
                }
                return hook.call(this, request, ...rest);
              } as never,
            );
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as FastifyInstance;
    await new Promise<void>((resolve, reject) => {
      fastifySession(forBrowsers, options, (error?: Error) => (error ? reject(error) : resolve()));
    });
  },
  { name: "@fastify/session", dependencies: ["@fastify/cookie"] },
);

/** The request's browser session; an API client's request (a token, no session cookie) has none: 400. */
export function browserSession(request: FastifyRequest): NonNullable<FastifyRequest["session"]> {
  const session = request.session as FastifyRequest["session"] | null;
  if (!session) {
    throw new AppError("validation", httpWords.needsBrowserSession, [{ field: "headers.authorization", message: httpWords.needsBrowserSession }]);
  }
  return session;
}
