import { formatInstant, type Zone } from "../../domain/legal-time.ts";
import type { LocalizedText } from "../../domain/text.ts";

// The subprocessors module's wording in Dutch and English (art. 3.1, 5): its API answers, checks
// and obligation titles use these. The e-mails' words sit in notice-templates/.

/** "30-03-2026 14:00 (UTC+02:00)" in both languages. */
const instant = (at: Date, zone: Zone) => ({ nl: formatInstant(at, zone, "nl"), en: formatInstant(at, zone, "en") });

export const subprocessorWords = {
  /** Nouns for "… not found". */
  noun: {
    subprocessor: { nl: "subverwerker", en: "sub-processor" },
    change: { nl: "wijziging van subverwerker", en: "sub-processor change" },
    objection: { nl: "bezwaar", en: "objection" },
    attachment: { nl: "bijlage", en: "attachment" },
    /** Until now an unlisted key of notFound, so the same word in both languages. */
    contract: { nl: "contract", en: "contract" },
  },

  /** The notice kinds in words (inboxes, the outbox). */
  noticeKind: {
    subprocessorChangeAnnounced: { nl: "Aangekondigde wijziging subverwerker", en: "Sub-processor change announced" },
    subprocessorChangeEffective: { nl: "Wijziging subverwerker van kracht", en: "Sub-processor change in effect" },
    subprocessorChangeWithdrawn: { nl: "Wijziging subverwerker ingetrokken", en: "Sub-processor change withdrawn" },
    objectionReceived: { nl: "Bezwaar ontvangen", en: "Objection received" },
    consultationMessage: { nl: "Overleg over bezwaar", en: "Consultation on an objection" },
    objectionClosed: { nl: "Bezwaar afgehandeld", en: "Objection closed" },
  },

  // The register (save-subprocessor.ts).
  notCountryCode: (country: string): LocalizedText => ({
    nl: `"${country}" is geen ISO 3166-1 alpha-2-landcode`,
    en: `"${country}" is not an ISO 3166-1 alpha-2 country code`,
  }),
  unknownService: (id: string): LocalizedText => ({ nl: `onbekende dienst ${id}`, en: `unknown service ${id}` }),
  /** art. 5.2: what customers were told changes only through an announcement. */
  onlyThroughAnnouncement: (status: "active" | "removed"): LocalizedText => ({
    nl: `de diensten en locaties van een ${status === "active" ? "ingeschakelde" : "verwijderde"} subverwerker wijzigen alleen via een aangekondigde wijziging (art. 5.2): kondig een wijziging aan (add, remove, relocate) via POST /api/v1/subprocessor-changes`,
    en: `the services and locations of ${status === "active" ? "an active" : "a removed"} sub-processor change only through an announced change (art. 5.2): announce one (add, remove, relocate) with POST /api/v1/subprocessor-changes`,
  }),
  announcedWithdrawFirst: {
    nl: "deze subverwerker is aangekondigd aan klanten; trek de aankondiging eerst in en kondig de gewijzigde opzet opnieuw aan",
    en: "this sub-processor has been announced to customers; withdraw the announcement first and announce the changed plan again",
  },

  // Announcing a change (announce-change.ts).
  replacesOnlyForReplace: { nl: "hoort alleen bij een vervanging (kind replace)", en: "belongs to a replacement only (kind replace)" },
  locationsOnlyForRelocate: { nl: "hoort alleen bij een verhuizing (kind relocate)", en: "belongs to a relocation only (kind relocate)" },
  engagedAlready: (name: string): LocalizedText => ({ nl: `${name} is al ingeschakeld`, en: `${name} is engaged already` }),
  nameServices: { nl: "noem de diensten die de subverwerker gaat gebruiken", en: "name the services that will use the sub-processor" },
  notEngaged: (name: string, status: string): LocalizedText => ({
    nl: `${name} is niet ingeschakeld (status ${status})`,
    en: `${name} is not engaged (status ${status})`,
  }),
  servicesNotForRemoveOrRelocate: {
    nl: "hoort niet bij een verwijdering of verhuizing: die raakt de diensten die de subverwerker nu gebruiken",
    en: "does not belong to a removal or relocation: it touches the services using the sub-processor now",
  },
  nameNewLocations: { nl: "noem de locaties na de verhuizing", en: "name the locations after the move" },
  sameLocations: { nl: "zijn dezelfde als nu", en: "are the same as now" },
  unknownSubprocessor: { nl: "onbekende subverwerker", en: "unknown sub-processor" },
  replacesRequired: { nl: "is verplicht bij een vervanging", en: "is required for a replacement" },
  replacesItself: { nl: "kan de subverwerker niet door zichzelf vervangen", en: "cannot replace a sub-processor by itself" },
  cannotReplaceUnengaged: (name: string): LocalizedText => ({
    nl: `${name} is niet ingeschakeld en kan niet vervangen worden`,
    en: `${name} is not engaged and cannot be replaced`,
  }),
  changePending: (name: string): LocalizedText => ({
    nl: `voor ${name} loopt al een aangekondigde wijziging; trek die eerst in of laat die ingaan`,
    en: `an announced change for ${name} is pending; withdraw it or let it take effect first`,
  }),
  inThePast: { nl: "ligt in het verleden", en: "lies in the past" },
  /** art. 5.2: a planned date before the objection window closes. */
  beforeWindowCloses: (windowClosesAt: Date, zone: Zone): LocalizedText => {
    const at = instant(windowClosesAt, zone);
    return {
      nl: `ligt vóór het einde van de bezwaartermijn (${at.nl}); de wijziging kan niet eerder ingaan (art. 5.2)`,
      en: `lies before the objection window closes (${at.en}); the change cannot take effect earlier (art. 5.2)`,
    };
  },
  objectionWindowTitle: (name: string): LocalizedText => ({
    nl: `Bezwaartermijn wijziging subverwerker ${name}`,
    en: `Objection window, sub-processor change ${name}`,
  }),

  // A change's life (apply-change.ts, set-effective-date.ts, withdraw-change.ts).
  changeSettled: (status: "effective" | "withdrawn"): LocalizedText => ({
    nl: `deze wijziging is al ${status === "effective" ? "ingegaan" : "ingetrokken"}`,
    en: `this change has already ${status === "effective" ? "taken effect" : "been withdrawn"}`,
  }),
  notBefore: (effectiveAt: Date, zone: Zone): LocalizedText => {
    const at = instant(effectiveAt, zone);
    return { nl: `deze wijziging gaat pas in op ${at.nl}`, en: `this change takes effect on ${at.en}, not before` };
  },
  /** art. 5.2: why a date is too early while affected customers remain. */
  tooEarly: (windowClosesAt: Date, zone: Zone, remaining: number): LocalizedText => {
    const at = instant(windowClosesAt, zone);
    return {
      nl: `ligt vóór het einde van de bezwaartermijn (${at.nl}) en ${remaining} getroffen klant(en) blijven over; eerder kan alleen als geen getroffen klant overblijft (art. 5.2)`,
      en: `lies before the objection window closes (${at.en}) and ${remaining} affected customer(s) remain; earlier is possible only when no affected customer remains (art. 5.2)`,
    };
  },

  // Objections and their consultation (submit-objection.ts, post-message.ts, close-objection.ts).
  noLongerObjectable: (status: "effective" | "withdrawn"): LocalizedText => ({
    nl: `deze wijziging is ${status === "effective" ? "al ingegaan" : "ingetrokken"}; bezwaar is niet meer mogelijk`,
    en: `this change has ${status === "effective" ? "already taken effect" : "been withdrawn"}; objecting is no longer possible`,
  }),
  windowEnded: (windowEndsAt: Date, zone: Zone): LocalizedText => {
    const at = instant(windowEndsAt, zone);
    return { nl: `de bezwaartermijn is verstreken op ${at.nl} (art. 5.2)`, en: `the objection window ended on ${at.en} (art. 5.2)` };
  },
  objectedAlready: {
    nl: "u heeft al bezwaar gemaakt tegen deze wijziging; vul het aan in het overleg",
    en: "you have already objected to this change; add to it in the consultation",
  },
  consultationEnded: (status: string): LocalizedText => ({
    nl: `dit bezwaar is afgesloten (${status}); het overleg is gesloten`,
    en: `this objection is closed (${status}); the consultation has ended`,
  }),
  objectionClosedAlready: (status: string): LocalizedText => ({
    nl: `dit bezwaar is al afgesloten (${status})`,
    en: `this objection is closed already (${status})`,
  }),

  // art. 5.2: "schriftelijk en gemotiveerd" (objection-reason.ts).
  reasonRequired: { nl: "is verplicht: geef de reden van uw bezwaar (art. 5.2)", en: "is required: give the reason for your objection (art. 5.2)" },
  reasonOneWord: {
    nl: "is één woord: een bezwaar moet gemotiveerd zijn; leg in een zin uit waarom u bezwaar maakt (art. 5.2)",
    en: "is a single word: an objection must be reasoned; explain in a sentence why you object (art. 5.2)",
  },
  reasonTooShort: (min: number): LocalizedText => ({
    nl: `is te kort: een gemotiveerd bezwaar telt minstens ${min} tekens (art. 5.2)`,
    en: `is too short: a reasoned objection has at least ${min} characters (art. 5.2)`,
  }),

  // The routes.
  /** art. 5.3: a customer reads the contracts of the parties that concern it. */
  contractNotYours: {
    nl: "u kunt de contracten inzien van subverwerkers die voor uw diensten werken of aan u zijn aangekondigd (art. 5.3)",
    en: "you may read the contracts of sub-processors that work for your services or were announced to you (art. 5.3)",
  },
  required: { nl: "is verplicht", en: "is required" },
} as const;
