/**
 * The controller's own notification of a breach to the Autoriteit Persoonsgegevens (GDPR art. 33),
 * drafted from the processor's notices (issue 4 point 7). The controller has 72 hours from becoming
 * aware, and it became aware when the processor's notice reached it; the processor knows most of
 * what the AP's form ("Meldformulier datalekken") asks, so it fills that in and leaves the rest,
 * marked, to the controller. Art28 never submits anything to the AP.
 *
 * The sections follow the AP's form. Each field carries a machine value (the JSON download) and its
 * text in the reader's language (the PDF and the UI); a fact's text comes from describeFacts, so the
 * draft says what the email and the notice PDF say. A fact the processor stated as unknown stays
 * unknown (value null, `unknown`); what only the controller can answer is `toAnswer` with a hint.
 */
import { BREACH_FACT_LABELS, type BreachFactKey, type StoredNoticeFacts } from "./breach-notice.ts";
import { describeFacts, factValueText, type FactRow, type Locale } from "./breach-facts-text.ts";
import { addHours, formatInstant } from "./legal-time.ts";
import { countryName, isCountryCode } from "./transfers.ts";
import type { LocalizedText } from "./text.ts";
import type { BreachNotice } from "./breach-notice.ts";

export interface ApDraftInput {
  locale: Locale;
  zone: string;
  controller: { name: string; kvk: string | null; address: string | null; postalCode: string | null; city: string | null; country: string };
  /** The controller's privacy contact: who the AP may contact about this notification. */
  contact: { name: string; email: string; phone: string | null } | null;
  processor: { name: string; kvk: string | null; email: string | null };
  /** The notices this customer received about the breach, at least one; the latest one's facts are used. */
  notices: { data: BreachNotice; sentAt: Date }[];
  /** When the processor's first notice reached the controller: its 72 hours run from here. */
  awareAt: Date | null;
}

export type ApDraftValue = string | number | boolean | string[] | { min: number; max: number } | null;

export interface ApDraftField {
  key: string;
  label: string;
  /** For the JSON download; instants as ISO 8601 (UTC). */
  value: ApDraftValue;
  /** For people: the value in the draft's language, instants in the zone with their offset. */
  text: string;
  /** The processor stated this as not yet known (art. 6.2 "voor zover bekend"). */
  unknown?: boolean;
  reason?: string;
  /** Only the controller can answer this. */
  toAnswer?: boolean;
  hint?: string;
}

export type ApDraftSectionKey = "contact" | "timeline" | "nature" | "personalData" | "group" | "measuresBefore" | "consequences" | "followUp";

export interface ApDraftSection {
  key: ApDraftSectionKey;
  title: string;
  fields: ApDraftField[];
}

export interface ApDraft {
  locale: Locale;
  /** The incident's reference, e.g. INC-0001. */
  reference: string;
  /** The document's title. */
  title: string;
  /** The incident's title as the processor's notices give it. */
  incidentTitle: string;
  processorName: string;
  basedOn: { sequence: number; stage: BreachNotice["stage"]; sentAt: string }[];
  /** Which notices, in words: "nr. 1 (eerste melding, verzonden …), nr. 2 (…)". */
  basedOnText: string;
  awareAt: string | null;
  /** awareAt + 72 h (elapsed hours), null while awareAt is unknown. */
  deadline: string | null;
  deadlineText: string;
  sections: ApDraftSection[];
  disclaimer: string;
}

export const AP_DRAFT_SECTION_KEYS: readonly ApDraftSectionKey[] = [
  "contact",
  "timeline",
  "nature",
  "personalData",
  "group",
  "measuresBefore",
  "consequences",
  "followUp",
];

/** GDPR art. 33(1): "not later than 72 hours after having become aware of it". */
export const AP_NOTIFICATION_HOURS = 72;

export const AP_BREACH_FORM_URL = "https://datalekken.autoriteitpersoonsgegevens.nl";

