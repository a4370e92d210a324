// The evidence event types of the processor module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** The processor's details or policies changed. */
    "processor.changed": true;
  }
}

export {};
