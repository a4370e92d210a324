// The evidence event type of the signing reminders (signing-reminders.ts), declared to the core's event log.

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A reminder to sign an offered agreement was queued (by the schedule of its template version, or by staff). */
    "agreement.signing_reminder_queued": true;
  }
}

export {};
