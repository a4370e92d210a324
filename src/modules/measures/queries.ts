import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { rows, type Db } from "../../db/engine.ts";
import { annex2Versions, measureEvidence, measureReviews, measures, obligations, users } from "../../db/schema/index.ts";

/** The obligation kind of a measure's periodic review (art. 7.1: measures are kept up to date). */
export const REVIEW_KIND = "measure_review";
export const MEASURE_SUBJECT = "measure";

export type MeasureRow = typeof measures.$inferSelect;

const openReview = and(
  eq(obligations.kind, REVIEW_KIND),
  eq(obligations.status, "open"),
  eq(obligations.subjectType, MEASURE_SUBJECT),
  sql`${obligations.subjectId} = ${measures.id}::text`,
);

/** Every measure with its owner's name and the due instant of its open review duty (if any). */
export async function listMeasures(db: Db, onlyId?: string) {
  return db
    .select({
      measure: measures,
      ownerName: users.name,
      reviewDueAt: obligations.dueAt,
    })
    .from(measures)
    .leftJoin(users, eq(users.id, measures.ownerUserId))
    .leftJoin(obligations, openReview)
    .where(onlyId === undefined ? undefined : eq(measures.id, onlyId))
    .orderBy(asc(measures.sortOrder), asc(measures.code));
}
export type MeasureListRow = Awaited<ReturnType<typeof listMeasures>>[number];

/** The measures in place, in Annex 2's order. */
export async function measuresInPlace(db: Db) {
  return db.select().from(measures).where(eq(measures.status, "implemented")).orderBy(asc(measures.sortOrder), asc(measures.code));
}

