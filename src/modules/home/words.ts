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
    caseEstimate: {
      title: (reference: string, title: string): LocalizedText => ({
        nl: `Offerte voor ${reference} wacht op uw besluit: ${title}`,
        en: `An estimate for ${reference} awaits your decision: ${title}`,
      }),
      detail: (amount: string, proposed: string): LocalizedText => ({
        nl: `${amount}, voorgesteld op ${proposed}. Pas als u akkoord gaat, begint het werk waarvoor kosten gelden (art. 2.4).`,
        en: `${amount}, proposed on ${proposed}. Billable work starts only once you accept it (art. 2.4).`,
      }),
    },
    contactConfirm: {
      title: { nl: "Klopt uw privacycontactpersoon nog?", en: "Is your privacy contact still correct?" },
      detail: (who: string, confirmed: string): LocalizedText => ({
        nl: `${who}, laatst bevestigd op ${confirmed}. Bevestig het met één klik of wijzig het (art. 4.4).`,
        en: `${who}, last confirmed on ${confirmed}. Confirm it with one click or change it (art. 4.4).`,
      }),
    },
    contactStale: {
      title: { nl: "Uw privacycontactpersoon is verouderd", en: "Your privacy contact is stale" },
      detail: (who: string, confirmed: string): LocalizedText => ({
        nl: `${who} is niet op tijd bevestigd (laatst bevestigd op ${confirmed}); meldingen kunnen de verkeerde persoon bereiken. Bevestig of wijzig het (art. 4.4).`,
        en: `${who} was not confirmed in time (last confirmed on ${confirmed}); notices may reach the wrong person. Confirm or change it (art. 4.4).`,
      }),
    },
  },
  bulk: {
    notFound: { nl: "niet gevonden", en: "not found" },
    countersigned: { nl: "medeondertekend", en: "countersigned" },
  },
} as const;
