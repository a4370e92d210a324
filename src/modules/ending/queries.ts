// The statements of the ending module (art. 12.2, 12.4): the end of a customer's agreement, its
// deletion plan's lines, legal holds and deletion certificates. Every row is the customer's own:
// row-level security shows it to that customer's scope and the processor's.
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, countUpTo, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";
import { agreementEndings, cases, controllers, controllerServices, deletionCertificates, deletionLines, legalHolds, services } from "../../db/schema/index.ts";

export type EndingRow = typeof agreementEndings.$inferSelect;
export type LineRow = Omit<typeof deletionLines.$inferSelect, "attachmentBytes">;
export type HoldRow = typeof legalHolds.$inferSelect;
export type CertificateRow = typeof deletionCertificates.$inferSelect;

export const subjectOf = (id: string) => ({ type: "agreement_ending", id });

const single = <T>(found: T[], what: string): T => {
  const [row] = found;
  if (row === undefined) {
    throw new Error(`${what} returned nothing`);
  }
  return row;
};

/** The service codes each of these customers takes now (a customer without any is absent). */
export async function serviceCodesOf(tx: Db, controllerIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (controllerIds.length === 0) {
    return out;
  }
  const found = await tx
    .select({ controllerId: controllerServices.controllerId, code: services.code })
    .from(controllerServices)
    .innerJoin(services, eq(services.id, controllerServices.serviceId))
    .where(inArray(controllerServices.controllerId, controllerIds));
  for (const r of found) {
    out.set(r.controllerId, [...(out.get(r.controllerId) ?? []), r.code]);
  }
  return out;
}

/** Which of these customers' agreements already ended. */
export async function endedAmong(tx: Db, controllerIds: string[]): Promise<Set<string>> {
  if (controllerIds.length === 0) {
    return new Set();
  }
  const found = await tx.select({ id: agreementEndings.controllerId }).from(agreementEndings).where(inArray(agreementEndings.controllerId, controllerIds));
  return new Set(found.map((r) => r.id));
}

export async function insertEnding(tx: Db, row: typeof agreementEndings.$inferInsert): Promise<EndingRow> {
  return single(await tx.insert(agreementEndings).values(row).returning(), "ending insert");
}

export async function updateEnding(tx: Db, id: string, patch: Partial<typeof agreementEndings.$inferInsert>): Promise<void> {
  await tx.update(agreementEndings).set(patch).where(eq(agreementEndings.id, id));
}

export async function insertLines(tx: Db, lines: (typeof deletionLines.$inferInsert)[]): Promise<void> {
  if (lines.length > 0) {
    await tx.insert(deletionLines).values(lines);
  }
}

export async function findEndingOf(tx: Db, controllerId: string): Promise<EndingRow | null> {
  const [row] = await tx.select().from(agreementEndings).where(eq(agreementEndings.controllerId, controllerId));
  return row ?? null;
}

/** The ending, locked for a change to its plan (a line confirmed, a certificate issued). */
export async function lockEnding(tx: Db, id: string): Promise<EndingRow | null> {
  const [row] = await tx.select().from(agreementEndings).where(eq(agreementEndings.id, id)).for("update");
  return row ?? null;
}

/** The customer's name, number and language. */
export async function customerOf(tx: Db, controllerId: string) {
  const [row] = await tx
    .select({ name: controllers.name, customerNumber: controllers.customerNumber, locale: controllers.locale })
    .from(controllers)
    .where(eq(controllers.id, controllerId));
  return row ?? null;
}

const lineColumns = {
  id: deletionLines.id,
  endingId: deletionLines.endingId,
  controllerId: deletionLines.controllerId,
  sortOrder: deletionLines.sortOrder,
  party: deletionLines.party,
  systemCode: deletionLines.systemCode,
  systemNl: deletionLines.systemNl,
  systemEn: deletionLines.systemEn,
  categoryCode: deletionLines.categoryCode,
  categoryNl: deletionLines.categoryNl,
  categoryEn: deletionLines.categoryEn,
  deletedAt: deletionLines.deletedAt,
  method: deletionLines.method,
  confirmedBy: deletionLines.confirmedBy,
  confirmedByName: deletionLines.confirmedByName,
  confirmedAt: deletionLines.confirmedAt,
  attachmentName: deletionLines.attachmentName,
  attachmentMediaType: deletionLines.attachmentMediaType,
  attachmentSha256: deletionLines.attachmentSha256,
  attachmentAt: deletionLines.attachmentAt,
};

