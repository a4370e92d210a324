import type { ObjectionOutcome, SubprocessorChangeKind } from "../../db/schema/index.ts";
import { subprocessorWords } from "./words.ts";
import { formatDate, formatInstant } from "../../domain/legal-time.ts";
import type { Locale, LocalizedText } from "../../domain/text.ts";
import { countryListText, defineNoticeKind, listText, type NoticeView } from "../notices/index.ts";

// What the sub-processor workflow (art. 5) tells customers and staff: its notice kinds, their data,
// and the fields their templates (notice-templates/) read.

export interface NoticeSubprocessor {
  name: string;
  activity: LocalizedText;
  /** ISO 3166-1 alpha-2 codes of where it processes data. */
  countries: string[];
}

export interface SubprocessorChangeAnnounced {
  kind: "subprocessor_change_announced";
  changeId: string;
  changeKind: SubprocessorChangeKind;
  subprocessor: NoticeSubprocessor;
  /** For "replace": the sub-processor that goes. */
  replaces: NoticeSubprocessor | null;
  /** For "relocate": the countries before the move (subprocessor.countries is after). */
  previousCountries: string[] | null;
  /** This customer's services the change touches. */
  services: LocalizedText[];
  description: LocalizedText;
  /** Instant (ISO 8601, UTC) the objection window ends for this customer (art. 5.2). */
  windowEndsAt: string;
  /** Calendar days of the window in this customer's agreement version. */
  windowDays: number;
  /** Instant the processor plans the change to take effect, if set. */
  plannedEffectiveAt: string | null;
}

export interface SubprocessorChangeEffective {
  kind: "subprocessor_change_effective";
  changeId: string;
  changeKind: SubprocessorChangeKind;
  subprocessor: NoticeSubprocessor;
  effectiveAt: string;
  /** The customer's new Annex 1 version, when the change altered it. */
  annexVersion: number | null;
}

export interface SubprocessorChangeWithdrawn {
  kind: "subprocessor_change_withdrawn";
  changeId: string;
  subprocessor: NoticeSubprocessor;
  reason: string;
}

export interface ObjectionReceived {
  kind: "objection_received";
  changeId: string;
  objectionId: string;
  subprocessorName: string;
  /** Audience: the processor's privacy staff. */
  customerName: string;
  reason: string;
}

export interface ConsultationMessage {
  kind: "consultation_message";
  changeId: string;
  objectionId: string;
  subprocessorName: string;
  from: "processor" | "customer";
  authorName: string;
  excerpt: string;
}

export interface ObjectionClosed {
  kind: "objection_closed";
  changeId: string;
  objectionId: string;
  subprocessorName: string;
  outcome: ObjectionOutcome;
  note: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    subprocessor_change_announced: SubprocessorChangeAnnounced;
    subprocessor_change_effective: SubprocessorChangeEffective;
    subprocessor_change_withdrawn: SubprocessorChangeWithdrawn;
    objection_received: ObjectionReceived;
    consultation_message: ConsultationMessage;
    objection_closed: ObjectionClosed;
  }
}

const TEMPLATES = new URL("./notice-templates/", import.meta.url);

function changeKindFlags(kind: string): NoticeView {
  return { isAdd: kind === "add", isReplace: kind === "replace", isRemove: kind === "remove", isRelocate: kind === "relocate" };
}

function subprocessorView(subprocessor: NoticeSubprocessor, locale: Locale): NoticeView {
  return { name: subprocessor.name, activity: subprocessor.activity[locale], countries: countryListText(subprocessor.countries, locale) };
}

/** What every notice about one objection names: the change, the objection, the sub-processor. */
function objectionView(data: { changeId: string; objectionId: string; subprocessorName: string }): NoticeView {
  return { changeId: data.changeId, objectionId: data.objectionId, subprocessorName: data.subprocessorName };
}

export const SUBPROCESSOR_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "subprocessor_change_announced",
    label: subprocessorWords.noticeKind.subprocessorChangeAnnounced,
    templates: TEMPLATES,
    acknowledged: true,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      ...changeKindFlags(data.changeKind),
      changeId: data.changeId,
      subprocessor: subprocessorView(data.subprocessor, locale),
      replaces: data.replaces === null ? null : subprocessorView(data.replaces, locale),
      previousCountries: data.previousCountries === null ? null : countryListText(data.previousCountries, locale),
      services: data.services.map((service) => ({ name: service[locale] })),
      servicesList: listText(
        data.services.map((service) => service[locale]),
        locale,
      ),
      description: data.description[locale],
      windowEnd: formatInstant(new Date(data.windowEndsAt), zone, locale),
      windowEndDate: formatDate(new Date(data.windowEndsAt), zone, locale),
      windowDays: data.windowDays,
      plannedEffective: data.plannedEffectiveAt === null ? null : formatInstant(new Date(data.plannedEffectiveAt), zone, locale),
    }),
  }),
  defineNoticeKind({
    kind: "subprocessor_change_effective",
    label: subprocessorWords.noticeKind.subprocessorChangeEffective,
    templates: TEMPLATES,
    acknowledged: true,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      ...changeKindFlags(data.changeKind),
      changeId: data.changeId,
      subprocessor: subprocessorView(data.subprocessor, locale),
      effectiveAt: formatInstant(new Date(data.effectiveAt), zone, locale),
      effectiveDate: formatDate(new Date(data.effectiveAt), zone, locale),
      hasAnnexVersion: data.annexVersion !== null,
      annexVersion: data.annexVersion,
    }),
  }),
  defineNoticeKind({
    kind: "subprocessor_change_withdrawn",
    label: subprocessorWords.noticeKind.subprocessorChangeWithdrawn,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale) => ({ changeId: data.changeId, subprocessor: subprocessorView(data.subprocessor, locale), reason: data.reason }),
  }),
  defineNoticeKind({
    kind: "objection_received",
    label: subprocessorWords.noticeKind.objectionReceived,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => false,
    view: (data) => ({
      ...objectionView(data),
      objectingCustomer: data.customerName,
      reason: data.reason,
    }),
  }),
  defineNoticeKind({
    kind: "consultation_message",
    label: subprocessorWords.noticeKind.consultationMessage,
    templates: TEMPLATES,
    acknowledged: false,
    // The processor writes to the customer; the customer's message goes to the processor's staff.
    toCustomer: (data) => data.from === "processor",
    view: (data) => ({
      ...objectionView(data),
      fromProcessor: data.from === "processor",
      authorName: data.authorName,
      excerpt: data.excerpt,
    }),
  }),
  defineNoticeKind({
    kind: "objection_closed",
    label: subprocessorWords.noticeKind.objectionClosed,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => true,
    view: (data) => ({
      ...objectionView(data),
      note: data.note,
      isWithdrawn: data.outcome === "withdrawn",
      isResolved: data.outcome === "resolved",
      isCustomerLeaves: data.outcome === "customer_leaves",
    }),
  }),
];
