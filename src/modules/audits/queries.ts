// All SQL of the audits module (art. 10). The tables are the customer's own under row-level
// security (a customer's scope sees its own audits only); the routes admit the two parties only.
import { and, asc, desc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { auditActions, auditCosts, auditExperts, auditFiles, auditFindings, auditInformationRequests, audits, controllers } from "../../db/schema/index.ts";

export type AuditRow = typeof audits.$inferSelect;
export type ExpertRow = typeof auditExperts.$inferSelect;
export type InformationRequestRow = typeof auditInformationRequests.$inferSelect;
export type FindingRow = typeof auditFindings.$inferSelect;
export type ActionRow = typeof auditActions.$inferSelect;
export type CostRow = typeof auditCosts.$inferSelect;
export type FileMeta = Omit<typeof auditFiles.$inferSelect, "content">;

function one<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) {
    throw new Error(`${what} returned nothing`);
  }
  return row;
}

export async function insertAudit(tx: Db, row: typeof audits.$inferInsert): Promise<AuditRow> {
  return one(await tx.insert(audits).values(row).returning(), "audit insert");
}

/** An audit with its customer's name, if this scope may see it; locked for the act when `forUpdate`. */
export async function findAudit(tx: Db, id: string, forUpdate = false) {
  const query = tx
    .select({ audit: audits, customerName: controllers.name })
    .from(audits)
    .innerJoin(controllers, eq(controllers.id, audits.controllerId))
    .where(eq(audits.id, id));
  const [row] = forUpdate ? await query.for("update", { of: audits }) : await query;
  return row ?? null;
}

/** Every audit this scope may see (a customer: its own), newest first, with the customer's name. */
export async function listAudits(tx: Db) {
  return tx
    .select({ audit: audits, customerName: controllers.name })
    .from(audits)
    .innerJoin(controllers, eq(controllers.id, audits.controllerId))
    .orderBy(desc(audits.requestedAt))
    .limit(1000);
}

export async function updateAudit(tx: Db, id: string, set: Partial<typeof audits.$inferInsert>) {
  await tx.update(audits).set(set).where(eq(audits.id, id));
}

export async function insertFile(tx: Db, row: typeof auditFiles.$inferInsert): Promise<string> {
  return one(await tx.insert(auditFiles).values(row).returning({ id: auditFiles.id }), "audit file insert").id;
}

const fileMeta = {
  id: auditFiles.id,
  auditId: auditFiles.auditId,
  controllerId: auditFiles.controllerId,
  informationRequestId: auditFiles.informationRequestId,
  fileName: auditFiles.fileName,
  mediaType: auditFiles.mediaType,
  size: auditFiles.size,
  sha256: auditFiles.sha256,
  uploadedByName: auditFiles.uploadedByName,
  uploadedAt: auditFiles.uploadedAt,
};

export async function filesOf(tx: Db, auditId: string): Promise<FileMeta[]> {
  return tx.select(fileMeta).from(auditFiles).where(eq(auditFiles.auditId, auditId)).orderBy(asc(auditFiles.uploadedAt), asc(auditFiles.id));
}

export async function findFile(tx: Db, id: string) {
  const [row] = await tx.select().from(auditFiles).where(eq(auditFiles.id, id));
  return row ?? null;
}

export async function insertExpert(tx: Db, row: typeof auditExperts.$inferInsert): Promise<ExpertRow> {
  return one(await tx.insert(auditExperts).values(row).returning(), "expert insert");
}

/** Open proposals of an audit other than `keep` become superseded (a counter-proposal replaces them). */
export async function supersedeProposals(tx: Db, auditId: string, keep: string) {
  await tx
    .update(auditExperts)
    .set({ status: "superseded" })
    .where(and(eq(auditExperts.auditId, auditId), eq(auditExperts.status, "proposed"), ne(auditExperts.id, keep)));
}

export async function findExpert(tx: Db, auditId: string, id: string) {
  const [row] = await tx
    .select()
    .from(auditExperts)
    .where(and(eq(auditExperts.auditId, auditId), eq(auditExperts.id, id)));
  return row ?? null;
}

