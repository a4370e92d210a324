import canonicalize from "canonicalize";
import type { Annex1, Annex1Country } from "./agreement-document.ts";
import type { Locale, LocalizedText } from "./text.ts";
import { assessLocation, countryName, isCountryCode, TRANSFER_MECHANISM_LABELS, type TransferMechanism } from "./transfers.ts";

// Annex 1 of the agreement: what a controller's services involve (art. 1.1, 1.2; Annex 1A–1D), and
// the sub-processors those services use, with their countries (art. 3.1, 5; Annex 1E).

export interface CatalogueTerm extends LocalizedText {
  /** Stable kebab-case code; agreements and registers refer to it, never to the wording. */
  code: string;
}

export interface CatalogueService extends CatalogueTerm {
  purposes: string[];
  dataCategories: string[];
  subjectCategories: string[];
  /** Codes of the active sub-processors the service uses. */
  subprocessors: string[];
}

/** Where a sub-processor processes personal data (art. 3.1), and on what ground outside the EEA. */
export interface SubprocessorLocation {
  /** ISO 3166-1 alpha-2, capitals. */
  country: string;
  city: string | null;
  mechanism: TransferMechanism | null;
}

/** An active sub-processor (art. 5.1), as Annex 1E names it. */
export interface CatalogueSubprocessor {
  /** The sub-processor's id: stable while its name or activity changes. */
  code: string;
  name: string;
  activity: LocalizedText;
  locations: SubprocessorLocation[];
}

export interface Catalogue {
  purposes: CatalogueTerm[]; // 1B
  dataCategories: CatalogueTerm[]; // 1C
  subjectCategories: CatalogueTerm[]; // 1D
  services: CatalogueService[]; // 1A
  subprocessors: CatalogueSubprocessor[]; // 1E: the active ones
}

export type AnnexSubprocessor = CatalogueSubprocessor;

/** A controller's Annex 1 in both languages, as stored per annex version. */
export interface AnnexContent {
  services: CatalogueTerm[];
  purposes: CatalogueTerm[];
  dataCategories: CatalogueTerm[];
  subjectCategories: CatalogueTerm[];
  /**
   * 1E. Absent from versions stored before Annex 1 listed sub-processors: those documents render
   * as they always did, and for comparison an absent list is an empty one.
   */
  subprocessors?: AnnexSubprocessor[];
}

const VOCABULARIES = ["purposes", "dataCategories", "subjectCategories"] as const;
const term = (t: CatalogueTerm): CatalogueTerm => ({ code: t.code, nl: t.nl, en: t.en });
const subprocessor = (s: CatalogueSubprocessor): AnnexSubprocessor => ({
  code: s.code,
  name: s.name,
  activity: { nl: s.activity.nl, en: s.activity.en },
  locations: s.locations.map((l) => ({ country: l.country, city: l.city, mechanism: l.mechanism })),
});

/** A purpose a controller added by a written instruction the processor accepted (art. 1.2). */
export interface InstructedPurpose extends CatalogueTerm {
  /** The services it is for: it is in Annex 1 while the controller takes one of them. */
  services: string[];
  /** The day it applies from (YYYY-MM-DD). */
  from: string;
  /** The instruction's case reference (V-2026-12). */
  reference: string;
}

