import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { cancelBreachClocks } from "./breach-clocks.ts";
import { countUnnotified } from "./affected-queries.ts";
import { lockOpenIncident, markIncidentClosed, subjectOf } from "./queries.ts";
import { sendBreachNotices, type SendResult } from "./send-notices.ts";
import { breachWords } from "./words.ts";

/**
 * Closes an incident. If it was notified, every customer told gets a final notice with the closing
 * summary and the facts as they stand (issue 4.6); a customer that should have been told and was
 * not holds the closing back (409): tell it first. The incident stays in the register.
 */
export async function closeIncident(tx: Db, clock: Clock, actor: EventActor & { id: string | null }, id: string, summary: string): Promise<SendResult | null> {
  const incident = await lockOpenIncident(tx, id);
  let final: SendResult | null = null;
  if (incident.decision === "notify") {
    const waiting = await countUnnotified(tx, id);
    if (waiting > 0) {
      throw conflict(breachWords.unnotifiedCustomers(waiting));
    }
    final = await sendBreachNotices(tx, clock, actor, id, { message: summary, final: true });
  }
  await cancelBreachClocks(tx, clock, actor, id, "incident closed");
  const now = clock.now();
  await markIncidentClosed(tx, id, { closedAt: now, closedBy: actor.id, closingSummary: summary.trim() });
  await recordEvent(tx, clock, {
    type: "incident.closed",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { summary: summary.trim(), finalNotices: final?.sent ?? 0 },
  });
  return final;
}
