import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { controllerServices, services, serviceTerms, terms, type TermKind } from "../../db/schema/index.ts";

export interface ServiceWithTerms {
  id: string;
  code: string;
  nameNl: string;
  nameEn: string;
  active: boolean;
  sortOrder: number;
  purposes: string[];
  dataCategories: string[];
  subjectCategories: string[];
}

export async function listTerms(db: Db) {
  return db.select().from(terms).orderBy(asc(terms.kind), asc(terms.sortOrder));
}

export async function listServices(db: Db, onlyIds?: string[]): Promise<ServiceWithTerms[]> {
  const rows = await db
    .select()
    .from(services)
    .where(onlyIds ? inArray(services.id, onlyIds) : undefined)
    .orderBy(asc(services.sortOrder), asc(services.code));
  const links = await db
    .select({ serviceId: serviceTerms.serviceId, kind: terms.kind, code: terms.code, sortOrder: terms.sortOrder })
    .from(serviceTerms)
    .innerJoin(terms, eq(terms.id, serviceTerms.termId))
    .orderBy(asc(terms.sortOrder));
  return rows.map((s) => {
    const mine = links.filter((l) => l.serviceId === s.id);
    const codes = (kind: TermKind) => mine.filter((l) => l.kind === kind).map((l) => l.code);
    return { ...s, purposes: codes("purpose"), dataCategories: codes("data_category"), subjectCategories: codes("subject_category") };
  });
}

export async function findServicesByCode(db: Db, codes: string[]) {
  if (codes.length === 0) {
    return [];
  }
  return db.select().from(services).where(inArray(services.code, codes));
}

/** The terms of one kind with these codes. */
export async function findTermsByCode(tx: Db, kind: TermKind, codes: string[]) {
  return tx
    .select()
    .from(terms)
    .where(and(eq(terms.kind, kind), inArray(terms.code, codes)));
}

/** Changes a service's names and whether it is offered; null if there is none with this id. */
export async function updateService(tx: Db, id: string, set: Pick<typeof services.$inferInsert, "nameNl" | "nameEn" | "active">) {
  const [updated] = await tx.update(services).set(set).where(eq(services.id, id)).returning();
  return updated ?? null;
}

export async function findServiceByCode(tx: Db, code: string) {
  const [existing] = await tx.select({ id: services.id }).from(services).where(eq(services.code, code));
  return existing ?? null;
}

export async function insertService(tx: Db, row: typeof services.$inferInsert) {
  const [created] = await tx.insert(services).values(row).returning();
  return created ?? null;
}

export async function deleteServiceTerms(tx: Db, serviceId: string) {
  await tx.delete(serviceTerms).where(eq(serviceTerms.serviceId, serviceId));
}

export async function insertServiceTerms(tx: Db, serviceId: string, termIds: string[]) {
  await tx.insert(serviceTerms).values(termIds.map((termId) => ({ serviceId, termId })));
}

/** How many customers take a service. */
export async function countCustomersTakingService(tx: Db, serviceId: string): Promise<number> {
  const [found] = await tx.select({ n: count() }).from(controllerServices).where(eq(controllerServices.serviceId, serviceId));
  return Number(found?.n ?? 0);
}

/** At most `limit` of the customers taking a service, after the customer `after`, by id: a fan-out's page. */
export async function customersTakingServicePage(tx: Db, serviceId: string, after: string | null, limit: number): Promise<string[]> {
  const found = await tx
    .select({ id: controllerServices.controllerId })
    .from(controllerServices)
    .where(and(eq(controllerServices.serviceId, serviceId), after === null ? undefined : gt(controllerServices.controllerId, after)))
    .orderBy(asc(controllerServices.controllerId))
    .limit(limit);
  return found.map((r) => r.id);
}
