import canonicalize from "canonicalize";
import type { Annex1, Locale } from "./agreement-document.ts";

// Annex 1 of the agreement: what a controller's services involve (art. 1.1, 1.2; Annex 1A–1D).

export type LocalizedText = Record<Locale, string>;

export interface CatalogueTerm extends LocalizedText {
  /** Stable kebab-case code; agreements and registers refer to it, never to the wording. */
  code: string;
}

export interface CatalogueService extends CatalogueTerm {
  purposes: string[];
  dataCategories: string[];
  subjectCategories: string[];
}

export interface Catalogue {
  purposes: CatalogueTerm[]; // 1B
  dataCategories: CatalogueTerm[]; // 1C
  subjectCategories: CatalogueTerm[]; // 1D
  services: CatalogueService[]; // 1A
}

/** A controller's Annex 1 in both languages, as stored per annex version. */
export interface AnnexContent {
  services: CatalogueTerm[];
  purposes: CatalogueTerm[];
  dataCategories: CatalogueTerm[];
  subjectCategories: CatalogueTerm[];
}

const VOCABULARIES = ["purposes", "dataCategories", "subjectCategories"] as const;
const term = (t: CatalogueTerm): CatalogueTerm => ({ code: t.code, nl: t.nl, en: t.en });

/**
 * Annex 1 of a controller from the services it takes (art. 1.1, 1.2): the services in catalogue
 * order, and the union of their purposes, data categories and data-subject categories,
 * deduplicated and in catalogue order, in both languages. Throws on an unknown code.
 */
export function deriveAnnexContent(catalogue: Catalogue, serviceCodes: Iterable<string>): AnnexContent {
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
  return {
    services: services.map(term),
    purposes: union("purposes"),
    dataCategories: union("dataCategories"),
    subjectCategories: union("subjectCategories"),
  };
}

/** Annex 1 as a document shows it: one language, with its version number. */
export function annexForLocale(content: AnnexContent, version: number, locale: Locale): Annex1 {
  return {
    version,
    services: content.services.map((s) => ({ code: s.code, name: s[locale] })),
    purposes: content.purposes.map((t) => t[locale]),
    dataCategories: content.dataCategories.map((t) => t[locale]),
    subjectCategories: content.subjectCategories.map((t) => t[locale]),
  };
}

export function deriveAnnex1(catalogue: Catalogue, serviceCodes: string[], locale: Locale, version: number): Annex1 {
  return annexForLocale(deriveAnnexContent(catalogue, serviceCodes), version, locale);
}

type Codes = { services: string[]; purposes: string[]; dataCategories: string[]; subjectCategories: string[] };
export interface AnnexDiff {
  added: Codes;
  removed: Codes;
}

/** What changed between two Annex 1 versions, by code (the portal shows it after a change). */
export function diffAnnex(from: AnnexContent, to: AnnexContent): AnnexDiff {
  const added: Codes = { services: [], purposes: [], dataCategories: [], subjectCategories: [] };
  const removed: Codes = { services: [], purposes: [], dataCategories: [], subjectCategories: [] };
  for (const key of ["services", ...VOCABULARIES] as const) {
    const before = new Set(from[key].map((t) => t.code));
    const after = new Set(to[key].map((t) => t.code));
    added[key] = to[key].filter((t) => !before.has(t.code)).map((t) => t.code);
    removed[key] = from[key].filter((t) => !after.has(t.code)).map((t) => t.code);
  }
  return { added, removed };
}

/** Equal content; canonical JSON, because jsonb gives keys back in its own order. */
export function sameAnnex(a: AnnexContent, b: AnnexContent): boolean {
  return canonicalize(a) === canonicalize(b);
}
