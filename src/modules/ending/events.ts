// The evidence event types of the ending module (art. 12.2, 12.4), declared to the core's event log
// (db/schema/events.ts). Every one is in the customer's own stream.

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** The customer's last service ended: the agreement ended, its deletion plan was drawn up (art. 12.2). */
    "ending.agreement_ended": true;
    /** A sub-processor's confirmation of its own deletion was attached to a line (art. 5.3), with its SHA-256. */
    "ending.confirmation_attached": true;
    /** Staff confirmed a line of the deletion plan: when the data were deleted and how. */
    "ending.line_confirmed": true;
    /** Data the processor must keep by law after the end (art. 12.4): what, the ground, until when. */
    "ending.hold_recorded": true;
    /** A legal hold ended: the sweep reminded staff to delete its data. */
    "ending.hold_ended": true;
    /** The data of an ended hold were deleted. */
    "ending.hold_released": true;
    /** A deletion certificate was issued to the customer (final or supplementary), with its SHA-256. */
    "ending.certificate_issued": true;
    /** The period the portal stays readable passed: the customer's users were closed. */
    "ending.portal_closed": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const endingEventLabels = {
  "ending.agreement_ended": { nl: "Overeenkomst geëindigd, verwijderplan opgesteld", en: "Agreement ended, deletion plan drawn up" },
  "ending.confirmation_attached": { nl: "Bevestiging subverwerker toegevoegd", en: "Sub-processor's confirmation attached" },
  "ending.line_confirmed": { nl: "Verwijdering bevestigd", en: "Deletion confirmed" },
  "ending.hold_recorded": { nl: "Wettelijke bewaarplicht vastgelegd", en: "Legal hold recorded" },
  "ending.hold_ended": { nl: "Wettelijke bewaarplicht afgelopen", en: "Legal hold ended" },
  "ending.hold_released": { nl: "Bewaarde gegevens verwijderd", en: "Held data deleted" },
  "ending.certificate_issued": { nl: "Verwijderingsverklaring afgegeven", en: "Deletion certificate issued" },
  "ending.portal_closed": { nl: "Portaal gesloten na leesperiode", en: "Portal closed after its readable period" },
} as const;
