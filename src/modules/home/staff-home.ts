import { Temporal } from "temporal-polyfill";
import type { Db } from "../../db/engine.ts";
import { formatInstant, isOverdue, localDate, untilDue } from "../../domain/legal-time.ts";
import type { Locale } from "../../domain/text.ts";
import {
  awaitingCountersign,
  customerMessagesSince,
  deliveryTrouble,
  dutiesPerWeek,
  failingContacts,
  objectionsSince,
  openDuties,
  seenAt,
  signedAt,
  staleContactCount,
  unnotifiedBreachCustomers,
  unsignedOffers,
} from "./staff-queries.ts";

// What needs the processor, for its staff's home: the queue (countersignatures, duties, new
// objections and messages, customers of a breach not yet told, failing contacts, held email) and two
// charts (agreements signed over time, deadlines per week met in time / late / missed).

export const SEEN_TOPICS = ["objections", "messages"] as const;
export type SeenTopic = (typeof SEEN_TOPICS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Due soon": within this many days. */
export const DUE_SOON_DAYS = 7;
const LIST = 50;

/** The start (00:00 local) of a local date in the zone. */
function startOf(date: Temporal.PlainDate, zone: string): Date {
  return new Date(date.toZonedDateTime({ timeZone: zone }).epochMilliseconds);
}

/** The first day of each of the last `count` local months, oldest first, and the end point of each (the next month's start, or now). */
export function monthPoints(now: Date, zone: string, count: number): { label: string; at: Date }[] {
  const today = Temporal.PlainDate.from(localDate(now, zone));
  const first = today.with({ day: 1 });
  const out: { label: string; at: Date }[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const month = first.subtract({ months: i });
    const end = startOf(month.add({ months: 1 }), zone);
    out.push({ label: month.toString().slice(0, 7), at: end.getTime() > now.getTime() ? now : end });
  }
  return out;
}

/** The Mondays (local) of the last `count` weeks, this week last, and the start of next week. */
export function weekStarts(now: Date, zone: string, count: number): { weeks: Temporal.PlainDate[]; end: Date } {
  const today = Temporal.PlainDate.from(localDate(now, zone));
  const monday = today.subtract({ days: today.dayOfWeek - 1 });
  const weeks = Array.from({ length: count }, (_, i) => monday.subtract({ weeks: count - 1 - i }));
  return { weeks, end: startOf(monday.add({ weeks: 1 }), zone) };
}

export async function staffHome(tx: Db, userId: string, only: string[] | null, now: Date, locale: Locale, zone: string, hiddenKinds: string[] = []) {
  const [objectionsSeen, messagesSeen] = [await seenAt(tx, userId, "objections"), await seenAt(tx, userId, "messages")];
  const countersign = await awaitingCountersign(tx, only, 500);
  const unsigned = await unsignedOffers(tx, only);
  const duties = await openDuties(tx, only, new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS), 200, hiddenKinds);
  const objections = await objectionsSince(tx, only, objectionsSeen, LIST);
  const messages = await customerMessagesSince(tx, only, messagesSeen, LIST);
  const unnotified = await unnotifiedBreachCustomers(tx, only, LIST);
  const failing = await failingContacts(tx, only, LIST);
  const staleContacts = await staleContactCount(tx, only);
  const delivery = await deliveryTrouble(tx, only, new Date(now.getTime() - 30 * DAY_MS));

  const months = monthPoints(now, zone, 12);
  const signed = await signedAt(
    tx,
    only,
    months.map((m) => m.at),
  );
  const { weeks, end } = weekStarts(now, zone, 8);
  const first = weeks[0];
  const perWeek = first ? await dutiesPerWeek(tx, only, zone, startOf(first, zone), end, now, hiddenKinds) : [];
  const byWeek = new Map(perWeek.map((w) => [w.week, w]));

  const duty = (d: (typeof duties)[number]) => ({
    id: d.id,
    controllerId: d.controllerId,
    customerName: d.customerName,
    kind: d.kind,
    title: d.title[locale],
    dueAt: d.dueAt,
    dueLocal: formatInstant(d.dueAt, d.zone, locale),
    remainingMs: untilDue(d.dueAt, now),
    overdue: isOverdue(d.dueAt, now),
  });
  const allDuties = duties.map(duty);
  return {
    countersign,
    unsigned,
    duties: { overdue: allDuties.filter((d) => d.overdue), dueSoon: allDuties.filter((d) => !d.overdue), dueSoonDays: DUE_SOON_DAYS },
    unread: { objections: objections.total, messages: messages.total, objectionsSeenAt: objectionsSeen, messagesSeenAt: messagesSeen },
    newObjections: objections.items,
    newMessages: messages.items,
    breachUnnotified: unnotified.map((u) => ({
      ...u,
      incidentReference: `INC-${String(u.incidentNumber).padStart(4, "0")}`,
      overdue: u.dueAt ? isOverdue(u.dueAt, now) : false,
      dueLocal: u.dueAt ? formatInstant(u.dueAt, zone, locale) : null,
    })),
    failingContacts: failing,
    staleContacts,
    delivery,
    charts: {
      signedOverTime: months.map((m, i) => {
        const point = signed[i] ?? { customers: 0, signed: 0 };
        return {
          period: m.label,
          at: m.at,
          customers: point.customers,
          signed: point.signed,
          percent: point.customers === 0 ? 0 : Math.round((point.signed / point.customers) * 1000) / 10,
        };
      }),
      deadlinesPerWeek: weeks.map((w) => {
        const found = byWeek.get(w.toString());
        return { weekStart: w.toString(), inTime: found?.inTime ?? 0, late: found?.late ?? 0, missed: found?.missed ?? 0, pending: found?.pending ?? 0 };
      }),
    },
  };
}

/** The navigation's badges for staff: new objections and customer messages since the user last looked, agreements to countersign. */
export async function staffBadges(tx: Db, userId: string, only: string[] | null) {
  const objections = await objectionsSince(tx, only, await seenAt(tx, userId, "objections"), 0);
  const messages = await customerMessagesSince(tx, only, await seenAt(tx, userId, "messages"), 0);
  const countersign = await awaitingCountersign(tx, only, 0);
  return { objections: objections.total, messages: messages.total, countersign: countersign.total };
}
