import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind, publicUrl } from "../notices/index.ts";
import { endingWords } from "./words.ts";

// What the ending module (art. 12.2, 12.4) tells: the customer, that its agreement ended (with the
// plan's due date, how to ask for a return first, and until when its portal stays readable), and
// that its deletion certificate is ready; the processor's admin and privacy officer, that a legal
// hold ended and its data are to be deleted now.

export interface AgreementEndedNotice {
  kind: "agreement_ended";
  endingId: string;
  reference: string;
  endedAt: string;
  planDueAt: string;
  portalClosesAt: string;
  lines: number;
}

export interface DeletionCertificateNotice {
  kind: "deletion_certificate";
  endingId: string;
  certificateId: string;
  reference: string;
  number: number;
  supplementary: boolean;
  sha256: string;
  portalClosesAt: string;
}

export interface LegalHoldEndedNotice {
  kind: "legal_hold_ended";
  endingId: string;
  holdId: string;
  reference: string;
  customerName: string;
  data: string;
  legalGround: string;
  endsOn: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    agreement_ended: AgreementEndedNotice;
    deletion_certificate: DeletionCertificateNotice;
    legal_hold_ended: LegalHoldEndedNotice;
  }
}

const templates = new URL("./notice-templates/", import.meta.url);

export const ENDING_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "agreement_ended",
    label: endingWords.endedKind,
    templates,
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      reference: data.reference,
      ended: formatInstant(new Date(data.endedAt), zone, locale),
      planDue: formatInstant(new Date(data.planDueAt), zone, locale),
      portalCloses: formatInstant(new Date(data.portalClosesAt), zone, locale),
      lines: data.lines,
      endingUrl: `${publicUrl()}/portal/ending`,
    }),
  }),
  defineNoticeKind({
    kind: "deletion_certificate",
    label: endingWords.certificateKind,
    templates,
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      reference: data.reference,
      number: data.number,
      supplementary: data.supplementary,
      sha256: data.sha256,
      portalCloses: formatInstant(new Date(data.portalClosesAt), zone, locale),
      endingUrl: `${publicUrl()}/portal/ending`,
    }),
  }),
  defineNoticeKind({
    kind: "legal_hold_ended",
    label: endingWords.holdEndedKind,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    view: (data) => ({
      reference: data.reference,
      holdCustomer: data.customerName,
      data: data.data,
      legalGround: data.legalGround,
      endsOn: data.endsOn,
      endingUrl: `${publicUrl()}/admin/endings`,
    }),
  }),
];
