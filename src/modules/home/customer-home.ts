import type { Db } from "../../db/engine.ts";
import { readInScope } from "../../db/read-together.ts";
import type { Scope } from "../../db/scope.ts";
import { formatDate, formatInstant, isOverdue, untilDue } from "../../domain/legal-time.ts";
import type { Locale } from "../../domain/text.ts";
import { noticeKindLabel } from "../notices/index.ts";
import { apClockReasonText, customerApClocksRead } from "../obligations/index.ts";
import { caseReference, moneyText } from "../cases/index.ts";
import { noticeReference } from "../../domain/notice-reference.ts";
import { contactState, estimatesToDecide, noticesToAcknowledge, offersToSign, openObjectionWindows, unreadNotices } from "./customer-queries.ts";
import { homeWords } from "./words.ts";

// What needs the customer's attention, most urgent first: each item says what, by when (if a clock
// runs), why, and where in the portal it is handled. Read in the customer's own scope only.

export type HomeItemKind =
  | "ap_clock"
  | "sign_agreement"
  | "objection_window"
  | "case_estimate"
  | "acknowledge"
  | "contact_missing"
  | "contact_failing"
  | "contact_stale"
  | "contact_confirm";
export type Urgency = "urgent" | "action" | "info";

export interface HomeItem {
  kind: HomeItemKind;
  /** The record it is about (agreement, incident, change, notice, customer). */
  id: string;
  urgency: Urgency;
  title: string;
  detail: string;
  /** Why a clock started when it did (the AP clock), in words. */
  reason: string | null;
  /** ISO 8601 instants, as the API answers them. */
  startedAt: string | null;
  dueAt: string | null;
  dueLocal: string | null;
  remainingMs: number | null;
  overdue: boolean;
  /** Where it is handled in the portal. */
  href: string;
}

/** An item in words, before `now`: its deadline, and whether it is still shown at a moment. */
interface WordedItem extends Omit<HomeItem, "remainingMs" | "overdue"> {
  due: Date | null;
  shownAt: (now: Date) => boolean;
}

/** A customer's home in one language, in its order: everything but what time moves on (homeAt). */
export interface WordedHome {
  items: readonly WordedItem[];
  unacknowledgedBreaches: ReadonlySet<string | null>;
  unread: number;
}

const RANK: Record<Urgency, number> = { urgent: 0, action: 1, info: 2 };
const KIND_ORDER: readonly HomeItemKind[] = [
  "ap_clock",
  "contact_failing",
  "contact_missing",
  "acknowledge",
  "sign_agreement",
  "objection_window",
  "case_estimate",
  "contact_stale",
  "contact_confirm",
];

/** Urgent first; then the nearest deadline (none last); then by kind and id, so the order is stable. */
function byUrgency(a: WordedItem, b: WordedItem): number {
  const due = (item: WordedItem) => item.due?.getTime() ?? Number.POSITIVE_INFINITY;
  return RANK[a.urgency] - RANK[b.urgency] || due(a) - due(b) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id);
}

export interface CustomerHome {
  items: HomeItem[];
  badges: { breaches: number; notices: number; subprocessors: number };
}

/**
 * What the customer's home is made of, read in one statement under `scope` (one round trip on
 * PostgreSQL with its transaction: db/read-together.ts). Only time moves it on without a write
 * (windows end, clocks run out), and homeAt applies `now` itself: so it may be kept until
 * the change feed says the customer's records changed (routes.ts).
 */
export function customerHomeRows(db: Db, scope: Scope, controllerId: string, now: Date) {
  return readInScope(db, scope, {
    apClocks: customerApClocksRead(controllerId),
    offers: offersToSign(controllerId),
    windows: openObjectionWindows(controllerId, now),
    estimates: estimatesToDecide(controllerId),
    toAcknowledge: noticesToAcknowledge(controllerId),
    contact: contactState(controllerId),
    unread: unreadNotices(controllerId),
  });
}

export type CustomerHomeRows = Awaited<ReturnType<typeof customerHomeRows>>;

const ALWAYS = () => true;

/**
 * The home at `now`: AP clocks past their 72 hours and objection windows past their end left out,
 * each deadline's remaining time. The rest (texts, order) does not move with time, so a worded home
 * may be kept with its rows and answer many requests (routes.ts).
 */
export function homeAt(worded: WordedHome, now: Date): CustomerHome {
  const items: HomeItem[] = [];
  const breaches = new Set(worded.unacknowledgedBreaches);
  let windows = 0;
  for (const item of worded.items) {
    if (!item.shownAt(now)) {
      continue;
    }
    if (item.kind === "ap_clock") {
      breaches.add(item.id);
    } else if (item.kind === "objection_window") {
      windows += 1;
    }
    items.push({
      kind: item.kind,
      id: item.id,
      urgency: item.urgency,
      title: item.title,
      detail: item.detail,
      reason: item.reason,
      startedAt: item.startedAt,
      dueAt: item.dueAt,
      dueLocal: item.dueLocal,
      remainingMs: item.due ? untilDue(item.due, now) : null,
      overdue: item.due ? isOverdue(item.due, now) : false,
      href: item.href,
    });
  }
  return { items, badges: { breaches: breaches.size, notices: worded.unread, subprocessors: windows } };
}

