import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { monthBefore } from "../../domain/liability-cap.ts";
import { localDate } from "../../domain/legal-time.ts";
import { giveDefaultNotice, proposeCureDate, recordClaim, recordLedger } from "../claims/index.ts";
import type { EventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import { findUserIdByEmail } from "./queries.ts";

// The demo's liability (art. 11): three months of fees from billing for every demo customer; one
// customer's notice of default, given 60 hours after it learned of the failure (flagged as later
// than 48 hours) with a cure date the processor proposed and the customer has yet to confirm; and
// that customer's claim, for an event three days ago, whose cap comes from the ledger.

const HOUR_MS = 3_600_000;

export async function seedDemoClaims(
  tx: Db,
  clock: Clock,
  staff: EventActor,
  customers: string[],
  claimant: { controllerId: string; ownerEmail: string },
): Promise<void> {
  const { timeZone: zone } = await findProcessor(tx);
  const now = clock.now();
  const first = monthBefore(now, zone);
  const second = monthBefore(first.start, zone);
  const third = monthBefore(second.start, zone);
  await recordLedger(
    tx,
    clock,
    { ...staff, label: "Facturatie (demo)" },
    "demo",
    customers.flatMap((controllerId, k) =>
      [third, second, first].map((m, i) => ({
        controllerId,
        month: m.month,
        amountCents: 2_000 + (k % 7) * 495 + i * 100,
        description: `Factuur ${m.month}-${String(k + 1).padStart(4, "0")}`,
      })),
    ),
  );
  const { controllerId } = claimant;
  const owner = await findUserIdByEmail(tx, claimant.ownerEmail);
  const actor: EventActor = { kind: "customer", id: owner?.id ?? null, label: `Eigenaar <${claimant.ownerEmail}>` };
  const noticeId = await giveDefaultNotice(tx, clock, actor, controllerId, {
    description:
      "Van zaterdag 02:00 tot zondag 14:00 zijn de nachtelijke back-ups van onze webshopdatabase niet gemaakt. Bij een herstelpoging bleken de herstelpunten van die dagen te ontbreken; er is geen melding van de storing ontvangen.",
    learnedAt: new Date(now.getTime() - 60 * HOUR_MS).toISOString(),
  });
  const inTwoWeeks = localDate(new Date(now.getTime() + 14 * 24 * HOUR_MS), zone);
  await proposeCureDate(tx, clock, staff, "processor", noticeId, inTwoWeeks);
  await recordClaim(tx, clock, staff, {
    controllerId,
    event: {
      description: "Back-ups van de webshopdatabase niet gemaakt (één reeks van twee nachten).",
      occurredAt: new Date(now.getTime() - 72 * HOUR_MS).toISOString(),
    },
    defaultNoticeId: noticeId,
    description: "Kosten van een extern bureau voor onderzoek naar de omvang, en herstelwerk van de eigen ontwikkelaar.",
    arisenAt: new Date(now.getTime() - 60 * HOUR_MS).toISOString(),
    damages: { propertyDamageCents: 0, defaultCostsCents: 45_000, assessmentCostsCents: 180_000, mitigationCostsCents: 72_500, indirectCents: 1_250_000 },
  });
}
