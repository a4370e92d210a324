import type { BreachNotice } from "../../domain/breach-notice.ts";
import type { NoticeData, NoticeKind, ObjectionOutcome, SubprocessorChangeKind } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";

// What a notice says, as data. A notice row stores its kind and this data; every channel (email,
// portal inbox, webhook payload) renders from it, in the recipient's language.

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

export interface ContactFailing {
  kind: "contact_failing";
  /** The address that failed, and why (the last error). */
  email: string;
  reason: string;
  /** Audience: the customer's owner, or the processor's staff (customerName set). */
  customerName: string | null;
}

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

// The kinds sent today, declared to the core's notices table (db/schema/notices.ts).
declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    subprocessor_change_announced: SubprocessorChangeAnnounced;
    subprocessor_change_effective: SubprocessorChangeEffective;
    subprocessor_change_withdrawn: SubprocessorChangeWithdrawn;
    objection_received: ObjectionReceived;
    consultation_message: ConsultationMessage;
    objection_closed: ObjectionClosed;
    contact_failing: ContactFailing;
    obligation_reminder: ObligationReminder;
    obligation_escalated: ObligationEscalated;
    breach_notice: BreachNotice;
  }
}

export type { NoticeData, NoticeKind };

export const NOTICE_KINDS: readonly NoticeKind[] = [
  "subprocessor_change_announced",
  "subprocessor_change_effective",
  "subprocessor_change_withdrawn",
  "objection_received",
  "consultation_message",
  "objection_closed",
  "contact_failing",
  "obligation_reminder",
  "obligation_escalated",
  "breach_notice",
];

/** Kinds the customer is asked to acknowledge in the portal (its acknowledgement is evidence). */
export const ACKNOWLEDGED_KINDS: ReadonlySet<NoticeKind> = new Set(["subprocessor_change_announced", "subprocessor_change_effective", "breach_notice"]);

export type { BreachNotice };
export type { ObjectionOutcome, SubprocessorChangeKind };
