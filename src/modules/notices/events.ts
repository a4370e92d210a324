// The evidence event types of the notices module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A notice was written, with the SHA-256 of its content. */
    "notice.queued": true;
    /** A delivery of it was sent. */
    "notice.sent": true;
    /** An email was kept in the outbox (no SMTP). */
    "notice.held": true;
    /** A delivery failed and will be tried again. */
    "notice.retry_scheduled": true;
    /** A delivery failed for good. */
    "notice.failed": true;
    /** An email bounced. */
    "notice.bounced": true;
    /** The customer opened it in the portal. */
    "notice.opened": true;
    /** The customer acknowledged it. */
    "notice.acknowledged": true;
    /** A delivery was sent again on request. */
    "notice.replayed": true;
    /** A privacy contact's address fails; the owner is told. */
    "contact.failing": true;
    /** A customer registered a webhook endpoint. */
    "webhook_endpoint.created": true;
    /** A webhook endpoint was disabled. */
    "webhook_endpoint.disabled": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const noticeEventLabels = {
  "notice.queued": { nl: "Kennisgeving opgesteld", en: "Notice written" },
  "notice.sent": { nl: "Kennisgeving verzonden", en: "Notice sent" },
  "notice.held": { nl: "E-mail vastgehouden, niet verzonden (geen mailserver)", en: "E-mail held, not sent (no mail server)" },
  "notice.retry_scheduled": { nl: "Bezorging mislukt, wordt opnieuw geprobeerd", en: "Delivery failed, will be retried" },
  "notice.failed": { nl: "Bezorging definitief mislukt", en: "Delivery failed for good" },
  "notice.bounced": { nl: "E-mail onbestelbaar", en: "E-mail bounced" },
  "notice.opened": { nl: "Kennisgeving gelezen", en: "Notice read" },
  "notice.acknowledged": { nl: "Kennisgeving bevestigd", en: "Notice acknowledged" },
  "notice.replayed": { nl: "Bericht opnieuw verstuurd", en: "Message sent again" },
  "contact.failing": { nl: "Privacycontactpersoon onbereikbaar", en: "Privacy contact unreachable" },
  "webhook_endpoint.created": { nl: "Webhook-endpoint geregistreerd", en: "Webhook endpoint registered" },
  "webhook_endpoint.disabled": { nl: "Webhook-endpoint uitgeschakeld", en: "Webhook endpoint disabled" },
} as const;
