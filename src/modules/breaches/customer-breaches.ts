import type { Db } from "../../db/engine.ts";
import { AP_NOTIFICATION_HOURS } from "../../domain/ap-draft.ts";
import { addHours } from "../../domain/legal-time.ts";
import { customerBreachGroups, customerRounds, type CustomerRound } from "./notice-queries.ts";

// The customer's side of a breach: only its own notices (breach_notices and notices are under
// row-level security per customer). It never reads the incident register, so it never sees which
// other customers were affected; the number only if the processor chose to disclose it (in the notice).

export interface CustomerBreachView {
  incidentId: string;
  rounds: CustomerRound[];
  /** When the processor's notice first reached the customer: delivered by email or webhook, or opened in the portal. */
  awareAt: Date | null;
  apDeadline: Date | null;
}

export async function listCustomerBreaches(db: Db, controllerId: string) {
  return (await customerBreachGroups(db, controllerId)).map((r) => ({
    incidentId: r.incidentId,
    reference: r.latest.reference,
    title: r.latest.title,
    stage: r.latest.stage,
    notices: r.notices,
    firstSentAt: r.firstSentAt,
    lastSentAt: r.lastSentAt,
    latestNoticeId: r.latestNoticeId,
    unacknowledged: r.unacknowledged,
  }));
}

/** One breach as the customer received it, or null when it received no notice of it. */
export async function findCustomerBreach(db: Db, controllerId: string, incidentId: string): Promise<CustomerBreachView | null> {
  const rounds = await customerRounds(db, controllerId, incidentId);
  if (rounds.length === 0) {
    return null;
  }
  const reached = rounds.flatMap((r) => [r.deliveredAt, r.openedAt]).filter((d): d is Date => d !== null);
  const awareAt = reached.length === 0 ? null : new Date(Math.min(...reached.map((d) => d.getTime())));
  return { incidentId, rounds, awareAt, apDeadline: awareAt ? addHours(awareAt, AP_NOTIFICATION_HOURS) : null };
}
