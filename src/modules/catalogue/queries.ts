import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { measures, services, serviceTerms, terms, type TermKind } from "../../db/schema/index.ts";

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

export async function listMeasures(db: Db) {
  return db.select().from(measures).orderBy(asc(measures.sortOrder), asc(measures.code));
}