const SECTION_TITLES: Record<ApDraftSectionKey, LocalizedText> = {
  contact: { nl: "Contactgegevens", en: "Contact details" },
  timeline: { nl: "Tijdlijn", en: "Timeline" },
  nature: { nl: "Aard van het datalek", en: "Nature of the breach" },
  personalData: { nl: "Persoonsgegevens", en: "Personal data" },
  group: { nl: "Betrokken personen", en: "People affected" },
  measuresBefore: { nl: "Maatregelen vóór het datalek (versleuteling)", en: "Measures taken before the breach (encryption)" },
  consequences: { nl: "Gevolgen", en: "Consequences" },
  followUp: { nl: "Vervolgacties", en: "Follow-up" },
};

const suffix = (label: LocalizedText, nl: string, en: string): LocalizedText => ({ nl: `${label.nl} ${nl}`, en: `${label.en} ${en}` });

const LABELS = {
  organisation: { nl: "Naam organisatie", en: "Name of the organisation" },
  kvk: { nl: "KvK-nummer", en: "Chamber of Commerce (KvK) number" },
  address: { nl: "Adres", en: "Address" },
  contactName: { nl: "Contactpersoon voor deze melding", en: "Contact person for this notification" },
  contactEmail: { nl: "E-mailadres contactpersoon", en: "Contact person's email address" },
  contactPhone: { nl: "Telefoonnummer contactpersoon", en: "Contact person's phone number" },
  breachStart: { nl: "Datum van het datalek, of begin van de periode", en: "Date of the breach, or start of the period" },
  breachEnd: { nl: "Einde van de periode", en: "End of the period" },
  ongoing: { nl: "Is het datalek nog gaande?", en: "Is the breach still going on?" },
  discoveredAt: { nl: "Door de verwerker ontdekt op", en: "Discovered by the processor on" },
  processorNotifiedAt: { nl: "Door de verwerker aan ons gemeld op", en: "Notified to us by the processor on" },
  awareAt: { nl: "Wij zijn op de hoogte van het datalek sinds", en: "We became aware of the breach on" },
  processorRole: { nl: "Rol van de verwerker", en: "The processor's role" },
  deadline: { nl: "Uiterste termijn voor de melding aan de AP (72 uur, art. 33 AVG)", en: "Deadline for notifying the AP (72 hours, GDPR art. 33)" },
  lateReason: { nl: "Reden van de vertraging (alleen als u later dan 72 uur meldt)", en: "Reason for the delay (only if you notify after 72 hours)" },
  summary: { nl: "Samenvatting: wat is er gebeurd? ((vermoedelijke) oorzaak)", en: "Summary: what happened? ((suspected) cause)" },
  confidentiality: {
    nl: "Inbreuk op de vertrouwelijkheid (gegevens ingezien, gekopieerd of gelekt)",
    en: "Confidentiality breached (data seen, copied or leaked)",
  },
  integrity: { nl: "Inbreuk op de integriteit (gegevens gewijzigd)", en: "Integrity breached (data altered)" },
  availability: {
    nl: "Inbreuk op de beschikbaarheid (gegevens verloren, vernietigd of niet toegankelijk)",
    en: "Availability breached (data lost, destroyed or inaccessible)",
  },
  dataKinds: { nl: "Soorten persoonsgegevens", en: "Kinds of personal data" },
  specialCategories: { nl: "Gaat het om bijzondere persoonsgegevens (art. 9 AVG)?", en: "Are special categories of personal data involved (GDPR art. 9)?" },
  subjectGroup: { nl: "Omschrijving van de groep personen", en: "Description of the group of people" },
  affectedCount: { nl: "Aantal betrokken personen", en: "Number of people affected" },
  outsideNl: { nl: "Aantal betrokken personen buiten Nederland", en: "Number of people affected outside the Netherlands" },
  unintelligible: BREACH_FACT_LABELS.unintelligible,
  unintelligibleDescription: {
    nl: "Toelichting: hoe waren de gegevens beschermd, en welke niet?",
    en: "Explanation: how were the data protected, and which were not?",
  },
  consequences: suffix(BREACH_FACT_LABELS.consequences, "(volgens de verwerker)", "(as the processor sees them)"),
  solution: BREACH_FACT_LABELS.solution,
  measuresTaken: suffix(BREACH_FACT_LABELS.measuresTaken, "(door de verwerker)", "(by the processor)"),
  measuresPlanned: suffix(BREACH_FACT_LABELS.measuresPlanned, "(door de verwerker)", "(by the processor)"),
  informSubjects: { nl: "Informeert u de betrokken personen (art. 34 AVG)?", en: "Will you inform the people affected (GDPR art. 34)?" },
  processorContact: { nl: "Contactpersoon bij de verwerker voor de opvolging", en: "The processor's contact for the follow-up" },
} satisfies Record<string, LocalizedText>;

