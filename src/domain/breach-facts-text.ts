/**
 * The art. 6.2 facts of a breach notice as text, in the reader's language: one row per fact, in the
 * order of art. 6.2, with a fact not yet known said to be unknown in so many words. The email, the
 * notice PDF, the AP draft and the web's pages (web/src/lib/breach-facts.ts) all read these rows,
 * so they all say the same thing.
 */
import { formatInstant } from "./legal-time.ts";
import { BREACH_FACT_KEYS, BREACH_FACT_LABELS, type BreachFactKey, type StoredNoticeFacts } from "./breach-notice.ts";
import type { Locale } from "./text.ts";
import { enumerationText } from "./list-text.ts";

export type { Locale } from "./text.ts";

export interface FactRow {
  key: BreachFactKey;
  label: string;
  text: string;
  unknown: boolean;
  /** Changed since this customer's previous notice. */
  changed: boolean;
}

/** The words the facts are said with; the web's forms use them too (unintelligible: yes, no, partly). */
export const FACT_WORDS = {
  unknown: { nl: "Nog onbekend", en: "Not yet known" },
  missing: { nl: "(niet ingevuld)", en: "(not filled in)" },
  ongoing: { nl: "nog gaande", en: "still going on" },
  yes: { nl: "Ja", en: "Yes" },
  no: { nl: "Nee", en: "No" },
  partly: { nl: "Gedeeltelijk", en: "Partly" },
} as const;

const NUMBER = { nl: new Intl.NumberFormat("nl-NL"), en: new Intl.NumberFormat("en-GB") };

export function formatCount(value: { kind: string; count?: number; min?: number; max?: number }, locale: Locale): string {
  const n = (x: number | undefined) => NUMBER[locale].format(x ?? 0);
  if (value.kind === "exact") {
    return n(value.count);
  }
  return locale === "nl" ? `tussen ${n(value.min)} en ${n(value.max)}` : `between ${n(value.min)} and ${n(value.max)}`;
}

export function formatPeriod(value: { start: string; end?: string | null }, zone: string, locale: Locale): string {
  const start = formatInstant(new Date(value.start), zone, locale);
  if (value.end === "ongoing") {
    return locale === "nl" ? `sinds ${start} (${FACT_WORDS.ongoing.nl})` : `since ${start} (${FACT_WORDS.ongoing.en})`;
  }
  if (value.end === undefined || value.end === null) {
    return start;
  }
  const end = formatInstant(new Date(value.end), zone, locale);
  return locale === "nl" ? `van ${start} tot ${end}` : `from ${start} to ${end}`;
}

/** The text of one known fact's value. */
export function factValueText(key: BreachFactKey, value: unknown, zone: string, locale: Locale): string {
  const v = value as Record<string, unknown>;
  switch (key) {
    case "contact":
      return [v.name, v.email, v.phone].filter((part) => typeof part === "string" && part !== "").join(", ");
    case "affectedCount":
      return formatCount(v as { kind: string }, locale);
    case "dataKinds":
      // Typed by the breach officer in one language: enumerated, not joined with "and"/"en".
      return enumerationText((value as string[]).map(String), locale);
    case "period":
      return formatPeriod(v as { start: string; end?: string | null }, zone, locale);
    case "discoveredAt":
      return formatInstant(new Date(String(value)), zone, locale);
    case "unintelligible": {
      const state = FACT_WORDS[(v.state as "yes" | "no" | "partly") ?? "no"][locale];
      return typeof v.description === "string" && v.description.trim() !== "" ? `${state}: ${v.description}` : state;
    }
    default:
      return String(value);
  }
}

/** Every fact of art. 6.2 as a row; `changed` marks those that changed since the last notice. */
export function describeFacts(facts: StoredNoticeFacts, zone: string, locale: Locale, changed: readonly BreachFactKey[] = []): FactRow[] {
  return BREACH_FACT_KEYS.map((key) => {
    const fact = facts[key];
    const label = BREACH_FACT_LABELS[key][locale];
    const isChanged = changed.includes(key);
    if (!fact) {
      return { key, label, text: FACT_WORDS.missing[locale], unknown: false, changed: isChanged };
    }
    if (fact.status === "unknown") {
      const reason = fact.reason?.trim();
      return { key, label, text: reason ? `${FACT_WORDS.unknown[locale]} (${reason})` : FACT_WORDS.unknown[locale], unknown: true, changed: isChanged };
    }
    return { key, label, text: factValueText(key, fact.value, zone, locale), unknown: false, changed: isChanged };
  });
}
