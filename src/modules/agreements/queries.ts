import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { agreements, annexVersions, controllers, signatures, templateTexts, templateVersions, type AgreementStatus } from "../../db/schema/index.ts";
import type { Locale } from "../../domain/agreement-document.ts";

const agreementColumns = {
  agreement: agreements,
  templateVersion: templateVersions.version,
  controllerName: controllers.name,
  annexVersion: annexVersions.version,
};

/** An agreement with what its answers show: template and annex version, the customer's name. */
export type FoundAgreement = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

export async function findAgreement(db: Db, id: string) {
  const [row] = await db
    .select(agreementColumns)
    .from(agreements)
    .innerJoin(templateVersions, eq(templateVersions.id, agreements.templateVersionId))
    .innerJoin(controllers, eq(controllers.id, agreements.controllerId))
    .innerJoin(annexVersions, eq(annexVersions.id, agreements.annexVersionId))
    .where(eq(agreements.id, id));
  return row ?? null;
}

export async function listAgreements(db: Db, filter: { controllerId?: string; status?: AgreementStatus; limit: number; offset: number }) {
  return db
    .select(agreementColumns)
    .from(agreements)
    .innerJoin(templateVersions, eq(templateVersions.id, agreements.templateVersionId))
    .innerJoin(controllers, eq(controllers.id, agreements.controllerId))
    .innerJoin(annexVersions, eq(annexVersions.id, agreements.annexVersionId))
    .where(
      and(filter.controllerId ? eq(agreements.controllerId, filter.controllerId) : undefined, filter.status ? eq(agreements.status, filter.status) : undefined),
    )
    .orderBy(desc(templateVersions.version), asc(controllers.name))
    .limit(filter.limit)
    .offset(filter.offset);
}

export async function signaturesOf(db: Db, agreementIds: string[]) {
  if (agreementIds.length === 0) {
    return [];
  }
  return db.select().from(signatures).where(inArray(signatures.agreementId, agreementIds)).orderBy(asc(signatures.signedAt));
}

export async function findTemplateVersion(db: Db, version: number) {
  const [row] = await db.select().from(templateVersions).where(eq(templateVersions.version, version));
  return row ?? null;
}

export async function latestTemplateVersion(db: Db) {
  const [row] = await db.select().from(templateVersions).orderBy(desc(templateVersions.version)).limit(1);
  return row ?? null;
}

export async function findTemplateText(db: Db, templateVersionId: string, locale: Locale) {
  const [row] = await db
    .select()
    .from(templateTexts)
    .where(and(eq(templateTexts.templateVersionId, templateVersionId), eq(templateTexts.locale, locale)));
  return row?.text ?? null;
}

export async function findAnnexVersion(db: Db, id: string) {
  const [row] = await db.select().from(annexVersions).where(eq(annexVersions.id, id));
  return row ?? null;
}

/** Per template version, how many agreements are offered, signed by the customer, and in force. */
export async function countAgreementsByTemplate(db: Db) {
  return rows<{ version: number; offered: string; signed: string; in_force: string }>(
    db,
    sql`select t.version,
          count(*) filter (where a.status = 'offered') as offered,
          count(*) filter (where a.status = 'signed_by_customer') as signed,
          count(*) filter (where a.status = 'in_force') as in_force
        from template_versions t left join agreements a on a.template_version_id = t.id
        group by t.version order by t.version desc`,
  );
}
