import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { customerName } from "./ledger-queries.ts";
import { claimLapseReminders } from "./queries.ts";
import { claimWords } from "./words.ts";

/** How long before a claim lapses (art. 11.6) the admin and the privacy officer are reminded. */
export const LAPSE_REMINDER_DAYS = 30;
const BATCH = 200;

/**
 * The sweep's task: a claim not specified and explicitly reported whose lapse date (12 months after
 * it arose, art. 11.6) is within 30 days is reminded to the admin and the privacy officer, once
 * (claimed with SKIP LOCKED, so two sweeps never remind twice).
 */
export async function remindClaimLapses(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = await claimLapseReminders(tx, now, new Date(now.getTime() + LAPSE_REMINDER_DAYS * 86_400_000), BATCH);
  for (const claim of due) {
    await queueStaffNotice(tx, clock, SYSTEM_ACTOR, {
      controllerId: claim.controllerId,
      roles: ["admin", "privacy_officer"],
      subject: { type: "claim", id: claim.id },
      data: {
        kind: "claim_lapse_reminder",
        claimId: claim.id,
        reference: claimWords.claimReference(claim.number),
        customerName: (await customerName(tx, claim.controllerId)) ?? "",
        lapsesAt: claim.lapsesAt.toISOString(),
      },
    });
  }
  return due.length;
}
