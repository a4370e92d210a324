import { readFileSync } from "node:fs";
import { MEASURE_THEMES, type MeasureTheme } from "../../domain/annex2.ts";
import { LOCALES, type Locale, type TemplateText } from "../../domain/agreement-document.ts";
import type { Catalogue, CatalogueService, CatalogueTerm, SubprocessorLocation } from "../../domain/annex.ts";
import type { LocalizedText } from "../../domain/text.ts";
import { validateTemplateText } from "../../domain/agreement-template.ts";
import { isCountryCode, isTransferMechanism } from "../../domain/transfers.ts";

/**
 * The defaults Art28 ships (templates/): the seed agreement in Dutch and English, the service
 * catalogue with the Annex 1 vocabulary, the Annex 2 measures, and the demo's sub-processors.
 * Read and checked on first run.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
type Vocabulary = "purposes" | "dataCategories" | "subjectCategories";

export interface DefaultMeasure {
  code: string;
  /** ISO/IEC 27001:2022 Annex A theme. */
  theme: MeasureTheme;
  category: LocalizedText;
  title: LocalizedText;
  description: LocalizedText;
}

function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, "utf8"));
}

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function localized(value: unknown): value is LocalizedText {
  return isRecord(value) && LOCALES.every((locale) => typeof value[locale] === "string" && value[locale] !== "");
}

function term(value: unknown): value is CatalogueTerm {
  return isRecord(value) && typeof value.code === "string" && CODE.test(value.code) && localized(value);
}

function codeList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function parseCatalogue(value: unknown, source: string): Catalogue {
  const problem = (message: string): Error => new Error(`${source}: ${message}`);
  if (!isRecord(value)) {
    throw problem("must be an object");
  }
  const terms = (name: string): CatalogueTerm[] => {
    const list: unknown = value[name];
    if (!Array.isArray(list) || !list.every(term)) {
      throw problem(`${name} must be a list of { code, nl, en }`);
    }
    if (new Set(list.map((t) => t.code)).size !== list.length) {
      throw problem(`${name} has duplicate codes`);
    }
    return list.map((t) => ({ code: t.code, nl: t.nl, en: t.en }));
  };
  const purposes = terms("purposes");
  const dataCategories = terms("dataCategories");
  const subjectCategories = terms("subjectCategories");
  const services = terms("services").map((service, i): CatalogueService => {
    const raw: unknown = Array.isArray(value.services) ? value.services[i] : undefined;
    const codes = (name: Vocabulary, vocabulary: CatalogueTerm[]): string[] => {
      const list = isRecord(raw) ? raw[name] : undefined;
      if (!codeList(list)) {
        throw problem(`services[${i}].${name} must be a list of codes`);
      }
      const unknown = list.filter((code) => !vocabulary.some((t) => t.code === code));
      if (unknown.length > 0) {
        throw problem(`services[${i}] (${service.code}) maps to unknown ${name} ${unknown.join(", ")}`);
      }
      return list;
    };
    return {
      ...service,
      purposes: codes("purposes", purposes),
      dataCategories: codes("dataCategories", dataCategories),
      subjectCategories: codes("subjectCategories", subjectCategories),
      // The shipped catalogue names no sub-processors: the seed agreement names none (art. 5.1 is
      // a general authorisation); a processor registers its own, the demo loads templates/subprocessors.json.
      subprocessors: [],
    };
  });
  return { purposes, dataCategories, subjectCategories, services, subprocessors: [] };
}

/** The shipped template text of a locale (templates/<locale>/v1.json); throws if it is invalid. */
export function loadDefaultTemplate(locale: Locale): TemplateText {
  const url = new URL(`../../../templates/${locale}/v1.json`, import.meta.url);
  const result = validateTemplateText(readJson(url));
  if (!result.ok) {
    const list = result.errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    throw new Error(`${url.pathname} is not a valid template: ${list}`);
  }
  if (result.value.locale !== locale) {
    throw new Error(`${url.pathname} has locale ${result.value.locale}, expected ${locale}`);
  }
  return result.value;
}

