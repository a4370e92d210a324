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

export {};
