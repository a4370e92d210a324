import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../http/actor.ts";
import { FeedCache, type ChangeFeed } from "../../db/change-feed.ts";
import { findTokenByHash, findUserById, tokenInForce, touchToken } from "./queries.ts";
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

type TokenRow = NonNullable<Awaited<ReturnType<typeof findTokenByHash>>>;

/** How many users and tokens a web process keeps (db/change-feed.ts), and for how long at most. */
const KEPT = { max: 20_000, maxAgeMs: 60_000 };

export type ResolveActor = (request: FastifyRequest) => Promise<Actor | null>;

/**
 * Resolves the actor from `Authorization: Bearer` (API token) or the session cookie. The token and
 * its user are kept until the change feed says either changed (revoked, expired, role, disabled):
 * a request then reads no table to know who it is.
 */
export function actorResolver(db: Db, clock: Clock, changes: ChangeFeed): ResolveActor {
  const usersKept = new FeedCache<UserRow | null>(changes, { name: "users", prefix: "u:", ...KEPT, about: (user, id) => user?.id === id });
  const tokensKept = new FeedCache<TokenRow | null>(changes, { name: "api_tokens", prefix: "u:", ...KEPT, about: (token, id) => token?.userId === id });
  const userById = (id: string) => usersKept.get(id, () => findUserById(db, id));
  return async (request) => {
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const hash = match?.[1] ? hashApiToken(match[1]) : null;
      const now = clock.now();
      const token = hash ? await tokensKept.get(hash, () => findTokenByHash(db, hash)) : null;
      const user = token && tokenInForce(token, now) ? await userById(token.userId) : null;
      if (!token || !user || user.disabledAt) {
        throw new AppError("unauthenticated", "the API token is unknown, revoked or expired");
      }
      // "Last used" moves on at most once a minute (as a session's "last seen"): a read does not write each time.
      if (token.lastUsedAt === null || Math.abs(now.getTime() - token.lastUsedAt.getTime()) >= LAST_SEEN_EVERY_MS) {
        await touchToken(db, token.tokenId, now);
        token.lastUsedAt = now;
      }
      return toActor(user, "token");
    }
    const userId = request.session.get("userId");
    if (!userId || request.session.get("totpPending")) {
      return null;
    }
    const user = await userById(userId);
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
  };
}

declare module "fastify" {
  interface Session {
    totpPending?: boolean;
  }
}
