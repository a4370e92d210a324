import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { controllers, userIdentities, users, type CustomerRole, type StaffRole } from "../../db/schema/index.ts";

// Single sign-on's statements. The lookups run before anyone is known (as the owner, like the
// password login's); the writes in the processor's scope, in the sign-in's transaction.

export type SsoUser = typeof users.$inferSelect;

/** The user an OpenID Connect identity (issuer + subject) signs in as, or null. */
export async function findIdentityUser(db: Db, issuer: string, subject: string): Promise<SsoUser | null> {
  const [row] = await db
    .select({ user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  return row?.user ?? null;
}

/** A user by id, or null. */
export async function findUserOf(db: Db, userId: string): Promise<SsoUser | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** The issuers a user signs in through (their identities' issuer URLs). */
export async function identityIssuersOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ issuer: userIdentities.issuer }).from(userIdentities).where(eq(userIdentities.userId, userId));
  return rows.map((row) => row.issuer);
}

/** A user by e-mail address (lower-cased), or null. */
export async function findSsoUserByEmail(db: Db, email: string): Promise<SsoUser | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

/** The customer with this customer number, or null. */
export async function findControllerByNumber(db: Db, customerNumber: string): Promise<{ id: string; name: string; locale: "nl" | "en" } | null> {
  const [row] = await db
    .select({ id: controllers.id, name: controllers.name, locale: controllers.locale })
    .from(controllers)
    .where(eq(controllers.customerNumber, customerNumber));
  return row ?? null;
}

/** A user created on its first sign-in: no password (it signs in through its issuer). */
export async function insertSsoUser(
  tx: Db,
  user: { email: string; name: string; locale: "nl" | "en" } & (
    { kind: "customer"; controllerId: string; customerRole: CustomerRole } | { kind: "staff"; staffRole: StaffRole }
  ),
): Promise<SsoUser> {
  const [row] = await tx
    .insert(users)
    .values({ ...user, email: user.email.trim().toLowerCase(), passwordHash: null })
    .returning();
  if (!row) {
    throw new Error("user insert returned nothing");
  }
  return row;
}

export async function insertIdentity(tx: Db, identity: { issuer: string; subject: string; userId: string; lastLoginAt: Date }): Promise<void> {
  await tx.insert(userIdentities).values(identity);
}

export async function touchIdentity(tx: Db, issuer: string, subject: string, at: Date): Promise<void> {
  await tx
    .update(userIdentities)
    .set({ lastLoginAt: at })
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
}

/** Sets a user's role (the one of its kind) as its issuer now names it. */
export async function setUserRole(tx: Db, userId: string, role: { customerRole: CustomerRole } | { staffRole: StaffRole }): Promise<SsoUser> {
  const [row] = await tx.update(users).set(role).where(eq(users.id, userId)).returning();
  if (!row) {
    throw new Error("user role update returned nothing");
  }
  return row;
}
