import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { rows as queryRows, type Db } from "../db/engine.ts";
import { contacts, controllers, deliveries, deliveryAttempts, notices, webhookEndpoints } from "../db/schema/index.ts";
import { CLAIM_PLAN_SELECT, claimSql, PROCESSOR_SCOPE_SELECT, sentSql, type ClaimRow, type SentWrite, type StreamHead } from "./outbox-sql.ts";

// The delivery engine's statements through drizzle: what happens to a delivery that was not sent
// (delivery-outcomes.ts), a bounce (record-bounce.ts) and the claim loop on PGlite
// (outbox-session.ts). The PostgreSQL claim loop's SQL text is in outbox-sql.ts.

/** Keeps a rendered email in the outbox (no SMTP relay). */
export async function markHeld(tx: Db, deliveryId: string, message: { subject: string; body: string; bodySha256: string }) {
  await tx
    .update(deliveries)
    .set({ status: "held", subject: message.subject, body: message.body, bodySha256: message.bodySha256, lastError: null })
    .where(eq(deliveries.id, deliveryId));
}

/** One try of a delivery, in its log. */
export async function insertAttempt(tx: Db, attempt: typeof deliveryAttempts.$inferInsert) {
  await tx.insert(deliveryAttempts).values(attempt);
}

/** The next try of a delivery, after a failed one. */
export async function scheduleRetry(tx: Db, deliveryId: string, set: { attempts: number; nextAttemptAt: Date; lastError: string }) {
  await tx.update(deliveries).set(set).where(eq(deliveries.id, deliveryId));
}

/** A delivery that will not be tried again. */
export async function markFailed(tx: Db, deliveryId: string, set: { failedAt: Date; attempts: number; lastError: string }) {
  await tx
    .update(deliveries)
    .set({ status: "failed", ...set })
    .where(eq(deliveries.id, deliveryId));
}

/** Marks the customer's privacy contact at this address failing, unless it is already; null if not marked. */
export async function markContactFailing(tx: Db, controllerId: string, email: string, failingSince: Date, failingReason: string) {
  const [contact] = await tx
    .update(contacts)
    .set({ failingSince, failingReason })
    .where(and(eq(contacts.controllerId, controllerId), sql`lower(${contacts.email}) = ${email}`, isNull(contacts.failingSince)))
    .returning({ id: contacts.id });
  return contact ?? null;
}

export async function findCustomerName(tx: Db, controllerId: string) {
  const [customer] = await tx.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, controllerId));
  return customer ?? null;
}

/** Disables a webhook endpoint that is not disabled yet; null if it was. */
export async function disableEndpoint(tx: Db, endpointId: string, disabledAt: Date) {
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ disabledAt })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
  return endpoint ?? null;
}

/** The latest email delivery under a Message-ID (a replay re-uses it) with its notice's kind, locked. */
export async function lockLatestEmailByMessageId(tx: Db, messageId: string) {
  const [row] = await tx
    .select({ delivery: deliveries, kind: notices.kind })
    .from(deliveries)
    .innerJoin(notices, eq(notices.id, deliveries.noticeId))
    .where(and(eq(deliveries.messageId, messageId), eq(deliveries.channel, "email")))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.sentAt))
    .limit(1)
    .for("update", { of: deliveries });
  return row ?? null;
}

export async function markBounced(tx: Db, deliveryId: string, bouncedAt: Date, lastError: string) {
  await tx.update(deliveries).set({ bouncedAt, lastError }).where(eq(deliveries.id, deliveryId));
}

/** A bounced delivery goes back in the queue. */
export async function requeue(tx: Db, deliveryId: string, nextAttemptAt: Date) {
  await tx.update(deliveries).set({ status: "pending", nextAttemptAt }).where(eq(deliveries.id, deliveryId));
}

/** PGlite: up to `limit` due deliveries, claimed in the processor scope before the role switch (outbox-sql.ts). */
export async function claimDue(db: Db, now: Date, limit: number) {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(PROCESSOR_SCOPE_SELECT));
    await tx.execute(sql.raw(CLAIM_PLAN_SELECT));
    return queryRows<ClaimRow>(tx as unknown as Db, sql.raw(claimSql(now, limit)));
  });
}

/** Deliveries' status and tries, locked. */
export async function lockDeliveryStates(tx: Db, deliveryIds: string[]) {
  return queryRows<{ id: string; status: string; attempts: number }>(
    tx,
    sql`select id, status, attempts from deliveries where id = any(${sql.param(deliveryIds)}::uuid[]) order by id for update`,
  );
}

/** Evidence streams' heads, locked (a claim loop's own, already locked, re-read after other writes to them). */
export async function lockStreamHeads(tx: Db, streams: string[]): Promise<Map<string, StreamHead>> {
  const heads = await queryRows<{ stream: string; last_seq: number; last_hash: string }>(
    tx,
    sql`select stream, last_seq, last_hash from event_streams where stream = any(${sql.param(streams)}::text[]) order by stream for update`,
  );
  return new Map(heads.map((head) => [head.stream, { stream: head.stream, lastSeq: Number(head.last_seq), lastHash: head.last_hash }]));
}

/** The writes of a sent message (outbox-sql.ts). */
export async function writeSent(tx: Db, write: SentWrite) {
  await tx.execute(sql.raw(sentSql(write)));
}
