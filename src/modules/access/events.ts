// The evidence event types of the access module (art. 2.3, 9.1), declared to the core's event log
// (db/schema/events.ts). The statement and its confirmations go to the processor's stream, a break
// glass to the customer's. (A staff view itself is `staff.viewed_personal_data`, the controllers
// module's type, written by this module's hook.)

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A version of the confidentiality statement was published (its SHA-256 in the data). */
    "confidentiality.statement_published": true;
    /** A staff user confirmed a version of the confidentiality statement. */
    "confidentiality.confirmed": true;
    /** Support opened a customer not assigned to them, for a limited time, with a reason. */
    "access.break_glass": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const accessEventLabels = {
  "confidentiality.statement_published": { nl: "Geheimhoudingsverklaring gepubliceerd", en: "Confidentiality statement published" },
  "confidentiality.confirmed": { nl: "Geheimhoudingsverklaring bevestigd", en: "Confidentiality statement confirmed" },
  "access.break_glass": { nl: "Toegang buiten toewijzing (break glass)", en: "Access outside assignment (break glass)" },
} as const;
