// The evidence event types of the checkpoints module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A checkpoint was made and signed (the processor's stream: its number, tree size and root). */
    "checkpoint.made": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const checkpointEventLabels = {
  "checkpoint.made": { nl: "Controlepunt gemaakt en ondertekend", en: "Checkpoint made and signed" },
} as const;
