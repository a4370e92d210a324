// The audit's costs as billable items (art. 10.5: borne by the customer), for the billing export of
// the cases module (cases/billing-routes.ts): each cost is billable when recorded and exported once.
import { and, asc, eq, gte, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { afterKey, keyOrder, keyText, type SortKey } from "../../db/keyset.ts";
import { auditCosts, audits, billingExports, controllers } from "../../db/schema/index.ts";
import { referenceYear } from "../../domain/notice-reference.ts";
import { auditWords } from "./words.ts";

/** A billable item as the billing export shows it (cases' BillableItem). */
export interface AuditBillableItem {
  id: string;
  caseId: string;
  caseReference: string;
  caseKind: "audit";
  caseTitle: string;
  controllerId: string;
  customerName: string;
  type: "cost";
  description: string;
  workDate: string;
  minutes: null;
  rateCents: null;
  amountCents: number;
  currency: string;
  creditsId: null;
  billableAt: string;
  voided: false;
  exportId: string | null;
  exportedAt: string | null;
}

/** An audit cost as read, with its audit's number and customer. */
interface ItemRow {
  cost: typeof auditCosts.$inferSelect;
  number: (typeof audits.$inferSelect)["number"];
  requestedAt: Date;
  customerName: string;
  exportedAt: Date | null;
}

function present(row: ItemRow): AuditBillableItem {
  const reference = auditWords.reference(referenceYear(row.requestedAt), row.number);
  return {
    id: row.cost.id,
    caseId: row.cost.auditId,
    caseReference: reference,
    caseKind: "audit",
    caseTitle: auditWords.costTitle(reference),
    controllerId: row.cost.controllerId,
    customerName: row.customerName,
    type: "cost",
    description: row.cost.description,
    workDate: row.cost.costDate,
    minutes: null,
    rateCents: null,
    amountCents: row.cost.amountCents,
    currency: row.cost.currency,
    creditsId: null,
    billableAt: row.cost.recordedAt.toISOString(),
    voided: false,
    exportId: row.cost.exportId,
    exportedAt: row.exportedAt ? row.exportedAt.toISOString() : null,
  };
}

/** In the order they became billable: audit_costs_recorded serves a period's, audit_costs_export an export's. */
const costKey: SortKey[] = [
  { expr: auditCosts.recordedAt, kind: "instant" },
  { expr: auditCosts.id, kind: "uuid" },
];

/**
 * A page of the audit costs a period holds (recorded in it, end exclusive; unexported, exported or
 * all) or one export: `limit + 1` after the key of the last item shown, each with its key.
 */
export async function auditBillableItems(
  db: Db,
  selection: { from: Date; to: Date; state: "unexported" | "exported" | "all" } | { exportId: string },
  page: { limit: number; after?: readonly string[] | undefined },
): Promise<(AuditBillableItem & { key: string[] })[]> {
  const where =
    "exportId" in selection
      ? eq(auditCosts.exportId, selection.exportId)
      : and(
          gte(auditCosts.recordedAt, selection.from),
          lt(auditCosts.recordedAt, selection.to),
          selection.state === "unexported" ? isNull(auditCosts.exportId) : selection.state === "exported" ? isNotNull(auditCosts.exportId) : undefined,
        );
  const found = await db
    .select({
      cost: auditCosts,
      number: audits.number,
      requestedAt: audits.requestedAt,
      customerName: controllers.name,
      exportedAt: billingExports.createdAt,
      key: keyText(costKey),
    })
    .from(auditCosts)
    .innerJoin(audits, eq(audits.id, auditCosts.auditId))
    .innerJoin(controllers, eq(controllers.id, auditCosts.controllerId))
    .leftJoin(billingExports, eq(billingExports.id, auditCosts.exportId))
    .where(and(where, afterKey(costKey, page.after)))
    .orderBy(keyOrder(costKey))
    .limit(page.limit + 1);
  return found.map((row) => ({ ...present(row), key: row.key }));
}

/** Locks the period's audit costs not yet exported (a second export waits, then finds none). */
export async function lockUnexportedAuditCosts(db: Db, from: Date, to: Date): Promise<{ id: string; amountCents: number; controllerId: string }[]> {
  return db
    .select({ id: auditCosts.id, amountCents: auditCosts.amountCents, controllerId: auditCosts.controllerId })
    .from(auditCosts)
    .where(and(isNull(auditCosts.exportId), gte(auditCosts.recordedAt, from), lt(auditCosts.recordedAt, to)))
    .orderBy(asc(auditCosts.recordedAt), asc(auditCosts.id))
    .for("update");
}

export async function markAuditCostsExported(db: Db, exportId: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .update(auditCosts)
      .set({ exportId })
      .where(and(sql`${auditCosts.id} = any(${sql.param(ids.slice(i, i + 1000))}::uuid[])`, isNull(auditCosts.exportId)));
  }
}
