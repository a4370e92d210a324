import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { afterKey, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";
import {
  annexVersions,
  caseEntries,
  caseEstimates,
  cases,
  controllerServices,
  controllers,
  instructedPurposes,
  obligations,
  services,
  type CaseStatus,
} from "../../db/schema/index.ts";

// All SQL of the cases: the case, its estimates and its time/cost entries.

export const subjectOf = (id: string) => ({ type: "case", id });

const caseColumns = {
  id: cases.id,
  number: cases.number,
  kind: cases.kind,
  controllerId: cases.controllerId,
  customerName: controllers.name,
  title: cases.title,
  request: cases.request,
  status: cases.status,
  askedByName: cases.askedByName,
  askedAt: cases.askedAt,
  obligationId: cases.obligationId,
  dueAt: obligations.dueAt,
  obligationStatus: obligations.status,
  metAt: obligations.metAt,
  metInTime: obligations.metInTime,
  outcome: cases.outcome,
  outcomeNote: cases.outcomeNote,
  closedAt: cases.closedAt,
  messageCount: sql<number>`(select count(*)::int from thread_messages m where m.subject_type = 'case' and m.subject_id = "cases"."id")`,
};

export type CaseView = Awaited<ReturnType<typeof findCase>> & {};

const caseQuery = (db: Db) =>
  db
    .select(caseColumns)
    .from(cases)
    .innerJoin(controllers, eq(controllers.id, cases.controllerId))
    .leftJoin(obligations, eq(obligations.id, cases.obligationId));

export async function findCase(db: Db, id: string) {
  const [row] = await caseQuery(db).where(eq(cases.id, id));
  return row ?? null;
}

export async function findCaseForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(cases).where(eq(cases.id, id)).for("update");
  return row ?? null;
}

export interface CaseFilter {
  controllerId?: string | undefined;
  kind?: string | undefined;
  status?: CaseStatus | undefined;
  /** Only cases whose answer is overdue (the duty still open past its due instant). */
  overdueAt?: Date | undefined;
  onlyIds?: string[] | null;
  /** The customer's name or customer number contains it. */
  q?: string | undefined;
  limit: number;
  /** The key of the last case shown (CASE_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
}

/** Newest question first: cases_asked (cases_controller, cases_status for a customer's, a status's) serves it. */
const caseKey: SortKey[] = [
  { expr: cases.askedAt, kind: "instant", descending: true },
  { expr: cases.id, kind: "uuid", descending: true },
];
export const CASE_LIST_KEY: KeyKind[] = caseKey.map((k) => k.kind);

/**
 * A page of cases, newest question first: `limit + 1` after the cursor (the extra one says there
 * is a next page), chosen from the cases alone, then joined to their customers and duties.
 */
export async function listCases(db: Db, filter: CaseFilter) {
  const page = await db
    .select({ id: cases.id, key: keyText(caseKey) })
    .from(cases)
    .where(
      and(
        filter.controllerId ? eq(cases.controllerId, filter.controllerId) : undefined,
        filter.kind ? eq(cases.kind, filter.kind) : undefined,
        filter.status ? eq(cases.status, filter.status) : undefined,
        filter.overdueAt
          ? sql`exists (select 1 from obligations o where o.id = ${cases.obligationId} and o.status = 'open' and o.due_at < ${filter.overdueAt.toISOString()}::timestamptz)`
          : undefined,
        filter.onlyIds ? inArray(cases.controllerId, filter.onlyIds) : undefined,
        filter.q ? ofCustomerMatching(cases.controllerId, filter.q) : undefined,
        afterKey(caseKey, filter.after),
      ),
    )
    .orderBy(keyOrder(caseKey))
    .limit(filter.limit + 1);
  if (page.length === 0) {
    return [];
  }
  const keyOf = new Map(page.map((r) => [r.id, r.key]));
  const found = await caseQuery(db)
    .where(
      inArray(
        cases.id,
        page.map((r) => r.id),
      ),
    )
    .orderBy(keyOrder(caseKey));
  return found.map((row) => ({ ...row, key: keyOf.get(row.id) ?? [] }));
}

export async function insertCase(db: Db, row: typeof cases.$inferInsert) {
  const [inserted] = await db.insert(cases).values(row).returning({ id: cases.id, number: cases.number });
  if (!inserted) {
    throw new Error("case insert returned nothing");
  }
  return inserted;
}

export async function updateCase(db: Db, id: string, set: Partial<typeof cases.$inferInsert>) {
  await db.update(cases).set(set).where(eq(cases.id, id));
}

/** The codes of the services a customer takes, of those given. */
export async function servicesTaken(db: Db, controllerId: string, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) {
    return new Set();
  }
  const found = await db
    .select({ code: services.code })
    .from(controllerServices)
    .innerJoin(services, eq(services.id, controllerServices.serviceId))
    .where(and(eq(controllerServices.controllerId, controllerId), inArray(services.code, codes)));
  return new Set(found.map((r) => r.code));
}

