// The evidence event types of the controllers module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A customer was registered. */
    "controller.created": true;
    /** Its details changed. */
    "controller.changed": true;
    /** The services it takes changed (Annex 1). */
    "controller.services_changed": true;
    /** The domain names it uses changed (art. 8.1: how a data subject's request finds it). */
    "controller.domains_changed": true;
    /** Its privacy contact changed (art. 4.4). */
    "contact.changed": true;
    /** Staff viewed a customer's personal data (art. 9.1). */
    "staff.viewed_personal_data": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const controllerEventLabels = {
  "controller.created": { nl: "Klant geregistreerd", en: "Customer registered" },
  "controller.changed": { nl: "Klantgegevens gewijzigd", en: "Customer details changed" },
  "controller.services_changed": { nl: "Afgenomen diensten gewijzigd", en: "Services taken changed" },
  "controller.domains_changed": { nl: "Domeinnamen gewijzigd", en: "Domain names changed" },
  "contact.changed": { nl: "Privacycontactpersoon gewijzigd", en: "Privacy contact changed" },
  "staff.viewed_personal_data": { nl: "Medewerker bekeek persoonsgegevens", en: "Staff viewed personal data" },
} as const;