export async function updateExpert(tx: Db, id: string, set: Partial<typeof auditExperts.$inferInsert>) {
  await tx.update(auditExperts).set(set).where(eq(auditExperts.id, id));
}

export async function expertsOf(tx: Db, auditId: string): Promise<ExpertRow[]> {
  return tx.select().from(auditExperts).where(eq(auditExperts.auditId, auditId)).orderBy(asc(auditExperts.proposedAt), asc(auditExperts.id));
}

export async function insertInformationRequest(tx: Db, row: typeof auditInformationRequests.$inferInsert): Promise<InformationRequestRow> {
  return one(await tx.insert(auditInformationRequests).values(row).returning(), "information request insert");
}

export async function findInformationRequest(tx: Db, auditId: string, id: string, forUpdate = false) {
  const query = tx
    .select()
    .from(auditInformationRequests)
    .where(and(eq(auditInformationRequests.auditId, auditId), eq(auditInformationRequests.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function updateInformationRequest(tx: Db, id: string, set: Partial<typeof auditInformationRequests.$inferInsert>) {
  await tx.update(auditInformationRequests).set(set).where(eq(auditInformationRequests.id, id));
}

export async function informationRequestsOf(tx: Db, auditId: string): Promise<InformationRequestRow[]> {
  return tx
    .select()
    .from(auditInformationRequests)
    .where(eq(auditInformationRequests.auditId, auditId))
    .orderBy(asc(auditInformationRequests.askedAt), asc(auditInformationRequests.id));
}

export async function insertFinding(tx: Db, row: typeof auditFindings.$inferInsert): Promise<FindingRow> {
  return one(await tx.insert(auditFindings).values(row).returning(), "finding insert");
}

export async function findFinding(tx: Db, auditId: string, id: string) {
  const [row] = await tx
    .select()
    .from(auditFindings)
    .where(and(eq(auditFindings.auditId, auditId), eq(auditFindings.id, id)));
  return row ?? null;
}

/** Marks a finding as agreed, once: returns false when it already was. */
export async function markFindingAgreed(tx: Db, id: string, at: Date, byName: string): Promise<boolean> {
  const rows = await tx
    .update(auditFindings)
    .set({ agreedAt: at, agreedByName: byName })
    .where(and(eq(auditFindings.id, id), isNull(auditFindings.agreedAt)))
    .returning({ id: auditFindings.id });
  return rows.length === 1;
}

export async function findingsOf(tx: Db, auditId: string): Promise<FindingRow[]> {
  return tx.select().from(auditFindings).where(eq(auditFindings.auditId, auditId)).orderBy(asc(auditFindings.recordedAt), asc(auditFindings.id));
}

export async function insertAction(tx: Db, row: typeof auditActions.$inferInsert): Promise<ActionRow> {
  return one(await tx.insert(auditActions).values(row).returning(), "action insert");
}

export async function findAction(tx: Db, auditId: string, id: string, forUpdate = false) {
  const query = tx
    .select()
    .from(auditActions)
    .where(and(eq(auditActions.auditId, auditId), eq(auditActions.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function updateAction(tx: Db, id: string, set: Partial<typeof auditActions.$inferInsert>) {
  await tx.update(auditActions).set(set).where(eq(auditActions.id, id));
}

export async function actionsOf(tx: Db, auditId: string): Promise<ActionRow[]> {
  return tx.select().from(auditActions).where(eq(auditActions.auditId, auditId)).orderBy(asc(auditActions.dueDate), asc(auditActions.id));
}

export async function insertCost(tx: Db, row: typeof auditCosts.$inferInsert): Promise<CostRow> {
  return one(await tx.insert(auditCosts).values(row).returning(), "cost insert");
}

export async function costsOf(tx: Db, auditId: string): Promise<CostRow[]> {
  return tx.select().from(auditCosts).where(eq(auditCosts.auditId, auditId)).orderBy(asc(auditCosts.recordedAt), asc(auditCosts.id));
}
