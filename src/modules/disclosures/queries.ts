// The statements of the disclosure-order register (art. 9.2). Every table here but the customers'
// statements (statement-queries.ts) is the processor's own: row-level security shows it to the
// processor's scope only (migration: policy processor_only).
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { controllers, disclosureGagEfforts, disclosureOrderCustomers, disclosureOrders, notices, obligations } from "../../db/schema/index.ts";

export type OrderRow = typeof disclosureOrders.$inferSelect;
export type NewOrder = typeof disclosureOrders.$inferInsert;

export const subjectOf = (id: string) => ({ type: "disclosure_order", id });

export async function insertOrder(tx: Db, row: NewOrder): Promise<OrderRow> {
  const [saved] = await tx.insert(disclosureOrders).values(row).returning();
  if (!saved) {
    throw new Error("disclosure order insert returned nothing");
  }
  return saved;
}

/** Adds concerned customers; one already concerned stays as it is. The ones added. */
export async function insertOrderCustomers(tx: Db, orderId: string, controllerIds: string[]): Promise<string[]> {
  if (controllerIds.length === 0) {
    return [];
  }
  const added = await tx
    .insert(disclosureOrderCustomers)
    .values(controllerIds.map((controllerId) => ({ orderId, controllerId })))
    .onConflictDoNothing()
    .returning({ controllerId: disclosureOrderCustomers.controllerId });
  return added.map((r) => r.controllerId);
}

/** Which of these customers exist. */
export async function existingControllerIds(tx: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  return (await tx.select({ id: controllers.id }).from(controllers).where(inArray(controllers.id, ids))).map((r) => r.id);
}

export async function findOrder(tx: Db, id: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(disclosureOrders).where(eq(disclosureOrders.id, id));
  return row ?? null;
}

/** The order, locked for the change a use case makes to it; null when there is none. */
export async function lockOrder(tx: Db, id: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(disclosureOrders).where(eq(disclosureOrders.id, id)).for("update");
  return row ?? null;
}

export async function updateOrder(tx: Db, id: string, patch: Partial<NewOrder>): Promise<void> {
  await tx.update(disclosureOrders).set(patch).where(eq(disclosureOrders.id, id));
}

/** The register, newest first, with each order's number of concerned customers and how many were told. */
export async function listOrders(tx: Db) {
  return tx
    .select({
      order: disclosureOrders,
      customers: sql<number>`(select count(*)::int from disclosure_order_customers c where c.order_id = ${disclosureOrders.id})`,
      notified: sql<number>`(select count(*)::int from disclosure_order_customers c where c.order_id = ${disclosureOrders.id} and c.notified_at is not null)`,
    })
    .from(disclosureOrders)
    .orderBy(desc(disclosureOrders.receivedAt), desc(disclosureOrders.number));
}

/** The customers an order concerns, with their duty (if opened) and notice (if sent). */
export async function orderCustomers(tx: Db, orderId: string) {
  return tx
    .select({
      controllerId: disclosureOrderCustomers.controllerId,
      customerNumber: controllers.customerNumber,
      customerName: controllers.name,
      noticeId: disclosureOrderCustomers.noticeId,
      notifiedAt: disclosureOrderCustomers.notifiedAt,
      obligationId: disclosureOrderCustomers.obligationId,
      dueAt: obligations.dueAt,
      obligationStatus: obligations.status,
      metInTime: obligations.metInTime,
    })
    .from(disclosureOrderCustomers)
    .innerJoin(controllers, eq(controllers.id, disclosureOrderCustomers.controllerId))
    .leftJoin(obligations, eq(obligations.id, disclosureOrderCustomers.obligationId))
    .where(eq(disclosureOrderCustomers.orderId, orderId))
    .orderBy(asc(controllers.customerNumber));
}

/** How many concerned customers have no duty yet (the gag ended, or there was none) and were not told. */
export async function countWithoutDuty(tx: Db, orderId: string): Promise<number> {
  const [found] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from disclosure_order_customers
         where order_id = ${orderId} and obligation_id is null and notified_at is null`,
  );
  return Number(found?.n ?? 0);
}

/**
 * At most `limit` of the concerned customers without a duty yet, after the customer `after`, by id:
 * a fan-out's page (the primary key serves it), in the order their evidence streams are locked.
 */
export async function customersWithoutDutyPage(tx: Db, orderId: string, after: string | null, limit: number): Promise<string[]> {
  const found = await rows<{ controller_id: string }>(
    tx,
    sql`select controller_id from disclosure_order_customers
         where order_id = ${orderId} and obligation_id is null and notified_at is null
               ${after === null ? sql`` : sql`and controller_id > ${after}::uuid`}
         order by controller_id
         limit ${limit}`,
  );
  return found.map((r) => r.controller_id);
}

/** How many concerned customers were not told yet. */
export async function countUnnotified(tx: Db, orderId: string): Promise<number> {
  const [found] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from disclosure_order_customers where order_id = ${orderId} and notified_at is null`,
  );
  return Number(found?.n ?? 0);
}

/**
 * At most `limit` of the concerned customers not told yet, after the customer `after`, by id, with
 * their open duty, locked: a fan-out's page.
 */
export async function unnotifiedPage(tx: Db, orderId: string, after: string | null, limit: number) {
  const found = await rows<{ controller_id: string; obligation_id: string | null }>(
    tx,
    sql`select controller_id, obligation_id from disclosure_order_customers
         where order_id = ${orderId} and notified_at is null
               ${after === null ? sql`` : sql`and controller_id > ${after}::uuid`}
         order by controller_id
         limit ${limit}
         for update`,
  );
  return found.map((r) => ({ controllerId: r.controller_id, obligationId: r.obligation_id }));
}

