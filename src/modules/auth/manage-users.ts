import type { Db } from "../../db/engine.ts";
import type { CustomerRole, StaffRole } from "../../db/schema/index.ts";
import { CUSTOMER_ALL } from "../../http/audience.ts";
import { STAFF_ALL } from "../../http/actor.ts";
import type { Clock } from "../../domain/clock.ts";
import { AppError, conflict, invalid } from "../../http/errors.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { queueUserNotice } from "../notices/index.ts";
import { LINK_LIFETIME_MS, newLinkSecret } from "./account-links.ts";
import {
  deleteSessionsOf,
  findUserRowByEmail,
  insertAccountLink,
  insertUser,
  lockActiveHolders,
  revokeTokensOf,
  setUserDisabled,
  setUserRole,
  spendOpenLinks,
  type UserRow,
} from "./account-queries.ts";
import { authWords } from "./words.ts";

// User management (DESIGN.md "Accounts and sign-in"): an owner invites its privacy contact and
// viewers, the admin its staff; roles change, users are deactivated and reactivated; each change is
// evidence in the user's customer's stream (staff: the processor's), in the transaction of the change.

export type NewUser = { name: string; email: string; locale: "nl" | "en" } & (
  { kind: "customer"; controllerId: string; customerName: string; role: CustomerRole } | { kind: "staff"; role: StaffRole }
);

/** Who acts: for the evidence, and the invitation's "X has invited you". */
export interface Acting {
  event: EventActor;
  userId: string | null;
  name: string | null;
}

const roleOf = (user: UserRow): string => user.customerRole ?? user.staffRole ?? "";

/**
 * Invites a user: creates them without a password, a single-use invitation link (7 days; only its
 * SHA-256 stored) and the e-mail with the link, queued in the outbox. 409 when the address is taken.
 */
export async function inviteUser(tx: Db, clock: Clock, by: Acting, input: NewUser): Promise<UserRow> {
  if (await findUserRowByEmail(tx, input.email)) {
    throw emailTaken();
  }
  const user = await insertUser(tx, {
    email: input.email,
    name: input.name.trim(),
    locale: input.locale,
    kind: input.kind,
    passwordHash: null,
    createdAt: clock.now(),
    ...(input.kind === "customer"
      ? { controllerId: input.controllerId, customerRole: input.role, staffRole: null }
      : { staffRole: input.role, controllerId: null, customerRole: null }),
  });
  if (!user) {
    throw emailTaken();
  }
  await recordEvents(tx, clock, [
    {
      type: "user.invited",
      actor: by.event,
      controllerId: user.controllerId,
      subject: { type: "user", id: user.id },
      data: { email: user.email, name: user.name, role: roleOf(user), locale: user.locale },
    },
  ]);
  await sendInvitation(tx, clock, by, user, input.kind === "customer" ? input.customerName : null);
  return user;
}

/** A new invitation link replaces any open one (which stops working), and is e-mailed. */
export async function resendInvitation(tx: Db, clock: Clock, by: Acting, user: UserRow, customerName: string | null): Promise<void> {
  if (user.passwordHash !== null) {
    throw conflict(authWords.alreadyAccepted);
  }
  if (user.disabledAt) {
    throw conflict(authWords.disabledUser);
  }
  const replaced = await spendOpenLinks(tx, user.id, "invitation", clock.now());
  await recordEvents(tx, clock, [
    { type: "user.invitation_resent", actor: by.event, controllerId: user.controllerId, subject: { type: "user", id: user.id }, data: { replaced } },
  ]);
  await sendInvitation(tx, clock, by, user, customerName);
}

async function sendInvitation(tx: Db, clock: Clock, by: Acting, user: UserRow, customerName: string | null): Promise<void> {
  const now = clock.now();
  const { secret, tokenHash } = newLinkSecret();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS.invitation);
  await insertAccountLink(tx, {
    userId: user.id,
    controllerId: user.controllerId,
    purpose: "invitation",
    tokenHash,
    createdBy: by.userId,
    createdAt: now,
    expiresAt,
  });
  await queueUserNotice(tx, clock, by.event, {
    user,
    data: { kind: "account_invitation", secret, expiresAt: expiresAt.toISOString(), invitedBy: by.name, customerName, role: roleOf(user) },
    subject: { type: "user", id: user.id },
  });
}

/**
 * Changes a user's role. Nobody changes their own, and a customer keeps at least one active owner
 * (the processor at least one active admin).
 */
