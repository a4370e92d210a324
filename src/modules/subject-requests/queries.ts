// All SQL of data subjects' requests (art. 8.1): the requests, their files, the form's tickets, and
// the customers a request's domain names point to.
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";
import {
  controllerDomains,
  controllers,
  formTickets,
  notices,
  obligations,
  subjectRequestFiles,
  subjectRequests,
  templateVersions,
  type SubjectRequestStatus,
} from "../../db/schema/index.ts";

export const subjectOf = (id: string) => ({ type: "subject_request", id });

/** The latest template version's stored `parameters.subjectRequests` (undefined when none). */
export async function latestSubjectRequestParameters(tx: Db): Promise<unknown> {
  const [row] = await tx.select({ parameters: templateVersions.parameters }).from(templateVersions).orderBy(desc(templateVersions.version)).limit(1);
  return (row?.parameters as unknown as Record<string, unknown> | undefined)?.subjectRequests;
}

// ---- the form's tickets -------------------------------------------------------------------

export async function insertTicket(tx: Db, issuedAt: Date): Promise<string> {
  const [row] = await tx.insert(formTickets).values({ issuedAt }).returning({ id: formTickets.id });
  if (!row) {
    throw new Error("the ticket was not written");
  }
  return row.id;
}

/** The ticket, unused, as issued; spent by this call if it was issued between `from` and `to`. */
export async function spendTicket(tx: Db, id: string, now: Date, from: Date, to: Date): Promise<"spent" | "too_soon" | "invalid"> {
  const [ticket] = await tx.select().from(formTickets).where(eq(formTickets.id, id)).for("update");
  if (!ticket || ticket.usedAt !== null || ticket.issuedAt < from) {
    return "invalid";
  }
  if (ticket.issuedAt > to) {
    return "too_soon";
  }
  await tx.update(formTickets).set({ usedAt: now }).where(eq(formTickets.id, id));
  return "spent";
}

export async function deleteTicketsBefore(tx: Db, before: Date): Promise<number> {
  const gone = await tx.delete(formTickets).where(lte(formTickets.issuedAt, before)).returning({ id: formTickets.id });
  return gone.length;
}

/** How many requests came from this network since then (the form's flood limit). */
export async function countFromNetwork(tx: Db, network: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(subjectRequests)
    .where(and(eq(subjectRequests.network, network), gte(subjectRequests.receivedAt, since)));
  return row?.n ?? 0;
}

// ---- requests -----------------------------------------------------------------------------

const columns = {
  id: subjectRequests.id,
  number: subjectRequests.number,
  source: subjectRequests.source,
  right: subjectRequests.right,
  locale: subjectRequests.locale,
  status: subjectRequests.status,
  content: subjectRequests.content,
  contentSha256: subjectRequests.contentSha256,
  receivedAt: subjectRequests.receivedAt,
  confirmedAt: subjectRequests.confirmedAt,
  obligationId: subjectRequests.obligationId,
  dueAt: obligations.dueAt,
  obligationStatus: obligations.status,
  metAt: obligations.metAt,
  metInTime: obligations.metInTime,
  controllerId: subjectRequests.controllerId,
  customerName: controllers.name,
  forwardedAt: subjectRequests.forwardedAt,
  requesterTold: subjectRequests.requesterTold,
  outcome: subjectRequests.outcome,
  outcomeNote: subjectRequests.outcomeNote,
  outcomeAt: subjectRequests.outcomeAt,
  closedAt: subjectRequests.closedAt,
  eraseAfter: subjectRequests.eraseAfter,
  erasedAt: subjectRequests.erasedAt,
  fileCount: sql<number>`(select count(*)::int from subject_request_files f where f.request_id = "subject_requests"."id")`,
};

const requestQuery = (tx: Db) =>
  tx
    .select(columns)
    .from(subjectRequests)
    .leftJoin(controllers, eq(controllers.id, subjectRequests.controllerId))
    .leftJoin(obligations, eq(obligations.id, subjectRequests.obligationId));

export type SubjectRequestView = Awaited<ReturnType<typeof findRequest>> & {};