/** Links each customer's row on the order to its duty: one statement for the lot (callers pass a page). */
export async function linkObligations(tx: Db, orderId: string, links: { controllerId: string | null; id: string }[]): Promise<void> {
  const linked = links.flatMap((l) => (l.controllerId ? [{ controllerId: l.controllerId, id: l.id }] : []));
  if (linked.length === 0) {
    return;
  }
  await tx.execute(
    sql`update disclosure_order_customers d set obligation_id = o.id
          from unnest(${sql.param(linked.map((l) => l.controllerId))}::uuid[], ${sql.param(linked.map((l) => l.id))}::uuid[]) as o(controller_id, id)
         where d.order_id = ${orderId} and d.controller_id = o.controller_id`,
  );
}

/** Marks these customers told, each with its notice: one statement for the lot (callers pass a page). */
export async function markNotified(tx: Db, orderId: string, told: { controllerId: string; noticeId: string }[], at: Date): Promise<void> {
  if (told.length === 0) {
    return;
  }
  await tx.execute(
    sql`update disclosure_order_customers d set notice_id = t.notice_id, notified_at = ${at.toISOString()}::timestamptz
          from unnest(${sql.param(told.map((t) => t.controllerId))}::uuid[], ${sql.param(told.map((t) => t.noticeId))}::uuid[]) as t(controller_id, notice_id)
         where d.order_id = ${orderId} and d.controller_id = t.controller_id`,
  );
}

export async function insertGagEffort(tx: Db, row: typeof disclosureGagEfforts.$inferInsert) {
  const [saved] = await tx.insert(disclosureGagEfforts).values(row).returning();
  if (!saved) {
    throw new Error("gag effort insert returned nothing");
  }
  return saved;
}

export async function gagEffortsOf(tx: Db, orderId: string) {
  return tx.select().from(disclosureGagEfforts).where(eq(disclosureGagEfforts.orderId, orderId)).orderBy(asc(disclosureGagEfforts.at));
}

/**
 * Marks ended the gags whose date has passed, claimed in the statement that marks them (SKIP LOCKED),
 * so two sweeps never open the same duties: the gag ended at its date, not at the sweep.
 */
export async function claimEndedGags(tx: Db, now: Date, limit: number): Promise<OrderRow[]> {
  const claimed = await rows<{ id: string }>(
    tx,
    sql`update disclosure_orders set gag_ended_at = gag_until, updated_at = ${now.toISOString()}::timestamptz
         where id in (select id from disclosure_orders
                       where gag = 'until_date' and gag_ended_at is null and gag_until <= ${now.toISOString()}::timestamptz
                       order by gag_until, id limit ${limit} for update skip locked)
         returning id`,
  );
  if (claimed.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(disclosureOrders)
    .where(
      inArray(
        disclosureOrders.id,
        claimed.map((r) => r.id),
      ),
    );
}

/** What the transparency report counts: every order with its period, kind, outcome, gag and number of customers. */
export async function reportFacts(tx: Db) {
  return tx
    .select({
      receivedAt: disclosureOrders.receivedAt,
      authorityKind: disclosureOrders.authorityKind,
      decision: disclosureOrders.decision,
      gag: disclosureOrders.gag,
      gagUntil: disclosureOrders.gagUntil,
      gagEndedAt: disclosureOrders.gagEndedAt,
      customers: sql<number>`(select count(*)::int from disclosure_order_customers c where c.order_id = ${disclosureOrders.id})`,
    })
    .from(disclosureOrders);
}

/** A customer's disclosure notices (its own rows of the notices table, under its own scope). */
export async function disclosureNoticesOf(tx: Db, controllerId: string) {
  return tx
    .select({ id: notices.id, number: notices.number, data: notices.data, createdAt: notices.createdAt, openedAt: notices.openedAt })
    .from(notices)
    .where(and(eq(notices.controllerId, controllerId), eq(notices.kind, "disclosure_notice")))
    .orderBy(desc(notices.createdAt));
}

/**
 * Every act of an order, in order (at most `limit`): its own events (processor stream: recorded,
 * decided, disclosed, efforts, gag changed and ended, customers told) and, per customer, its duty
 * (opened, reminded, met, missed) and notice (queued, sent, opened), each with its chain hash.
 */
export async function timelineOf(db: Db, orderId: string, limit: number) {
  const found = await rows<{ occurred_at: Date | string; type: string; actor_label: string; name: string | null; hash: string }>(
    db,
    sql`select e.occurred_at, e.type, e.actor_label, c.name, e.hash
          from events e left join controllers c on c.id = e.controller_id
         where (e.subject_type = 'disclosure_order' and e.subject_id = ${orderId})
            or (e.subject_type = 'notice' and e.subject_id in (select d.notice_id::text from disclosure_order_customers d where d.order_id = ${orderId} and d.notice_id is not null))
            or (e.subject_type = 'obligation' and e.subject_id in (select o.id::text from obligations o where o.subject_type = 'disclosure_order' and o.subject_id = ${orderId}))
         order by e.occurred_at, e.seq
         limit ${limit}`,
  );
  return found.map((r) => ({ at: new Date(r.occurred_at), type: r.type, actor: r.actor_label, customerName: r.name, hash: r.hash }));
}