export async function changeRole(tx: Db, clock: Clock, by: Acting, user: UserRow, role: CustomerRole | StaffRole): Promise<void> {
  notYourself(by, user);
  const before = roleOf(user);
  if (before === role) {
    return;
  }
  if (user.kind === "customer") {
    if (!isCustomerRole(role)) {
      throw invalid("body.role", authWords.wrongRoleKind);
    }
    await keepOneHolder(tx, user);
    await setUserRole(tx, user.id, { customerRole: role });
  } else {
    if (!isStaffRole(role)) {
      throw invalid("body.role", authWords.wrongRoleKind);
    }
    await keepOneHolder(tx, user);
    await setUserRole(tx, user.id, { staffRole: role });
  }
  await recordEvents(tx, clock, [
    { type: "user.role_changed", actor: by.event, controllerId: user.controllerId, subject: { type: "user", id: user.id }, data: { before, after: role } },
  ]);
}

/**
 * Deactivates a user at once: every session ends, every API token is revoked, open links stop
 * working, and logins are refused (resolve-actor.ts refuses a disabled user on every request).
 */
export async function deactivateUser(tx: Db, clock: Clock, by: Acting, user: UserRow): Promise<void> {
  notYourself(by, user);
  if (user.disabledAt) {
    return;
  }
  await keepOneHolder(tx, user);
  const now = clock.now();
  await setUserDisabled(tx, user.id, now);
  const sessionsEnded = await deleteSessionsOf(tx, user.id);
  const tokensRevoked = await revokeTokensOf(tx, user.id, now);
  const linksSpent = (await spendOpenLinks(tx, user.id, "invitation", now)) + (await spendOpenLinks(tx, user.id, "password_reset", now));
  await recordEvents(tx, clock, [
    {
      type: "user.deactivated",
      actor: by.event,
      controllerId: user.controllerId,
      subject: { type: "user", id: user.id },
      data: { role: roleOf(user), sessionsEnded, tokensRevoked, linksSpent },
    },
  ]);
}

export async function reactivateUser(tx: Db, clock: Clock, by: Acting, user: UserRow): Promise<void> {
  notYourself(by, user);
  if (!user.disabledAt) {
    return;
  }
  await setUserDisabled(tx, user.id, null);
  await recordEvents(tx, clock, [
    { type: "user.reactivated", actor: by.event, controllerId: user.controllerId, subject: { type: "user", id: user.id }, data: { role: roleOf(user) } },
  ]);
}

function notYourself(by: Acting, user: UserRow): void {
  if (by.userId === user.id) {
    throw conflict(authWords.notYourself);
  }
}

/** An active owner (admin) about to lose the role or be deactivated must not be the last one. */
async function keepOneHolder(tx: Db, user: UserRow): Promise<void> {
  const holds = user.kind === "customer" ? user.customerRole === "owner" : user.staffRole === "admin";
  if (!holds || user.disabledAt) {
    return;
  }
  const holders = await lockActiveHolders(tx, user.kind === "customer" && user.controllerId ? { controllerId: user.controllerId } : { staff: true });
  if (holders.filter((id) => id !== user.id).length === 0) {
    throw conflict(user.kind === "customer" ? authWords.lastOwner : authWords.lastAdmin);
  }
}

const isCustomerRole = (role: string): role is CustomerRole => (CUSTOMER_ALL as readonly string[]).includes(role);
const isStaffRole = (role: string): role is StaffRole => (STAFF_ALL as readonly string[]).includes(role);

/** 409 naming the field: the address belongs to another user (or to an invitation not yet accepted). */
export const emailTaken = () => new AppError("conflict", authWords.emailTaken, [{ field: "body.email", message: authWords.emailTakenField }]);

/** A new customer's owner, to invite (from an import: the privacy contact's name and address). */
export interface OwnerToInvite {
  controllerId: string;
  customerName: string;
  name: string;
  email: string;
  locale: "nl" | "en";
}

/**
 * Invites each new customer's owner (the customer import's option): one invitation each, in the
 * import's transaction. An address that already has a user is skipped (no second account for one
 * person); returns how many were invited.
 */
export async function inviteOwners(tx: Db, clock: Clock, actor: EventActor, owners: readonly OwnerToInvite[]): Promise<number> {
  let invited = 0;
  for (const owner of owners) {
    if (await findUserRowByEmail(tx, owner.email)) {
      continue;
    }
    await inviteUser(tx, clock, { event: actor, userId: null, name: null }, { kind: "customer", role: "owner", ...owner });
    invited += 1;
  }
  return invited;
}