/** The shipped service catalogue and Annex 1 vocabulary (templates/catalogue.json). */
export function loadDefaultCatalogue(): Catalogue {
  const url = new URL("../../../templates/catalogue.json", import.meta.url);
  return parseCatalogue(readJson(url), url.pathname);
}

/** A sub-processor of the demo hosting provider (templates/subprocessors.json). */
export interface DemoSubprocessor {
  code: string;
  name: string;
  website: string | null;
  activity: LocalizedText;
  locations: SubprocessorLocation[];
  /** Codes of the catalogue's services that use it. */
  services: string[];
}

function location(value: unknown): value is SubprocessorLocation {
  return (
    isRecord(value) &&
    typeof value.country === "string" &&
    isCountryCode(value.country) &&
    (value.city === null || typeof value.city === "string") &&
    (value.mechanism === null || (typeof value.mechanism === "string" && isTransferMechanism(value.mechanism)))
  );
}

/**
 * The demo's sub-processor register (templates/subprocessors.json), checked against the shipped
 * catalogue's service codes. Throws naming the entry that is wrong.
 */
export function readDemoSubprocessors(): DemoSubprocessor[] {
  const url = new URL("../../../templates/subprocessors.json", import.meta.url);
  const value = readJson(url);
  if (!Array.isArray(value)) {
    throw new Error(`${url.pathname}: must be a list of sub-processors`);
  }
  const serviceCodes = new Set(loadDefaultCatalogue().services.map((s) => s.code));
  const list = value.map((item: unknown, i): DemoSubprocessor => {
    if (
      !isRecord(item) ||
      typeof item.code !== "string" ||
      !CODE.test(item.code) ||
      typeof item.name !== "string" ||
      item.name === "" ||
      !(item.website === undefined || item.website === null || typeof item.website === "string") ||
      !localized(item.activity) ||
      !Array.isArray(item.locations) ||
      item.locations.length === 0 ||
      !item.locations.every(location) ||
      !codeList(item.services)
    ) {
      throw new Error(`${url.pathname}: [${i}] must be { code, name, website, activity, locations: [{ country, city, mechanism }], services }`);
    }
    const unknown = item.services.filter((code) => !serviceCodes.has(code));
    if (unknown.length > 0) {
      throw new Error(`${url.pathname}: [${i}] (${item.code}) names unknown services ${unknown.join(", ")}`);
    }
    return {
      code: item.code,
      name: item.name,
      website: typeof item.website === "string" ? item.website : null,
      activity: { nl: item.activity.nl, en: item.activity.en },
      locations: item.locations.map((l) => ({ country: l.country, city: l.city, mechanism: l.mechanism })),
      services: item.services,
    };
  });
  if (new Set(list.map((s) => s.code)).size !== list.length || new Set(list.map((s) => s.name)).size !== list.length) {
    throw new Error(`${url.pathname}: duplicate codes or names`);
  }
  return list;
}

/** The shipped default Annex 2 measures (templates/measures.json). */
export function loadDefaultMeasures(): DefaultMeasure[] {
  const url = new URL("../../../templates/measures.json", import.meta.url);
  const value = readJson(url);
  if (!Array.isArray(value)) {
    throw new Error(`${url.pathname}: must be a list of measures`);
  }
  return value.map((item: unknown, i): DefaultMeasure => {
    if (
      !isRecord(item) ||
      typeof item.code !== "string" ||
      !CODE.test(item.code) ||
      !MEASURE_THEMES.includes(item.theme as MeasureTheme) ||
      !localized(item.category) ||
      !localized(item.title) ||
      !localized(item.description)
    ) {
      throw new Error(
        `${url.pathname}: [${i}] must be { code, theme, category, title, description } with nl and en and a theme of ${MEASURE_THEMES.join(", ")}`,
      );
    }
    return { code: item.code, theme: item.theme as MeasureTheme, category: item.category, title: item.title, description: item.description };
  });
}
