import type { LocalizedText } from "../../domain/text.ts";

// The agreements module's wording in Dutch and English: its API answers and the signer's consent use
// these. The agreement document's own words live in src/domain (agreement-labels.ts, the template).
export const agreementWords = {
  /** Reminders to sign an offered agreement (signing-reminders.ts, the signing_reminder notice). */
  signingReminder: {
    label: { nl: "Herinnering: overeenkomst ondertekenen", en: "Reminder: sign the agreement" },
  },
  noun: {
    agreement: { nl: "overeenkomst", en: "agreement" },
    /** As the API has always named it, in both languages. */
    templateVersion: (version: number): LocalizedText => ({ nl: `template version ${version}`, en: `template version ${version}` }),
  },
  notSignedYet: { nl: "deze overeenkomst is nog niet door de klant ondertekend", en: "the customer has not signed this agreement yet" },
  /** The consent the signer gives, recorded with the signature. */
  consent: (organisation: string): LocalizedText => ({
    nl: `Ik heb de verwerkersovereenkomst gelezen en onderteken deze namens ${organisation}.`,
    en: `I have read the data processing agreement and sign it on behalf of ${organisation}.`,
  }),
  languageFixed: {
    nl: "de taal kan alleen worden gekozen zolang de overeenkomst is aangeboden en nog niet ondertekend",
    en: "the language can only be chosen while the agreement is offered and not yet signed",
  },
  notSignable: (status: string): LocalizedText => ({
    nl: "deze overeenkomst kan niet (meer) worden ondertekend: alleen een aangeboden overeenkomst",
    en: `this agreement is ${status.replaceAll("_", " ")}; only an offered agreement can be signed`,
  }),
  documentChanged: {
    nl: "de overeenkomst is gewijzigd sinds u haar opende; lees de huidige versie en onderteken opnieuw",
    en: "the agreement changed since you opened it; read the current version and sign again",
  },
  notCurrentDocument: (sha256: string): LocalizedText => ({
    nl: `is niet het huidige document (${sha256})`,
    en: `is not the current document (${sha256})`,
  }),
  signedJustNow: { nl: "deze overeenkomst is zojuist door iemand anders ondertekend", en: "this agreement was signed by someone else just now" },
  notCountersignable: (status: string): LocalizedText => ({
    nl: "alleen een door de klant ondertekende overeenkomst kan worden medeondertekend",
    en: `this agreement is ${status.replaceAll("_", " ")}; only an agreement signed by the customer can be countersigned`,
  }),
  countersignedJustNow: {
    nl: "deze overeenkomst is zojuist door iemand anders medeondertekend",
    en: "this agreement was countersigned by someone else just now",
  },
} as const;
