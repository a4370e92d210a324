import type { LocalizedText } from "../../domain/text.ts";

// The contacts module's wording in Dutch and English (art. 4.4: the yearly confirmation of the
// privacy contact): its API answers, its notice kinds' labels and the customer's deadline.
export const contactWords = {
  noun: {
    contact: { nl: "privacycontactpersoon", en: "privacy contact" },
    customer: { nl: "klant", en: "customer" },
  },
  noContact: {
    nl: "Er is nog geen privacycontactpersoon om te bevestigen: geef er eerst een op.",
    en: "There is no privacy contact to confirm yet: give one first.",
  },
  changedSince: {
    nl: "De privacycontactpersoon is gewijzigd sinds u de pagina opende; bekijk de gegevens opnieuw en bevestig dan.",
    en: "The privacy contact changed since you opened the page; look at the details again, then confirm.",
  },
  notTheCurrent: { nl: "is niet de huidige versie van de contactpersoon", en: "is not the current version of the contact" },
  obligationTitle: { nl: "Privacycontactpersoon bevestigen (art. 4.4)", en: "Confirm the privacy contact (art. 4.4)" },
  kinds: {
    confirmation: { nl: "Bevestig uw privacycontactpersoon", en: "Confirm your privacy contact" },
    stale: { nl: "Privacycontactpersoon niet bevestigd", en: "Privacy contact not confirmed" },
  },
  months: (n: number): LocalizedText => ({ nl: n === 1 ? "1 maand" : `${n} maanden`, en: n === 1 ? "1 month" : `${n} months` }),
} as const;
