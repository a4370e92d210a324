import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { billingExports, caseEntries, cases, controllers } from "../../db/schema/index.ts";

// All SQL of the billable items: the finished cases' billable entries and credit lines, and their exports.

const itemColumns = {
  id: caseEntries.id,
  caseId: caseEntries.caseId,
  caseNumber: cases.number,
  caseAskedAt: cases.askedAt,
  caseKind: cases.kind,
  caseTitle: cases.title,
  controllerId: caseEntries.controllerId,
  customerName: controllers.name,
  type: caseEntries.type,
  description: caseEntries.description,
  workDate: caseEntries.workDate,
  minutes: caseEntries.minutes,
  rateCents: caseEntries.rateCents,
  amountCents: caseEntries.amountCents,
  currency: caseEntries.currency,
  creditsId: caseEntries.creditsId,
  billableAt: caseEntries.billableAt,
  voidedAt: caseEntries.voidedAt,
  exportId: caseEntries.exportId,
  exportedAt: billingExports.createdAt,
};

export type BillableItemRow = Awaited<ReturnType<typeof listBillableItems>>[number];

const itemQuery = (db: Db) =>
  db
    .select(itemColumns)
    .from(caseEntries)
    .innerJoin(cases, eq(cases.id, caseEntries.caseId))
    .innerJoin(controllers, eq(controllers.id, caseEntries.controllerId))
    .leftJoin(billingExports, eq(billingExports.id, caseEntries.exportId));

/** A billable item: billable, its case finished (or a credit line), not voided before it was exported. */
const isItem = and(
  eq(caseEntries.billable, true),
  isNotNull(caseEntries.billableAt),
  sql`(${caseEntries.voidedAt} is null or ${caseEntries.exportId} is not null)`,
);

export async function listBillableItems(db: Db, filter: { from: Date; to: Date; state: "unexported" | "exported" | "all" }) {
  return itemQuery(db)
    .where(
      and(
        isItem,
        gte(caseEntries.billableAt, filter.from),
        lt(caseEntries.billableAt, filter.to),
        filter.state === "unexported" ? isNull(caseEntries.exportId) : filter.state === "exported" ? isNotNull(caseEntries.exportId) : undefined,
      ),
    )
    .orderBy(asc(caseEntries.billableAt), asc(caseEntries.id))
    .limit(10_000);
}

/** Locks the period's items not yet exported (a second export waits, then finds none). */
export async function lockUnexported(db: Db, from: Date, to: Date): Promise<{ id: string; amountCents: number; controllerId: string }[]> {
  return db
    .select({ id: caseEntries.id, amountCents: caseEntries.amountCents, controllerId: caseEntries.controllerId })
    .from(caseEntries)
    .where(and(isItem, isNull(caseEntries.exportId), gte(caseEntries.billableAt, from), lt(caseEntries.billableAt, to)))
    .orderBy(asc(caseEntries.billableAt), asc(caseEntries.id))
    .for("update");
}

export async function insertExport(db: Db, row: typeof billingExports.$inferInsert): Promise<string> {
  const [inserted] = await db.insert(billingExports).values(row).returning({ id: billingExports.id });
  if (!inserted) {
    throw new Error("export insert returned nothing");
  }
  return inserted.id;
}

export async function markExported(db: Db, exportId: string, ids: string[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .update(caseEntries)
      .set({ exportId })
      .where(and(sql`${caseEntries.id} = any(${sql.param(ids.slice(i, i + 1000))}::uuid[])`, isNull(caseEntries.exportId)));
  }
}

export async function listExports(db: Db) {
  return db.select().from(billingExports).orderBy(desc(billingExports.createdAt)).limit(500);
}

export async function findExport(db: Db, id: string) {
  const [row] = await db.select().from(billingExports).where(eq(billingExports.id, id));
  return row ?? null;
}

export async function itemsOfExport(db: Db, exportId: string) {
  return itemQuery(db).where(eq(caseEntries.exportId, exportId)).orderBy(asc(caseEntries.billableAt), asc(caseEntries.id));
}
