import { and, asc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { afterKey, keyOrder, keyText, type KeyKind, type SortKey } from "../../db/keyset.ts";
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

const itemQuery = <K extends Record<string, SQL<string[]>>>(db: Db, extra: K) =>
  db
    .select({ ...itemColumns, ...extra })
    .from(caseEntries)
    .innerJoin(cases, eq(cases.id, caseEntries.caseId))
    .innerJoin(controllers, eq(controllers.id, caseEntries.controllerId))
    .leftJoin(billingExports, eq(billingExports.id, caseEntries.exportId));

/** A case's billable item as read (listBillableItems), without its key. */
export type BillableItemRow = Omit<Awaited<ReturnType<typeof listBillableItems>>[number], "key">;

/** A billable item: billable, its case finished (or a credit line), not voided before it was exported. */
const isItem = and(
  eq(caseEntries.billable, true),
  isNotNull(caseEntries.billableAt),
  sql`(${caseEntries.voidedAt} is null or ${caseEntries.exportId} is not null)`,
);

/** What a page of billable items is chosen from: a period's (billable_at in it, end exclusive) in a state, or one export's. */
export type ItemSelection = { from: Date; to: Date; state: "unexported" | "exported" | "all" } | { exportId: string };

/** In the order they became billable: case_entries_billable serves a period's, case_entries_export an export's. */
const itemKey: SortKey[] = [
  { expr: caseEntries.billableAt, kind: "instant" },
  { expr: caseEntries.id, kind: "uuid" },
];
/** The key of a billable item in either source (the audits' costs have the same kinds: recorded_at, id). */
export const BILLABLE_ITEM_KEY: KeyKind[] = itemKey.map((k) => k.kind);

function selected(selection: ItemSelection): SQL | undefined {
  if ("exportId" in selection) {
    return eq(caseEntries.exportId, selection.exportId);
  }
  return and(
    isItem,
    gte(caseEntries.billableAt, selection.from),
    lt(caseEntries.billableAt, selection.to),
    selection.state === "unexported" ? isNull(caseEntries.exportId) : selection.state === "exported" ? isNotNull(caseEntries.exportId) : undefined,
  );
}

/** A page of the cases' billable items: `limit + 1` after the key of the last one shown, each with its key. */
export async function listBillableItems(db: Db, selection: ItemSelection, page: { limit: number; after?: readonly string[] | undefined }) {
  return itemQuery(db, { key: keyText(itemKey) })
    .where(and(selected(selection), afterKey(itemKey, page.after)))
    .orderBy(keyOrder(itemKey))
    .limit(page.limit + 1);
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

/** Newest export first: billing_exports_created serves it. */
const exportKey: SortKey[] = [
  { expr: billingExports.createdAt, kind: "instant", descending: true },
  { expr: billingExports.id, kind: "uuid", descending: true },
];
export const EXPORT_LIST_KEY: KeyKind[] = exportKey.map((k) => k.kind);

/** A page of the exports, newest first: `limit + 1` after the cursor (the extra one says there is a next page). */
export async function listExports(db: Db, page: { limit: number; after?: readonly string[] | undefined }) {
  return db
    .select({ export: billingExports, key: keyText(exportKey) })
    .from(billingExports)
    .where(afterKey(exportKey, page.after))
    .orderBy(keyOrder(exportKey))
    .limit(page.limit + 1);
}

export async function findExport(db: Db, id: string) {
  const [row] = await db.select().from(billingExports).where(eq(billingExports.id, id));
  return row ?? null;
}
