import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind } from "../notices/index.ts";
import { accessWords } from "./words.ts";

// What the access module tells: the privacy officers, that support opened a customer outside
// their assignment (art. 9.1 break glass), with the reason.

export interface BreakGlassNotice {
  kind: "break_glass";
  grantId: string;
  controllerId: string;
  customerName: string;
  staffName: string;
  staffEmail: string;
  reason: string;
  /** When the grant ends (ISO 8601). */
  expiresAt: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    break_glass: BreakGlassNotice;
  }
}

const TEMPLATES = new URL("./notice-templates/", import.meta.url);

export const ACCESS_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "break_glass",
    label: accessWords.noticeKind.breakGlass,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, _locale, zone) => ({
      openedCustomer: data.customerName,
      staffName: data.staffName,
      staffEmail: data.staffEmail,
      reason: data.reason,
      until: formatInstant(new Date(data.expiresAt), zone, _locale),
    }),
  }),
];
