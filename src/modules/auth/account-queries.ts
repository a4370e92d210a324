import { and, asc, count, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import {
  accountLinks,
  apiTokens,
  controllers,
  recoveryCodes,
  sessions,
  users,
  type AccountLinkPurpose,
  type CustomerRole,
  type StaffRole,
} from "../../db/schema/index.ts";

// The SQL of user management, account links, recovery codes and a user's sessions. Use cases call
// these inside the transaction (and row-level-security scope) they own.

export type UserRow = typeof users.$inferSelect;

/** A new user; null when the address is taken (also by a concurrent insert). */
export async function insertUser(tx: Db, row: typeof users.$inferInsert): Promise<UserRow | null> {
  const [created] = await tx
    .insert(users)
    .values({ ...row, email: row.email.trim().toLowerCase() })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return created ?? null;
}

export async function findUserRow(tx: Db, id: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserRowByEmail(tx: Db, email: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

/** The row, locked for the rest of the transaction (two owners changing one user at once wait for each other). */
export async function lockUser(tx: Db, id: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  return row ?? null;
}

/** A customer's users, owners first, then by name. */
export function customerUsers(tx: Db, controllerId: string) {
  return tx.select().from(users).where(eq(users.controllerId, controllerId)).orderBy(asc(users.customerRole), asc(users.name));
}

/** The processor's staff, by name. */
export function staffUsers(tx: Db) {
  return tx.select().from(users).where(eq(users.kind, "staff")).orderBy(asc(users.name));
}

/**
 * The active owners of a customer (or active admins of the processor), their rows locked: the
 * "at least one remains" check and the change it allows happen without another change in between.
 */
export async function lockActiveHolders(tx: Db, who: { controllerId: string } | { staff: true }): Promise<string[]> {
  const where =
    "controllerId" in who
      ? and(eq(users.controllerId, who.controllerId), eq(users.customerRole, "owner"), isNull(users.disabledAt))
      : and(eq(users.kind, "staff"), eq(users.staffRole, "admin"), isNull(users.disabledAt));
  const rows = await tx.select({ id: users.id }).from(users).where(where).orderBy(asc(users.id)).for("update");
  return rows.map((row) => row.id);
}

export async function setUserRole(tx: Db, id: string, role: { customerRole: CustomerRole } | { staffRole: StaffRole }): Promise<void> {
  await tx.update(users).set(role).where(eq(users.id, id));
}

export async function setUserDisabled(tx: Db, id: string, disabledAt: Date | null): Promise<void> {
  await tx.update(users).set({ disabledAt }).where(eq(users.id, id));
}

export async function setUserPassword(tx: Db, id: string, passwordHash: string, at: Date): Promise<void> {
  await tx.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, id));
}

// ---- account links ---------------------------------------------------------------------------

export async function insertAccountLink(tx: Db, row: typeof accountLinks.$inferInsert): Promise<void> {
  await tx.insert(accountLinks).values(row);
}

/** Spends every open link of this purpose of the user (a new one replaces them); returns how many. */
export async function spendOpenLinks(tx: Db, userId: string, purpose: AccountLinkPurpose, at: Date): Promise<number> {
  const spent = await tx
    .update(accountLinks)
    .set({ usedAt: at })
    .where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, purpose), isNull(accountLinks.usedAt)))
    .returning({ id: accountLinks.id });
  return spent.length;
}

/** A link by the SHA-256 of its secret, its row locked (one use wins), with whether it is still usable. */
export async function lockLinkByHash(tx: Db, tokenHash: string) {
  const [row] = await tx.select().from(accountLinks).where(eq(accountLinks.tokenHash, tokenHash)).for("update");
  return row ?? null;
}

export async function findLinkByHash(tx: Db, tokenHash: string) {
  const [row] = await tx
    .select({ link: accountLinks, user: users })
    .from(accountLinks)
    .innerJoin(users, eq(users.id, accountLinks.userId))
    .where(eq(accountLinks.tokenHash, tokenHash));
  return row ?? null;
}

export async function markLinkUsed(tx: Db, id: string, at: Date): Promise<void> {
  await tx.update(accountLinks).set({ usedAt: at }).where(eq(accountLinks.id, id));
}

/** Users (of these) with an open, unexpired invitation, and when it expires. */
export async function openInvitations(tx: Db, userIds: string[], now: Date) {
  if (userIds.length === 0) {
    return [];
  }
  return tx
    .select({ userId: accountLinks.userId, expiresAt: accountLinks.expiresAt })
    .from(accountLinks)
    .where(and(inArray(accountLinks.userId, userIds), eq(accountLinks.purpose, "invitation"), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now)));
}

// ---- recovery codes --------------------------------------------------------------------------

export async function replaceRecoveryCodes(tx: Db, userId: string, hashes: string[], at: Date): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length > 0) {
    await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: at })));
  }
}

export async function deleteRecoveryCodes(tx: Db, userId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export function unusedRecoveryCodes(tx: Db, userId: string) {
  return tx
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
}

/** Spends one code; false if another request spent it first. */
export async function spendRecoveryCode(tx: Db, id: string, at: Date): Promise<boolean> {
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(recoveryCodes.id, id), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}

export async function countUnusedRecoveryCodes(tx: Db, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

// ---- sessions and tokens ---------------------------------------------------------------------

/** A user's live sessions, most recently seen first. */
export function sessionsOf(tx: Db, userId: string, now: Date) {
  return tx
    .select({ id: sessions.id, sid: sessions.sid, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sql`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`));
}

/** Ends one of the user's own sessions; false when the user has none by that id. */
export async function deleteSessionOf(tx: Db, userId: string, id: string): Promise<boolean> {
  const gone = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return gone.length > 0;
}

/** Ends every session of the user (but the one whose stored key is `keep`); returns how many. */
export async function deleteSessionsOf(tx: Db, userId: string, keep: string | null = null): Promise<number> {
  const gone = await tx
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.sid, keep)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return gone.length;
}

/** Revokes every API token of the user (a deactivated user's tokens stay dead when reactivated). */
export async function revokeTokensOf(tx: Db, userId: string, at: Date): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}

/** A customer's name (for its users' invitations), or null if there is no such customer in scope. */
export async function controllerName(tx: Db, id: string): Promise<string | null> {
  const [row] = await tx.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, id));
  return row?.name ?? null;
}

/** The active users of a customer, locked for closing them all (the end of its agreement, art. 12.2). */
export async function lockActiveUsersOf(tx: Db, controllerId: string): Promise<UserRow[]> {
  return tx
    .select()
    .from(users)
    .where(and(eq(users.controllerId, controllerId), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .for("update");
}