type FieldKey = keyof typeof LABELS;

const HINTS = {
  notStated: {
    nl: "De melding van de verwerker vermeldt dit niet; vul het zelf in.",
    en: "The processor's notification does not state this; fill it in yourself.",
  },
  notKnownToProcessor: { nl: "Niet bekend bij de verwerker; vul het zelf in.", en: "Not known to the processor; fill it in yourself." },
  noContact: {
    nl: "Er is geen privacycontactpersoon vastgelegd; vul in wie de AP over deze melding kan benaderen.",
    en: "No privacy contact is on record; fill in whom the AP may contact about this notification.",
  },
  awareAt: {
    nl: "Niet vastgelegd wanneer de melding van de verwerker u bereikte; vul in wanneer u op de hoogte raakte. Uw termijn van 72 uur loopt vanaf dat moment.",
    en: "When the processor's notification reached you is not on record; fill in when you became aware. Your 72 hours run from that moment.",
  },
  lateReason: {
    nl: "Art. 33 lid 1 AVG: een melding die later dan 72 uur wordt gedaan, gaat vergezeld van de redenen voor de vertraging.",
    en: "GDPR art. 33(1): a notification made after 72 hours must give the reasons for the delay.",
  },
  specialCategories: {
    nl: "Alleen u kent de inhoud van uw gegevens. Ga na of de soorten hierboven gegevens bevatten over gezondheid, ras of etnische afkomst, politieke opvattingen, religie of levensovertuiging, vakbondslidmaatschap, genetische of biometrische gegevens, of seksueel gedrag of gerichtheid; vermeld ook strafrechtelijke gegevens (art. 10 AVG) en burgerservicenummers.",
    en: "Only you know what your data contain. Check whether the kinds above include data on health, racial or ethnic origin, political opinions, religious or philosophical beliefs, trade union membership, genetic or biometric data, or sex life or sexual orientation; also state criminal-offence data (GDPR art. 10) and citizen service numbers (BSN).",
  },
  outsideNl: {
    nl: "Alleen u weet waar uw betrokkenen wonen. Wonen er betrokkenen in andere EU-landen, dan kan ook een andere toezichthouder bevoegd zijn.",
    en: "Only you know where the people affected live. If some live in other EU countries, another supervisory authority may also be competent.",
  },
  informSubjects: {
    nl: "Verplicht als het datalek waarschijnlijk een hoog risico oplevert voor hun rechten en vrijheden (art. 34 AVG). Vermeld of, wanneer en hoe u hen informeert, of waarom niet.",
    en: "Required if the breach is likely to result in a high risk to their rights and freedoms (GDPR art. 34). State whether, when and how you inform them, or why not.",
  },
} satisfies Record<string, LocalizedText>;

const WORDS = {
  toAnswer: { nl: "Door u in te vullen", en: "For you to fill in" },
  yes: { nl: "Ja", en: "Yes" },
  no: { nl: "Nee", en: "No" },
  singleDate: { nl: "Niet van toepassing: één datum, geen periode", en: "Not applicable: a single date, not a period" },
  stillGoing: { nl: "Nog gaande", en: "Still going on" },
  notStarted: { nl: "Nog niet gestart", en: "Not yet started" },
  none: { nl: "—", en: "—" },
  title: {
    nl: "Concept: melding datalek aan de Autoriteit Persoonsgegevens",
    en: "Draft: personal data breach notification to the Autoriteit Persoonsgegevens (Dutch DPA)",
  },
  stage: {
    initial: { nl: "eerste melding", en: "first notification" },
    follow_up: { nl: "aanvulling", en: "update" },
    final: { nl: "afsluitende melding", en: "final notification" },
  },
} as const;

