import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, containsPattern, countUpTo, keyOrder, keyText, ofCustomerMatching, type KeyKind, type SortKey } from "../../db/keyset.ts";
import { controllers, deliveries, deliveryAttempts, notices, webhookEndpoints, type NoticeKind, type StaffRole } from "../../db/schema/index.ts";

export interface InboxFilter {
  /** A customer's inbox: its controller's notices to the customer. */
  controllerId?: string | undefined;
  /** A staff member's inbox: notices to its role. */
  staffRole?: StaffRole | undefined;
  /** Support staff: only notices about these customers. */
  onlyControllerIds?: string[] | null;
  unread?: boolean | undefined;
  kind?: string | undefined;
  /** A notice's reference (N-2026-000123, or its number), or the customer's name or number. */
  q?: string | undefined;
  limit: number;
  /** The key of the last notice shown (NOTICE_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
  /** A page at an offset (the list before keyset pages); ignored after a cursor. */
  offset?: number;
}

/** Newest first; notices_controller_created serves a customer's inbox, notices_staff_created the staff's. */
const noticeKey: SortKey[] = [
  { expr: notices.createdAt, kind: "instant", descending: true },
  { expr: notices.id, kind: "uuid", descending: true },
];
export const NOTICE_LIST_KEY: KeyKind[] = noticeKey.map((k) => k.kind);

/** The number in a notice's reference as people type it: N-2026-000123, 000123 or 123. */
function referenceNumber(q: string): number | null {
  const digits = /^(?:n-\d{4}-)?(\d{1,15})$/i.exec(q.trim())?.[1];
  return digits === undefined ? null : Number(digits);
}

/** `q` as a notice's reference or its customer's name or number. */
function noticeMatches(q: string): SQL {
  const number = referenceNumber(q);
  const customer = ofCustomerMatching(notices.controllerId, q);
  return number === null ? customer : sql`(${notices.number} = ${number} or ${customer})`;
}

/**
 * A page of an inbox, newest first: `limit + 1` rows (the extra one says there is a next page),
 * and the count of all (up to COUNT_LIMIT).
 */
export async function listNotices(db: Db, filter: InboxFilter) {
  const where: (SQL | undefined)[] = [];
  if (filter.staffRole) {
    where.push(sql`${notices.staffRoles} is not null`, sql`${notices.staffRoles} @> ${JSON.stringify([filter.staffRole])}::jsonb`);
  } else {
    where.push(isNull(notices.staffRoles));
  }
  if (filter.controllerId) {
    where.push(eq(notices.controllerId, filter.controllerId));
  }
  if (filter.onlyControllerIds) {
    where.push(filter.onlyControllerIds.length > 0 ? inArray(notices.controllerId, filter.onlyControllerIds) : sql`false`);
  }
  if (filter.unread) {
    where.push(isNull(notices.openedAt));
  }
  if (filter.kind) {
    where.push(eq(notices.kind, filter.kind as NoticeKind));
  }
  if (filter.q) {
    where.push(noticeMatches(filter.q));
  }
  const condition = and(...where);
  const items = await db
    .select({ notice: notices, key: keyText(noticeKey) })
    .from(notices)
    .where(and(condition, afterKey(noticeKey, filter.after)))
    .orderBy(keyOrder(noticeKey))
    .limit(filter.limit + 1)
    .offset(filter.after ? 0 : (filter.offset ?? 0));
  return { ...(await countUpTo(db, notices, condition)), items: items.map((row) => ({ ...row.notice, key: row.key })) };
}

export async function findNotice(db: Db, id: string) {
  const [notice] = await db.select().from(notices).where(eq(notices.id, id));
  return notice ?? null;
}

export async function deliveriesOf(db: Db, noticeId: string) {
  return db.select().from(deliveries).where(eq(deliveries.noticeId, noticeId)).orderBy(asc(deliveries.createdAt), asc(deliveries.recipient));
}

