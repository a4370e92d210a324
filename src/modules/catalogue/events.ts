// The evidence event types of the catalogue module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A service of the catalogue was created (Annex 1A). */
    "service.created": true;
    /** A service changed: its purposes, data or sub-processors. */
    "service.changed": true;
    /** A technical or organisational measure was created (Annex 2). */
    "measure.created": true;
    /** A measure changed. */
    "measure.changed": true;
    /** A customer got a new Annex 1 (art. 1.1). */
    "annex.version_created": true;
  }
}

export {};