/** The draft of the controller's notification to the AP, from the notices it received (in sequence order). */
export function buildApDraft(input: ApDraftInput): ApDraft {
  const notices = [...input.notices].sort((a, b) => a.data.sequence - b.data.sequence);
  const first = notices[0];
  const latest = notices.at(-1);
  if (first === undefined || latest === undefined) {
    throw new RangeError("an AP draft needs at least one breach notice");
  }
  const { locale, zone } = input;
  const instant = (date: Date): string => formatInstant(date, zone, locale);
  const deadline = input.awareAt === null ? null : addHours(input.awareAt, AP_NOTIFICATION_HOURS);
  const make = fieldMaker(latest.data.facts, zone, locale);
  const { known, toAnswer, fact, yesNo } = make;
  const { controller, contact, processor } = input;
  const notice = latest.data;

  const sections: Record<ApDraftSectionKey, ApDraftField[]> = {
    contact: [
      known("organisation", controller.name),
      controller.kvk === null ? toAnswer("kvk", HINTS.notKnownToProcessor) : known("kvk", controller.kvk),
      controller.address === null ? toAnswer("address", HINTS.notKnownToProcessor) : known("address", addressLine(controller, locale)),
      contact === null ? toAnswer("contactName", HINTS.noContact) : known("contactName", contact.name),
      contact === null ? toAnswer("contactEmail", HINTS.noContact) : known("contactEmail", contact.email),
      contact?.phone == null ? toAnswer("contactPhone", contact === null ? HINTS.noContact : HINTS.notKnownToProcessor) : known("contactPhone", contact.phone),
    ],
    timeline: [
      ...periodFields(notice.facts, make, locale, instant),
      fact("discoveredAt", "discoveredAt", (value) => new Date(value).toISOString()),
      known("processorNotifiedAt", first.sentAt.toISOString(), instant(first.sentAt)),
      input.awareAt === null ? toAnswer("awareAt", HINTS.awareAt) : known("awareAt", input.awareAt.toISOString(), instant(input.awareAt)),
      known("processorRole", processorRole(processor, instant(first.sentAt), locale)),
      known("deadline", deadline === null ? null : deadline.toISOString(), deadline === null ? WORDS.notStarted[locale] : instant(deadline)),
      toAnswer("lateReason", HINTS.lateReason),
    ],
    nature: [
      fact("summary", "cause", (value) => value),
      yesNo("confidentiality", notice.nature.confidentiality),
      yesNo("integrity", notice.nature.integrity),
      yesNo("availability", notice.nature.availability),
    ],
    personalData: [fact("dataKinds", "dataKinds", (value) => [...value]), toAnswer("specialCategories", HINTS.specialCategories)],
    group: [
      fact("subjectGroup", "subjectGroup", (value) => value),
      fact("affectedCount", "affectedCount", (value) => (value.kind === "exact" ? value.count : { min: value.min, max: value.max })),
      toAnswer("outsideNl", HINTS.outsideNl),
    ],
    measuresBefore: [
      fact(
        "unintelligible",
        "unintelligible",
        (value) => value.state,
        (value) => factValueText("unintelligible", { state: value.state }, zone, locale),
      ),
      fact(
        "unintelligibleDescription",
        "unintelligible",
        (value) => nonEmpty(value.description),
        (value) => nonEmpty(value.description) ?? WORDS.none[locale],
      ),
    ],
    consequences: [fact("consequences", "consequences", (value) => value)],
    followUp: [
      fact("solution", "solution", (value) => value),
      fact("measuresTaken", "measuresTaken", (value) => value),
      fact("measuresPlanned", "measuresPlanned", (value) => value),
      toAnswer("informSubjects", HINTS.informSubjects),
      fact("processorContact", "contact", (_value, row) => row.text),
    ],
  };

  return {
    locale,
    reference: notice.reference,
    title: WORDS.title[locale],
    incidentTitle: notice.title,
    processorName: processor.name,
    basedOn: notices.map((n) => ({ sequence: n.data.sequence, stage: n.data.stage, sentAt: n.sentAt.toISOString() })),
    basedOnText: basedOnText(notices, processor.name, notice.reference, locale, instant),
    awareAt: input.awareAt === null ? null : input.awareAt.toISOString(),
    deadline: deadline === null ? null : deadline.toISOString(),
    deadlineText: deadlineText(input.awareAt, deadline, processor.name, locale, instant),
    sections: AP_DRAFT_SECTION_KEYS.map((key) => ({ key, title: SECTION_TITLES[key][locale], fields: sections[key] })),
    disclaimer: disclaimer(processor.name, locale),
  };
}

