import type { Db } from "../../db/engine.ts";
import { AP_NOTIFICATION_HOURS } from "../../domain/ap-draft.ts";
import { addHours, formatInstant, reminderInstants, type Zone } from "../../domain/legal-time.ts";
import type { Locale, LocalizedText } from "../../domain/text.ts";
import type { Read } from "../../db/read-together.ts";
import { apClockRows, apClockRowsRead, type ApClockRow } from "./ap-clock-queries.ts";
import { obligationWords } from "./words.ts";

// GDPR art. 33(1): a customer (the controller) has 72 hours from becoming aware of a breach to
// notify the Autoriteit Persoonsgegevens. It became aware when the processor's notice reached it:
// an email or webhook accepted, or the notice opened in the portal, whichever came first (as the AP
// draft, domain/ap-draft.ts). This is the customer's own duty, not the processor's: it is derived
// from the notices, shown in the customer's deadlines and calendar, and never escalated to staff.

/** Why the clock started when it did. */
export type ApClockReason =
  | { kind: "delivered"; at: Date; channel: "email" | "webhook"; to: string }
  | { kind: "opened"; at: Date }
  /** Not yet reached: no delivery accepted and not opened; the clock starts once it is. */
  | { kind: "not_reached" };

export interface ApClock {
  incidentId: string;
  reference: string;
  title: string;
  /** The incident was closed with a final notice. */
  closed: boolean;
  awareAt: Date | null;
  /** awareAt + 72 elapsed hours; null while the notice has not reached the customer. */
  dueAt: Date | null;
  reason: ApClockReason;
  reminders: Date[];
}

export const AP_CLOCK_KIND = "ap_notification";

export function apClockOf(row: ApClockRow): ApClock {
  const delivered = row.deliveredAt && row.deliveredChannel ? row.deliveredAt : null;
  const opened = row.openedAt;
  let reason: ApClockReason = { kind: "not_reached" };
  if (delivered && (!opened || delivered.getTime() <= opened.getTime())) {
    reason = { kind: "delivered", at: delivered, channel: row.deliveredChannel ?? "email", to: row.deliveredTo ?? "" };
  } else if (opened) {
    reason = { kind: "opened", at: opened };
  }
  const awareAt = reason.kind === "not_reached" ? null : reason.at;
  const dueAt = awareAt ? addHours(awareAt, AP_NOTIFICATION_HOURS) : null;
  return {
    incidentId: row.incidentId,
    reference: row.reference,
    title: row.title,
    closed: row.latestStage === "final",
    awareAt,
    dueAt,
    reason,
    reminders: awareAt && dueAt ? reminderInstants(awareAt, dueAt, "hours") : [],
  };
}

/** The customer's AP clocks, one per breach it was notified of, newest first. Call in its scope. */
export async function customerApClocks(db: Db, controllerId: string): Promise<ApClock[]> {
  return (await apClockRows(db, controllerId)).map(apClockOf);
}

/** The same as a read of a page that asks several questions at once (db/read-together.ts). */
export function customerApClocksRead(controllerId: string): Read<ApClock[]> {
  const rows = apClockRowsRead(controllerId);
  return { query: rows.query, map: (found) => rows.map(found).map(apClockOf) };
}

/** The deadline's title, e.g. "Datalek INC-0001 melden bij de Autoriteit Persoonsgegevens". */
export function apClockTitle(clock: Pick<ApClock, "reference">): LocalizedText {
  return obligationWords.apClock.title(clock.reference);
}

/** Why the 72 hours started when they did, in words ("the notice reached you on … at …: …"). */
export function apClockReasonText(reason: ApClockReason, zone: Zone, locale: Locale): string {
  const words = obligationWords.apClock.reason;
  switch (reason.kind) {
    case "delivered":
      return words.delivered(formatInstant(reason.at, zone, locale), reason.channel, reason.to)[locale];
    case "opened":
      return words.opened(formatInstant(reason.at, zone, locale))[locale];
    case "not_reached":
      return words.notReached[locale];
    default: {
      const unknown: never = reason;
      throw new RangeError(`unknown reason ${JSON.stringify(unknown)}`);
    }
  }
}
