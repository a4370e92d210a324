import { authWords } from "./words.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind } from "../notices/index.ts";

// What the auth module tells a user about their own account: repeated failed logins locked it; an
// invitation to set a first password; a link to reset the password. Each goes to that one user by
// e-mail only (queueUserNotice), never into a shared inbox.

export interface AccountLocked {
  kind: "account_locked";
  /** Failed attempts that led to the lockout, and until when logins are refused (ISO instant). */
  failures: number;
  lockedUntil: string;
}

/**
 * The link's secret travels in the notice so the outbox can render the e-mail when it sends it (and
 * again on a retry); account_links keeps only its SHA-256. The kind declares it (`secret`), so the
 * API shows a placeholder instead, to everyone, and the outbox removes it from the notice once the
 * e-mail is sent (or the sweep once the link expired): see notices/secrets.ts.
 */
export interface AccountInvitation {
  kind: "account_invitation";
  secret: string;
  expiresAt: string;
  /** Who invited (a name), or null (the import, the system). */
  invitedBy: string | null;
  /** The customer the user joins, or null for staff. */
  customerName: string | null;
  role: string;
}

export interface PasswordReset {
  kind: "password_reset";
  secret: string;
  expiresAt: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    account_locked: AccountLocked;
    account_invitation: AccountInvitation;
    password_reset: PasswordReset;
  }
}

const templates = new URL("./notice-templates/", import.meta.url);

export const AUTH_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "account_locked",
    label: authWords.noticeKind.accountLocked,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({ failures: data.failures, lockedUntil: formatInstant(new Date(data.lockedUntil), zone, locale) }),
  }),
  defineNoticeKind({
    kind: "account_invitation",
    label: authWords.noticeKind.invitation,
    templates,
    acknowledged: false,
    toCustomer: (data) => data.customerName !== null,
    secret: { fields: ["secret"], until: "expiresAt" },
    view: (data, locale, zone) => ({
      secret: data.secret,
      invitedBy: data.invitedBy,
      invitedCustomer: data.customerName,
      roleName: authWords.roleName(data.role)[locale],
      expiresAt: formatInstant(new Date(data.expiresAt), zone, locale),
    }),
  }),
  defineNoticeKind({
    kind: "password_reset",
    label: authWords.noticeKind.passwordReset,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    secret: { fields: ["secret"], until: "expiresAt" },
    view: (data, locale, zone) => ({ secret: data.secret, expiresAt: formatInstant(new Date(data.expiresAt), zone, locale) }),
  }),
];