type KnownValue<K extends BreachFactKey> = Extract<NonNullable<StoredNoticeFacts[K]>, { status: "known" }>["value"];

interface FieldMaker {
  known: (key: FieldKey, value: ApDraftValue, text?: string) => ApDraftField;
  toAnswer: (key: FieldKey, hint: LocalizedText) => ApDraftField;
  yesNo: (key: FieldKey, value: boolean) => ApDraftField;
  /**
   * A field from one art. 6.2 fact: its value, and its text as describeFacts gives it unless
   * `textOf` says otherwise. Unknown stays unknown; a fact the notice does not have is to answer.
   */
  fact: <K extends BreachFactKey>(
    key: FieldKey,
    factKey: K,
    valueOf: (value: KnownValue<K>, row: FactRow) => ApDraftValue,
    textOf?: (value: KnownValue<K>) => string,
  ) => ApDraftField;
}

function fieldMaker(facts: StoredNoticeFacts, zone: string, locale: Locale): FieldMaker {
  const rows = new Map(describeFacts(facts, zone, locale).map((row) => [row.key, row]));
  const label = (key: FieldKey): string => LABELS[key][locale];
  const known = (key: FieldKey, value: ApDraftValue, text?: string): ApDraftField => ({ key, label: label(key), value, text: text ?? String(value) });
  const toAnswer = (key: FieldKey, hint: LocalizedText): ApDraftField => ({
    key,
    label: label(key),
    value: null,
    text: WORDS.toAnswer[locale],
    toAnswer: true,
    hint: hint[locale],
  });
  return {
    known,
    toAnswer,
    yesNo: (key, value) => known(key, value, (value ? WORDS.yes : WORDS.no)[locale]),
    fact: (key, factKey, valueOf, textOf) => {
      const fact = facts[factKey];
      const row = rows.get(factKey);
      if (!fact || row === undefined) {
        return toAnswer(key, HINTS.notStated);
      }
      if (fact.status === "unknown") {
        const reason = nonEmpty(fact.reason);
        return { key, label: label(key), value: null, text: row.text, unknown: true, ...(reason === null ? {} : { reason }) };
      }
      const value = fact.value as KnownValue<typeof factKey>;
      const text = textOf === undefined ? row.text : textOf(value);
      // A sent notice has no empty fact (checkBreachNotice); should one slip through, the
      // controller is asked, rather than shown a blank.
      return text.trim() === "" ? toAnswer(key, HINTS.notStated) : { key, label: label(key), value: valueOf(value, row), text };
    },
  };
}

/** art. 6.2 gives a date, a period, or "since … and still going on"; the AP's form asks start, end and "still going on?". */
function periodFields(facts: StoredNoticeFacts, make: FieldMaker, locale: Locale, instant: (date: Date) => string): ApDraftField[] {
  const end = (value: KnownValue<"period">): Date | "ongoing" | null =>
    value.end === undefined || value.end === null || value.end === "ongoing" ? (value.end ?? null) : new Date(value.end);
  return [
    make.fact(
      "breachStart",
      "period",
      (value) => new Date(value.start).toISOString(),
      (value) => instant(new Date(value.start)),
    ),
    make.fact(
      "breachEnd",
      "period",
      (value) => {
        const e = end(value);
        return e instanceof Date ? e.toISOString() : null;
      },
      (value) => {
        const e = end(value);
        return e instanceof Date ? instant(e) : e === "ongoing" ? WORDS.stillGoing[locale] : WORDS.singleDate[locale];
      },
    ),
    make.fact(
      "ongoing",
      "period",
      (value) => value.end === "ongoing",
      (value) => (value.end === "ongoing" ? WORDS.yes : WORDS.no)[locale],
    ),
  ];
}

