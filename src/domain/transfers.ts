/**
 * Transfers of personal data outside the EEA (art. 3.1 of the agreement; GDPR chapter V).
 *
 * Art. 3.1 keeps processing inside the EU and allows it elsewhere only where the law does. The law
 * is GDPR chapter V: inside the EEA nothing is transferred; a country with an adequacy decision
 * (art. 45) needs nothing more; any other "third country" needs appropriate safeguards (art. 46:
 * standard contractual clauses, binding corporate rules) or, exceptionally, a derogation of
 * art. 49. Every location of the processor and of each sub-processor is assessed here, so the
 * back-office can warn about a location that has none. Pure: no I/O, no clock.
 */
import countries from "i18n-iso-countries/index.js";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import nl from "i18n-iso-countries/langs/nl.json" with { type: "json" };
import type { Locale } from "./agreement-document.ts";
import type { LocalizedText } from "./text.ts";

// The package's core without its Node entry, which would load all ~80 languages: only ours.
countries.registerLocale(nl);
countries.registerLocale(en);

/**
 * The European Economic Area: the 27 EU member states plus Iceland, Liechtenstein and Norway, where
 * the GDPR applies directly (EEA Agreement, Annex XI). ISO 3166-1 alpha-2, so Greece is GR (not
 * the EU's "EL").
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  "IS",
  "LI",
  "NO",
]);

// Decision 2023/1795 (EU-US Data Privacy Framework) covers certified organisations only.
const US_ADEQUACY: LocalizedText = {
  nl: "Adequaatheidsbesluit (EU) 2023/1795, alleen voor organisaties die gecertificeerd zijn onder het EU-VS Data Privacy Framework.",
  en: "Adequacy decision (EU) 2023/1795, only for organisations certified under the EU-US Data Privacy Framework.",
};

/**
 * Countries with an adequacy decision of the European Commission (GDPR art. 45), as of 2026, each
 * with the decision and its limits. A partial decision (Canada, the United States) still counts
 * here; where it depends on the recipient, the note says so, and the United States is assessed
 * separately because its decision depends on a certification the location must state.
 */
export const ADEQUATE_COUNTRIES: Readonly<Record<string, LocalizedText>> = {
  AD: { nl: "Adequaatheidsbesluit 2010/625/EU.", en: "Adequacy decision 2010/625/EU." },
  AR: { nl: "Adequaatheidsbesluit 2003/490/EG.", en: "Adequacy decision 2003/490/EC." },
  CA: {
    nl: "Adequaatheidsbesluit 2002/2/EG, alleen voor commerciële organisaties onder PIPEDA.",
    en: "Adequacy decision 2002/2/EC, only for commercial organisations subject to PIPEDA.",
  },
  FO: { nl: "Adequaatheidsbesluit 2010/146/EU.", en: "Adequacy decision 2010/146/EU." },
  GG: { nl: "Adequaatheidsbesluit 2003/821/EG.", en: "Adequacy decision 2003/821/EC." },
  IL: { nl: "Adequaatheidsbesluit 2011/61/EU.", en: "Adequacy decision 2011/61/EU." },
  IM: { nl: "Adequaatheidsbesluit 2004/411/EG.", en: "Adequacy decision 2004/411/EC." },
  JP: {
    nl: "Adequaatheidsbesluit (EU) 2019/419, voor de private sector (APPI).",
    en: "Adequacy decision (EU) 2019/419, for the private sector (APPI).",
  },
  JE: { nl: "Adequaatheidsbesluit 2008/393/EG.", en: "Adequacy decision 2008/393/EC." },
  NZ: { nl: "Adequaatheidsbesluit 2013/65/EU.", en: "Adequacy decision 2013/65/EU." },
  KR: { nl: "Adequaatheidsbesluit (EU) 2022/254.", en: "Adequacy decision (EU) 2022/254." },
  CH: { nl: "Adequaatheidsbesluit 2000/518/EG.", en: "Adequacy decision 2000/518/EC." },
  GB: { nl: "Adequaatheidsbesluit (EU) 2021/1772 (AVG).", en: "Adequacy decision (EU) 2021/1772 (GDPR)." },
  UY: { nl: "Adequaatheidsbesluit 2012/484/EU.", en: "Adequacy decision 2012/484/EU." },
  US: US_ADEQUACY,
};

