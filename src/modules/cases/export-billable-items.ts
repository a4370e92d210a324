import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvent } from "../evidence/index.ts";
import { lockUnexportedAuditCosts, markAuditCostsExported } from "../audits/index.ts";
import { insertExport, lockUnexported, markExported } from "./billing-queries.ts";
import type { Who } from "./who.ts";

/**
 * Exports the period's billable items not yet exported, once: each is marked with this export
 * (its id, when, by whom), so a second export of the same period holds none of them. The export
 * is evidence in the processor's stream, naming every item and the total. An audit's costs (art. 10.5,
 * borne by the customer: modules/audits) are items too.
 */
export async function exportBillableItems(
  tx: Db,
  clock: Clock,
  who: Who,
  period: { from: string; to: string },
  instants: { from: Date; to: Date },
): Promise<string> {
  const caseItems = await lockUnexported(tx, instants.from, instants.to);
  const auditItems = await lockUnexportedAuditCosts(tx, instants.from, instants.to);
  const items = [...caseItems, ...auditItems];
  const totalCents = items.reduce((sum, item) => sum + item.amountCents, 0);
  const exportId = await insertExport(tx, {
    periodFrom: period.from,
    periodTo: period.to,
    itemCount: items.length,
    totalCents,
    createdAt: clock.now(),
    createdBy: who.userId,
    createdByName: who.name,
  });
  await markExported(
    tx,
    exportId,
    caseItems.map((i) => i.id),
  );
  await markAuditCostsExported(
    tx,
    exportId,
    auditItems.map((i) => i.id),
  );
  await recordEvent(tx, clock, {
    type: "billing.exported",
    actor: who.actor,
    controllerId: null,
    subject: { type: "billing_export", id: exportId },
    data: { exportId, periodFrom: period.from, periodTo: period.to, itemCount: items.length, totalCents, currency: "EUR", items: items.map((i) => i.id) },
  });
  return exportId;
}
