import { and, desc, eq, gt, gte, lt, lte, max, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, countUpTo, keyOrder, keyText, type KeyKind, type SortKey } from "../../db/keyset.ts";
import {
  accessLog,
  auditFiles,
  audits,
  breakGlassGrants,
  cases,
  confidentialityConfirmations,
  confidentialityStatements,
  controllers,
  objections,
  supportAssignments,
  threadAttachments,
  subjectRequests,
  subjectRequestFiles,
  users,
} from "../../db/schema/index.ts";
import type { PersonalDataView } from "../../http/personal-data.ts";

// All of the access module's SQL (art. 2.3, 9.1).

/** The newest published version of the confidentiality statement, or null before the first. */
export async function findCurrentStatement(db: Db) {
  const [row] = await db.select().from(confidentialityStatements).orderBy(desc(confidentialityStatements.version)).limit(1);
  return row ?? null;
}

export async function listStatements(db: Db) {
  return db
    .select({
      id: confidentialityStatements.id,
      version: confidentialityStatements.version,
      textNl: confidentialityStatements.textNl,
      textEn: confidentialityStatements.textEn,
      sha256: confidentialityStatements.sha256,
      note: confidentialityStatements.note,
      publishedAt: confidentialityStatements.publishedAt,
      publishedBy: confidentialityStatements.publishedBy,
      confirmations: sql<number>`(select count(*)::int from ${confidentialityConfirmations} c where c.statement_id = confidentiality_statements.id)`,
    })
    .from(confidentialityStatements)
    .orderBy(desc(confidentialityStatements.version));
}

export async function nextStatementVersion(tx: Db): Promise<number> {
  const [row] = await tx.select({ version: max(confidentialityStatements.version) }).from(confidentialityStatements);
  return (row?.version ?? 0) + 1;
}

export async function insertStatement(tx: Db, row: typeof confidentialityStatements.$inferInsert) {
  const [inserted] = await tx.insert(confidentialityStatements).values(row).returning();
  if (!inserted) {
    throw new Error("statement insert returned nothing");
  }
  return inserted;
}

/** Writes version 1 unless a version exists (two first requests at once: one writes it); its id, or null. */
export async function insertFirstStatement(
  tx: Db,
  row: { textNl: string; textEn: string; sha256: string; note: string | null; publishedAt: Date; publishedBy: string },
): Promise<string | null> {
  const [inserted] = await rows<{ id: string }>(
    tx,
    sql`insert into ${confidentialityStatements} (version, text_nl, text_en, sha256, note, published_at, published_by)
        select 1, ${row.textNl}, ${row.textEn}, ${row.sha256}, ${row.note}, ${row.publishedAt.toISOString()}::timestamptz, ${row.publishedBy}
        where not exists (select 1 from ${confidentialityStatements})
        on conflict do nothing
        returning id`,
  );
  return inserted?.id ?? null;
}

/** Records a confirmation; null when this user had already confirmed this version. */
export async function insertConfirmation(tx: Db, row: typeof confidentialityConfirmations.$inferInsert) {
  const [inserted] = await tx.insert(confidentialityConfirmations).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function findConfirmation(db: Db, userId: string, statementId: string) {
  const [row] = await db
    .select()
    .from(confidentialityConfirmations)
    .where(and(eq(confidentialityConfirmations.userId, userId), eq(confidentialityConfirmations.statementId, statementId)));
  return row ?? null;
}

/** Every active staff user with the newest version they confirmed, and when. */
export async function staffConfirmations(db: Db) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      staffRole: users.staffRole,
      version: sql<
        number | null
      >`(select max(s.version) from ${confidentialityConfirmations} c join ${confidentialityStatements} s on s.id = c.statement_id where c.user_id = users.id)`,
      confirmedAt: sql<string | null>`(select max(c.confirmed_at) from ${confidentialityConfirmations} c where c.user_id = users.id)`,
    })
    .from(users)
    .where(and(eq(users.kind, "staff"), sql`${users.disabledAt} is null`))
    .orderBy(users.name);
}

/** Whether a staff user confirmed the current version of the statement (none published: no). */
export async function hasConfirmedCurrent(db: Db, userId: string): Promise<boolean> {
  const [row] = await rows<{ confirmed: boolean }>(
    db,
    sql`select exists (select 1 from ${confidentialityConfirmations} c
          where c.user_id = ${userId}
            and c.statement_id = (select s.id from ${confidentialityStatements} s order by s.version desc limit 1)) as confirmed`,
  );
  return row?.confirmed === true;
}

/** A support user's break-glass grants in force at `now`. */
export async function grantsInForce(db: Db, userId: string, now: Date) {
  return db
    .select({
      grantId: breakGlassGrants.id,
      controllerId: breakGlassGrants.controllerId,
      reason: breakGlassGrants.reason,
      expiresAt: breakGlassGrants.expiresAt,
    })
    .from(breakGlassGrants)
    .where(and(eq(breakGlassGrants.userId, userId), lte(breakGlassGrants.grantedAt, now), gt(breakGlassGrants.expiresAt, now)))
    .orderBy(breakGlassGrants.expiresAt);
}

export async function isAssigned(db: Db, userId: string, controllerId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: supportAssignments.userId })
    .from(supportAssignments)
    .where(and(eq(supportAssignments.userId, userId), eq(supportAssignments.controllerId, controllerId)));
  return row !== undefined;
}

