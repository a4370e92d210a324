import { evidenceRecipient, type RecipientRole } from "../domain/evidence-recipient.ts";
import type { Db } from "../db/engine.ts";
import type { Clock } from "../domain/clock.ts";
import { nextAttemptAt } from "../domain/retry.ts";
import { recordEvents, SYSTEM_ACTOR, type EventInput } from "../modules/evidence/record-events.ts";
import type { NoticeKind } from "../db/schema/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "../modules/notices/queue-notices.ts";
import {
  disableEndpoint,
  findCustomerName,
  insertAttempt,
  markContactFailing as markContactFailingRow,
  markFailed,
  markHeld,
  scheduleRetry,
} from "./outbox-queries.ts";

// What happens to a delivery that was not sent: held, retried, failed; and what a failure sets off
// (art. 4.4: a privacy contact that cannot be reached is marked and the people who can fix it told).
// Each function writes the delivery, its log and its evidence in the caller's transaction.

/** What these functions need to know of a delivery. */
export interface DeliveryRef {
  id: string;
  noticeId: string;
  noticeKind: NoticeKind;
  controllerId: string | null;
  channel: "email" | "webhook";
  recipient: string;
  recipientRole: RecipientRole;
  messageId: string;
  /** Tries made before the one being recorded. */
  attempts: number;
}

export interface FailedTry {
  /** refused: the relay or endpoint answered no; error: no answer (connection, timeout). */
  outcome: "refused" | "error";
  response: string;
  httpStatus: number | null;
  durationMs: number | null;
  /** A 5xx SMTP reply: the relay says trying again will not help (we try anyway, on the schedule). */
  permanent: boolean;
  /** The refusal was about this address (RCPT TO, DATA, a bounce), not about the relay. */
  aboutRecipient: boolean;
  /** A webhook try's request headers as sent (none when the request was never made). */
  requestHeaders?: Record<string, string> | null;
}

const REASON_CHARS = 500;
const clip = (text: string) =>
  text
    .replace(/[\u0000-\u001f]+/g, " ")
    .trim()
    .slice(0, REASON_CHARS);

function event(d: DeliveryRef, type: EventInput["type"], data: Record<string, unknown>): EventInput {
  return {
    type,
    actor: SYSTEM_ACTOR,
    controllerId: d.controllerId,
    subject: { type: "notice", id: d.noticeId },
    data: { channel: d.channel, recipient: evidenceRecipient(d.recipientRole, d.recipient), messageId: d.messageId, ...data },
  };
}

/** Email with no SMTP relay configured: rendered and kept in the outbox the back-office shows. */
export async function holdDelivery(tx: Db, clock: Clock, d: DeliveryRef, message: { subject: string; body: string; bodySha256: string }): Promise<void> {
  await markHeld(tx, d.id, message);
  await recordEvents(tx, clock, [event(d, "notice.held", { bodySha256: message.bodySha256 })]);
}

/**
 * A try that did not get through: logged, and the next one scheduled (domain/retry.ts), or, after
 * the last, the delivery fails.
 */
export async function recordFailedTry(tx: Db, clock: Clock, d: DeliveryRef, failure: FailedTry): Promise<"retry" | "failed"> {
  const now = clock.now();
  const attempt = d.attempts + 1;
  const response = clip(failure.response);
  await insertAttempt(tx, {
    deliveryId: d.id,
    controllerId: d.controllerId,
    attempt,
    at: now,
    outcome: failure.outcome,
    response,
    httpStatus: failure.httpStatus,
    durationMs: failure.durationMs,
    requestHeaders: failure.requestHeaders ?? null,
  });
  const next = nextAttemptAt(d.channel, attempt, now);
  if (!next) {
    await failDelivery(tx, clock, d, { attempts: attempt, reason: response, aboutRecipient: failure.aboutRecipient });
    return "failed";
  }
  await scheduleRetry(tx, d.id, { attempts: attempt, nextAttemptAt: next, lastError: response });
  await recordEvents(tx, clock, [
    event(d, "notice.retry_scheduled", {
      attempt,
      response,
      httpStatus: failure.httpStatus,
      permanent: failure.permanent,
      nextAttemptAt: next.toISOString(),
    }),
  ]);
  return "retry";
}

