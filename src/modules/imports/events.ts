// The evidence event types of the imports module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** Customers were imported from a billing export. */
    "import.customers": true;
    /** A customer was created by an import. */
    "controller.created_by_import": true;
    /** A customer was updated by an import. */
    "controller.updated_by_import": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const importEventLabels = {
  "import.customers": { nl: "Klanten geïmporteerd", en: "Customers imported" },
  "controller.created_by_import": { nl: "Klant aangemaakt door import", en: "Customer created by import" },
  "controller.updated_by_import": { nl: "Klant bijgewerkt door import", en: "Customer updated by import" },
} as const;