export async function findControllerName(db: Db, id: string) {
  const [row] = await db.select({ id: controllers.id, name: controllers.name }).from(controllers).where(eq(controllers.id, id));
  return row ?? null;
}

export async function insertGrant(tx: Db, row: typeof breakGlassGrants.$inferInsert) {
  const [inserted] = await tx.insert(breakGlassGrants).values(row).returning();
  if (!inserted) {
    throw new Error("grant insert returned nothing");
  }
  return inserted;
}

/** The customer a declared record belongs to (http/personal-data.ts), or null when there is none. */
export async function controllerOfRecord(tx: Db, view: PersonalDataView, recordId: string): Promise<string | null> {
  switch (view) {
    case "customer":
    case "contact":
    case "users":
      return (await findControllerName(tx, recordId))?.id ?? null;
    case "case": {
      const [row] = await tx.select({ controllerId: cases.controllerId }).from(cases).where(eq(cases.id, recordId));
      return row?.controllerId ?? null;
    }
    case "objection": {
      const [row] = await tx.select({ controllerId: objections.controllerId }).from(objections).where(eq(objections.id, recordId));
      return row?.controllerId ?? null;
    }
    case "attachment": {
      const [row] = await tx.select({ controllerId: threadAttachments.controllerId }).from(threadAttachments).where(eq(threadAttachments.id, recordId));
      return row?.controllerId ?? null;
    }
    // Several customers at once: the hook names them from the answer (record-access.ts).
    case "breach_facts":
      return null;
    // A request not yet forwarded is no customer's: nothing to log until it is.
    case "subject_request": {
      const [row] = await tx.select({ controllerId: subjectRequests.controllerId }).from(subjectRequests).where(eq(subjectRequests.id, recordId));
      return row?.controllerId ?? null;
    }
    case "subject_request_file": {
      const [row] = await tx.select({ controllerId: subjectRequestFiles.controllerId }).from(subjectRequestFiles).where(eq(subjectRequestFiles.id, recordId));
      return row?.controllerId ?? null;
    }
    case "audit": {
      const [row] = await tx.select({ controllerId: audits.controllerId }).from(audits).where(eq(audits.id, recordId));
      return row?.controllerId ?? null;
    }
    case "audit_file": {
      const [row] = await tx.select({ controllerId: auditFiles.controllerId }).from(auditFiles).where(eq(auditFiles.id, recordId));
      return row?.controllerId ?? null;
    }
  }
}

/** Writes an access row unless the same user saw the same record of the customer in the same minute; the row, or null. */
export async function insertAccessRow(tx: Db, row: typeof accessLog.$inferInsert) {
  const [inserted] = await tx.insert(accessLog).values(row).onConflictDoNothing().returning({ id: accessLog.id });
  return inserted ?? null;
}

export interface AccessLogFilter {
  /** One customer, or every customer (staff only). */
  controllerId: string | null;
  from: Date | null;
  to: Date | null;
  limit: number;
  /** The key of the last entry shown (ACCESS_LOG_KEY), for the next page. */
  after?: readonly string[] | undefined;
  /** A page at an offset (the list before keyset pages); ignored after a cursor. */
  offset?: number;
}

/** Newest first: access_log_controller serves one customer's, access_log_at everyone's. */
const accessKey: SortKey[] = [
  { expr: accessLog.at, kind: "instant", descending: true },
  { expr: accessLog.id, kind: "uuid", descending: true },
];
export const ACCESS_LOG_KEY: KeyKind[] = accessKey.map((k) => k.kind);

const accessWhere = (filter: AccessLogFilter) =>
  and(
    filter.controllerId ? eq(accessLog.controllerId, filter.controllerId) : undefined,
    filter.from ? gte(accessLog.at, filter.from) : undefined,
    filter.to ? lt(accessLog.at, filter.to) : undefined,
  );

/**
 * A page of the access log, newest first, with the customer's name and number: `limit + 1` rows
 * (the extra one says there is a next page), chosen from the log alone by its index.
 */
export async function accessLogPage(db: Db, filter: AccessLogFilter) {
  const page = db
    .select({ id: accessLog.id, key: keyText(accessKey).as("key") })
    .from(accessLog)
    .where(and(accessWhere(filter), afterKey(accessKey, filter.after)))
    .orderBy(keyOrder(accessKey))
    .limit(filter.limit + 1)
    .offset(filter.after ? 0 : (filter.offset ?? 0))
    .as("page");
  return db
    .select({
      id: accessLog.id,
      controllerId: accessLog.controllerId,
      customerName: controllers.name,
      customerNumber: controllers.customerNumber,
      userName: accessLog.userName,
      staffRole: accessLog.staffRole,
      what: accessLog.what,
      recordId: accessLog.recordId,
      why: accessLog.why,
      reason: accessLog.reason,
      at: accessLog.at,
      key: page.key,
    })
    .from(page)
    .innerJoin(accessLog, eq(accessLog.id, page.id))
    .innerJoin(controllers, eq(controllers.id, accessLog.controllerId))
    .orderBy(keyOrder(accessKey));
}

/** A page of the access log (accessLogPage) and the count of all its entries (up to COUNT_LIMIT). */
export async function listAccessLog(db: Db, filter: AccessLogFilter) {
  return { items: await accessLogPage(db, filter), ...(await countUpTo(db, accessLog, accessWhere(filter))) };
}
