import { and, eq, isNull } from "drizzle-orm";
import { isIP } from "node:net";
import type { Db } from "../../db/engine.ts";
import { isLocalName, isNonPublicAddress, localWebhooksAllowed } from "../../domain/webhook-address.ts";
import { deliveries, notices, webhookEndpoints } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalidFields, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";

/**
 * A customer's user opens a notice in the portal: the first opening is evidence that it reached
 * the customer ("read"). Later openings change nothing.
 */
export async function markOpened(tx: Db, clock: Clock, actor: EventActor, userId: string, noticeId: string) {
  const [opened] = await tx
    .update(notices)
    .set({ openedAt: clock.now(), openedBy: userId })
    .where(and(eq(notices.id, noticeId), isNull(notices.openedAt)))
    .returning({ id: notices.id, controllerId: notices.controllerId, kind: notices.kind });
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
  const [notice] = await tx.select().from(notices).where(eq(notices.id, noticeId)).for("update");
  if (!notice || notice.staffRoles) {
    throw notFound("notice");
  }
  if (notice.acknowledgedAt) {
    throw conflict({ nl: "deze kennisgeving is al bevestigd", en: "this notice has already been acknowledged" });
  }
  const now = clock.now();
  await tx
    .update(notices)
    .set({ acknowledgedAt: now, acknowledgedBy: userId, openedAt: notice.openedAt ?? now, openedBy: notice.openedBy ?? userId })
    .where(eq(notices.id, noticeId));
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
    throw invalidFields([{ field: "body.url", message: { nl: "is geen geldige URL", en: "is not a valid URL" } }]);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = isLocalName(host) || (isIP(host) !== 0 && isNonPublicAddress(host));
  const allowLocal = localWebhooksAllowed();
  if (local && !allowLocal) {
    throw invalidFields([
      {
        field: "body.url",
        message: {
          nl: "moet een adres op het internet zijn, niet in een lokaal of intern netwerk",
          en: "must be an address on the internet, not in a local or internal network",
        },
      },
    ]);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local && allowLocal)) {
    throw invalidFields([{ field: "body.url", message: { nl: "moet met https:// beginnen", en: "must start with https://" } }]);
  }
  if (url.username || url.password) {
    throw invalidFields([
      { field: "body.url", message: { nl: "mag geen gebruikersnaam of wachtwoord bevatten", en: "must not contain a user name or password" } },
    ]);
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
  const [endpoint] = await tx
    .insert(webhookEndpoints)
    .values({ controllerId, url, description: input.description ?? "", secret, createdAt: clock.now() })
    .returning();
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
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ disabledAt: clock.now() })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
    .returning();
  if (!endpoint) {
    throw notFound("webhook endpoint");
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
  const [original] = await tx.select().from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!original) {
    throw notFound("delivery");
  }
  if (original.status === "pending") {
    throw conflict({ nl: "deze bezorging staat nog in de wachtrij", en: "this delivery is still queued" });
  }
  if (original.webhookEndpointId) {
    const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, original.webhookEndpointId));
    if (!endpoint || endpoint.disabledAt) {
      throw conflict({ nl: "het webhook-endpoint is uitgeschakeld", en: "the webhook endpoint is disabled" });
    }
  }
  const now = clock.now();
  const [copy] = await tx
    .insert(deliveries)
    .values({
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
    })
    .returning({ id: deliveries.id });
  if (!copy) {
    throw new Error("insert returned no row");
  }
  await recordEvent(tx, clock, {
    type: "notice.replayed",
    actor,
    controllerId: original.controllerId,
    subject: { type: "notice", id: original.noticeId },
    data: { channel: original.channel, to: original.recipient, replayOf: original.id, delivery: copy.id },
  });
  return copy.id;
}