/** The one country whose adequacy decision covers only certified recipients (decision 2023/1795). */
const DPF_COUNTRY = "US";

export const TRANSFER_MECHANISMS = ["dpf", "scc", "bcr", "art49"] as const;

/** The ground a location outside the EEA relies on, as recorded on the location. */
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

export const TRANSFER_MECHANISM_LABELS: Readonly<Record<TransferMechanism, LocalizedText>> = {
  dpf: {
    nl: "Certificering onder het EU-VS Data Privacy Framework",
    en: "Certification under the EU-US Data Privacy Framework",
  },
  scc: {
    nl: "Standaardcontractbepalingen (Uitvoeringsbesluit (EU) 2021/914)",
    en: "Standard contractual clauses (Implementing Decision (EU) 2021/914)",
  },
  bcr: { nl: "Bindende bedrijfsvoorschriften (art. 47 AVG)", en: "Binding corporate rules (GDPR art. 47)" },
  art49: { nl: "Uitzondering van art. 49 AVG", en: "A derogation of GDPR art. 49" },
};

/** Whether a stored or submitted value is one of the mechanisms (for schemas and imports). */
export function isTransferMechanism(value: string): value is TransferMechanism {
  return (TRANSFER_MECHANISMS as readonly string[]).includes(value);
}

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code, written in capitals as stored. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

function requireCountryCode(code: string): void {
  if (!isCountryCode(code)) {
    // An unknown code must not pass as "a third country": the location's data would be wrong.
    throw new RangeError(`not an ISO 3166-1 alpha-2 country code: ${JSON.stringify(code)}`);
  }
}

/**
 * The country's name in the reader's language. Dutch uses the common short name ("Verenigde
 * Staten", not the package's official "Verenigde Staten van Amerika"); English the package's
 * default, which is already the common one ("South Korea").
 */
export function countryName(code: string, locale: Locale): string {
  requireCountryCode(code);
  const name = countries.getName(code, locale, { select: locale === "nl" ? "alias" : "official" });
  if (name === undefined) {
    throw new RangeError(`no ${locale} name for country ${code}`);
  }
  return name;
}

export type TransferZone = "eea" | "adequate" | "third";

export interface LocationAssessment {
  zone: TransferZone;
  /** Whether the location must state a mechanism (any third country, and the United States). */
  needsMechanism: boolean;
  /** False where data would go to a third country without a ground chapter V accepts. */
  lawful: boolean;
  reason: LocalizedText;
}

export const SAFEGUARDS: readonly TransferMechanism[] = ["scc", "bcr", "art49"];

/**
 * The countries a location in needs no mechanism to be lawful (the EEA, and those with an adequacy
 * decision but the United States, whose covers DPF-certified recipients only): with assessLocation's
 * other rules ("dpf" in the United States, a safeguard anywhere) what a query selects unlawful
 * locations by.
 */
export const LAWFUL_WITHOUT_MECHANISM: readonly string[] = [...EEA_COUNTRIES, ...Object.keys(ADEQUATE_COUNTRIES).filter((c) => c !== DPF_COUNTRY)];

/** The country whose recipients the Data Privacy Framework certifies. */
export const DPF_COUNTRY_CODE = DPF_COUNTRY;

/**
 * Assess one location (the processor's or a sub-processor's) under GDPR chapter V:
 *  - EEA: no transfer, nothing needed;
 *  - adequate country (art. 45): nothing needed, except the United States, adequate only for a
 *    recipient certified under the Data Privacy Framework ("dpf");
 *  - any other country, and the United States without "dpf": lawful only with SCC, BCR (art. 46)
 *    or an art. 49 derogation. Without one the location is not lawful and the back-office warns.
 * Throws for a country code that is not ISO 3166-1 alpha-2.
 */
