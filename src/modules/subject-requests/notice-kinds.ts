import type { SubjectRequestContent, SubjectRequestSource, SubjectRight } from "../../db/schema/index.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind } from "../notices/index.ts";
import { subjectRequestWords as W } from "./words.ts";

// What a data subject's request (art. 8.1) sends: to the requester, the link to confirm its address
// and, if staff choose, that it went to the organisation responsible or to none of the processor's
// customers (toPublic: no agreement footer, no portal link); to the privacy staff, that one arrived;
// to the customer, the request as received, which it acknowledges.

export interface SubjectRequestConfirmation {
  kind: "subject_request_confirmation";
  reference: string;
  right: SubjectRight;
  secret: string;
  expiresAt: string;
}
export interface SubjectRequestReceived {
  kind: "subject_request_received";
  requestId: string;
  reference: string;
  right: SubjectRight;
  source: SubjectRequestSource;
  dueAt: string;
}
export interface SubjectRequestForwarded {
  kind: "subject_request_forwarded";
  requestId: string;
  reference: string;
  right: SubjectRight;
  source: SubjectRequestSource;
  receivedAt: string;
  content: SubjectRequestContent;
  files: number;
}
export interface SubjectRequestRequesterTold {
  kind: "subject_request_requester_told";
  reference: string;
  right: SubjectRight;
}
export interface SubjectRequestNotOurs {
  kind: "subject_request_not_ours";
  reference: string;
  right: SubjectRight;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    subject_request_confirmation: SubjectRequestConfirmation;
    subject_request_received: SubjectRequestReceived;
    subject_request_forwarded: SubjectRequestForwarded;
    subject_request_requester_told: SubjectRequestRequesterTold;
    subject_request_not_ours: SubjectRequestNotOurs;
  }
}

const templates = new URL("./notice-templates/", import.meta.url);

export const SUBJECT_REQUEST_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "subject_request_confirmation",
    label: W.noticeKind.confirmation,
    templates,
    acknowledged: false,
    toCustomer: () => true,
    toPublic: true,
    secret: { fields: ["secret"], until: "expiresAt" },
    view: (data, locale, zone) => ({
      reference: data.reference,
      right: W.right[data.right][locale],
      secret: data.secret,
      expiresAt: formatInstant(new Date(data.expiresAt), zone, locale),
    }),
  }),
  defineNoticeKind({
    kind: "subject_request_received",
    label: W.noticeKind.received,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      requestId: data.requestId,
      reference: data.reference,
      right: W.right[data.right][locale],
      source: W.source[data.source][locale],
      due: formatInstant(new Date(data.dueAt), zone, locale),
    }),
  }),
  defineNoticeKind({
    kind: "subject_request_forwarded",
    label: W.noticeKind.forwarded,
    templates,
    acknowledged: true,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      requestId: data.requestId,
      reference: data.reference,
      right: W.right[data.right][locale],
      source: W.source[data.source][locale],
      receivedAt: formatInstant(new Date(data.receivedAt), zone, locale),
      requesterName: data.content.name,
      requesterEmail: data.content.email,
      requesterPhone: data.content.phone,
      organisation: data.content.organisation,
      website: data.content.website,
      message: data.content.message,
      hasFiles: data.files > 0,
      files: data.files,
    }),
  }),
  defineNoticeKind({
    kind: "subject_request_requester_told",
    label: W.noticeKind.requesterTold,
    templates,
    acknowledged: false,
    toCustomer: () => true,
    toPublic: true,
    view: (data, locale) => ({ reference: data.reference, right: W.right[data.right][locale] }),
  }),
  defineNoticeKind({
    kind: "subject_request_not_ours",
    label: W.noticeKind.notOurs,
    templates,
    acknowledged: false,
    toCustomer: () => true,
    toPublic: true,
    view: (data, locale) => ({ reference: data.reference, right: W.right[data.right][locale] }),
  }),
];
