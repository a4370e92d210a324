// The evidence event types of the auth module, declared to the core's event log (db/schema/events.ts).
import { oidcEventLabels } from "./oidc-events.ts";

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** Repeated failed logins locked an account for a while (per-account login limit). */
    "auth.account_locked": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const authEventLabels = {
  ...oidcEventLabels,
  "auth.account_locked": { nl: "Account tijdelijk geblokkeerd na mislukte aanmeldingen", en: "Account locked after failed logins" },
} as const;
