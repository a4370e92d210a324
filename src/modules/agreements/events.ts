// The evidence event types of the agreements module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A template version was published (art. 12.3). */
    "template.published": true;
    /** An agreement was offered to a customer. */
    "agreement.offered": true;
    /** An open offer was replaced by a newer one. */
    "agreement.offer_withdrawn": true;
    /** The customer opened the exact document to sign. */
    "agreement.viewed": true;
    /** The language of the agreement was chosen. */
    "agreement.language_chosen": true;
    /** The customer signed (art. 12.1), with the SHA-256 of the PDF. */
    "agreement.signed_by_customer": true;
    /** The processor countersigned (art. 12.1). */
    "agreement.countersigned": true;
    /** The agreement took effect, superseding the previous one (art. 12.3). */
    "agreement.in_force": true;
  }
}

export {};
