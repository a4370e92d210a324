import { formatDate } from "../../domain/legal-time.ts";
import { defineNoticeKind, publicUrl } from "../notices/index.ts";
import { agreementWords } from "./words.ts";

// What the agreements module tells a customer that has not signed an offered agreement: a reminder,
// on the days its template version's parameters name (signing-reminders.ts), or when staff ask.

export interface SigningReminder {
  kind: "signing_reminder";
  agreementId: string;
  templateVersion: number;
  offeredAt: string;
  /** The scheduled day after the offer (7, 14, 30, …); null for a reminder staff sent by hand. */
  day: number | null;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    signing_reminder: SigningReminder;
  }
}

export const AGREEMENT_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "signing_reminder",
    label: agreementWords.signingReminder.label,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      agreementId: data.agreementId,
      templateVersion: data.templateVersion,
      offeredDate: formatDate(new Date(data.offeredAt), zone, locale),
      signUrl: `${publicUrl()}/portal/agreements/${data.agreementId}`,
    }),
  }),
];
