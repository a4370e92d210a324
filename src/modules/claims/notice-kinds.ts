import { formatDate, formatInstant } from "../../domain/legal-time.ts";
import { formatElapsed } from "../../domain/default-notice.ts";
import { Temporal } from "temporal-polyfill";
import { defineNoticeKind, publicUrl } from "../notices/index.ts";
import { claimWords } from "./words.ts";

// What the claims module (art. 11) tells. Confidential between the parties: a notice to staff goes
// to the admin and the privacy officer only; one to the customer names the notice of default and
// the date, never the failure, and links to the portal page its owner and privacy contact may open.

export interface DefaultNoticeGiven {
  kind: "default_notice_given";
  noticeId: string;
  reference: string;
  customerName: string;
  learnedAt: string;
  givenAt: string;
  elapsedMinutes: number;
  late: boolean;
}

export interface CureDateNotice {
  kind: "cure_date_proposed" | "cure_date_agreed";
  noticeId: string;
  reference: string;
  /** YYYY-MM-DD */
  date: string;
  /** Who is told: the customer, or the processor's staff. */
  to: "customer" | "staff";
  byName: string;
}

export interface ClaimLapseReminder {
  kind: "claim_lapse_reminder";
  claimId: string;
  reference: string;
  customerName: string;
  lapsesAt: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    default_notice_given: DefaultNoticeGiven;
    cure_date_proposed: CureDateNotice & { kind: "cure_date_proposed" };
    cure_date_agreed: CureDateNotice & { kind: "cure_date_agreed" };
    claim_lapse_reminder: ClaimLapseReminder;
  }
}

const templates = new URL("./notice-templates/", import.meta.url);
const noticeUrl = (data: { noticeId: string; to: "customer" | "staff" }) =>
  `${publicUrl()}/${data.to === "customer" ? "portal" : "admin"}/default-notices/${data.noticeId}`;
/** A local date "YYYY-MM-DD" as the reader writes it. */
const localDay = (date: string, zone: string, locale: "nl" | "en") =>
  formatDate(new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone, plainTime: "12:00" }).epochMilliseconds), zone, locale);

const cureView = (data: CureDateNotice, locale: "nl" | "en", zone: string) => ({
  reference: data.reference,
  date: localDay(data.date, zone, locale),
  byName: data.byName,
  defaultNoticeUrl: noticeUrl(data),
});

export const CLAIM_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "default_notice_given",
    label: claimWords.kinds.defaultNoticeGiven,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      reference: data.reference,
      noticeCustomer: data.customerName,
      learned: formatInstant(new Date(data.learnedAt), zone, locale),
      given: formatInstant(new Date(data.givenAt), zone, locale),
      elapsed: formatElapsed(data.elapsedMinutes, locale),
      late: data.late,
      defaultNoticeUrl: noticeUrl({ noticeId: data.noticeId, to: "staff" }),
    }),
  }),
  defineNoticeKind({
    kind: "cure_date_proposed",
    label: claimWords.kinds.cureProposed,
    templates,
    acknowledged: false,
    toCustomer: (data) => data.to === "customer",
    view: cureView,
  }),
  defineNoticeKind({
    kind: "cure_date_agreed",
    label: claimWords.kinds.cureAgreed,
    templates,
    acknowledged: false,
    toCustomer: (data) => data.to === "customer",
    view: cureView,
  }),
  defineNoticeKind({
    kind: "claim_lapse_reminder",
    label: claimWords.kinds.lapseReminder,
    templates,
    acknowledged: false,
    toCustomer: () => false,
    view: (data, locale, zone) => ({
      reference: data.reference,
      claimCustomer: data.customerName,
      lapses: formatInstant(new Date(data.lapsesAt), zone, locale),
      claimUrl: `${publicUrl()}/admin/claims/${data.claimId}`,
    }),
  }),
];
