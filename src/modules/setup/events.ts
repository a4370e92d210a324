// The evidence event types of the setup module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** Art28 was installed for the processor. */
    "installation.created": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const setupEventLabels = {
  "installation.created": { nl: "Art28 geïnstalleerd", en: "Art28 installed" },
} as const;
