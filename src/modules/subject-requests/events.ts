// The evidence event types of data subjects' requests (art. 8.1), declared to the core's event log
// (db/schema/events.ts). None carries the requester's personal data: the request's reference, right,
// source and the SHA-256 of its content, so the log stays true after the content is erased.

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A request reached the processor (recorded by staff, or sent through the form and confirmed). */
    "subject_request.received": true;
    /** A form submission whose address was never confirmed was removed. */
    "subject_request.expired": true;
    /** Forwarded to the customer it concerns, in time or late. */
    "subject_request.forwarded": true;
    /** It concerns none of the processor's customers. */
    "subject_request.not_ours": true;
    /** The requester was told (forwarded, or not ours). */
    "subject_request.requester_told": true;
    /** The customer recorded what it did with it. */
    "subject_request.outcome_recorded": true;
    /** The retention period passed: the content and files were erased; the skeleton stays. */
    "subject_request.erased": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const subjectRequestEventLabels = {
  "subject_request.received": { nl: "Verzoek van een betrokkene ontvangen", en: "Data subject request received" },
  "subject_request.expired": { nl: "Onbevestigd verzoek verwijderd", en: "Unconfirmed request removed" },
  "subject_request.forwarded": { nl: "Verzoek van een betrokkene doorgestuurd", en: "Data subject request forwarded" },
  "subject_request.not_ours": { nl: "Verzoek betreft geen klant", en: "Request concerns no customer" },
  "subject_request.requester_told": { nl: "Betrokkene geïnformeerd", en: "Requester told" },
  "subject_request.outcome_recorded": { nl: "Afhandeling door de klant vastgelegd", en: "Customer's outcome recorded" },
  "subject_request.erased": { nl: "Inhoud van verzoek gewist", en: "Request content erased" },
} as const;
