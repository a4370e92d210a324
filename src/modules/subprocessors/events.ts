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

export {};
