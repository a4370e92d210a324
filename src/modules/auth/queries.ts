import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { apiTokens, sessions, supportAssignments, users } from "../../db/schema/index.ts";

// These run as the database owner, before a request's scope is known (who is this?).

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

export async function findUserById(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserByTokenHash(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))));
  if (row) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return row?.user ?? null;
}

export async function assignedControllerIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.select({ id: supportAssignments.controllerId }).from(supportAssignments).where(eq(supportAssignments.userId, userId));
  return new Set(rows.map((r) => r.id));
}

export async function readSession(db: Db, sid: string, now: Date) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.sid, sid), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function writeSession(db: Db, sid: string, userId: string | null, data: Record<string, unknown>, expiresAt: Date) {
  await db.insert(sessions).values({ sid, userId, data, expiresAt }).onConflictDoUpdate({ target: sessions.sid, set: { userId, data, expiresAt } });
}

export async function deleteSession(db: Db, sid: string) {
  await db.delete(sessions).where(eq(sessions.sid, sid));
}
