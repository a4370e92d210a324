import type { CureSide, IntentAssessment } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";

// The claims module's wording in Dutch and English (art. 11: the fee ledger, notices of default,
// the claims register): its API answers, notice kinds' labels, duties' titles and the cap's labels.
export const claimWords = {
  noun: {
    defaultNotice: { nl: "ingebrekestelling", en: "notice of default" },
    claim: { nl: "schadeclaim", en: "claim" },
    event: { nl: "schadeveroorzakende gebeurtenis", en: "damage-causing event" },
    customer: { nl: "klant", en: "customer" },
  },
  noticeReference: (n: number) => `IG-${String(n).padStart(4, "0")}`,
  claimReference: (n: number) => `CL-${String(n).padStart(4, "0")}`,
  eventReference: (n: number) => `GB-${String(n).padStart(4, "0")}`,
  cureDuty: (reference: string): LocalizedText => ({
    nl: `Tekortkoming zuiveren vóór de overeengekomen datum, ingebrekestelling ${reference} (art. 11.5)`,
    en: `Cure the failure by the agreed date, notice of default ${reference} (art. 11.5)`,
  }),
  lapseWindow: (reference: string): LocalizedText => ({
    nl: `Vervaltermijn schadeclaim ${reference}: 12 maanden na het ontstaan (art. 11.6)`,
    en: `Claim ${reference} lapses 12 months after it arose (art. 11.6)`,
  }),
  sides: {
    customer: { nl: "klant", en: "customer" },
    processor: { nl: "verwerker", en: "processor" },
  } satisfies Record<CureSide, LocalizedText>,
  intent: {
    not_assessed: { nl: "Nog niet beoordeeld", en: "Not yet assessed" },
    no_indication: { nl: "Geen aanwijzing voor opzet of bewuste roekeloosheid", en: "No indication of intent or deliberate recklessness" },
    indicated: {
      nl: "Aanwijzing voor opzet of bewuste roekeloosheid van de verwerker of haar bedrijfsleiding: de beperking geldt dan niet (art. 11.4)",
      en: "Indication of intent or deliberate recklessness of the processor or its management: the limitation then does not apply (art. 11.4)",
    },
  } satisfies Record<IntentAssessment, LocalizedText>,
  capSources: {
    ledger: { nl: "Vergoedingen volgens het vergoedingenregister (facturatie)", en: "Fees per the fee ledger (billing)" },
    fallback: {
      nl: "Terugval: geen regel in het vergoedingenregister voor deze maand; de maandvergoedingen die Art28 kent (naar rato bij een deel van de maand)",
      en: "Fallback: no fee ledger entry for this month; the monthly fees Art28 holds (pro rata for part of the month)",
    },
    none: { nl: "Geen vergoeding bekend voor deze maand: plafond € 0", en: "No fee known for this month: cap €0" },
  },
  capNote: {
    nl: "Het plafond geldt per gebeurtenis (een reeks opeenvolgende gebeurtenissen geldt als één gebeurtenis) en alleen voor directe schade (art. 11.1); indirecte schade is uitgesloten (art. 11.3). De beperkingen vervallen bij opzet of bewuste roekeloosheid van de verwerker of haar bedrijfsleiding (art. 11.4).",
    en: "The cap applies per event (a series of consecutive events counts as one event) and to direct damage only (art. 11.1); indirect damage is excluded (art. 11.3). The limitations lapse for intent or deliberate recklessness of the processor or its management (art. 11.4).",
  },
  lateFact: {
    nl: "Gegeven later dan 48 uur nadat de klant zegt de tekortkoming te hebben ontdekt (art. 11.5: onverwijld doch binnen 48 uur). Dit is een vaststelling van feiten, geen juridisch oordeel.",
    en: "Given later than 48 hours after the customer says it learned of the failure (art. 11.5: without delay, within 48 hours). This states the facts; it decides no law.",
  },
  inFuture: { nl: "ligt in de toekomst", en: "is in the future" },
  empty: { nl: "is leeg", en: "is empty" },
  tooVague: (min: number) => ({
    nl: `beschrijf de tekortkoming zo volledig en gedetailleerd mogelijk (minstens ${min} tekens, art. 11.5)`,
    en: `describe the failure as completely and in as much detail as you can (at least ${min} characters, art. 11.5)`,
  }),
  learnedAfterGiven: { nl: "ligt na het moment van ingebrekestelling", en: "is after the notice was given" },
  notADate: {
    nl: "is geen datum (JJJJ-MM-DD) op of na vandaag",
    en: "is not a date (YYYY-MM-DD) on or after today",
  },
  noProposal: { nl: "Er is nog geen datum voorgesteld.", en: "No date has been proposed yet." },
  ownProposal: {
    nl: "Deze datum is door uw eigen partij voorgesteld; de andere partij moet hem bevestigen.",
    en: "Your own side proposed this date; the other party must confirm it.",
  },
  differentDate: (proposed: string) => ({
    nl: `is niet de voorgestelde datum (${proposed}); stel een andere datum voor als u die wilt`,
    en: `is not the proposed date (${proposed}); propose another date if you want one`,
  }),
  alreadyAgreed: { nl: "De hersteltermijn is al overeengekomen.", en: "The cure period has already been agreed." },
  notAgreed: { nl: "Er is nog geen hersteltermijn overeengekomen.", en: "No cure period has been agreed yet." },
  alreadyCured: { nl: "De tekortkoming is al als gezuiverd vastgelegd.", en: "The failure has already been recorded as cured." },
  eventXorNew: {
    nl: "geef óf een bestaande gebeurtenis (eventId) óf een nieuwe (event), niet beide of geen van beide",
    en: "give either an existing event (eventId) or a new one (event), not both or neither",
  },
  unknownEvent: { nl: "is geen gebeurtenis van deze klant", en: "is not an event of this customer" },
  unknownNotice: { nl: "is geen ingebrekestelling van deze klant", en: "is not a notice of default of this customer" },
  unknownCustomer: { nl: "is geen bekende klant", en: "is not a known customer" },
  beforeEvent: { nl: "ligt vóór de gebeurtenis", en: "is before the event" },
  beforeArisen: { nl: "ligt vóór het ontstaan van de vordering", en: "is before the claim arose" },
  nothingClaimed: { nl: "vul ten minste één bedrag in", en: "enter at least one amount" },
  assessmentNote: {
    nl: "is verplicht bij een aanwijzing voor opzet of bewuste roekeloosheid",
    en: "is required when intent or deliberate recklessness is indicated",
  },
  ledger: {
    required: { nl: "is verplicht", en: "is required" },
    notMonth: { nl: "is geen maand (JJJJ-MM)", en: "is not a month (YYYY-MM)" },
    notAmount: { nl: "is geen bedrag in euro (bijv. 1234,50)", en: "is not an amount in euros (e.g. 1234.50)" },
    tooLarge: { nl: "is groter dan het maximum", en: "is larger than the maximum" },
    unknownCustomer: { nl: "is geen klantnummer van een bekende klant", en: "is not the number of a known customer" },
    twice: (other: string) => ({ nl: `staat dubbel (ook ${other})`, en: `appears twice (also ${other})` }),
    unknownColumn: (known: string) => ({ nl: `is geen bekende kolom (bekend: ${known})`, en: `is not a known column (known: ${known})` }),
    missingColumn: { nl: "kolom ontbreekt", en: "column is missing" },
    notCsv: (detail: string) => ({ nl: `is geen geldige CSV: ${detail}`, en: `is not valid CSV: ${detail}` }),
    refused: (n: number) => ({
      nl: `Het vergoedingenbestand is geweigerd: ${n} fout(en). Er is niets opgeslagen.`,
      en: `The fee file was refused: ${n} error(s). Nothing was saved.`,
    }),
    tooMany: (n: number) => ({ nl: `heeft meer dan ${n} regels`, en: `has more than ${n} rows` }),
  },
  kinds: {
    defaultNoticeGiven: { nl: "Ingebrekestelling ontvangen", en: "Notice of default received" },
    cureProposed: { nl: "Hersteltermijn voorgesteld", en: "Cure period proposed" },
    cureAgreed: { nl: "Hersteltermijn overeengekomen", en: "Cure period agreed" },
    lapseReminder: { nl: "Schadeclaim vervalt binnenkort", en: "Claim lapses soon" },
  },
} as const;
