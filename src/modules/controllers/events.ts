// The evidence event types of the controllers module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A customer was registered. */
    "controller.created": true;
    /** Its details changed. */
    "controller.changed": true;
    /** The services it takes changed (Annex 1). */
    "controller.services_changed": true;
    /** Its privacy contact changed (art. 4.4). */
    "contact.changed": true;
    /** Staff viewed a customer's personal data (art. 9.1). */
    "staff.viewed_personal_data": true;
  }
}

export {};
