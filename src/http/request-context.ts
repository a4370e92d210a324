import { httpWords } from "./words.ts";
import type { FastifyRequest } from "fastify";
import type { Actor } from "./actor.ts";
import type { Clock } from "../domain/clock.ts";
import { AppError } from "./errors.ts";
import { browserSession } from "./sessions.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The authenticated actor, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new AppError("unauthenticated", httpWords.signIn);
  }
  return request.actor;
}

/**
 * Where a request came from, as evidence records it. `ip` is the connection's address unless the
 * connection is a configured proxy (ART28_TRUSTED_PROXIES → Fastify's trustProxy), in which case it
 * is the client X-Forwarded-For names and `proxyIp` the proxy's own address. Without configured
 * proxies the header is ignored: the address is never just the client's claim.
 */
export interface RequestMeta {
  ip: string;
  ipSource: "socket" | "forwarded";
  proxyIp: string | null;
  userAgent: string | null;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const socketIp = request.socket.remoteAddress ?? request.ip;
  const forwarded = request.ip !== socketIp;
  return {
    ip: request.ip,
    ipSource: forwarded ? "forwarded" : "socket",
    proxyIp: forwarded ? socketIp : null,
    userAgent: request.headers["user-agent"] ?? null,
  };
}

/** How long a step-up (POST /auth/step-up: password, and the code when TOTP is on) counts. */
export const STEP_UP_MS = 10 * 60_000;

/** Marks this session as having just proven who it is (modules/auth, after POST /auth/step-up). */
export function markSteppedUp(request: FastifyRequest, clock: Clock): void {
  browserSession(request).set("steppedUpAt", clock.now().getTime());
}

/**
 * For sensitive changes (two-factor settings, API tokens, webhook endpoints): the caller must be a
 * logged-in session that stepped up within STEP_UP_MS, else 403 step_up_required. An API token
 * never can: a leaked token must not turn off a second factor, mint tokens that outlive it, or
 * redirect notices.
 */
export function requireStepUp(request: FastifyRequest, clock: Clock): void {
  const actor = actorOf(request);
  if (actor.via !== "session") {
    throw new AppError("step_up_required", httpWords.stepUpNeedsSession);
  }
  const at = browserSession(request).get("steppedUpAt");
  const age = typeof at === "number" ? clock.now().getTime() - at : Number.POSITIVE_INFINITY;
  if (!(age >= 0 && age < STEP_UP_MS)) {
    throw new AppError("step_up_required", httpWords.stepUpRequired);
  }
}

declare module "fastify" {
  interface Session {
    steppedUpAt?: number;
  }
}