export async function findDelivery(db: Db, id: string) {
  const [row] = await db
    .select({ delivery: deliveries, kind: notices.kind, noticeData: notices.data, noticeNumber: notices.number, noticeCreatedAt: notices.createdAt })
    .from(deliveries)
    .innerJoin(notices, eq(notices.id, deliveries.noticeId))
    .where(eq(deliveries.id, id));
  if (!row) {
    return null;
  }
  const attempts = await db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, id))
    .orderBy(asc(deliveryAttempts.attempt), asc(deliveryAttempts.at));
  return {
    ...row.delivery,
    kind: row.kind,
    noticeData: row.noticeData,
    noticeNumber: row.noticeNumber,
    noticeCreatedAt: row.noticeCreatedAt,
    attemptsLog: attempts,
  };
}

export interface OutboxFilter {
  status?: "pending" | "sent" | "held" | "failed" | undefined;
  channel?: "email" | "webhook" | undefined;
  /** The recipient, subject, customer's name or number, or the notice's reference. */
  q?: string | undefined;
  onlyControllerIds?: string[] | null;
  webhookEndpointId?: string;
  limit: number;
  /** The key of the last delivery shown (DELIVERY_LIST_KEY), for the next page. */
  after?: readonly string[] | undefined;
  /** A page at an offset (the list before keyset pages); ignored after a cursor. */
  offset?: number;
}

/** Newest first: deliveries_created serves it (deliveries_status_created with a status, deliveries_endpoint_created for an endpoint). */
const deliveryKey: SortKey[] = [
  { expr: deliveries.createdAt, kind: "instant", descending: true },
  { expr: deliveries.id, kind: "uuid", descending: true },
];
export const DELIVERY_LIST_KEY: KeyKind[] = deliveryKey.map((k) => k.kind);

/**
 * A page of deliveries, newest first: the back-office outbox, or a customer's webhook delivery log;
 * `limit + 1` rows (the extra one says there is a next page), and the count of all (up to
 * COUNT_LIMIT). The page is chosen from deliveries alone, by its index, and only its rows are
 * joined. Without the message's body, which only one delivery's answer shows.
 */
export async function listDeliveries(db: Db, filter: OutboxFilter) {
  const where: (SQL | undefined)[] = [];
  if (filter.status) {
    where.push(eq(deliveries.status, filter.status));
  }
  if (filter.channel) {
    where.push(eq(deliveries.channel, filter.channel));
  }
  if (filter.webhookEndpointId) {
    where.push(eq(deliveries.webhookEndpointId, filter.webhookEndpointId));
  }
  if (filter.onlyControllerIds) {
    where.push(filter.onlyControllerIds.length > 0 ? inArray(deliveries.controllerId, filter.onlyControllerIds) : sql`false`);
  }
  if (filter.q) {
    const like = containsPattern(filter.q);
    const number = referenceNumber(filter.q);
    where.push(
      or(
        ilike(deliveries.recipient, like),
        ilike(deliveries.subject, like),
        ofCustomerMatching(deliveries.controllerId, filter.q),
        number === null ? undefined : sql`${deliveries.noticeId} in (select n.id from notices n where n.number = ${number})`,
      ),
    );
  }
  const condition = and(...where);
  const page = db
    .select({ id: deliveries.id, key: keyText(deliveryKey).as("key") })
    .from(deliveries)
    .where(and(condition, afterKey(deliveryKey, filter.after)))
    .orderBy(keyOrder(deliveryKey))
    .limit(filter.limit + 1)
    .offset(filter.after ? 0 : (filter.offset ?? 0))
    .as("page");
  const items = await db
    .select({
      delivery: {
        id: deliveries.id,
        noticeId: deliveries.noticeId,
        controllerId: deliveries.controllerId,
        channel: deliveries.channel,
        recipient: deliveries.recipient,
        recipientRole: deliveries.recipientRole,
        status: deliveries.status,
        attempts: deliveries.attempts,
        lastError: deliveries.lastError,
        subject: deliveries.subject,
        sentAt: deliveries.sentAt,
        failedAt: deliveries.failedAt,
        nextAttemptAt: deliveries.nextAttemptAt,
        createdAt: deliveries.createdAt,
      },
      kind: notices.kind,
      noticeData: notices.data,
      noticeNumber: notices.number,
      noticeCreatedAt: notices.createdAt,
      customerName: controllers.name,
      key: page.key,
    })
    .from(page)
    .innerJoin(deliveries, eq(deliveries.id, page.id))
    .innerJoin(notices, eq(notices.id, deliveries.noticeId))
    .leftJoin(controllers, eq(controllers.id, deliveries.controllerId))
    .orderBy(keyOrder(deliveryKey));
  return {
    ...(await countUpTo(db, deliveries, condition)),
    items: items.map((row) => ({
      ...row.delivery,
      kind: row.kind,
      noticeData: row.noticeData,
      noticeNumber: row.noticeNumber,
      noticeCreatedAt: row.noticeCreatedAt,
      customerName: row.customerName,
      key: row.key,
    })),
  };
}

