// The evidence event types of the contacts module (art. 4.4: the yearly confirmation of the privacy
// contact), declared to the core's event log (db/schema/events.ts). Each goes to the customer's stream.

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** The customer was asked to confirm its privacy contact (the yearly request). */
    "contact.confirmation_requested": true;
    /** It was reminded, not having confirmed. */
    "contact.confirmation_reminded": true;
    /** The period to confirm passed unconfirmed: the contact is marked stale and the owners told. */
    "contact.marked_stale": true;
    /** The customer confirmed its privacy contact (by the button, or by changing it). */
    "contact.confirmed": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const contactEventLabels = {
  "contact.confirmation_requested": { nl: "Bevestiging privacycontactpersoon gevraagd", en: "Confirmation of privacy contact requested" },
  "contact.confirmation_reminded": { nl: "Herinnering: privacycontactpersoon bevestigen", en: "Reminder: confirm the privacy contact" },
  "contact.marked_stale": { nl: "Privacycontactpersoon als verouderd gemarkeerd", en: "Privacy contact marked stale" },
  "contact.confirmed": { nl: "Privacycontactpersoon bevestigd", en: "Privacy contact confirmed" },
} as const;
