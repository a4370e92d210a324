import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { apiTokens, sessions, users } from "../../db/schema/index.ts";

// These run as the database owner, before a request's scope is known (who is this?).

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

export async function findUserById(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** An API token by its hash, revoked or not: who it is for, until when, and when it was last used. */
export async function findTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      userId: apiTokens.userId,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

/** A token in force: not revoked, not expired at `now`. */
export const tokenInForce = (token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) =>
  token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now);

/** "Last used" of a token, moved on. */
export async function touchToken(db: Db, tokenId: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId));
}

/**
 * TOTP enrolment: a new secret is kept aside; the one in use (if any) stays until a code from the
 * new one is confirmed, so starting an enrolment never switches the second factor off.
 */
export async function startTotpEnrolment(db: Db, userId: string, secret: string): Promise<void> {
  await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId));
}

/** The pending secret becomes the one in use. */
export async function enableTotp(db: Db, userId: string, secret: string, at: Date): Promise<void> {
  await db.update(users).set({ totpSecret: secret, totpPendingSecret: null, totpEnabledAt: at }).where(eq(users.id, userId));
}

export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null }).where(eq(users.id, userId));
}

/** A user's API tokens that are not revoked, oldest first. */
export async function listActiveTokens(db: Db, userId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.createdAt);
}

export async function insertToken(db: Db, token: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(token).returning();
  if (!row) {
    throw new Error("token insert returned nothing");
  }
  return row;
}

/** Revokes one of the user's own tokens; false when it has none by that id (or it was revoked). */
export async function revokeToken(db: Db, userId: string, tokenId: string, at: Date): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

export async function readSession(db: Db, sid: string, now: Date) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.sid, sid), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export interface SessionWrite {
  userId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
  /** When it started (written once, at its first save). */
  now: Date;
  lastSeenAt: Date | null;
  userAgent: string | null;
}

export async function writeSession(db: Db, sid: string, row: SessionWrite) {
  const { userId, data, expiresAt, lastSeenAt, userAgent } = row;
  await db
    .insert(sessions)
    .values({ sid, userId, data, expiresAt, createdAt: row.now, lastSeenAt, userAgent })
    .onConflictDoUpdate({ target: sessions.sid, set: { userId, data, expiresAt, lastSeenAt, userAgent } });
}

/** Saves a session read earlier, only if it still exists (a deleted one stays deleted). */
export async function updateSession(db: Db, sid: string, row: SessionWrite) {
  const { userId, data, expiresAt, lastSeenAt, userAgent } = row;
  await db.update(sessions).set({ userId, data, expiresAt, lastSeenAt, userAgent }).where(eq(sessions.sid, sid));
}

export async function deleteSession(db: Db, sid: string) {
  await db.delete(sessions).where(eq(sessions.sid, sid));
}
