import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../http/actor.ts";
import { findUserById, findUserByTokenHash } from "./queries.ts";
import { hashApiToken } from "./tokens.ts";
import { AppError } from "../../http/errors.ts";

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export function toActor(user: UserRow, via: Actor["via"]): Actor {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    kind: user.kind,
    staffRole: user.staffRole,
    customerRole: user.customerRole,
    controllerId: user.controllerId,
    via,
  };
}

/** Resolves the actor from `Authorization: Bearer` (API token) or the session cookie. */
export async function resolveActor(db: Db, clock: Clock, request: FastifyRequest): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match?.[1] ? await findUserByTokenHash(db, hashApiToken(match[1]), clock.now()) : null;
    if (!user || user.disabledAt) {
      throw new AppError("unauthenticated", "the API token is unknown, revoked or expired");
    }
    return toActor(user, "token");
  }
  const userId = request.session.get("userId");
  if (!userId || request.session.get("totpPending")) {
    return null;
  }
  const user = await findUserById(db, userId);
  if (!user || user.disabledAt) {
    return null;
  }
  return toActor(user, "session");
}

declare module "fastify" {
  interface Session {
    totpPending?: boolean;
  }
}
