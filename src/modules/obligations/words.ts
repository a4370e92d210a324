import type { LocalizedText } from "../../domain/text.ts";

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
  /** The customer's own 72-hour clock to the Autoriteit Persoonsgegevens (ap-clocks.ts, GDPR art. 33(1)). */
  apClock: {
    title: (reference: string): LocalizedText => ({
      nl: `Datalek ${reference} melden bij de Autoriteit Persoonsgegevens (uw eigen termijn)`,
      en: `Notify data breach ${reference} to the Autoriteit Persoonsgegevens (your own deadline)`,
    }),
    article: "AVG art. 33(1)",
    reason: {
      delivered: (at: string, channel: "email" | "webhook", to: string): LocalizedText =>
        channel === "email"
          ? {
              nl: `De melding bereikte u op ${at}: toen nam de mailserver van ${to} de e-mail aan. De 72 uur lopen vanaf dat moment.`,
              en: `The notice reached you on ${at}: the mail server of ${to} accepted the email then. The 72 hours run from that moment.`,
            }
          : {
              nl: `De melding bereikte u op ${at}: toen nam uw webhook ${to} haar aan. De 72 uur lopen vanaf dat moment.`,
              en: `The notice reached you on ${at}: your webhook ${to} accepted it then. The 72 hours run from that moment.`,
            },
      opened: (at: string): LocalizedText => ({
        nl: `De melding bereikte u op ${at}: toen werd zij voor het eerst in het portaal geopend (er was nog geen e-mail of webhook afgeleverd). De 72 uur lopen vanaf dat moment.`,
        en: `The notice reached you on ${at}: it was first opened in the portal then (no email or webhook had been delivered yet). The 72 hours run from that moment.`,
      }),
      notReached: {
        nl: "De melding heeft u nog niet bereikt (niet afgeleverd en nog niet geopend). Uw 72 uur beginnen zodra dat gebeurt, bijvoorbeeld wanneer u haar opent.",
        en: "The notice has not reached you yet (not delivered and not opened). Your 72 hours start once it does, for instance when you open it.",
      },
    },
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