/** A delivery that will not be tried again. */
export async function failDelivery(
  tx: Db,
  clock: Clock,
  d: DeliveryRef,
  failure: { attempts: number; reason: string; aboutRecipient: boolean },
): Promise<void> {
  const now = clock.now();
  const reason = clip(failure.reason);
  await markFailed(tx, d.id, { failedAt: now, attempts: failure.attempts, lastError: reason });
  await recordEvents(tx, clock, [event(d, "notice.failed", { attempts: failure.attempts, reason })]);
  // Never for a contact_failing notice itself: telling someone that telling failed must not loop.
  if (d.channel === "email" && d.recipientRole === "privacy_contact" && d.controllerId && failure.aboutRecipient && d.noticeKind !== "contact_failing") {
    await markContactFailing(tx, clock, d.controllerId, d, reason);
  }
}

/**
 * art. 4.4: the customer must keep its privacy contact current. When notices to it fail, the contact
 * is marked failing (once: until it is changed, later failures add nothing) and the customer's
 * owners and the processor's privacy officers get a contact_failing notice.
 */
async function markContactFailing(tx: Db, clock: Clock, controllerId: string, d: DeliveryRef, reason: string): Promise<void> {
  const contact = await markContactFailingRow(tx, controllerId, d.recipient, clock.now(), reason);
  if (!contact) {
    return; // already marked, or the customer has changed the address since this notice was queued
  }
  const customer = await findCustomerName(tx, controllerId);
  await recordEvents(tx, clock, [
    {
      type: "contact.failing",
      actor: SYSTEM_ACTOR,
      controllerId,
      subject: { type: "contact", id: contact.id },
      data: { email: d.recipient, reason, noticeId: d.noticeId, messageId: d.messageId },
    },
  ]);
  const about = { type: "contact", id: contact.id };
  await queueCustomerNotices(tx, clock, SYSTEM_ACTOR, [
    { controllerId, data: { kind: "contact_failing", email: d.recipient, reason, customerName: null }, subject: about },
  ]);
  await queueStaffNotice(tx, clock, SYSTEM_ACTOR, {
    controllerId,
    roles: ["privacy_officer"],
    data: { kind: "contact_failing", email: d.recipient, reason, customerName: customer?.name ?? null },
    subject: about,
  });
}

/**
 * A webhook endpoint answered 410 Gone: it asks not to be called again. The endpoint is disabled
 * (the customer can add it again) and this delivery fails; its other queued deliveries fail when
 * their turn comes.
 */
export async function endpointGone(
  tx: Db,
  clock: Clock,
  d: DeliveryRef,
  endpointId: string,
  answer: { status: number; response: string; durationMs: number },
): Promise<void> {
  const now = clock.now();
  const attempt = d.attempts + 1;
  await insertAttempt(tx, {
    deliveryId: d.id,
    controllerId: d.controllerId,
    attempt,
    at: now,
    outcome: "refused",
    response: clip(answer.response),
    httpStatus: answer.status,
    durationMs: answer.durationMs,
  });
  const endpoint = await disableEndpoint(tx, endpointId, now);
  if (endpoint) {
    await recordEvents(tx, clock, [
      {
        type: "webhook_endpoint.disabled",
        actor: SYSTEM_ACTOR,
        controllerId: d.controllerId,
        subject: { type: "webhook_endpoint", id: endpoint.id },
        data: { url: endpoint.url, reason: "the endpoint answered 410 Gone", deliveryId: d.id, messageId: d.messageId },
      },
    ]);
  }
  await failDelivery(tx, clock, d, {
    attempts: attempt,
    reason: `HTTP ${answer.status} Gone: the endpoint asked not to be called again`,
    aboutRecipient: false,
  });
}
