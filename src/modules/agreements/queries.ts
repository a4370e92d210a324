import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";
import {
  agreements,
  annex2Versions,
  annexVersions,
  controllers,
  signatures,
  templateTexts,
  templateVersions,
  type AgreementStatus,
} from "../../db/schema/index.ts";
import type { Locale, TemplateText } from "../../domain/agreement-document.ts";

const agreementColumns = {
  agreement: agreements,
  templateVersion: templateVersions.version,
  controllerName: controllers.name,
  annexVersion: annexVersions.version,
  /** art. 7.1: the Annex 2 version the customer signed; null before signing. */
  annex2Version: annex2Versions.version,
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
    .leftJoin(annex2Versions, eq(annex2Versions.id, agreements.annex2VersionId))
    .where(eq(agreements.id, id));
  return row ?? null;
}

export interface AgreementListFilter {
  controllerId?: string | undefined;
  status?: AgreementStatus | undefined;
  /** The customer's name or number contains it. */
  q?: string | undefined;
  /** Support: only agreements of these customers. */
  onlyControllerIds?: string[] | null;
  limit: number;
  /** The key of the last agreement shown (`agreementListKey`), for the next page. */
  after?: readonly string[] | undefined;
  /** A page at an offset (the list before keyset pages); ignored after a cursor. */
  offset?: number;
}

/** The list's order, newest offer first: the index agreements_offered (and agreements_status_offered for a status) serves it. */
const listKey: SortKey[] = [
  { expr: agreements.offeredAt, kind: "instant", descending: true },
  { expr: agreements.id, kind: "uuid", descending: true },
];
export const AGREEMENT_LIST_KEY: KeyKind[] = listKey.map((k) => k.kind);

/**
 * A page of agreements, newest offer first, `limit + 1` rows (the extra one says there is a next
 * page). The page is chosen from agreements alone, by its index, and only its rows are joined:
 * joined first, the planner (which cannot estimate the row-level security filter) sorts them all.
 * Without the signed PDF and document model, which only one agreement's answer needs.
 */
export async function listAgreements(db: Db, filter: AgreementListFilter) {
  const only = filter.onlyControllerIds;
  const page = db
    .select({ id: agreements.id, key: keyText(listKey).as("key") })
    .from(agreements)
    .where(
      and(
        filter.controllerId ? eq(agreements.controllerId, filter.controllerId) : undefined,
        filter.status ? eq(agreements.status, filter.status) : undefined,
        filter.q ? ofCustomerMatching(agreements.controllerId, filter.q) : undefined,
        only ? (only.length > 0 ? inArray(agreements.controllerId, only) : sql`false`) : undefined,
        afterKey(listKey, filter.after),
      ),
    )
    .orderBy(keyOrder(listKey))
    .limit(filter.limit + 1)
    .offset(filter.after ? 0 : (filter.offset ?? 0))
    .as("page");
  return db
    .select({
      agreement: {
        id: agreements.id,
        controllerId: agreements.controllerId,
        locale: agreements.locale,
        status: agreements.status,
        offeredAt: agreements.offeredAt,
        customerSignedAt: agreements.customerSignedAt,
        processorSignedAt: agreements.processorSignedAt,
        effectiveAt: agreements.effectiveAt,
        supersededAt: agreements.supersededAt,
        documentSha256: agreements.documentSha256,
      },
      templateVersion: templateVersions.version,
      controllerName: controllers.name,
      annexVersion: annexVersions.version,
      annex2Version: annex2Versions.version,
      key: page.key,
    })
    .from(page)
    .innerJoin(agreements, eq(agreements.id, page.id))
    .innerJoin(templateVersions, eq(templateVersions.id, agreements.templateVersionId))
    .innerJoin(controllers, eq(controllers.id, agreements.controllerId))
    .innerJoin(annexVersions, eq(annexVersions.id, agreements.annexVersionId))
    .leftJoin(annex2Versions, eq(annex2Versions.id, agreements.annex2VersionId))
    .orderBy(keyOrder(listKey));
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
/** Every published template version, newest first. */
export function listTemplateVersions(db: Db) {
  return db.select().from(templateVersions).orderBy(desc(templateVersions.version));
}

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

export async function findTemplateVersionById(db: Db, id: string) {
  return db.query.templateVersions.findFirst({ where: (t) => eq(t.id, id) });
}

export async function insertTemplateVersion(tx: Db, row: typeof templateVersions.$inferInsert) {
  const [inserted] = await tx.insert(templateVersions).values(row).returning();
  return inserted ?? null;
}

/** The template version's text in both languages. */
export async function insertTemplateTexts(tx: Db, templateVersionId: string, texts: Record<Locale, TemplateText>) {
  await tx.insert(templateTexts).values([
    { templateVersionId, locale: "nl", text: texts.nl },
    { templateVersionId, locale: "en", text: texts.en },
  ]);
}

/** Sets the language of an agreement while it is offered; the ids of the rows changed (none once signed). */
export async function setOfferedAgreementLocale(tx: Db, agreementId: string, locale: Locale) {
  return tx
    .update(agreements)
    .set({ locale })
    .where(and(eq(agreements.id, agreementId), eq(agreements.status, "offered")))
    .returning({ id: agreements.id });
}

export async function insertSignature(tx: Db, row: typeof signatures.$inferInsert) {
  await tx.insert(signatures).values(row);
}

/** The customer's signature on an offered agreement; null if it was not offered any more. */
export async function markSignedByCustomer(
  tx: Db,
  agreementId: string,
  set: Pick<typeof agreements.$inferInsert, "customerSignedAt" | "documentSha256" | "documentPdf" | "documentJson" | "annex2VersionId">,
) {
  const [signed] = await tx
    .update(agreements)
    .set({ status: "signed_by_customer", ...set })
    .where(and(eq(agreements.id, agreementId), eq(agreements.status, "offered")))
    .returning();
  return signed ?? null;
}

/** The processor's countersignature on an agreement signed by the customer; null if it was not. */
export async function markInForce(tx: Db, agreementId: string, processorSignedAt: Date, effectiveAt: Date) {
  const [inForce] = await tx
    .update(agreements)
    .set({ status: "in_force", processorSignedAt, effectiveAt })
    .where(and(eq(agreements.id, agreementId), eq(agreements.status, "signed_by_customer")))
    .returning();
  return inForce ?? null;
}

/** The controller's other agreements in force end at `supersededAt`; their ids. */
export async function supersedeOtherAgreements(tx: Db, controllerId: string, exceptId: string, supersededAt: Date) {
  return tx
    .update(agreements)
    .set({ status: "superseded", supersededAt })
    .where(and(eq(agreements.controllerId, controllerId), eq(agreements.status, "in_force"), ne(agreements.id, exceptId)))
    .returning({ id: agreements.id });
}

/** How many customers have no Annex 1 version yet. */
export async function countWithoutAnnex(tx: Db): Promise<number> {
  const [found] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from controllers c where not exists (select 1 from annex_versions a where a.controller_id = c.id)`,
  );
  return Number(found?.n ?? 0);
}

/** At most `limit` of the customers that have no Annex 1 version yet, after the customer `after`, by id: a fan-out's page. */
export async function withoutAnnexPage(tx: Db, after: string | null, limit: number): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select c.id from controllers c
         where not exists (select 1 from annex_versions a where a.controller_id = c.id)
               ${after === null ? sql`` : sql`and c.id > ${after}::uuid`}
         order by c.id
         limit ${limit}`,
  );
  return found.map((r) => r.id);
}

