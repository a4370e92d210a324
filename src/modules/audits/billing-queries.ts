// The audit's costs as billable items (art. 10.5: borne by the customer), for the billing export of
// the cases module (cases/billing-routes.ts): each cost is billable when recorded and exported once.
import { and, asc, eq, gte, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
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

const itemQuery = (db: Db) =>
  db
    .select({ cost: auditCosts, number: audits.number, requestedAt: audits.requestedAt, customerName: controllers.name, exportedAt: billingExports.createdAt })
    .from(auditCosts)
    .innerJoin(audits, eq(audits.id, auditCosts.auditId))
    .innerJoin(controllers, eq(controllers.id, auditCosts.controllerId))
    .leftJoin(billingExports, eq(billingExports.id, auditCosts.exportId));

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>["execute"]>>[number];

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

/** The audit costs recorded in a period (instants, end exclusive): unexported, exported or all. */
export async function auditBillableItems(db: Db, filter: { from: Date; to: Date; state: "unexported" | "exported" | "all" }): Promise<AuditBillableItem[]> {
  const rows = await itemQuery(db)
    .where(
      and(
        gte(auditCosts.recordedAt, filter.from),
        lt(auditCosts.recordedAt, filter.to),
        filter.state === "unexported" ? isNull(auditCosts.exportId) : filter.state === "exported" ? isNotNull(auditCosts.exportId) : undefined,
      ),
    )
    .orderBy(asc(auditCosts.recordedAt), asc(auditCosts.id))
    .limit(10_000);
  return rows.map(present);
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

/** The audit costs one export holds. */
export async function auditCostsOfExport(db: Db, exportId: string): Promise<AuditBillableItem[]> {
  const rows = await itemQuery(db).where(eq(auditCosts.exportId, exportId)).orderBy(asc(auditCosts.recordedAt), asc(auditCosts.id));
  return rows.map(present);
}
