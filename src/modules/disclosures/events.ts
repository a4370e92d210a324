// The evidence event types of the disclosures module (art. 9.2), declared to the core's event log
// (db/schema/events.ts). An order's events go to the processor's own stream, never a customer's:
// a gag may forbid telling a customer even that the order exists. Only the notice (and its duty,
// opened when the gag ends) reach the customer's stream. A customer's statement is in its own.

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** An authority's order to disclose data was recorded, with its gag order. */
    "disclosure.order_recorded": true;
    /** Customers found to be concerned after the order was recorded. */
    "disclosure.customers_added": true;
    /** The processor decided: comply, comply in part, or contest, with its reasoning. */
    "disclosure.decided": true;
    /** What was disclosed, and when. */
    "disclosure.disclosed": true;
    /** An effort to have the gag lifted or narrowed (SCC 2021/914 clause 15.1(b)), with its result. */
    "disclosure.gag_effort": true;
    /** The gag order was changed while in force (narrowed to an earlier date, extended, or made open-ended). */
    "disclosure.gag_changed": true;
    /** The gag ended: its date passed, or staff recorded it lifted. The customers' 24-hour duties start. */
    "disclosure.gag_ended": true;
    /** The concerned customers were told (art. 9.2). */
    "disclosure.customers_notified": true;
    /** A customer stated it is legally obliged to disclose the processor's confidential information. */
    "disclosure.statement_made": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const disclosureEventLabels = {
  "disclosure.order_recorded": { nl: "Verstrekkingsbevel geregistreerd", en: "Disclosure order recorded" },
  "disclosure.customers_added": { nl: "Betrokken klanten toegevoegd", en: "Concerned customers added" },
  "disclosure.decided": { nl: "Besluit over verstrekkingsbevel", en: "Decision on disclosure order" },
  "disclosure.disclosed": { nl: "Gegevens verstrekt", en: "Data disclosed" },
  "disclosure.gag_effort": { nl: "Poging zwijgplicht op te heffen of te beperken", en: "Effort to lift or narrow the gag order" },
  "disclosure.gag_changed": { nl: "Zwijgplicht gewijzigd", en: "Gag order changed" },
  "disclosure.gag_ended": { nl: "Zwijgplicht beëindigd", en: "Gag order ended" },
  "disclosure.customers_notified": { nl: "Klanten geïnformeerd over verstrekkingsbevel", en: "Customers told of disclosure order" },
  "disclosure.statement_made": { nl: "Klant meldt plicht tot verstrekking", en: "Customer states a duty to disclose" },
} as const;
