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

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const agreementEventLabels = {
  "agreement.signing_reminder_queued": { nl: "Herinnering om te ondertekenen klaargezet", en: "Signing reminder queued" },
  "template.published": { nl: "Sjabloonversie gepubliceerd", en: "Template version published" },
  "agreement.offered": { nl: "Overeenkomst aangeboden", en: "Agreement offered" },
  "agreement.offer_withdrawn": { nl: "Aanbod vervangen door een nieuwer", en: "Offer replaced by a newer one" },
  "agreement.viewed": { nl: "Te ondertekenen document bekeken", en: "Document to sign viewed" },
  "agreement.language_chosen": { nl: "Taal van de overeenkomst gekozen", en: "Language of the agreement chosen" },
  "agreement.signed_by_customer": { nl: "Ondertekend door de klant", en: "Signed by the customer" },
  "agreement.countersigned": { nl: "Medeondertekend door de verwerker", en: "Countersigned by the processor" },
  "agreement.in_force": { nl: "Overeenkomst in werking getreden", en: "Agreement in force" },
} as const;