export async function findMeasure(tx: Db, id: string, lock = false) {
  const query = tx.select().from(measures).where(eq(measures.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function findMeasureByCode(tx: Db, code: string) {
  const [row] = await tx.select({ id: measures.id }).from(measures).where(eq(measures.code, code));
  return row ?? null;
}

export async function insertMeasure(tx: Db, row: typeof measures.$inferInsert) {
  const [created] = await tx.insert(measures).values(row).returning();
  return created ?? null;
}

export async function updateMeasure(tx: Db, id: string, set: Partial<typeof measures.$inferInsert>) {
  const [row] = await tx.update(measures).set(set).where(eq(measures.id, id)).returning();
  return row ?? null;
}

/** An active staff member (a measure's owner must be one). */
export async function findActiveStaff(tx: Db, id: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, staffRole: users.staffRole })
    .from(users)
    .where(and(eq(users.id, id), eq(users.kind, "staff"), isNull(users.disabledAt)));
  return row ?? null;
}

/** The active staff who may own a measure. */
export async function listActiveStaff(tx: Db) {
  return tx
    .select({ id: users.id, name: users.name, staffRole: users.staffRole })
    .from(users)
    .where(and(eq(users.kind, "staff"), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
}

export async function insertReview(tx: Db, row: typeof measureReviews.$inferInsert) {
  const [created] = await tx.insert(measureReviews).values(row).returning();
  return created ?? null;
}

const reviewer = alias(users, "reviewer");

export async function listReviews(tx: Db, measureId: string) {
  return tx
    .select({ review: measureReviews, reviewerName: reviewer.name })
    .from(measureReviews)
    .leftJoin(reviewer, eq(reviewer.id, measureReviews.reviewedBy))
    .where(eq(measureReviews.measureId, measureId))
    .orderBy(desc(measureReviews.reviewedAt));
}

export async function insertEvidence(tx: Db, row: typeof measureEvidence.$inferInsert) {
  const [created] = await tx.insert(measureEvidence).values(row).returning({ id: measureEvidence.id });
  return created ?? null;
}

/** A measure's evidence files, without their bytes. */
export async function listEvidence(tx: Db, measureId: string) {
  return tx
    .select({
      id: measureEvidence.id,
      fileName: measureEvidence.fileName,
      mediaType: measureEvidence.mediaType,
      size: measureEvidence.size,
      sha256: measureEvidence.sha256,
      uploadedAt: measureEvidence.uploadedAt,
      uploadedByName: users.name,
    })
    .from(measureEvidence)
    .leftJoin(users, eq(users.id, measureEvidence.uploadedBy))
    .where(eq(measureEvidence.measureId, measureId))
    .orderBy(desc(measureEvidence.uploadedAt));
}

export async function findEvidence(tx: Db, measureId: string, fileId: string) {
  const [row] = await tx
    .select()
    .from(measureEvidence)
    .where(and(eq(measureEvidence.measureId, measureId), eq(measureEvidence.id, fileId)));
  return row ?? null;
}

/** The open review duties of these measures. */
export async function findOpenReviewDuties(tx: Db, measureIds: string[]) {
  if (measureIds.length === 0) {
    return [];
  }
  return tx
    .select({ id: obligations.id, subjectId: obligations.subjectId, dueAt: obligations.dueAt })
    .from(obligations)
    .where(
      and(
        eq(obligations.kind, REVIEW_KIND),
        eq(obligations.status, "open"),
        eq(obligations.subjectType, MEASURE_SUBJECT),
        inArray(obligations.subjectId, measureIds),
      ),
    );
}

/**
 * Makes the sweeps that open missing review duties take turns (a transaction-scoped advisory lock):
 * two workers' sweeps at once would each see a measure without a duty and each open one. The one
 * that waited reads after the other's commit, and finds nothing missing.
 */
export async function lockReviewDutySweep(tx: Db) {
  await tx.execute(sql`select pg_advisory_xact_lock(28282807)`);
}

/** Measures in place without an open review duty (new, just put in place, or from before reviews ran). */
export async function inPlaceWithoutReviewDuty(tx: Db) {
  return tx
    .select()
    .from(measures)
    .leftJoin(obligations, openReview)
    .where(and(eq(measures.status, "implemented"), isNull(obligations.id)))
    .then((rows) => rows.map((r) => r.measures));
}

export async function latestAnnex2(tx: Db) {
  const [row] = await tx.select().from(annex2Versions).orderBy(desc(annex2Versions.version)).limit(1);
  return row ?? null;
}

/** The two latest versions: the current one and the one before it. */
export async function latestAnnex2Pair(tx: Db) {
  return tx.select().from(annex2Versions).orderBy(desc(annex2Versions.version)).limit(2);
}

export async function findAnnex2Version(tx: Db, version: number) {
  const [row] = await tx.select().from(annex2Versions).where(eq(annex2Versions.version, version));
  return row ?? null;
}

export async function findAnnex2VersionById(tx: Db, id: string) {
  const [row] = await tx.select().from(annex2Versions).where(eq(annex2Versions.id, id));
  return row ?? null;
}

export async function listAnnex2Versions(tx: Db) {
  return tx
    .select({
      id: annex2Versions.id,
      version: annex2Versions.version,
      changes: annex2Versions.changes,
      note: annex2Versions.note,
      publishedAt: annex2Versions.publishedAt,
      measureCount: sql<number>`jsonb_array_length(${annex2Versions.measures})`.mapWith(Number),
    })
    .from(annex2Versions)
    .orderBy(desc(annex2Versions.version));
}

export async function insertAnnex2Version(tx: Db, row: typeof annex2Versions.$inferInsert) {
  const [created] = await tx.insert(annex2Versions).values(row).returning();
  return created ?? null;
}

/** Customers with an agreement that is offered, signed or in force are told of a new Annex 2. */
const TOLD_OF_ANNEX2 = sql`a.status in ('offered', 'signed_by_customer', 'in_force')`;

/** How many customers a new Annex 2 is told to. */
export async function countCustomersWithAgreement(tx: Db): Promise<number> {
  const [found] = await rows<{ n: number }>(tx, sql`select count(distinct a.controller_id)::int as n from agreements a where ${TOLD_OF_ANNEX2}`);
  return Number(found?.n ?? 0);
}

/**
 * At most `limit` of the customers a new Annex 2 is told to, after the customer `after`, by id: a
 * fan-out's page (agreements_controller_template, led by the customer, serves it), in the order
 * their evidence streams are locked.
 */
export async function customersWithAgreementPage(tx: Db, after: string | null, limit: number): Promise<string[]> {
  const found = await rows<{ controller_id: string }>(
    tx,
    sql`select distinct a.controller_id from agreements a
         where ${TOLD_OF_ANNEX2} ${after === null ? sql`` : sql`and a.controller_id > ${after}::uuid`}
         order by a.controller_id
         limit ${limit}`,
  );
  return found.map((r) => r.controller_id);
}

/** Owners and last reviews of many measures in one statement (the demo's register). */
export async function setOwnersAndReviews(tx: Db, rows: { code: string; ownerUserId: string | null; lastReviewedAt: Date }[]) {
  if (rows.length === 0) {
    return [];
  }
  const values = sql.join(
    rows.map((r) => sql`(${r.code}, ${r.ownerUserId}::uuid, ${r.lastReviewedAt.toISOString()}::timestamptz)`),
    sql`, `,
  );
  return tx
    .update(measures)
    .set({ ownerUserId: sql`v.owner`, lastReviewedAt: sql`v.at` })
    .from(sql`(VALUES ${values}) AS v(code, owner, at)`)
    .where(sql`${measures.code} = v.code`)
    .returning({ id: measures.id, code: measures.code, ownerUserId: measures.ownerUserId, lastReviewedAt: measures.lastReviewedAt });
}

export async function insertReviews(tx: Db, rows: (typeof measureReviews.$inferInsert)[]) {
  if (rows.length > 0) {
    await tx.insert(measureReviews).values(rows);
  }
}
