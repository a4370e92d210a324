import { createHash } from "node:crypto";
import type { SessionStore } from "@fastify/session";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { deleteSession, readSession, updateSession, writeSession } from "./queries.ts";

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
/** How often a session's "last seen" moves on: at most once a minute, not on every request. */
export const LAST_SEEN_EVERY_MS = 60_000;
/** The User-Agent as kept for the sessions list (enough to tell the browser and system). */
const USER_AGENT_MAX = 400;

// Only a hash of the session id is stored: a leaked sessions table gives no usable cookies.
export const sessionKey = (sid: string) => createHash("sha256").update(sid).digest("hex");
const key = sessionKey;

type StoredSession = Parameters<SessionStore["set"]>[1];

/**
 * Server-side sessions in the database, shared by every web process (DESIGN.md, "At scale").
 *
 * A session read from the store is only ever updated, never written again: a request that read it
 * before a logout, a revocation or a password reset deleted it, and saves it after, must not bring
 * it back. Only a session made in this request (a new one, or one regenerated at login) is inserted.
 */
export function databaseSessionStore(db: Db, clock: Clock): SessionStore {
  return {
    set(sid, session, callback) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires) : new Date(clock.now().getTime() + DEFAULT_TTL_MS);
      const userId = typeof session.userId === "string" ? session.userId : null;
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      delete data.loadedFromStore;
      const seenAt = typeof session.seenAt === "number" ? new Date(session.seenAt) : null;
      const userAgent = typeof session.userAgent === "string" ? session.userAgent.slice(0, USER_AGENT_MAX) : null;
      const row = { userId, data, expiresAt: expires, now: clock.now(), lastSeenAt: seenAt, userAgent };
      (session.loadedFromStore === true ? updateSession(db, key(sid), row) : writeSession(db, key(sid), row)).then(() => callback(), callback);
    },
    get(sid, callback) {
      readSession(db, key(sid), clock.now()).then(
        (row) => callback(null, row ? ({ ...row.data, loadedFromStore: true } as unknown as StoredSession) : null),
        (error: unknown) => callback(error),
      );
    },
    destroy(sid, callback) {
      deleteSession(db, key(sid)).then(() => callback(), callback);
    },
  };
}

declare module "fastify" {
  interface Session {
    userId?: string;
    /** The browser that logged in (its User-Agent), for the user's sessions list. */
    userAgent?: string;
    /** When the session was last seen (ms), moved on at most once a LAST_SEEN_EVERY_MS (resolve-actor.ts). */
    seenAt?: number;
    /** Read from the store in this request (never stored): saving it only updates the row, if it still exists. */
    loadedFromStore?: boolean;
  }
}