const longDate = (day: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** 1B's line for an instructed purpose: the purpose, with the instruction and the day it applies from. */
export function instructedPurposeTerm(purpose: InstructedPurpose): CatalogueTerm {
  return {
    code: purpose.code,
    nl: `${purpose.nl} (schriftelijke instructie ${purpose.reference}, vanaf ${longDate(purpose.from, "nl")})`,
    en: `${purpose.en} (written instruction ${purpose.reference}, from ${longDate(purpose.from, "en")})`,
  };
}

/**
 * Annex 1 of a controller from the services it takes (art. 1.1, 1.2): the services in catalogue
 * order, and the union of their purposes, data categories, data-subject categories and (art. 5)
 * sub-processors, deduplicated and in catalogue order, in both languages; then the purposes its
 * accepted written instructions added (art. 1.2) for a service it still takes, unless a service
 * already brings that purpose. Throws on an unknown code.
 */
export function deriveAnnexContent(catalogue: Catalogue, serviceCodes: Iterable<string>, instructed: readonly InstructedPurpose[] = []): AnnexContent {
  const wanted = new Set(serviceCodes);
  for (const code of wanted) {
    if (!catalogue.services.some((service) => service.code === code)) {
      throw new Error(`Unknown service code "${code}"`);
    }
  }
  const services = catalogue.services.filter((service) => wanted.has(service.code));
  const union = (vocabulary: (typeof VOCABULARIES)[number]): CatalogueTerm[] => {
    const used = new Set(services.flatMap((service) => service[vocabulary]));
    const terms = catalogue[vocabulary].filter((t) => used.has(t.code));
    const missing = [...used].filter((code) => !terms.some((t) => t.code === code));
    if (missing.length > 0) {
      throw new Error(`Catalogue ${vocabulary} has no term for code(s) ${missing.join(", ")}`);
    }
    return terms.map(term);
  };
  const usedSubprocessors = new Set(services.flatMap((service) => service.subprocessors));
  const subprocessors = catalogue.subprocessors.filter((s) => usedSubprocessors.has(s.code));
  const unknownSubprocessors = [...usedSubprocessors].filter((code) => !subprocessors.some((s) => s.code === code));
  if (unknownSubprocessors.length > 0) {
    throw new Error(`Catalogue has no active sub-processor ${unknownSubprocessors.join(", ")}`);
  }
  const purposes = union("purposes");
  for (const purpose of instructed) {
    if (purpose.services.some((code) => wanted.has(code)) && !purposes.some((t) => t.code === purpose.code)) {
      purposes.push(instructedPurposeTerm(purpose));
    }
  }
  return {
    services: services.map(term),
    purposes,
    dataCategories: union("dataCategories"),
    subjectCategories: union("subjectCategories"),
    subprocessors: subprocessors.map(subprocessor),
  };
}

/** A country outside the EEA that needs no mechanism (art. 45), as 1E names the ground. */
const ADEQUACY: LocalizedText = { nl: "Adequaatheidsbesluit (art. 45 AVG)", en: "Adequacy decision (GDPR art. 45)" };

/**
 * The countries of a sub-processor as 1E shows them (art. 3.1: which countries): by name in the
 * document's language, in the order of its locations, one entry per country and ground, with the
 * cities there and, outside the EEA, the ground of the transfer.
 */
function countriesOf(locations: readonly SubprocessorLocation[], locale: Locale): Annex1Country[] {
  const out: (Annex1Country & { key: string })[] = [];
  for (const location of locations) {
    const key = `${location.country}/${location.mechanism ?? ""}`;
    let entry = out.find((c) => c.key === key);
    if (entry === undefined) {
      entry = {
        key,
        name: isCountryCode(location.country) ? countryName(location.country, locale) : location.country,
        cities: [],
        transfer: transferGround(location, locale),
      };
      out.push(entry);
    }
    if (location.city !== null && location.city !== "" && !entry.cities.includes(location.city)) {
      entry.cities.push(location.city);
    }
  }
  return out.map(({ name, cities, transfer }) => ({ name, cities, transfer }));
}

/** Outside the EEA: the recorded mechanism, else an adequacy decision where there is one; null inside. */
function transferGround(location: SubprocessorLocation, locale: Locale): string | null {
  if (!isCountryCode(location.country)) {
    return location.mechanism === null ? null : TRANSFER_MECHANISM_LABELS[location.mechanism][locale];
  }
  const { zone } = assessLocation(location);
  if (zone === "eea") {
    return null;
  }
  if (location.mechanism !== null) {
    return TRANSFER_MECHANISM_LABELS[location.mechanism][locale];
  }
  // Without a mechanism a third country has no ground to name; the back-office warns about it.
  return zone === "adequate" ? ADEQUACY[locale] : null;
}

/**
 * Annex 1 as a document shows it: one language, with its version number. A stored version without
 * sub-processors (from before 1E) gives a document without 1E, exactly as it was rendered then.
 */
export function annexForLocale(content: AnnexContent, version: number, locale: Locale): Annex1 {
  const annex: Annex1 = {
    version,
    services: content.services.map((s) => ({ code: s.code, name: s[locale] })),
    purposes: content.purposes.map((t) => t[locale]),
    dataCategories: content.dataCategories.map((t) => t[locale]),
    subjectCategories: content.subjectCategories.map((t) => t[locale]),
  };
  if (content.subprocessors !== undefined) {
    annex.subprocessors = content.subprocessors.map((s) => ({
      name: s.name,
      activity: s.activity[locale],
      countries: countriesOf(s.locations, locale),
    }));
  }
  return annex;
}

export function deriveAnnex1(catalogue: Catalogue, serviceCodes: string[], locale: Locale, version: number): Annex1 {
  return annexForLocale(deriveAnnexContent(catalogue, serviceCodes), version, locale);
}

type Codes = { services: string[]; purposes: string[]; dataCategories: string[]; subjectCategories: string[]; subprocessors: string[] };
export interface AnnexDiff {
  added: Codes;
  removed: Codes;
  /** Sub-processors in both versions whose countries changed (art. 3.1). */
  relocated: string[];
}

const countrySet = (s: AnnexSubprocessor): string => [...new Set(s.locations.map((l) => l.country))].sort().join(",");

/** What changed between two Annex 1 versions, by code (the portal shows it after a change). */
export function diffAnnex(from: AnnexContent, to: AnnexContent): AnnexDiff {
  const added: Codes = { services: [], purposes: [], dataCategories: [], subjectCategories: [], subprocessors: [] };
  const removed: Codes = { services: [], purposes: [], dataCategories: [], subjectCategories: [], subprocessors: [] };
  const lists = (c: AnnexContent) => ({ ...c, subprocessors: c.subprocessors ?? [] });
  const [a, b] = [lists(from), lists(to)];
  for (const key of ["services", ...VOCABULARIES, "subprocessors"] as const) {
    const before = new Set(a[key].map((t) => t.code));
    const after = new Set(b[key].map((t) => t.code));
    added[key] = b[key].filter((t) => !before.has(t.code)).map((t) => t.code);
    removed[key] = a[key].filter((t) => !after.has(t.code)).map((t) => t.code);
  }
  const relocated = b.subprocessors
    .filter((s) => {
      const was = a.subprocessors.find((p) => p.code === s.code);
      return was !== undefined && countrySet(was) !== countrySet(s);
    })
    .map((s) => s.code);
  return { added, removed, relocated };
}

/**
 * Equal content; canonical JSON, because jsonb gives keys back in its own order. A version stored
 * before 1E equals one with no sub-processors: the new field alone makes no new version.
 */
export function sameAnnex(a: AnnexContent, b: AnnexContent): boolean {
  const lists = (c: AnnexContent): AnnexContent => ({ ...c, subprocessors: c.subprocessors ?? [] });
  return canonicalize(lists(a)) === canonicalize(lists(b));
}
