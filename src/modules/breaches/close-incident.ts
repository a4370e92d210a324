import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { incidents } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { cancelBreachClocks } from "./breach-clocks.ts";
import { lockOpenIncident, subjectOf, unnotifiedOf } from "./queries.ts";
import { sendBreachNotices, type SendResult } from "./send-notices.ts";

/**
 * Closes an incident. If it was notified, every customer told gets a final notice with the closing
 * summary and the facts as they stand (issue 4.6); a customer that should have been told and was
 * not holds the closing back (409): tell it first. The incident stays in the register.
 */
export async function closeIncident(tx: Db, clock: Clock, actor: EventActor & { id: string | null }, id: string, summary: string): Promise<SendResult | null> {
  const incident = await lockOpenIncident(tx, id);
  let final: SendResult | null = null;
  if (incident.decision === "notify") {
    const waiting = (await unnotifiedOf(tx, id)).length;
    if (waiting > 0) {
      throw conflict({
        nl: `${waiting} getroffen klant(en) zijn nog niet ingelicht; stuur hun melding eerst`,
        en: `${waiting} affected customer(s) have not been notified; send their notice first`,
      });
    }
    final = await sendBreachNotices(tx, clock, actor, id, { message: summary, final: true });
  }
  await cancelBreachClocks(tx, clock, actor, id, "incident closed");
  const now = clock.now();
  await tx
    .update(incidents)
    .set({ status: "closed", closedAt: now, closedBy: actor.id, closingSummary: summary.trim(), ongoing: false, updatedAt: now })
    .where(eq(incidents.id, id));
  await recordEvent(tx, clock, {
    type: "incident.closed",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { summary: summary.trim(), finalNotices: final?.sent ?? 0 },
  });
  return final;
}
