import { noticeWords } from "./words.ts";
import { defineNoticeKind } from "./kind-registry.ts";

// The notices engine's own kind: a privacy contact's address fails (art. 4.4), told to the customer's
// owner, or to the processor's staff when the customer has nobody else.

export interface ContactFailing {
  kind: "contact_failing";
  /** The address that failed, and why (the last error). */
  email: string;
  reason: string;
  /** Audience: the customer's owner, or the processor's staff (customerName set). */
  customerName: string | null;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    contact_failing: ContactFailing;
  }
}

export const NOTICES_OWN_KINDS = [
  defineNoticeKind({
    kind: "contact_failing",
    label: noticeWords.noticeKind.contactFailing,
    templates: new URL("./templates/", import.meta.url),
    acknowledged: false,
    toCustomer: (data) => data.customerName === null,
    view: (data) => ({ failedEmail: data.email, failure: data.reason, customerOfContact: data.customerName }),
  }),
];
