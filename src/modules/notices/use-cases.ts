import { evidenceRecipient } from "../../domain/evidence-recipient.ts";
import { isIP } from "node:net";
import type { Db } from "../../db/engine.ts";
import { isLocalName, isNonPublicAddress, localWebhooksAllowed } from "../../domain/webhook-address.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalidFields, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import {
  disableEndpoint,
  findDeliveryRow,
  findNotice,
  findWebhookEndpoint,
  insertDelivery,
  insertWebhookEndpoint,
  lockNotice,
  markNoticeOpened,
  setNoticeAcknowledged,
} from "./queries.ts";
import { noticeWords } from "./words.ts";
import { secretUnusable } from "./secrets.ts";

/**
 * A customer's user opens a notice in the portal: the first opening is evidence that it reached
 * the customer ("read"). Later openings change nothing.
 */
export async function markOpened(tx: Db, clock: Clock, actor: EventActor, userId: string, noticeId: string) {
  const opened = await markNoticeOpened(tx, noticeId, clock.now(), userId);
  if (opened) {
    await recordEvent(tx, clock, {
      type: "notice.opened",
      actor,
      controllerId: opened.controllerId,
      subject: { type: "notice", id: opened.id },
      data: { kind: opened.kind },
    });
  }
}

/** The customer acknowledges a notice (its explicit "we have received this"). Once. */
export async function acknowledgeNotice(tx: Db, clock: Clock, actor: EventActor, userId: string, noticeId: string) {
  const notice = await lockNotice(tx, noticeId);
  if (!notice || notice.staffRoles) {
    throw notFound(noticeWords.noun.notice);
  }
  if (notice.acknowledgedAt) {
    throw conflict(noticeWords.alreadyAcknowledged);
  }
  const now = clock.now();
  await setNoticeAcknowledged(tx, noticeId, {
    acknowledgedAt: now,
    acknowledgedBy: userId,
    openedAt: notice.openedAt ?? now,
    openedBy: notice.openedBy ?? userId,
  });
  if (!notice.openedAt) {
    await recordEvent(tx, clock, {
      type: "notice.opened",
      actor,
      controllerId: notice.controllerId,
      subject: { type: "notice", id: noticeId },
      data: { kind: notice.kind },
    });
  }
  await recordEvent(tx, clock, {
    type: "notice.acknowledged",
    actor,
    controllerId: notice.controllerId,
    subject: { type: "notice", id: noticeId },
    data: { kind: notice.kind },
  });
}

/**
 * Webhook endpoints must be reachable over HTTPS on the public internet: Art28 posts to them and
 * shows the answers in the customer's log, so an endpoint must not point into the processor's own
 * network (webhook-address.ts). Plain HTTP and local addresses only with ART28_ALLOW_LOCAL_WEBHOOKS
 * (tests, a relay on the same host). Returns the normalised URL or throws a 400 naming the field.
 */
export function checkEndpointUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidFields([{ field: "body.url", message: noticeWords.invalidUrl }]);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = isLocalName(host) || (isIP(host) !== 0 && isNonPublicAddress(host));
  const allowLocal = localWebhooksAllowed();
  if (local && !allowLocal) {
    throw invalidFields([
      {
        field: "body.url",
        message: noticeWords.notOnInternet,
      },
    ]);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local && allowLocal)) {
    throw invalidFields([{ field: "body.url", message: noticeWords.httpsOnly }]);
  }
  if (url.username || url.password) {
    throw invalidFields([{ field: "body.url", message: noticeWords.noCredentials }]);
  }
  return url.toString();
}

export async function createWebhookEndpoint(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  controllerId: string,
  input: { url: string; description?: string | undefined },
  secret: string,
) {
  const url = checkEndpointUrl(input.url);
  const endpoint = await insertWebhookEndpoint(tx, { controllerId, url, description: input.description ?? "", secret, createdAt: clock.now() });
  if (!endpoint) {
    throw new Error("insert returned no row");
  }
  await recordEvent(tx, clock, {
    type: "webhook_endpoint.created",
    actor,
    controllerId,
    subject: { type: "webhook_endpoint", id: endpoint.id },
    data: { url },
  });
  return endpoint;
}

export async function disableWebhookEndpoint(tx: Db, clock: Clock, actor: EventActor, endpointId: string) {
  const endpoint = await disableEndpoint(tx, endpointId, clock.now());
  if (!endpoint) {
    throw notFound(noticeWords.noun.webhookEndpoint);
  }
  await recordEvent(tx, clock, {
    type: "webhook_endpoint.disabled",
    actor,
    controllerId: endpoint.controllerId,
    subject: { type: "webhook_endpoint", id: endpoint.id },
    data: { url: endpoint.url },
  });
}

/**
 * Sends a delivered or failed message again (the customer's "replay" in its webhook log, or staff
 * resending an email after the contact was corrected): a new delivery of the same notice with the
 * same message id, so the receiver can tell it is the same message (Standard Webhooks).
 */
export async function replayDelivery(tx: Db, clock: Clock, actor: EventActor, deliveryId: string) {
  const original = await findDeliveryRow(tx, deliveryId);
  if (!original) {
    throw notFound(noticeWords.noun.delivery);
  }
  if (original.status === "pending") {
    throw conflict(noticeWords.stillQueued);
  }
  const notice = await findNotice(tx, original.noticeId);
  // A single-use link that was removed (sent, expired) cannot be sent again: a new link is asked for.
  if (notice && secretUnusable(notice.data, clock.now())) {
    throw conflict(noticeWords.secretGone);
  }
  if (original.webhookEndpointId) {
    const endpoint = await findWebhookEndpoint(tx, original.webhookEndpointId);
    if (!endpoint || endpoint.disabledAt) {
      throw conflict(noticeWords.endpointDisabled);
    }
  }
  const now = clock.now();
  const copy = await insertDelivery(tx, {
    noticeId: original.noticeId,
    controllerId: original.controllerId,
    channel: original.channel,
    recipient: original.recipient,
    recipientName: original.recipientName,
    recipientRole: original.recipientRole,
    locale: original.locale,
    webhookEndpointId: original.webhookEndpointId,
    messageId: original.messageId,
    nextAttemptAt: now,
    createdAt: now,
  });
  if (!copy) {
    throw new Error("insert returned no row");
  }
  await recordEvent(tx, clock, {
    type: "notice.replayed",
    actor,
    controllerId: original.controllerId,
    subject: { type: "notice", id: original.noticeId },
    data: { channel: original.channel, to: evidenceRecipient(original.recipientRole, original.recipient), replayOf: original.id, delivery: copy.id },
  });
  return copy.id;
}
