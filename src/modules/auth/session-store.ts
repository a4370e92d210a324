import { createHash } from "node:crypto";
import type { SessionStore } from "@fastify/session";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { deleteSession, readSession, writeSession } from "./queries.ts";

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

// Only a hash of the session id is stored: a leaked sessions table gives no usable cookies.
const key = (sid: string) => createHash("sha256").update(sid).digest("hex");

type StoredSession = Parameters<SessionStore["set"]>[1];

/** Server-side sessions in the database, shared by every web process (DESIGN.md, "At scale"). */
export function databaseSessionStore(db: Db, clock: Clock): SessionStore {
  return {
    set(sid, session, callback) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires) : new Date(clock.now().getTime() + DEFAULT_TTL_MS);
      const userId = typeof session.userId === "string" ? session.userId : null;
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      writeSession(db, key(sid), userId, data, expires).then(() => callback(), callback);
    },
    get(sid, callback) {
      readSession(db, key(sid), clock.now()).then(
        (row) => callback(null, row ? (row.data as unknown as StoredSession) : null),
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
  }
}
