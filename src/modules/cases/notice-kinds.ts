import { formatDate } from "../../domain/legal-time.ts";
import type { LocalizedText } from "../../domain/text.ts";
import { defineNoticeKind, type NoticeView } from "../notices/index.ts";
import { caseWords } from "./words.ts";

// What a case tells the other side: the processor's staff of a new request, a message and a
// decision on an estimate; the customer of a message, an estimate and the end.

interface CaseNoticeBase {
  caseId: string;
  reference: string;
  caseKind: LocalizedText;
  title: string;
}

export interface CaseOpened extends CaseNoticeBase {
  kind: "case_opened";
  customerName: string;
  askedByName: string;
  /** When the processor's answer is due (ISO 8601). */
  dueAt: string;
}
export interface CaseMessage extends CaseNoticeBase {
  kind: "case_message";
  from: "processor" | "customer";
  authorName: string;
  excerpt: string;
}
export interface CaseEstimate extends CaseNoticeBase {
  kind: "case_estimate";
  estimateId: string;
  totalCents: number;
  currency: string;
  description: string;
}
export interface CaseEstimateDecided extends CaseNoticeBase {
  kind: "case_estimate_decided";
  accepted: boolean;
  decidedByName: string;
  totalCents: number;
  currency: string;
}
export interface CaseClosed extends CaseNoticeBase {
  kind: "case_closed";
  outcome: LocalizedText;
  note: string;
  finalCents: number;
  currency: string;
  deliverables: number;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    case_opened: CaseOpened;
    case_message: CaseMessage;
    case_estimate: CaseEstimate;
    case_estimate_decided: CaseEstimateDecided;
    case_closed: CaseClosed;
  }
}

const TEMPLATES = new URL("./notice-templates/", import.meta.url);

/** An amount in cents as money in the reader's language: € 1.234,50 / €1,234.50. */
export function moneyText(cents: number, currency: string, locale: "nl" | "en"): string {
  return new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency }).format(cents / 100);
}

function base(data: CaseNoticeBase, locale: "nl" | "en"): NoticeView {
  return { caseId: data.caseId, reference: data.reference, caseKind: data.caseKind[locale], caseTitle: data.title };
}

export const CASE_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "case_opened",
    label: caseWords.noticeKind.caseOpened,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      ...base(data, locale),
      askingCustomer: data.customerName,
      askedByName: data.askedByName,
      due: formatDate(new Date(data.dueAt), zone, locale),
    }),
  }),
  defineNoticeKind({
    kind: "case_message",
    label: caseWords.noticeKind.caseMessage,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: (data) => data.from === "processor",
    view: (data, locale) => ({ ...base(data, locale), fromProcessor: data.from === "processor", authorName: data.authorName, excerpt: data.excerpt }),
  }),
  defineNoticeKind({
    kind: "case_estimate",
    label: caseWords.noticeKind.caseEstimate,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale) => ({ ...base(data, locale), total: moneyText(data.totalCents, data.currency, locale), description: data.description }),
  }),
  defineNoticeKind({
    kind: "case_estimate_decided",
    label: caseWords.noticeKind.caseEstimateDecided,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale) => ({
      ...base(data, locale),
      accepted: data.accepted,
      decidedByName: data.decidedByName,
      total: moneyText(data.totalCents, data.currency, locale),
    }),
  }),
  defineNoticeKind({
    kind: "case_closed",
    label: caseWords.noticeKind.caseClosed,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale) => ({
      ...base(data, locale),
      outcome: data.outcome[locale],
      note: data.note,
      hasCosts: data.finalCents !== 0,
      finalCosts: moneyText(data.finalCents, data.currency, locale),
      hasDeliverables: data.deliverables > 0,
      deliverables: data.deliverables,
    }),
  }),
];
