import type { Db } from "../../db/engine.ts";
import { liabilityCap, type CapDerivation } from "../../domain/liability-cap.ts";
import type { Locale } from "../../domain/text.ts";
import { heldFeesOf, ledgerOf } from "./ledger-queries.ts";

/**
 * art. 11.1: the cap of an event of this customer, from its fee ledger, or from the monthly fees Art28
 * holds when billing reported nothing for the month before the event (domain/liability-cap.ts).
 * Computed when shown, so a ledger imported later counts.
 */
export async function capOf(tx: Db, controllerId: string, occurredAt: Date, zone: string, locale: Locale): Promise<CapDerivation> {
  const ledger = await ledgerOf(tx, controllerId);
  const held = await heldFeesOf(tx, controllerId);
  return liabilityCap({
    eventAt: occurredAt,
    zone,
    ledger: ledger.map((row) => ({ month: row.month, amountCents: row.amountCents, description: row.description })),
    heldFees: held.map((row) => ({ service: locale === "nl" ? row.nameNl : row.nameEn, monthlyFeeCents: row.monthlyFeeCents, since: row.since })),
  });
}
