import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { AccountLinkPurpose } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { AppError, invalid } from "../../http/errors.ts";
import { recordEvents, SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { queueUserNotice } from "../notices/index.ts";
import { hashLinkSecret, LINK_LIFETIME_MS, newLinkSecret } from "./account-links.ts";
import {
  deleteSessionsOf,
  findLinkByHash,
  findUserRowByEmail,
  insertAccountLink,
  lockLinkByHash,
  lockUser,
  setUserPassword,
  spendOpenLinks,
  type UserRow,
} from "./account-queries.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { clearThrottle } from "./throttle-queries.ts";
import { authWords } from "./words.ts";

// Passwords (DESIGN.md "Accounts and sign-in"): set through an invitation, reset through a link
// e-mailed on request, changed knowing the current one. Every new password passes the one policy
// (domain/password-policy.ts); setting one ends sessions; each is evidence.

const unusable = (field = "body.secret") => new AppError("validation", authWords.linkUnusable, [{ field, message: authWords.linkUnusableField }]);

/** 400 naming the field when the password does not pass the policy (too short, leaked, too weak). */
export async function assertStrongPassword(password: string, user: { name: string; email: string }, field = "body.password"): Promise<void> {
  // Loaded when a password is first set: zxcvbn's dictionaries are ~60 MB a web process need not hold otherwise.
  const { judgePassword, passwordProblemText } = await import("../../domain/password-policy.ts");
  const problem = passwordProblemText(judgePassword(password, [user.name, user.email]));
  if (problem) {
    throw invalid(field, problem);
  }
}

export interface LinkInfo {
  purpose: AccountLinkPurpose;
  name: string;
  email: string;
  locale: "nl" | "en";
  expiresAt: Date;
}

/** What a link's page shows before its form is sent: whose account, until when. 400 if it cannot be used. */
export async function inspectLink(db: Db, clock: Clock, secret: string, purpose: AccountLinkPurpose): Promise<LinkInfo> {
  const found = await inScope(db, { kind: "processor" }, (tx) => findLinkByHash(tx, hashLinkSecret(secret)));
  if (!found || found.link.purpose !== purpose || found.link.usedAt || found.link.expiresAt <= clock.now() || found.user.disabledAt) {
    throw unusable();
  }
  return { purpose, name: found.user.name, email: found.user.email, locale: found.user.locale, expiresAt: found.link.expiresAt };
}

/**
 * Spends a link and sets the user's password, in one transaction: the link's row is locked, so of
 * two requests with one link only the first sets a password. Every session of the user ends.
 */
async function setPasswordByLink(db: Db, clock: Clock, secret: string, purpose: AccountLinkPurpose, password: string): Promise<UserRow> {
  const now = clock.now();
  // The policy check needs the user's name and address; the slow hash is made outside the transaction.
  const preview = await inspectLink(db, clock, secret, purpose);
  await assertStrongPassword(password, preview);
  const passwordHash = await hashPassword(password);
  return inScope(db, { kind: "processor" }, async (tx) => {
    const link = await lockLinkByHash(tx, hashLinkSecret(secret));
    const user = link ? await lockUser(tx, link.userId) : null;
    if (!link || !user || link.purpose !== purpose || link.usedAt || link.expiresAt <= now || user.disabledAt) {
      throw unusable();
    }
    await setUserPassword(tx, user.id, passwordHash, now);
    const linksSpent = (await spendOpenLinks(tx, user.id, "invitation", now)) + (await spendOpenLinks(tx, user.id, "password_reset", now));
    const sessionsEnded = await deleteSessionsOf(tx, user.id);
    const actor: EventActor = { kind: user.kind, id: user.id, label: `${user.name} <${user.email}>` };
    await recordEvents(tx, clock, [
      {
        type: purpose === "invitation" ? "user.invitation_accepted" : "user.password_reset",
        actor,
        controllerId: user.controllerId,
        subject: { type: "user", id: user.id },
        data: { link: link.id, linksSpent, sessionsEnded },
      },
    ]);
    return user;
  });
}

/** The invited user sets a first password; the caller logs them in. */
export function acceptInvitation(db: Db, clock: Clock, secret: string, password: string): Promise<UserRow> {
  return setPasswordByLink(db, clock, secret, "invitation", password);
}

/** A new password through a reset link: every session of the user ends, and the account's failed logins are forgotten. */
export async function confirmPasswordReset(db: Db, clock: Clock, secret: string, password: string): Promise<UserRow> {
  const user = await setPasswordByLink(db, clock, secret, "password_reset", password);
  await clearThrottle(db, user.email.trim().toLowerCase());
  return user;
}

/**
 * Forgot password: an active user with a password gets a single-use link (1 hour) by e-mail, which
 * replaces any earlier one. An unknown address, a deactivated user or one without a password (an
 * invitation not yet accepted, single sign-on only) gets nothing; the caller answers the same.
 */
export async function requestPasswordReset(db: Db, clock: Clock, email: string): Promise<boolean> {
  return inScope(db, { kind: "processor" }, async (tx) => {
    const user = await findUserRowByEmail(tx, email);
    if (!user || user.disabledAt || user.passwordHash === null) {
      return false;
    }
    const now = clock.now();
    const replaced = await spendOpenLinks(tx, user.id, "password_reset", now);
    const { secret, tokenHash } = newLinkSecret();
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS.password_reset);
    await insertAccountLink(tx, {
      userId: user.id,
      controllerId: user.controllerId,
      purpose: "password_reset",
      tokenHash,
      createdBy: null,
      createdAt: now,
      expiresAt,
    });
    await recordEvents(tx, clock, [
      {
        type: "user.password_reset_requested",
        actor: SYSTEM_ACTOR,
        controllerId: user.controllerId,
        subject: { type: "user", id: user.id },
        data: { replaced },
      },
    ]);
    await queueUserNotice(tx, clock, SYSTEM_ACTOR, {
      user,
      data: { kind: "password_reset", secret, expiresAt: expiresAt.toISOString() },
      subject: { type: "user", id: user.id },
    });
    return true;
  });
}

/**
 * A logged-in user changes their password, knowing the current one (checked by the caller, with the
 * login limit). Their other sessions end; this one (`keepSession`, its stored key) stays; called with an API token, every session ends.
 */
export async function changePassword(db: Db, clock: Clock, actor: EventActor, user: UserRow, password: string, keepSession: string | null): Promise<number> {
  await assertStrongPassword(password, user, "body.newPassword");
  if (await verifyPassword(user.passwordHash, password)) {
    throw invalid("body.newPassword", authWords.sameAsBefore);
  }
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  return inScope(db, { kind: "processor" }, async (tx) => {
    await setUserPassword(tx, user.id, passwordHash, now);
    await spendOpenLinks(tx, user.id, "password_reset", now);
    const sessionsEnded = await deleteSessionsOf(tx, user.id, keepSession);
    await recordEvents(tx, clock, [
      { type: "user.password_changed", actor, controllerId: user.controllerId, subject: { type: "user", id: user.id }, data: { sessionsEnded } },
    ]);
    return sessionsEnded;
  });
}
