// The evidence event types of the measures module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A technical or organisational measure was created (Annex 2). */
    "measure.created": true;
    /** A measure changed (its text, theme, owner, status or review interval). */
    "measure.changed": true;
    /** A measure was reviewed: by whom, the note, whether its review duty was met in time. */
    "measure.reviewed": true;
    /** An evidence file was put on file for a measure, with its SHA-256. */
    "measure.evidence_uploaded": true;
    /** A new version of Annex 2 was published, with what changed. */
    "annex2.published": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const measureEventLabels = {
  "measure.created": { nl: "Beveiligingsmaatregel aangemaakt", en: "Security measure created" },
  "measure.changed": { nl: "Beveiligingsmaatregel gewijzigd", en: "Security measure changed" },
  "measure.reviewed": { nl: "Beveiligingsmaatregel beoordeeld", en: "Security measure reviewed" },
  "measure.evidence_uploaded": { nl: "Bewijsstuk bij maatregel vastgelegd", en: "Evidence file for a measure put on file" },
  "annex2.published": { nl: "Nieuwe versie van bijlage 2 gepubliceerd", en: "New version of Annex 2 published" },
} as const;
