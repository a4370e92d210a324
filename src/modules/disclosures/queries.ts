// The statements of the disclosure-order register (art. 9.2). Every table here but the customers'
// statements (statement-queries.ts) is the processor's own: row-level security shows it to the
// processor's scope only (migration: policy processor_only).
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
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

/** The concerned customers without a duty yet (the gag ended, or there was none). */
export async function customersWithoutDuty(tx: Db, orderId: string): Promise<string[]> {
  const found = await tx
    .select({ id: disclosureOrderCustomers.controllerId })
    .from(disclosureOrderCustomers)
    .where(and(eq(disclosureOrderCustomers.orderId, orderId), isNull(disclosureOrderCustomers.obligationId), isNull(disclosureOrderCustomers.notifiedAt)));
  return found.map((r) => r.id);
}

/** The concerned customers not yet told, with their open duty. */
export async function unnotifiedCustomers(tx: Db, orderId: string) {
  return tx
    .select({ controllerId: disclosureOrderCustomers.controllerId, obligationId: disclosureOrderCustomers.obligationId })
    .from(disclosureOrderCustomers)
    .where(and(eq(disclosureOrderCustomers.orderId, orderId), isNull(disclosureOrderCustomers.notifiedAt)))
    .for("update");
}

export async function linkObligations(tx: Db, orderId: string, links: { controllerId: string | null; id: string }[]): Promise<void> {
  for (const link of links) {
    if (link.controllerId) {
      await tx
        .update(disclosureOrderCustomers)
        .set({ obligationId: link.id })
        .where(and(eq(disclosureOrderCustomers.orderId, orderId), eq(disclosureOrderCustomers.controllerId, link.controllerId)));
    }
  }
}

export async function markNotified(tx: Db, orderId: string, told: { controllerId: string; noticeId: string }[], at: Date): Promise<void> {
  for (const one of told) {
    await tx
      .update(disclosureOrderCustomers)
      .set({ noticeId: one.noticeId, notifiedAt: at })
      .where(and(eq(disclosureOrderCustomers.orderId, orderId), eq(disclosureOrderCustomers.controllerId, one.controllerId)));
  }
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
