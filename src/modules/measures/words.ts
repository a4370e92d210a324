import type { MeasureTheme } from "../../domain/annex2.ts";
import type { LocalizedText } from "../../domain/text.ts";

// The measures module's wording in Dutch and English: its API answers, its duties, its notice and
// the measures report use these.
export const measureWords = {
  noun: {
    measure: { nl: "maatregel", en: "measure" },
    evidence: { nl: "bewijsstuk", en: "evidence file" },
    annex2: { nl: "versie van bijlage 2", en: "version of Annex 2" },
  },
  noticeKind: { nl: "Beveiligingsmaatregelen gewijzigd", en: "Security measures changed" },

  theme: {
    organisational: { nl: "Organisatorisch", en: "Organisational" },
    people: { nl: "Mensen", en: "People" },
    physical: { nl: "Fysiek", en: "Physical" },
    technological: { nl: "Technologisch", en: "Technological" },
  } satisfies Record<MeasureTheme, LocalizedText>,

  codeTaken: (code: string): LocalizedText => ({ nl: `er bestaat al een maatregel met code "${code}"`, en: `a measure with code "${code}" exists already` }),
  notStaff: { nl: "is geen actieve medewerker", en: "is not an active staff member" },
  reviewNotInPlace: {
    nl: "alleen een maatregel die van kracht is wordt beoordeeld",
    en: "only a measure in place is reviewed",
  },
  nothingToPublish: {
    nl: "de maatregelen van kracht zijn gelijk aan de gepubliceerde bijlage 2: er is niets te publiceren",
    en: "the measures in place are the same as the published Annex 2: there is nothing to publish",
  },
  sendOneFile: { nl: 'stuur precies één bestand in het veld "file"', en: 'send exactly one file in the field "file"' },
  sendMultipart: { nl: 'stuur het bestand als multipart/form-data in het veld "file"', en: 'send the file as multipart/form-data in the field "file"' },
  emptyFile: (name: string): LocalizedText => ({ nl: `het bestand "${name}" is leeg`, en: `the file "${name}" is empty` }),

  /** The review duty's title (obligations, reminders, escalation). */
  reviewDuty: (title: LocalizedText): LocalizedText => ({ nl: `Maatregel beoordelen: ${title.nl}`, en: `Review measure: ${title.en}` }),

  report: {
    fileName: { nl: "beveiligingsmaatregelen", en: "security-measures" },
    title: { nl: "Technische en organisatorische beveiligingsmaatregelen", en: "Technical and organisational security measures" },
    subtitle: { nl: "Overzicht van de maatregelen die van kracht zijn (art. 7.1, bijlage 2)", en: "The measures in place (art. 7.1, Annex 2)" },
    annex2Version: { nl: "Weerspiegelt bijlage 2, versie", en: "Reflects Annex 2, version" },
    noVersion: { nl: "Bijlage 2 is nog niet gepubliceerd", en: "Annex 2 has not been published yet" },
    unpublished: {
      nl: "de maatregelen hieronder bevatten wijzigingen die nog niet als nieuwe versie zijn gepubliceerd",
      en: "the measures below include changes not yet published as a new version",
    },
    generated: { nl: "Opgesteld op", en: "Generated on" },
    lastReview: { nl: "Laatst beoordeeld", en: "Last reviewed" },
    neverReviewed: { nl: "nog niet beoordeeld", en: "not reviewed yet" },
    empty: { nl: "Er zijn geen maatregelen van kracht.", en: "No measures are in place." },
    note: {
      nl: "Bewijsstukken bij de maatregelen zijn niet in dit overzicht opgenomen.",
      en: "Evidence files for the measures are not part of this report.",
    },
    page: { nl: "Pagina", en: "Page" },
    of: { nl: "van", en: "of" },
  },
} as const;
