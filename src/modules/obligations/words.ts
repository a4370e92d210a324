// The obligations module's wording in Dutch and English: its API answers use these.
export const obligationWords = {
  noun: {
    obligation: { nl: "verplichting", en: "obligation" },
    calendar: { nl: "agenda", en: "calendar" },
  },
  /** The notice kinds in words (inboxes, the outbox). */
  noticeKind: {
    reminder: { nl: "Herinnering termijn", en: "Deadline reminder" },
    escalated: { nl: "Termijn verstreken", en: "Deadline passed" },
  },
  /** The iCalendar feed's event descriptions (ical.ts). */
  feed: {
    due: { nl: "Uiterlijk", en: "Due" },
    status: { nl: "Status", en: "Status" },
    statuses: {
      open: { nl: "open", en: "open" },
      met: { nl: "voldaan", en: "met" },
      lapsed: { nl: "verstreken", en: "lapsed" },
      cancelled: { nl: "geannuleerd", en: "cancelled" },
    },
  },
} as const;
