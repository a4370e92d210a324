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

export {};
