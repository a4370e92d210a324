import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { subprocessorChanges } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";
import type { Clock } from "../../domain/clock.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import { OBJECTION_SUBJECT } from "./announce-change.ts";
import { remainingAffected, type ChangeRow } from "./change-queries.ts";

/**
 * art. 5.2: a change cannot take effect before every affected customer's objection window has
 * closed, unless no affected customer remains (all left the services it touches, or settled their
 * objection by leaving). Returns why `at` is too early, in both languages, or null.
 */
export async function takeEffectProblem(tx: Db, change: ChangeRow, at: Date): Promise<LocalizedText | null> {
  if (at >= change.windowClosesAt) {
    return null;
  }
  const remaining = await remainingAffected(tx, change);
  if (remaining === 0) {
    return null;
  }
  const { timeZone: zone } = await findProcessor(tx);
  return {
    nl: `ligt vóór het einde van de bezwaartermijn (${formatInstant(change.windowClosesAt, zone, "nl")}) en ${remaining} getroffen klant(en) blijven over; eerder kan alleen als geen getroffen klant overblijft (art. 5.2)`,
    en: `lies before the objection window closes (${formatInstant(change.windowClosesAt, zone, "en")}) and ${remaining} affected customer(s) remain; earlier is possible only when no affected customer remains (art. 5.2)`,
  };
}

/** Sets the date an announced change takes effect (the sweep applies it then). */
export async function setChangeEffectiveDate(tx: Db, clock: Clock, actor: EventActor, id: string, effectiveAt: Date): Promise<void> {
  const [change] = await tx.select().from(subprocessorChanges).where(eq(subprocessorChanges.id, id)).for("update");
  if (!change) {
    throw notFound("subprocessor change");
  }
  if (change.status !== "announced") {
    throw conflict({
      nl: `deze wijziging is al ${change.status === "effective" ? "ingegaan" : "ingetrokken"}`,
      en: `this change has already ${change.status === "effective" ? "taken effect" : "been withdrawn"}`,
    });
  }
  const now = clock.now();
  if (effectiveAt < now) {
    throw invalid("body.effectiveAt", { nl: "ligt in het verleden", en: "lies in the past" });
  }
  const problem = await takeEffectProblem(tx, change, effectiveAt);
  if (problem) {
    throw invalid("body.effectiveAt", problem);
  }
  await tx.update(subprocessorChanges).set({ effectiveAt, updatedAt: now }).where(eq(subprocessorChanges.id, id));
  await recordEvent(tx, clock, {
    type: "subprocessor_change.effective_date_set",
    actor,
    controllerId: null,
    subject: { type: OBJECTION_SUBJECT, id },
    data: { effectiveAt: effectiveAt.toISOString(), previous: change.effectiveAt?.toISOString() ?? null, windowClosesAt: change.windowClosesAt.toISOString() },
  });
}