/** The plan's lines in order, without the attachments' bytes. */
export async function linesOf(tx: Db, endingId: string): Promise<LineRow[]> {
  return tx.select(lineColumns).from(deletionLines).where(eq(deletionLines.endingId, endingId)).orderBy(asc(deletionLines.sortOrder));
}

/** One line, locked for its confirmation. */
export async function lockLine(tx: Db, id: string): Promise<LineRow | null> {
  const [row] = await tx.select(lineColumns).from(deletionLines).where(eq(deletionLines.id, id)).for("update");
  return row ?? null;
}

export async function updateLine(tx: Db, id: string, patch: Partial<typeof deletionLines.$inferInsert>): Promise<void> {
  await tx.update(deletionLines).set(patch).where(eq(deletionLines.id, id));
}

/** A line's attachment as received. */
export async function lineAttachment(tx: Db, id: string) {
  const [row] = await tx
    .select({
      name: deletionLines.attachmentName,
      mediaType: deletionLines.attachmentMediaType,
      sha256: deletionLines.attachmentSha256,
      bytes: deletionLines.attachmentBytes,
    })
    .from(deletionLines)
    .where(eq(deletionLines.id, id));
  return row?.bytes && row.name ? { name: row.name, mediaType: row.mediaType ?? "application/octet-stream", sha256: row.sha256 ?? "", bytes: row.bytes } : null;
}

export async function holdsOf(tx: Db, endingId: string): Promise<HoldRow[]> {
  return tx.select().from(legalHolds).where(eq(legalHolds.endingId, endingId)).orderBy(asc(legalHolds.endsAt), asc(legalHolds.createdAt));
}

export async function insertHold(tx: Db, row: typeof legalHolds.$inferInsert): Promise<HoldRow> {
  return single(await tx.insert(legalHolds).values(row).returning(), "hold insert");
}

export async function lockHold(tx: Db, id: string): Promise<HoldRow | null> {
  const [row] = await tx.select().from(legalHolds).where(eq(legalHolds.id, id)).for("update");
  return row ?? null;
}

export async function updateHold(tx: Db, id: string, patch: Partial<typeof legalHolds.$inferInsert>): Promise<void> {
  await tx.update(legalHolds).set(patch).where(eq(legalHolds.id, id));
}

/** A certificate as listed: everything but its stored PDF. */
export type CertificateSummary = Omit<CertificateRow, "pdf">;
const certificateColumns = {
  id: deletionCertificates.id,
  endingId: deletionCertificates.endingId,
  controllerId: deletionCertificates.controllerId,
  number: deletionCertificates.number,
  kind: deletionCertificates.kind,
  holdId: deletionCertificates.holdId,
  content: deletionCertificates.content,
  locale: deletionCertificates.locale,
  sha256: deletionCertificates.sha256,
  issuedAt: deletionCertificates.issuedAt,
};

/** An ending's certificates in order, without their PDFs. */
export async function certificatesOf(tx: Db, endingId: string): Promise<CertificateSummary[]> {
  return tx.select(certificateColumns).from(deletionCertificates).where(eq(deletionCertificates.endingId, endingId)).orderBy(asc(deletionCertificates.number));
}

/** A certificate with its PDF as issued (null if issued before PDFs were stored). */
export async function findCertificate(tx: Db, id: string): Promise<CertificateRow | null> {
  const [row] = await tx.select().from(deletionCertificates).where(eq(deletionCertificates.id, id));
  return row ?? null;
}

export async function insertCertificate(tx: Db, row: typeof deletionCertificates.$inferInsert): Promise<CertificateRow> {
  return single(await tx.insert(deletionCertificates).values(row).returning(), "certificate insert");
}

