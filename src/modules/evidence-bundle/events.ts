// The evidence event types of the evidence bundle module, declared to the core's event log
// (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** An evidence bundle of the customer was made and downloaded (its stream; by whom, up to which event). */
    "evidence.bundle_made": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const evidenceBundleEventLabels = {
  "evidence.bundle_made": { nl: "Bewijsbundel gemaakt en gedownload", en: "Evidence bundle made and downloaded" },
} as const;