function addressLine(c: ApDraftInput["controller"], locale: Locale): string {
  const place = [c.postalCode, c.city].filter((part) => part !== null && part.trim() !== "").join(" ");
  const country = isCountryCode(c.country) ? countryName(c.country, locale) : c.country;
  return [c.address, place, country].filter((part) => part !== null && part !== "").join(", ");
}

function processorRole(p: ApDraftInput["processor"], sentAt: string, locale: Locale): string {
  const details = [p.kvk === null ? null : `${locale === "nl" ? "KvK" : "KvK no."} ${p.kvk}`, p.email].filter((part) => part !== null);
  const who = details.length === 0 ? p.name : `${p.name} (${details.join(", ")})`;
  return locale === "nl"
    ? `Het datalek vond plaats bij onze verwerker ${who}, die ons op grond van artikel 6 van onze verwerkersovereenkomst op ${sentAt} heeft geïnformeerd.`
    : `The breach occurred at our processor ${who}, which notified us under article 6 of our data processing agreement on ${sentAt}.`;
}

function deadlineText(awareAt: Date | null, deadline: Date | null, processor: string, locale: Locale, instant: (date: Date) => string): string {
  if (awareAt === null || deadline === null) {
    return locale === "nl"
      ? "De termijn van 72 uur is nog niet gestart: hij begint zodra de melding van de verwerker u bereikt."
      : "The 72-hour period has not yet started: it starts when the processor's notification reaches you.";
  }
  return locale === "nl"
    ? `Meld het datalek zonder onredelijke vertraging en zo mogelijk uiterlijk ${instant(deadline)} bij de AP: 72 uur nadat u ervan op de hoogte raakte (${instant(awareAt)}, toen de melding van ${processor} u bereikte).`
    : `Notify the AP without undue delay and, where feasible, no later than ${instant(deadline)}: 72 hours after you became aware of the breach (${instant(awareAt)}, when ${processor}'s notification reached you).`;
}

function basedOnText(notices: ApDraftInput["notices"], processor: string, reference: string, locale: Locale, instant: (date: Date) => string): string {
  const items = notices.map((n) => {
    const stage = WORDS.stage[n.data.stage][locale];
    return locale === "nl"
      ? `nr. ${n.data.sequence} (${stage}, verzonden ${instant(n.sentAt)})`
      : `no. ${n.data.sequence} (${stage}, sent ${instant(n.sentAt)})`;
  });
  const list = new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
  const one = notices.length === 1;
  return locale === "nl"
    ? `Ingevuld met de feiten uit de ${one ? "melding" : "meldingen"} van ${processor} over ${reference}: ${list}${one ? "" : "; bij verschillen geldt de laatste"}.`
    : `Filled in with the facts of ${processor}'s ${one ? "notification" : "notifications"} about ${reference}: ${list}${one ? "" : "; where they differ, the latest applies"}.`;
}

function disclaimer(processor: string, locale: Locale): string {
  return locale === "nl"
    ? `Dit is een concept, door ${processor} vooraf ingevuld met de feiten uit zijn meldingen aan u. Het is geen melding aan de Autoriteit Persoonsgegevens. Controleer het, vul het aan (de velden "${WORDS.toAnswer.nl}" kunt alleen u beantwoorden) en doe de melding zelf via ${AP_BREACH_FORM_URL}. Art28 meldt niets bij de AP.`
    : `This is a draft, prefilled by ${processor} with the facts of its notifications to you. It is not a notification to the Autoriteit Persoonsgegevens. Check it, complete it (only you can answer the fields marked "${WORDS.toAnswer.en}") and submit the notification yourself at ${AP_BREACH_FORM_URL}. Art28 does not submit anything to the AP.`;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? null : trimmed;
}
