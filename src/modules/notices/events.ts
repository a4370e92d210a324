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

export {};