/** The customer's language (its notices and documents). */
export async function controllerLocaleOf(db: Db, controllerId: string): Promise<"nl" | "en"> {
  const [row] = await db.select({ locale: controllers.locale }).from(controllers).where(eq(controllers.id, controllerId));
  return row?.locale ?? "nl";
}

export async function customerNameOf(db: Db, controllerId: string): Promise<string> {
  const [row] = await db.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, controllerId));
  return row?.name ?? "";
}

// ---- instructions (art. 1.2) ---------------------------------------------------------------

export async function insertInstructedPurpose(db: Db, row: typeof instructedPurposes.$inferInsert): Promise<void> {
  await db.insert(instructedPurposes).values(row);
}

/** The purpose an accepted instruction added, if its case was accepted. */
export async function instructedPurposeOfCase(db: Db, caseId: string) {
  const [row] = await db.select().from(instructedPurposes).where(eq(instructedPurposes.caseId, caseId));
  return row ?? null;
}

/** The customer's latest Annex 1 version number (0: none yet). */
export async function latestAnnexVersionOf(db: Db, controllerId: string): Promise<number> {
  const [row] = await db
    .select({ version: annexVersions.version })
    .from(annexVersions)
    .where(eq(annexVersions.controllerId, controllerId))
    .orderBy(desc(annexVersions.version))
    .limit(1);
  return row?.version ?? 0;
}

// ---- estimates ----------------------------------------------------------------------------

export async function listEstimates(db: Db, caseId: string) {
  return db.select().from(caseEstimates).where(eq(caseEstimates.caseId, caseId)).orderBy(asc(caseEstimates.proposedAt), asc(caseEstimates.id));
}

export async function insertEstimate(db: Db, row: typeof caseEstimates.$inferInsert): Promise<string> {
  const [inserted] = await db.insert(caseEstimates).values(row).returning({ id: caseEstimates.id });
  if (!inserted) {
    throw new Error("estimate insert returned nothing");
  }
  return inserted.id;
}

/** A new estimate replaces the one still awaiting a decision. */
export async function supersedeProposed(db: Db, caseId: string) {
  await db
    .update(caseEstimates)
    .set({ status: "superseded" })
    .where(and(eq(caseEstimates.caseId, caseId), eq(caseEstimates.status, "proposed")));
}

export async function proposedEstimateOf(db: Db, caseId: string) {
  const [row] = await db
    .select()
    .from(caseEstimates)
    .where(and(eq(caseEstimates.caseId, caseId), eq(caseEstimates.status, "proposed")));
  return row ?? null;
}

export async function acceptedEstimateOf(db: Db, caseId: string) {
  const [row] = await db
    .select()
    .from(caseEstimates)
    .where(and(eq(caseEstimates.caseId, caseId), eq(caseEstimates.status, "accepted")));
  return row ?? null;
}

export async function decideEstimate(db: Db, id: string, accepted: boolean, by: string, byName: string, now: Date) {
  await db
    .update(caseEstimates)
    .set({ status: accepted ? "accepted" : "declined", decidedAt: now, decidedBy: by, decidedByName: byName })
    .where(eq(caseEstimates.id, id));
}

// ---- time and cost entries ----------------------------------------------------------------

export async function listEntries(db: Db, caseId: string) {
  return db.select().from(caseEntries).where(eq(caseEntries.caseId, caseId)).orderBy(asc(caseEntries.createdAt), asc(caseEntries.id));
}

export async function insertEntry(db: Db, row: typeof caseEntries.$inferInsert): Promise<string> {
  const [inserted] = await db.insert(caseEntries).values(row).returning({ id: caseEntries.id });
  if (!inserted) {
    throw new Error("entry insert returned nothing");
  }
  return inserted.id;
}

export async function findEntryForUpdate(db: Db, caseId: string, id: string) {
  const [row] = await db
    .select()
    .from(caseEntries)
    .where(and(eq(caseEntries.id, id), eq(caseEntries.caseId, caseId)))
    .for("update");
  return row ?? null;
}

export async function voidEntry(db: Db, id: string, by: string, reason: string, now: Date) {
  await db.update(caseEntries).set({ voidedAt: now, voidedBy: by, voidReason: reason }).where(eq(caseEntries.id, id));
}

/** A finished case's billable entries become billable items; returns them. */
export async function markBillable(db: Db, caseId: string, now: Date) {
  return db
    .update(caseEntries)
    .set({ billableAt: now })
    .where(and(eq(caseEntries.caseId, caseId), eq(caseEntries.billable, true), isNull(caseEntries.voidedAt), isNull(caseEntries.billableAt)))
    .returning({ id: caseEntries.id, amountCents: caseEntries.amountCents });
}
