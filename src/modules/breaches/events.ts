// The evidence event types of the breaches module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A security incident was recorded (GDPR 33(5)). */
    "incident.recorded": true;
    /** Its facts were corrected. */
    "incident.updated": true;
    /** It was assessed: breach or not, notify or not (art. 6.1). */
    "incident.assessed": true;
    /** Customers were added as affected, with their 48-hour clocks. */
    "incident.customers_added": true;
    /** A customer not yet told was removed as affected. */
    "incident.customer_removed": true;
    /** The art. 6.2 facts were saved. */
    "incident.facts_saved": true;
    /** A round of breach notices was sent (art. 6.2). */
    "breach.notices_sent": true;
    /** The incident was closed, with a final notice. */
    "incident.closed": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const breachEventLabels = {
  "incident.recorded": { nl: "Incident geregistreerd", en: "Incident recorded" },
  "incident.updated": { nl: "Incident gewijzigd", en: "Incident changed" },
  "incident.assessed": { nl: "Incident beoordeeld", en: "Incident assessed" },
  "incident.customers_added": { nl: "Getroffen klanten toegevoegd", en: "Affected customers added" },
  "incident.customer_removed": { nl: "Getroffen klant verwijderd", en: "Affected customer removed" },
  "incident.facts_saved": { nl: "Gegevens van de melding opgeslagen", en: "Notice facts saved" },
  "breach.notices_sent": { nl: "Datalekmeldingen uitgebracht", en: "Breach notices issued" },
  "incident.closed": { nl: "Incident afgesloten", en: "Incident closed" },
} as const;
