import { obligationWords } from "./words.ts";
import { formatDate, formatInstant } from "../../domain/legal-time.ts";
import type { Locale, LocalizedText } from "../../domain/text.ts";
import { defineNoticeKind, type NoticeView } from "../notices/index.ts";

// What the deadline sweep tells the people who answer for a duty: a reminder before its deadline,
// and an escalation once it has passed (templates in notice-templates/).

export interface ObligationReminder {
  kind: "obligation_reminder";
  obligationId: string;
  title: LocalizedText;
  dueAt: string;
}

export interface ObligationEscalated {
  kind: "obligation_escalated";
  obligationId: string;
  title: LocalizedText;
  dueAt: string;
  customerName: string | null;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    obligation_reminder: ObligationReminder;
    obligation_escalated: ObligationEscalated;
  }
}

const TEMPLATES = new URL("./notice-templates/", import.meta.url);

/** The duty a reminder or an escalation is about, with its deadline in the reader's zone. */
function dutyView(data: ObligationReminder | ObligationEscalated, locale: Locale, zone: string): NoticeView {
  return {
    obligationId: data.obligationId,
    obligationTitle: data.title[locale],
    due: formatInstant(new Date(data.dueAt), zone, locale),
    dueDate: formatDate(new Date(data.dueAt), zone, locale),
  };
}

export const OBLIGATION_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "obligation_reminder",
    label: obligationWords.noticeKind.reminder,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => false,
    view: dutyView,
  }),
  defineNoticeKind({
    kind: "obligation_escalated",
    label: obligationWords.noticeKind.escalated,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      ...dutyView(data, locale, zone),
      obligationCustomer: data.customerName,
    }),
  }),
];
