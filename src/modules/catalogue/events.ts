// The evidence event types of the catalogue module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A service of the catalogue was created (Annex 1A). */
    "service.created": true;
    /** A service changed: its purposes, data or sub-processors. */
    "service.changed": true;
    /** A customer got a new Annex 1 (art. 1.1). */
    "annex.version_created": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const catalogueEventLabels = {
  "service.created": { nl: "Dienst aangemaakt", en: "Service created" },
  "service.changed": { nl: "Dienst gewijzigd", en: "Service changed" },
  "annex.version_created": { nl: "Nieuwe versie van bijlage 1", en: "New version of Annex 1" },
} as const;