export function assessLocation(input: { country: string; mechanism?: TransferMechanism | null }): LocationAssessment {
  const { country } = input;
  const mechanism = input.mechanism ?? null;
  requireCountryCode(country);
  const name = { nl: countryName(country, "nl"), en: countryName(country, "en") };

  if (EEA_COUNTRIES.has(country)) {
    return {
      zone: "eea",
      needsMechanism: false,
      lawful: true,
      reason: {
        nl: `${name.nl} ligt in de EER: de AVG geldt er rechtstreeks, er is geen doorgifte.`,
        en: `${name.en} is in the EEA: the GDPR applies directly, there is no transfer.`,
      },
    };
  }

  const adequacy = ADEQUATE_COUNTRIES[country];
  if (adequacy !== undefined && country !== DPF_COUNTRY) {
    return {
      zone: "adequate",
      needsMechanism: false,
      lawful: true,
      reason: {
        nl: `${name.nl} heeft een adequaatheidsbesluit (art. 45 AVG). ${adequacy.nl}`,
        en: `${name.en} has an adequacy decision (GDPR art. 45). ${adequacy.en}`,
      },
    };
  }

  if (country === DPF_COUNTRY && mechanism === "dpf") {
    return {
      zone: "adequate",
      needsMechanism: true,
      lawful: true,
      reason: {
        nl: `De ontvanger in de ${name.nl} is gecertificeerd onder het Data Privacy Framework: ${US_ADEQUACY.nl}`,
        en: `The recipient in the ${name.en} is certified under the Data Privacy Framework: ${US_ADEQUACY.en}`,
      },
    };
  }

  const third = {
    nl:
      country === DPF_COUNTRY
        ? `Zonder certificering onder het Data Privacy Framework zijn de ${name.nl} een derde land`
        : `${name.nl} ligt buiten de EER en heeft geen adequaatheidsbesluit`,
    en:
      country === DPF_COUNTRY
        ? `Without certification under the Data Privacy Framework the ${name.en} is a third country`
        : `${name.en} is outside the EEA and has no adequacy decision`,
  };

  if (mechanism !== null && SAFEGUARDS.includes(mechanism)) {
    const label = TRANSFER_MECHANISM_LABELS[mechanism];
    // EDPB Guidelines 2/2018: art. 49 is for occasional transfers, not a sub-processor's routine.
    const caveat =
      mechanism === "art49"
        ? {
            nl: " Een uitzondering van art. 49 past alleen bij incidentele doorgifte.",
            en: " An art. 49 derogation only fits occasional transfers.",
          }
        : { nl: "", en: "" };
    return {
      zone: "third",
      needsMechanism: true,
      lawful: true,
      reason: {
        nl: `${third.nl}; doorgifte op grond van: ${label.nl}.${caveat.nl}`,
        en: `${third.en}; transfer based on: ${label.en}.${caveat.en}`,
      },
    };
  }

  // No mechanism, or "dpf" outside the United States (the framework certifies US organisations only).
  const missing =
    mechanism === "dpf"
      ? {
          nl: " Het Data Privacy Framework geldt alleen voor organisaties in de Verenigde Staten.",
          en: " The Data Privacy Framework covers organisations in the United States only.",
        }
      : { nl: "", en: "" };
  return {
    zone: "third",
    needsMechanism: true,
    lawful: false,
    reason: {
      nl: `${third.nl}: doorgifte vereist standaardcontractbepalingen, bindende bedrijfsvoorschriften of een uitzondering van art. 49 AVG (art. 44–46, 49 AVG).${missing.nl}`,
      en: `${third.en}: a transfer needs standard contractual clauses, binding corporate rules or a derogation of GDPR art. 49 (GDPR art. 44–46, 49).${missing.en}`,
    },
  };
}
