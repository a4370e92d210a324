import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../http/actor.ts";
import { findUserById, findUserByTokenHash } from "./queries.ts";
import { hashApiToken } from "./tokens.ts";
import { AppError } from "../../http/errors.ts";
import { LAST_SEEN_EVERY_MS } from "./session-store.ts";

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
    const user = match?.[1] ? await findUserByTokenHash(db, hashApiToken(match[1]), clock.now(), LAST_SEEN_EVERY_MS) : null;
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
  // A deactivated user's session stops working at once (its rows are deleted too, see set-user-active.ts).
  if (!user || user.disabledAt) {
    return null;
  }
  // "Last seen" moves on at most once a minute: the session is saved with it then, not on every request.
  const now = clock.now().getTime();
  const seenAt = request.session.get("seenAt");
  if (typeof seenAt !== "number" || now - seenAt >= LAST_SEEN_EVERY_MS || now < seenAt) {
    request.session.set("seenAt", now);
  }
  return toActor(user, "session");
}

declare module "fastify" {
  interface Session {
    totpPending?: boolean;
  }
}
