// The evidence event types of the setup module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** Art28 was installed for the processor. */
    "installation.created": true;
  }
}

export {};
