import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { localDate } from "../../domain/legal-time.ts";
import { setControllerServices } from "../controllers/index.ts";
import { attachConfirmation, confirmLine, endingLines, recordHold } from "../ending/index.ts";
import type { EventActor } from "../evidence/index.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock that stands `days` before the demo's now: the demo's history happened then. */
const daysAgo = (clock: Clock, days: number): Clock => ({ now: () => new Date(clock.now().getTime() - days * DAY_MS) });

/**
 * art. 12.2, 12.4: one demo customer whose last service ended twelve days ago (the back-office
 * removed it): its deletion plan is half confirmed five days ago, the sub-processors' lines wait for
 * their own confirmations but one has it attached, and the processor keeps its invoices to the
 * customer for seven years (art. 52 AWR) as controller. No certificate yet: lines are still open.
 * The demo gives customer 12 (none when it has fewer customers).
 */
export async function seedDemoEnding(
  tx: Db,
  clock: Clock,
  staff: { actor: EventActor; userId: string; name: string },
  controllerId: string | undefined,
): Promise<void> {
  if (!controllerId) {
    return;
  }
  const ended = daysAgo(clock, 12);
  await setControllerServices(tx, ended, staff.actor, controllerId, [], "services changed in the back-office");
  const lines = await endingLines(tx, controllerId);
  const confirmedAt = daysAgo(clock, 5);
  const own = lines.filter((l) => l.party === "processor");
  for (const line of own.slice(0, Math.ceil(own.length / 2) + 1)) {
    await confirmLine(tx, confirmedAt, staff, line.id, {
      deletedAt: new Date(confirmedAt.now().getTime() - 2 * 60 * 60 * 1000).toISOString(),
      method: "Opslagvolumes gewist (blkdiscard); back-ups verlopen na 14 dagen rotatie",
    });
  }
  const theirs = lines.find((l) => l.party === "subprocessor");
  if (theirs) {
    await attachConfirmation(tx, daysAgo(clock, 2), staff, theirs.id, {
      fileName: "verwijderbevestiging-subverwerker.txt",
      mediaType: "text/plain",
      bytes: new TextEncoder().encode(`De subverwerker bevestigt dat alle gegevens van deze klant zijn verwijderd uit ${theirs.systemNl}.`),
    });
  }
  // Seven years after the end of the year the agreement ended in (art. 52 AWR).
  const year = Number(localDate(ended.now(), "Europe/Amsterdam").slice(0, 4)) + 7;
  await recordHold(tx, daysAgo(clock, 11), staff, controllerId, {
    data: "Facturen en betalingsgegevens van Verwerker aan de klant (eigen administratie, geen klantinhoud)",
    legalGround: "art. 52 Algemene wet inzake rijksbelastingen: zeven jaar bewaren",
    capacity: "controller",
    endsOn: `${year}-12-31`,
  });
}
