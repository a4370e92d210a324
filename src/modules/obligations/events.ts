// The evidence event types of the obligations module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A duty or window with a deadline opened. */
    "obligation.opened": true;
    /** A reminder before its deadline went out. */
    "obligation.reminded": true;
    /** It was met, in time or late. */
    "obligation.met": true;
    /** Its deadline passed unmet (escalated). */
    "obligation.missed": true;
    /** An objection window closed. */
    "obligation.window_closed": true;
    /** It no longer runs (e.g. the change was withdrawn). */
    "obligation.cancelled": true;
    /** It lapsed because what it was about took effect. */
    "obligation.lapsed": true;
    /** A user created an iCalendar feed of deadlines. */
    "calendar_feed.created": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const obligationEventLabels = {
  "obligation.opened": { nl: "Termijn gestart", en: "Deadline started" },
  "obligation.reminded": { nl: "Herinnering verstuurd", en: "Reminder sent" },
  "obligation.met": { nl: "Termijn voldaan", en: "Deadline met" },
  "obligation.missed": { nl: "Termijn gemist", en: "Deadline missed" },
  "obligation.window_closed": { nl: "Bezwaartermijn gesloten", en: "Objection window closed" },
  "obligation.cancelled": { nl: "Termijn vervallen", en: "Deadline cancelled" },
  "obligation.lapsed": { nl: "Termijn verlopen (wijziging doorgevoerd)", en: "Deadline lapsed (change took effect)" },
  "calendar_feed.created": { nl: "Agenda-abonnement aangemaakt", en: "Calendar feed created" },
} as const;