export async function findRequest(tx: Db, id: string) {
  const [row] = await requestQuery(tx).where(eq(subjectRequests.id, id));
  return row ?? null;
}

/** Whether a forwarded request with this reference (B-2026-0007) is visible in the caller's scope. */
export async function subjectRequestVisible(tx: Db, reference: string): Promise<boolean> {
  const number = Number(/^B-\d{4}-(\d+)$/.exec(reference)?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(number)) {
    return false;
  }
  const [row] = await tx
    .select({ id: subjectRequests.id })
    .from(subjectRequests)
    .where(and(eq(subjectRequests.number, number), sql`${subjectRequests.controllerId} is not null`));
  return row !== undefined;
}

export async function lockRequest(tx: Db, id: string) {
  const [row] = await tx.select().from(subjectRequests).where(eq(subjectRequests.id, id)).for("update");
  return row ?? null;
}

/** Newest first: subject_requests_received serves all, _status_received one status, _controller_received a customer's. */
const requestKey: SortKey[] = [
  { expr: subjectRequests.receivedAt, kind: "instant", descending: true },
  { expr: subjectRequests.id, kind: "uuid", descending: true },
];
export const REQUEST_LIST_KEY: KeyKind[] = requestKey.map((k) => k.kind);

export interface RequestListFilter {
  status?: SubjectRequestStatus | undefined;
  controllerId?: string | undefined;
  /** A request's reference (B-2026-0007, or its number), or the customer's name or number. */
  q?: string | undefined;
  limit: number;
  /** The key of the last request shown (REQUEST_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
}

/** The number in a request's reference as people type it: B-2026-0007, 0007 or 7. */
function referenceNumber(q: string): number | null {
  const digits = /^(?:b-\d{4}-)?(\d{1,15})$/i.exec(q.trim())?.[1];
  return digits === undefined ? null : Number(digits);
}

function requestListWhere(filter: RequestListFilter): SQL | undefined {
  const number = filter.q ? referenceNumber(filter.q) : null;
  const customer = filter.q ? ofCustomerMatching(subjectRequests.controllerId, filter.q) : undefined;
  return and(
    // An unconfirmed submission is no request yet: nobody sees it.
    sql`${subjectRequests.status} <> 'unconfirmed'`,
    filter.status ? eq(subjectRequests.status, filter.status) : undefined,
    filter.controllerId ? eq(subjectRequests.controllerId, filter.controllerId) : undefined,
    customer ? (number === null ? customer : sql`(${subjectRequests.number} = ${number} or ${customer})`) : undefined,
  );
}

/**
 * A page of requests, newest first: `limit + 1` rows (the extra one says there is a next page),
 * chosen from the requests alone by their index, then joined.
 */
export async function listRequests(tx: Db, filter: RequestListFilter) {
  const page = tx
    .select({ id: subjectRequests.id, key: keyText(requestKey).as("key") })
    .from(subjectRequests)
    .where(and(requestListWhere(filter), afterKey(requestKey, filter.after)))
    .orderBy(keyOrder(requestKey))
    .limit(filter.limit + 1)
    .as("page");
  return tx
    .select({ ...columns, key: page.key })
    .from(page)
    .innerJoin(subjectRequests, eq(subjectRequests.id, page.id))
    .leftJoin(controllers, eq(controllers.id, subjectRequests.controllerId))
    .leftJoin(obligations, eq(obligations.id, subjectRequests.obligationId))
    .orderBy(keyOrder(requestKey));
}

export async function insertRequest(tx: Db, row: typeof subjectRequests.$inferInsert) {
  const [inserted] = await tx.insert(subjectRequests).values(row).returning({ id: subjectRequests.id, number: subjectRequests.number });
  if (!inserted) {
    throw new Error("the request was not written");
  }
  return inserted;
}

export async function updateRequest(tx: Db, id: string, set: Partial<typeof subjectRequests.$inferInsert>) {
  await tx
    .update(subjectRequests)
    .set({ ...set, updatedAt: set.updatedAt ?? new Date() })
    .where(eq(subjectRequests.id, id));
}

export async function findByConfirmToken(tx: Db, sha256: string) {
  const [row] = await tx.select().from(subjectRequests).where(eq(subjectRequests.confirmTokenSha256, sha256)).for("update");
  return row ?? null;
}

// ---- files ------------------------------------------------------------------------------

export async function insertFiles(tx: Db, rows: (typeof subjectRequestFiles.$inferInsert)[]) {
  if (rows.length > 0) {
    await tx.insert(subjectRequestFiles).values(rows);
  }
}

export async function listFiles(tx: Db, requestId: string) {
  return tx
    .select({
      id: subjectRequestFiles.id,
      fileName: subjectRequestFiles.fileName,
      mediaType: subjectRequestFiles.mediaType,
      size: subjectRequestFiles.size,
      sha256: subjectRequestFiles.sha256,
    })
    .from(subjectRequestFiles)
    .where(eq(subjectRequestFiles.requestId, requestId))
    .orderBy(asc(subjectRequestFiles.createdAt), asc(subjectRequestFiles.id));
}

export async function findFile(tx: Db, id: string) {
  const [row] = await tx.select().from(subjectRequestFiles).where(eq(subjectRequestFiles.id, id));
  return row ?? null;
}

export async function moveFilesTo(tx: Db, requestId: string, controllerId: string) {
  await tx.update(subjectRequestFiles).set({ controllerId }).where(eq(subjectRequestFiles.requestId, requestId));
}

// ---- matching -----------------------------------------------------------------------------

/** The customers that named one of these domains, with the domain. */
export async function customersByDomain(tx: Db, domains: string[]) {
  if (domains.length === 0) {
    return [];
  }
  return tx
    .select({ controllerId: controllers.id, name: controllers.name, customerNumber: controllers.customerNumber, domain: controllerDomains.domain })
    .from(controllerDomains)
    .innerJoin(controllers, eq(controllers.id, controllerDomains.controllerId))
    .where(inArray(controllerDomains.domain, domains))
    .orderBy(asc(controllers.name));
}

export async function customerExists(tx: Db, id: string): Promise<{ name: string } | null> {
  const [row] = await tx.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, id));
  return row ?? null;
}

