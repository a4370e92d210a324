import { evidenceRecipient } from "../domain/evidence-recipient.ts";
import type { Db } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import type { Clock } from "../domain/clock.ts";
import { nextAttemptAt } from "../domain/retry.ts";
import { recordEvents, SYSTEM_ACTOR } from "../modules/evidence/record-events.ts";
import { failDelivery, type DeliveryRef } from "./delivery-outcomes.ts";
import { insertAttempt, lockLatestEmailByMessageId, markBounced, requeue } from "./outbox-queries.ts";

export interface BounceInput {
  /** The Message-ID of the email that bounced, "<…@art28>". */
  messageId: string;
  /** The bounce's diagnostic, e.g. "550 5.1.1 user unknown". */
  reason: string;
}

export type BounceResult =
  | { status: "rescheduled"; deliveryId: string; nextAttemptAt: Date }
  | { status: "failed"; deliveryId: string }
  /** Nothing sent under this Message-ID is waiting for a bounce: a repeat of one already recorded. */
  | { status: "ignored"; deliveryId: string };

/**
 * An email the relay accepted came back (an MTA's bounce webhook, or staff recording a DSN).
 * The bounce is logged as a try and is evidence; the delivery is tried again on the email schedule
 * (the try that bounced counts), or fails after the last one, which marks a privacy contact failing
 * and tells the people who can fix it (art. 4.4). Only a delivery that is "sent" can bounce, so the
 * same bounce reported twice changes nothing the second time. null: no email has this Message-ID.
 */
export async function recordBounce(db: Db, clock: Clock, input: BounceInput): Promise<BounceResult | null> {
  const reason =
    input.reason
      .replace(/[\u0000-\u001f]+/g, " ")
      .trim()
      .slice(0, 500) || "bounced";
  return inScope(db, { kind: "processor" }, async (tx) => {
    // A replay re-uses the Message-ID: the bounce is about the latest delivery under it.
    const row = await lockLatestEmailByMessageId(tx, input.messageId);
    if (!row) {
      return null; // no email was sent under this Message-ID
    }
    const d = row.delivery;
    if (d.status !== "sent") {
      return { status: "ignored", deliveryId: d.id } as const;
    }
    const now = clock.now();
    const ref: DeliveryRef = {
      id: d.id,
      noticeId: d.noticeId,
      noticeKind: row.kind,
      controllerId: d.controllerId,
      channel: "email",
      recipient: d.recipient,
      recipientRole: d.recipientRole,
      messageId: d.messageId,
      attempts: d.attempts,
    };
    await insertAttempt(tx, { deliveryId: d.id, controllerId: d.controllerId, attempt: d.attempts, at: now, outcome: "bounced", response: reason });
    await markBounced(tx, d.id, now, reason);
    const base = { channel: "email", recipient: evidenceRecipient(d.recipientRole, d.recipient), messageId: d.messageId, attempt: d.attempts };
    await recordEvents(tx, clock, [
      { type: "notice.bounced", actor: SYSTEM_ACTOR, controllerId: d.controllerId, subject: { type: "notice", id: d.noticeId }, data: { ...base, reason } },
    ]);
    const next = nextAttemptAt("email", d.attempts, now);
    if (!next) {
      await failDelivery(tx, clock, ref, { attempts: d.attempts, reason, aboutRecipient: true });
      return { status: "failed", deliveryId: d.id } as const;
    }
    await requeue(tx, d.id, next);
    await recordEvents(tx, clock, [
      {
        type: "notice.retry_scheduled",
        actor: SYSTEM_ACTOR,
        controllerId: d.controllerId,
        subject: { type: "notice", id: d.noticeId },
        data: { ...base, response: reason, httpStatus: null, permanent: true, nextAttemptAt: next.toISOString() },
      },
    ]);
    return { status: "rescheduled", deliveryId: d.id, nextAttemptAt: next } as const;
  });
}
