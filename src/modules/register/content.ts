// The register's content (GDPR art. 30(2)), derived from what Art28 already holds: the processor,
// the catalogue (Annex 1: each service's purposes, data categories, data subjects and active
// sub-processors with their locations), the measures in force (Annex 2) and, per controller, its
// details, privacy contact and the services it takes. Nothing is copied: every export reads it anew.
import { instructedPurposeTerm, type Catalogue, type CatalogueService } from "../../domain/annex.ts";
import type { Locale, LocalizedText } from "../../domain/text.ts";
import { assessLocation, countryName, isCountryCode, TRANSFER_MECHANISM_LABELS } from "../../domain/transfers.ts";
import type { MeasuresInForce } from "./measures-in-force.ts";
import type { ControllerRow } from "./queries.ts";
import { registerWords } from "./words.ts";

const W = registerWords;

/** A transfer outside the EEA (GDPR ch. V) by a sub-processor of a service. */
export interface Transfer {
  subprocessor: string;
  country: string;
  countryName: LocalizedText;
  city: string | null;
  /** The mechanism or adequacy decision it rests on; null when none is recorded. */
  ground: LocalizedText | null;
}

/** A category of processing: a service of the catalogue with what Annex 1 says it involves. */
export interface ProcessingCategory {
  code: string;
  name: LocalizedText;
  purposes: LocalizedText[];
  /** The purposes' codes, in the same order. */
  purposeCodes: string[];
  dataCategories: LocalizedText[];
  subjectCategories: LocalizedText[];
  subprocessors: string[];
  transfers: Transfer[];
}

export interface ProcessorDetails {
  name: string;
  address: string;
  privacyEmail: string | null;
}

/** What every line of the register shares: read once per export. */
export interface RegisterContext {
  processor: ProcessorDetails;
  categories: Map<string, ProcessingCategory>;
  measures: MeasuresInForce;
  /** The processor's time zone, for the generated-at line. */
  zone: string;
}

export interface RegisterController {
  id: string;
  customerNumber: string;
  name: string;
  kvk: string | null;
  address: string;
  contact: { role: "dpo" | "privacy_contact"; name: string; email: string; phone: string | null } | null;
  /** Its categories of processing, in catalogue order. */
  categories: ProcessingCategory[];
}

const joinAddress = (parts: (string | null)[]) => parts.filter((p): p is string => p !== null && p.trim() !== "").join(", ");

/** The ground of a location outside the EEA, or undefined inside it. */
function groundOf(location: { country: string; mechanism: keyof typeof TRANSFER_MECHANISM_LABELS | null }): LocalizedText | null | undefined {
  if (!isCountryCode(location.country)) {
    return location.mechanism === null ? null : TRANSFER_MECHANISM_LABELS[location.mechanism];
  }
  const { zone } = assessLocation(location);
  if (zone === "eea") {
    return undefined;
  }
  if (location.mechanism !== null) {
    return TRANSFER_MECHANISM_LABELS[location.mechanism];
  }
  return zone === "adequate" ? W.adequacy : null;
}

const names = (code: string): LocalizedText => (isCountryCode(code) ? { nl: countryName(code, "nl"), en: countryName(code, "en") } : { nl: code, en: code });

/** Each service of the catalogue as a category of processing (Annex 1A–1E), by code. */
export function categoriesOf(catalogue: Catalogue): Map<string, ProcessingCategory> {
  const label = (vocabulary: "purposes" | "dataCategories" | "subjectCategories", codes: string[]) =>
    catalogue[vocabulary].filter((t) => codes.includes(t.code)).map((t) => ({ nl: t.nl, en: t.en }));
  const category = (service: CatalogueService): ProcessingCategory => {
    const used = catalogue.subprocessors.filter((s) => service.subprocessors.includes(s.code));
    const transfers: Transfer[] = [];
    for (const sub of used) {
      for (const location of sub.locations) {
        const ground = groundOf(location);
        if (ground !== undefined) {
          transfers.push({ subprocessor: sub.name, country: location.country, countryName: names(location.country), city: location.city, ground });
        }
      }
    }
    return {
      code: service.code,
      name: { nl: service.nl, en: service.en },
      purposes: label("purposes", service.purposes),
      purposeCodes: catalogue.purposes.filter((t) => service.purposes.includes(t.code)).map((t) => t.code),
      dataCategories: label("dataCategories", service.dataCategories),
      subjectCategories: label("subjectCategories", service.subjectCategories),
      subprocessors: used.map((s) => s.name),
      transfers,
    };
  };
  return new Map(catalogue.services.map((s) => [s.code, category(s)]));
}

/** A controller as the register shows it. */
export function registerController(row: ControllerRow, context: RegisterContext): RegisterController {
  return {
    id: row.id,
    customerNumber: row.customer_number,
    name: row.name,
    kvk: row.kvk,
    address: joinAddress([row.address, joinAddress([row.postal_code, row.city]), row.country]),
    contact:
      row.contact_role === null || row.contact_name === null || row.contact_email === null
        ? null
        : { role: row.contact_role, name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    categories: (row.services ?? []).flatMap((code) => {
      const found = context.categories.get(code);
      if (found === undefined) {
        return [];
      }
      // A purpose a written instruction added (art. 1.2) is one of this controller's purposes of the service.
      const instructed = (row.instructed ?? []).filter((p) => p.services.includes(code) && !found.purposeCodes.includes(p.code)).map(instructedPurposeTerm);
      if (instructed.length === 0) {
        return [found];
      }
      return [
        {
          ...found,
          purposes: [...found.purposes, ...instructed.map((t) => ({ nl: t.nl, en: t.en }))],
          purposeCodes: [...found.purposeCodes, ...instructed.map((t) => t.code)],
        },
      ];
    }),
  };
}

/** "Cloudy Inc: Verenigde Staten (Seattle): Standaardcontractbepalingen (…)". */
export function transferText(transfer: Transfer, locale: Locale): string {
  const where = transfer.city === null || transfer.city === "" ? transfer.countryName[locale] : `${transfer.countryName[locale]} (${transfer.city})`;
  return `${transfer.subprocessor}: ${where}: ${(transfer.ground ?? W.noGround)[locale]}`;
}

/** The themes of the measures in force, once each, in Annex 2's order. */
export function measureThemes(measures: MeasuresInForce, locale: Locale): string[] {
  return [...new Set(measures.measures.map((m) => m.category[locale]))];
}
