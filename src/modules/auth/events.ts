// The evidence event types of the auth module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** Repeated failed logins locked an account for a while (per-account login limit). */
    "auth.account_locked": true;
  }
}

export {};
