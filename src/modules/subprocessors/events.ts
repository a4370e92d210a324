// The evidence event types of the subprocessors module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A sub-processor entered the register (art. 5). */
    "subprocessor.created": true;
    /** Its details changed. */
    "subprocessor.updated": true;
    /** Its contract was put on file, with its hash. */
    "subprocessor.contract_uploaded": true;
    /** A customer read that contract (art. 5.5). */
    "subprocessor.contract_read": true;
    /** A change was announced, with each customer's objection window (art. 5.2). */
    "subprocessor_change.announced": true;
    /** Its planned effective date was set. */
    "subprocessor_change.effective_date_set": true;
    /** It was withdrawn. */
    "subprocessor_change.withdrawn": true;
    /** It took effect. */
    "subprocessor_change.applied": true;
    /** A customer objected, with its reasons (art. 5.3). */
    "objection.submitted": true;
    /** A message in the consultation on an objection. */
    "consultation.message_posted": true;
    /** An objection ended: withdrawn, resolved, or the customer leaves. */
    "objection.closed": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const subprocessorEventLabels = {
  "subprocessor.created": { nl: "Subverwerker opgenomen in het register", en: "Sub-processor added to the register" },
  "subprocessor.updated": { nl: "Subverwerker gewijzigd", en: "Sub-processor changed" },
  "subprocessor.contract_uploaded": { nl: "Contract met subverwerker opgeslagen", en: "Sub-processor contract stored" },
  "subprocessor.contract_read": { nl: "Contract met subverwerker ingezien", en: "Sub-processor contract viewed" },
  "subprocessor_change.announced": { nl: "Wijziging van subverwerkers aangekondigd", en: "Sub-processor change announced" },
  "subprocessor_change.effective_date_set": { nl: "Ingangsdatum van de wijziging vastgesteld", en: "Effective date of the change set" },
  "subprocessor_change.withdrawn": { nl: "Wijziging ingetrokken", en: "Change withdrawn" },
  "subprocessor_change.applied": { nl: "Wijziging doorgevoerd", en: "Change applied" },
  "objection.submitted": { nl: "Bezwaar ingediend", en: "Objection submitted" },
  "consultation.message_posted": { nl: "Bericht in het overleg", en: "Consultation message" },
  "objection.closed": { nl: "Bezwaar afgehandeld", en: "Objection closed" },
} as const;