// ---- the sweep ----------------------------------------------------------------------------

/** Unconfirmed submissions whose link expired, claimed (SKIP LOCKED). */
export async function claimExpiredUnconfirmed(tx: Db, now: Date, limit: number) {
  return rows<{ id: string; number: number; received_at: Date; content_sha256: string }>(
    tx,
    sql`select id, number, received_at, content_sha256 from subject_requests
        where status = 'unconfirmed' and confirm_expires_at < ${now.toISOString()}
        order by confirm_expires_at limit ${limit} for update skip locked`,
  );
}

/** Ended requests whose retention has passed and whose content is still there, claimed (SKIP LOCKED). */
export async function claimDueForErasure(tx: Db, now: Date, limit: number) {
  return rows<{ id: string; number: number; received_at: Date; controller_id: string | null; content_sha256: string }>(
    tx,
    sql`select id, number, received_at, controller_id, content_sha256 from subject_requests
        where erased_at is null and erase_after is not null and erase_after < ${now.toISOString()}
        order by erase_after limit ${limit} for update skip locked`,
  );
}

export async function deleteRequests(tx: Db, ids: string[]) {
  await tx.delete(notices).where(and(eq(notices.subjectType, "subject_request"), inArray(notices.subjectId, ids)));
  await tx.delete(subjectRequests).where(inArray(subjectRequests.id, ids));
}

/** Erases the requester's personal data: the content, the files, the network, and the notices that carried them. */
export async function eraseRequests(tx: Db, ids: string[], now: Date) {
  await tx.delete(notices).where(and(eq(notices.subjectType, "subject_request"), inArray(notices.subjectId, ids)));
  await tx.delete(subjectRequestFiles).where(inArray(subjectRequestFiles.requestId, ids));
  await tx
    .update(subjectRequests)
    .set({ content: null, network: null, outcomeNote: null, erasedAt: now, updatedAt: now })
    .where(inArray(subjectRequests.id, ids));
}
