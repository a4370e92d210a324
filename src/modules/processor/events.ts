// The evidence event types of the processor module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** The processor's details or policies changed. */
    "processor.changed": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const processorEventLabels = {
  "processor.changed": { nl: "Gegevens van de verwerker gewijzigd", en: "Processor details changed" },
} as const;
