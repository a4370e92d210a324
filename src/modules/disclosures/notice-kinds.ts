import type { AuthorityKind, DisclosureDecision } from "../../db/schema/index.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind, publicUrl } from "../notices/index.ts";
import { disclosureWords } from "./words.ts";

// What the disclosures module (art. 9.2) tells: a concerned customer, that an authority ordered the
// processor to disclose its data (as far as the law and the order allow, once no gag forbids it);
// and the processor's staff, that a customer stated it must disclose the processor's confidential
// information.

export interface DisclosureNotice {
  kind: "disclosure_notice";
  orderId: string;
  reference: string;
  /** null: the processor may not name the authority (the notice says so). */
  authority: string | null;
  authorityKind: AuthorityKind;
  legalBasis: string | null;
  receivedAt: string;
  decision: DisclosureDecision;
  disclosedAt: string | null;
  /** When a gag kept the processor from telling sooner. */
  gagEndedAt: string | null;
  /** What the order is about, as far as allowed: the staff's words. */
  summary: string;
}

export interface DisclosureStatementReceived {
  kind: "disclosure_statement";
  statementId: string;
  customerName: string;
  authority: string;
  legalBasis: string;
  information: string;
  dueAt: string | null;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    disclosure_notice: DisclosureNotice;
    disclosure_statement: DisclosureStatementReceived;
  }
}

export const DISCLOSURE_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "disclosure_notice",
    label: disclosureWords.noticeKind,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      reference: data.reference,
      authority: data.authority,
      authorityKind: disclosureWords.authorityKinds[data.authorityKind][locale],
      legalBasis: data.legalBasis,
      received: formatInstant(new Date(data.receivedAt), zone, locale),
      decisionText: disclosureWords.decisions[data.decision][locale],
      disclosed: data.disclosedAt ? formatInstant(new Date(data.disclosedAt), zone, locale) : null,
      gagEnded: data.gagEndedAt ? formatInstant(new Date(data.gagEndedAt), zone, locale) : null,
      summary: data.summary,
      disclosuresUrl: `${publicUrl()}/portal/disclosures`,
    }),
  }),
  defineNoticeKind({
    kind: "disclosure_statement",
    label: disclosureWords.statementKind,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      statementCustomer: data.customerName,
      authority: data.authority,
      legalBasis: data.legalBasis,
      information: data.information,
      due: data.dueAt ? formatInstant(new Date(data.dueAt), zone, locale) : null,
      statementsUrl: `${publicUrl()}/admin/disclosures`,
    }),
  }),
];
