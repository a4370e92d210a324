import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind, publicUrl } from "../notices/index.ts";
import { auditWords, type AuditActivity } from "./words.ts";

// What the audits module (art. 10) tells. An audit is confidential (art. 9.1): a customer's notices
// reach every user of its portal and its webhooks, so they say only that something happened in which
// audit, and link to the audit, which only the owner and the privacy contact may open.

export interface AuditRequested {
  kind: "audit_requested";
  auditId: string;
  reference: string;
  customerName: string;
  earliestAt: string;
}

export interface AuditRefused {
  kind: "audit_refused";
  auditId: string;
  reference: string;
}

export interface AuditUpdate {
  kind: "audit_update";
  auditId: string;
  reference: string;
  activity: AuditActivity;
  /** When the activity has a clock: the due instant (an information request) or the date (a date proposed). */
  at: string | null;
}

export interface AuditActivityNotice {
  kind: "audit_activity";
  auditId: string;
  reference: string;
  customerName: string;
  activity: AuditActivity;
  at: string | null;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    audit_requested: AuditRequested;
    audit_refused: AuditRefused;
    audit_update: AuditUpdate;
    audit_activity: AuditActivityNotice;
  }
}

const templates = new URL("./notice-templates/", import.meta.url);
const portalUrl = (auditId: string) => `${publicUrl()}/portal/audits/${auditId}`;
const adminUrl = (auditId: string) => `${publicUrl()}/admin/audits/${auditId}`;

export const AUDIT_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "audit_requested",
    label: auditWords.requestedKind,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      reference: data.reference,
      auditCustomer: data.customerName,
      earliest: formatInstant(new Date(data.earliestAt), zone, locale),
      auditUrl: adminUrl(data.auditId),
    }),
  }),
  defineNoticeKind({
    kind: "audit_refused",
    label: auditWords.refusedKind,
    templates,
    acknowledged: false,
    toCustomer: () => true,
    view: (data) => ({ reference: data.reference, auditUrl: portalUrl(data.auditId) }),
  }),
  defineNoticeKind({
    kind: "audit_update",
    label: auditWords.updateKind,
    templates,
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      reference: data.reference,
      activity: auditWords.activities[data.activity][locale],
      at: data.at ? formatInstant(new Date(data.at), zone, locale) : null,
      auditUrl: portalUrl(data.auditId),
    }),
  }),
  defineNoticeKind({
    kind: "audit_activity",
    label: auditWords.activityKind,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      reference: data.reference,
      auditCustomer: data.customerName,
      activity: auditWords.activities[data.activity][locale],
      at: data.at ? formatInstant(new Date(data.at), zone, locale) : null,
      auditUrl: adminUrl(data.auditId),
    }),
  }),
];
