import { httpWords } from "./words.ts";
import type { FastifyRequest } from "fastify";
import type { Actor } from "./actor.ts";
import { AppError } from "./errors.ts";

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

export function requestMeta(request: FastifyRequest): { ip: string; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
}
