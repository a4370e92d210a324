import type { LocalizedText } from "../../domain/text.ts";

// The home module's wording in Dutch and English: the items of the customer's and the staff's home.
export const homeWords = {
  noun: {
    agreement: { nl: "overeenkomst", en: "agreement" },
  },
  item: {
    signAgreement: {
      title: (version: number): LocalizedText => ({
        nl: `Onderteken de verwerkersovereenkomst (versie ${version})`,
        en: `Sign the data processing agreement (version ${version})`,
      }),
      detail: (date: string): LocalizedText => ({
        nl: `Aangeboden op ${date}. De overeenkomst geldt zodra u en wij hebben ondertekend.`,
        en: `Offered on ${date}. The agreement takes effect once you and we have signed.`,
      }),
    },
    apClock: {
      title: (reference: string, title: string): LocalizedText => ({
        nl: `Datalek ${reference}: ${title} — uw eigen meldtermijn bij de Autoriteit Persoonsgegevens`,
        en: `Data breach ${reference}: ${title} — your own deadline to notify the Autoriteit Persoonsgegevens`,
      }),
      due: (due: string): LocalizedText => ({
        nl: `Meld het datalek zo nodig uiterlijk ${due} bij de Autoriteit Persoonsgegevens (AVG art. 33 lid 1: 72 uur). Een ingevuld concept staat klaar.`,
        en: `If it must be notified, notify the breach to the Autoriteit Persoonsgegevens by ${due} (GDPR art. 33(1): 72 hours). A prefilled draft is ready.`,
      }),
    },
    objectionWindow: {
      title: (name: string): LocalizedText => ({
        nl: `Wijziging van subverwerker ${name}: u kunt bezwaar maken`,
        en: `Change of sub-processor ${name}: you may object`,
      }),
      detail: (end: string): LocalizedText => ({
        nl: `Uw bezwaartermijn (art. 5.2) loopt tot en met ${end}.`,
        en: `Your objection window (art. 5.2) runs until ${end}.`,
      }),
    },
    acknowledge: {
      title: (label: string, reference: string): LocalizedText => ({
        nl: `Bevestig de ontvangst: ${label} (${reference})`,
        en: `Acknowledge receipt: ${label} (${reference})`,
      }),
      detail: (date: string): LocalizedText => ({
        nl: `Verzonden op ${date}; wij vragen u de ontvangst te bevestigen.`,
        en: `Sent on ${date}; we ask you to acknowledge receipt.`,
      }),
    },
    contactMissing: {
      title: { nl: "Geef uw privacycontactpersoon op", en: "Give us your privacy contact" },
      detail: {
        nl: "Art. 4.4: wij sturen meldingen (zoals een datalek) naar deze persoon. Zonder contactpersoon bereiken ze alleen de eigenaren van het account.",
        en: "Art. 4.4: we send notices (such as a data breach) to this person. Without a contact they only reach the account's owners.",
      },
    },
    contactFailing: {
      title: (email: string): LocalizedText => ({
        nl: `E-mail aan uw privacycontactpersoon komt niet aan (${email})`,
        en: `Email to your privacy contact does not arrive (${email})`,
      }),
      detail: (since: string): LocalizedText => ({
        nl: `Sinds ${since} konden wij niet afleveren. Controleer het adres en sla het opnieuw op.`,
        en: `Since ${since} we could not deliver. Check the address and save it again.`,
      }),
    },
    contactStale: {
      title: { nl: "Bevestig uw privacycontactpersoon", en: "Confirm your privacy contact" },
      detail: (confirmed: string, months: number): LocalizedText => ({
        nl: `Laatst bevestigd op ${confirmed}. De overeenkomst vraagt om dit ten minste elke ${months} maanden te bevestigen (art. 4.4).`,
        en: `Last confirmed on ${confirmed}. The agreement asks you to confirm it at least every ${months} months (art. 4.4).`,
      }),
    },
  },
  bulk: {
    notFound: { nl: "niet gevonden", en: "not found" },
    countersigned: { nl: "medeondertekend", en: "countersigned" },
  },
} as const;