export async function listWebhookEndpoints(db: Db, controllerId: string) {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.controllerId, controllerId)).orderBy(asc(webhookEndpoints.createdAt));
}

export async function findWebhookEndpoint(db: Db, id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row ?? null;
}

/** Marks a notice opened, the first time only; the notice if this was the first opening. */
export async function markNoticeOpened(tx: Db, noticeId: string, openedAt: Date, openedBy: string) {
  const [opened] = await tx
    .update(notices)
    .set({ openedAt, openedBy })
    .where(and(eq(notices.id, noticeId), isNull(notices.openedAt)))
    .returning({ id: notices.id, controllerId: notices.controllerId, kind: notices.kind });
  return opened ?? null;
}

/** A notice, locked for this transaction. */
export async function lockNotice(tx: Db, noticeId: string) {
  const [notice] = await tx.select().from(notices).where(eq(notices.id, noticeId)).for("update");
  return notice ?? null;
}

export async function setNoticeAcknowledged(
  tx: Db,
  noticeId: string,
  set: Pick<typeof notices.$inferInsert, "acknowledgedAt" | "acknowledgedBy" | "openedAt" | "openedBy">,
) {
  await tx.update(notices).set(set).where(eq(notices.id, noticeId));
}

export async function insertWebhookEndpoint(tx: Db, row: typeof webhookEndpoints.$inferInsert) {
  const [endpoint] = await tx.insert(webhookEndpoints).values(row).returning();
  return endpoint ?? null;
}

/** Disables an endpoint that is not disabled yet; null if there is none such. */
export async function disableEndpoint(tx: Db, endpointId: string, disabledAt: Date) {
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ disabledAt })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
    .returning();
  return endpoint ?? null;
}

export async function findDeliveryRow(tx: Db, id: string) {
  const [row] = await tx.select().from(deliveries).where(eq(deliveries.id, id));
  return row ?? null;
}

export async function insertDelivery(tx: Db, row: typeof deliveries.$inferInsert) {
  const [copy] = await tx.insert(deliveries).values(row).returning({ id: deliveries.id });
  return copy ?? null;
}

/** Removes the secret fields from a kind's notices whose secret expired (`until`, a data field) by `now`; how many. */
export async function removeExpiredSecrets(tx: Db, kind: string, fields: readonly string[], until: string, now: Date): Promise<number> {
  const without = sql.join(
    fields.map((field) => sql`- ${field}::text`),
    sql` `,
  );
  const holds = sql.join(
    fields.map((field) => sql`${notices.data} ->> ${field}::text is not null`),
    sql` or `,
  );
  const scrubbed = await rows<{ id: string }>(
    tx,
    sql`update notices set data = data ${without}
         where kind = ${kind} and (${holds}) and (data ->> ${until}::text)::timestamptz <= ${now.toISOString()}::timestamptz
         returning id`,
  );
  return scrubbed.length;
}