/** How many unsigned offers there are of template versions older than `version`. */
export async function countOlderOffers(tx: Db, version: number): Promise<number> {
  const [found] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from agreements a join template_versions t on t.id = a.template_version_id
         where a.status = 'offered' and t.version < ${version}`,
  );
  return Number(found?.n ?? 0);
}

/** Withdraws at most `limit` of the unsigned offers of template versions older than `version`, after the agreement `after`, by id: a fan-out's page; the ones withdrawn. */
export async function withdrawOlderOffers(tx: Db, version: number, after: string | null, limit: number) {
  return rows<{ id: string; controller_id: string }>(
    tx,
    sql`update agreements set status = 'withdrawn'
         where id in (select a.id from agreements a join template_versions t on t.id = a.template_version_id
                       where a.status = 'offered' and t.version < ${version} ${after === null ? sql`` : sql`and a.id > ${after}::uuid`}
                       order by a.id
                       limit ${limit})
        returning id, controller_id`,
  );
}

/** How many customers have no agreement on the template version. */
export async function countWithoutAgreementOn(tx: Db, templateVersionId: string): Promise<number> {
  const [found] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from controllers c
         where not exists (select 1 from agreements a where a.controller_id = c.id and a.template_version_id = ${templateVersionId})`,
  );
  return Number(found?.n ?? 0);
}

/**
 * Offers the template version, with their latest Annex 1, to at most `limit` of the customers
 * without an agreement on it, after the customer `after`, by id: a fan-out's page; the agreements made.
 */
export async function offerToCustomersWithout(tx: Db, templateVersionId: string, now: Date, after: string | null, limit: number) {
  return rows<{ id: string; controller_id: string }>(
    tx,
    sql`insert into agreements (controller_id, template_version_id, annex_version_id, locale, status, offered_at)
        select c.id, ${templateVersionId}, (select av.id from annex_versions av where av.controller_id = c.id order by av.version desc limit 1),
               c.locale, 'offered', ${now}
        from controllers c
        where not exists (select 1 from agreements a where a.controller_id = c.id and a.template_version_id = ${templateVersionId})
              ${after === null ? sql`` : sql`and c.id > ${after}::uuid`}
        order by c.id
        limit ${limit}
        returning id, controller_id`,
  );
}
