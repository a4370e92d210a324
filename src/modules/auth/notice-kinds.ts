import { authWords } from "./words.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind } from "../notices/index.ts";

// What the auth module tells a user about their own account: repeated failed logins locked it.

export interface AccountLocked {
  kind: "account_locked";
  /** Failed attempts that led to the lockout, and until when logins are refused (ISO instant). */
  failures: number;
  lockedUntil: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    account_locked: AccountLocked;
  }
}

export const AUTH_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "account_locked",
    label: authWords.noticeKind.accountLocked,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({ failures: data.failures, lockedUntil: formatInstant(new Date(data.lockedUntil), zone, locale) }),
  }),
];