/** Every ended agreement, newest first, with its customer and the plan's progress. */
/** Newest end first: agreement_endings_ended serves it. */
const endingKey: SortKey[] = [
  { expr: agreementEndings.endedAt, kind: "instant", descending: true },
  { expr: agreementEndings.id, kind: "uuid", descending: true },
];
export const ENDING_LIST_KEY: KeyKind[] = endingKey.map((k) => k.kind);

export interface EndingListFilter {
  /** open: the deletion plan not yet completed; overdue: open past its due date; completed: every line confirmed. */
  status?: "open" | "overdue" | "completed" | undefined;
  /** The customer's name or customer number contains it. */
  q?: string | undefined;
  now: Date;
  limit: number;
  /** The key of the last ending shown (ENDING_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
}

function endingWhere(filter: EndingListFilter): SQL | undefined {
  const status = {
    open: isNull(agreementEndings.completedAt),
    overdue: and(isNull(agreementEndings.completedAt), lt(agreementEndings.planDueAt, filter.now)),
    completed: isNotNull(agreementEndings.completedAt),
  };
  return and(filter.status ? status[filter.status] : undefined, filter.q ? ofCustomerMatching(agreementEndings.controllerId, filter.q) : undefined);
}

/**
 * A page of ended agreements, newest end first, with the deletion plan's progress: `limit + 1`
 * rows (the extra one says there is a next page), chosen from the endings alone by their index,
 * and the count of all (up to COUNT_LIMIT).
 */
export async function listEndings(tx: Db, filter: EndingListFilter) {
  const where = endingWhere(filter);
  const page = tx
    .select({ id: agreementEndings.id, key: keyText(endingKey).as("key") })
    .from(agreementEndings)
    .where(and(where, afterKey(endingKey, filter.after)))
    .orderBy(keyOrder(endingKey))
    .limit(filter.limit + 1)
    .as("page");
  const items = await tx
    .select({
      ending: agreementEndings,
      customerName: controllers.name,
      customerNumber: controllers.customerNumber,
      lines: sql<number>`(select count(*)::int from deletion_lines l where l.ending_id = ${agreementEndings.id})`,
      confirmed: sql<number>`(select count(*)::int from deletion_lines l where l.ending_id = ${agreementEndings.id} and l.confirmed_at is not null)`,
      openHolds: sql<number>`(select count(*)::int from legal_holds h where h.ending_id = ${agreementEndings.id} and h.released_at is null)`,
      key: page.key,
    })
    .from(page)
    .innerJoin(agreementEndings, eq(agreementEndings.id, page.id))
    .innerJoin(controllers, eq(controllers.id, agreementEndings.controllerId))
    .orderBy(keyOrder(endingKey));
  return { items, ...(await countUpTo(tx, agreementEndings, where)) };
}

/** Holds whose end passed and that were not yet reminded of, claimed once (SKIP LOCKED). */
export async function claimEndedHolds(tx: Db, now: Date, limit = 100) {
  return tx
    .select({ hold: legalHolds, endingNumber: agreementEndings.number, customerName: controllers.name })
    .from(legalHolds)
    .innerJoin(agreementEndings, eq(agreementEndings.id, legalHolds.endingId))
    .innerJoin(controllers, eq(controllers.id, legalHolds.controllerId))
    .where(and(lte(legalHolds.endsAt, now), isNull(legalHolds.remindedAt), isNull(legalHolds.releasedAt)))
    .limit(limit)
    .for("update", { of: legalHolds, skipLocked: true });
}

/** Endings whose readable period passed and whose portal is still open, claimed once (SKIP LOCKED). */
export async function claimPortalsToClose(tx: Db, now: Date, limit = 100): Promise<EndingRow[]> {
  return tx
    .select()
    .from(agreementEndings)
    .where(and(lte(agreementEndings.portalClosesAt, now), isNull(agreementEndings.portalClosedAt)))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/** The customer's requests for a return of its data (case kind data_return), newest first. */
export async function returnRequestsOf(tx: Db, controllerId: string) {
  return rows<{ id: string; number: number; status: string; asked_at: Date; request: Record<string, unknown>; outcome: string | null }>(
    tx,
    sql`select id, number, status, asked_at, request, outcome from ${cases} where controller_id = ${controllerId} and kind = 'data_return' order by asked_at desc`,
  );
}