/** The customer's home in `locale` from its rows, for any moment after they were read (homeAt). */
export function wordedHome(found: CustomerHomeRows, controllerId: string, locale: Locale, zone: string): WordedHome {
  const words = homeWords.item;
  const items: WordedItem[] = [];
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  const clockFields = (due: Date | null, shownAt: WordedItem["shownAt"] = ALWAYS) => ({
    dueAt: iso(due),
    due,
    dueLocal: due ? formatInstant(due, zone, locale) : null,
    shownAt,
  });

  // The customer's own 72 hours to the AP: from when a breach notice first reached it, until they pass.
  for (const ap of found.apClocks) {
    const due = ap.dueAt;
    items.push({
      kind: "ap_clock",
      id: ap.incidentId,
      urgency: "urgent",
      title: words.apClock.title(ap.reference, ap.title)[locale],
      detail: ap.dueAt ? words.apClock.due(formatInstant(ap.dueAt, zone, locale))[locale] : "",
      reason: apClockReasonText(ap.reason, zone, locale),
      startedAt: iso(ap.awareAt),
      ...clockFields(due, (now) => due === null || !isOverdue(due, now)),
      href: `/portal/breaches/${ap.incidentId}`,
    });
  }

  for (const offer of found.offers) {
    items.push({
      kind: "sign_agreement",
      id: offer.id,
      urgency: "action",
      title: words.signAgreement.title(offer.templateVersion)[locale],
      detail: words.signAgreement.detail(formatDate(offer.offeredAt, zone, locale))[locale],
      reason: null,
      startedAt: iso(offer.offeredAt),
      ...clockFields(null),
      href: `/portal/agreements/${offer.id}`,
    });
  }

  for (const window of found.windows) {
    items.push({
      kind: "objection_window",
      id: window.changeId,
      urgency: "action",
      title: words.objectionWindow.title(window.subprocessorName)[locale],
      detail: words.objectionWindow.detail(formatInstant(window.windowEndsAt, zone, locale))[locale],
      reason: null,
      startedAt: null,
      ...clockFields(window.windowEndsAt, (now) => window.windowEndsAt >= now),
      href: `/portal/subprocessors/changes/${window.changeId}`,
    });
  }

  // art. 2.4: billable work waits for the customer's consent to the estimate.
  for (const estimate of found.estimates) {
    const money = moneyText(estimate.totalCents, estimate.currency, locale);
    items.push({
      kind: "case_estimate",
      id: estimate.caseId,
      urgency: "action",
      title: words.caseEstimate.title(caseReference(estimate.number, estimate.askedAt), estimate.title)[locale],
      detail: words.caseEstimate.detail(money, formatDate(estimate.proposedAt, zone, locale))[locale],
      reason: null,
      startedAt: iso(estimate.proposedAt),
      ...clockFields(null),
      href: `/portal/cases/${estimate.caseId}`,
    });
  }

  const toAcknowledge = found.toAcknowledge;
  for (const notice of toAcknowledge) {
    const breach = notice.kind === "breach_notice" && notice.subjectType === "incident" && notice.subjectId;
    items.push({
      kind: "acknowledge",
      id: notice.id,
      urgency: breach ? "urgent" : "action",
      title: words.acknowledge.title(noticeKindLabel(notice.kind)[locale], noticeReference(notice.number, notice.createdAt))[locale],
      detail: words.acknowledge.detail(formatInstant(notice.createdAt, zone, locale))[locale],
      reason: null,
      startedAt: iso(notice.createdAt),
      ...clockFields(null),
      href: `/portal/notices/${notice.id}`,
    });
  }

  const contact = found.contact;
  if (contact && !contact.exists) {
    items.push({
      kind: "contact_missing",
      id: controllerId,
      urgency: "urgent",
      title: words.contactMissing.title[locale],
      detail: words.contactMissing.detail[locale],
      reason: null,
      startedAt: null,
      ...clockFields(null),
      href: "/portal/contact",
    });
  } else if (contact?.failingSince) {
    items.push({
      kind: "contact_failing",
      id: controllerId,
      urgency: "urgent",
      title: words.contactFailing.title(contact.email ?? "")[locale],
      detail: words.contactFailing.detail(formatInstant(contact.failingSince, zone, locale))[locale],
      reason: contact.failingReason,
      startedAt: iso(contact.failingSince),
      ...clockFields(null),
      href: "/portal/contact",
    });
  }
  // art. 4.4, the yearly confirmation (modules/contacts): asked and not yet confirmed, or stale.
  if (contact?.exists && contact.requestedAt) {
    const stale = contact.staleSince !== null;
    const who = `${contact.name ?? ""} <${contact.email ?? ""}>`;
    items.push({
      kind: stale ? "contact_stale" : "contact_confirm",
      id: controllerId,
      urgency: stale ? "urgent" : "action",
      title: (stale ? words.contactStale.title : words.contactConfirm.title)[locale],
      detail: (stale
        ? words.contactStale.detail(who, formatDate(contact.confirmedAt ?? contact.requestedAt, zone, locale))
        : words.contactConfirm.detail(who, formatDate(contact.confirmedAt ?? contact.requestedAt, zone, locale)))[locale],
      reason: null,
      startedAt: iso(contact.requestedAt),
      ...clockFields(contact.staleAt),
      href: "/portal/contact",
    });
  }

  return {
    items: items.sort(byUrgency),
    unacknowledgedBreaches: new Set(toAcknowledge.filter((n) => n.kind === "breach_notice").map((n) => n.subjectId)),
    unread: found.unread,
  };
}
