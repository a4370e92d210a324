import type { TFunction } from "i18next";
import type { BreachFactKey, BreachFacts } from "../api/types";
import { formatInstant } from "./format";

/**
 * The art. 6.2 facts of a breach notice as text, the way the emails and PDFs say them
 * (src/domain/breach-facts-text.ts on the server): in the order of art. 6.2, a fact not yet known
 * said to be unknown in so many words, instants in Europe/Amsterdam with their offset.
 */

/** Every fact of art. 6.2, in its order (the server's BREACH_FACT_KEYS). */
export const BREACH_FACT_KEYS = [
  "cause",
  "consequences",
  "solution",
  "contact",
  "affectedCount",
  "subjectGroup",
  "dataKinds",
  "period",
  "discoveredAt",
  "unintelligible",
  "measuresTaken",
  "measuresPlanned",
] as const satisfies readonly BreachFactKey[];

// A key the API knows but this list lacks fails here.
type Missing = Exclude<BreachFactKey, (typeof BREACH_FACT_KEYS)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;

/** The facts a notice states per customer or shared (not discoveredAt: it follows the incident). */
export const SETTABLE_FACT_KEYS = BREACH_FACT_KEYS.filter((k): k is Exclude<BreachFactKey, "discoveredAt"> => k !== "discoveredAt");
export type SettableFactKey = (typeof SETTABLE_FACT_KEYS)[number];

type Lang = "nl" | "en";
type Fact<K extends BreachFactKey> = NonNullable<BreachFacts[K]>;
type Known<K extends BreachFactKey> = Extract<Fact<K>, { status: "known" }>["value"];

export interface FactRow {
  key: BreachFactKey;
  label: string;
  text: string;
  unknown: boolean;
  missing: boolean;
  changed: boolean;
}

const numberFormat = (lang: Lang) => new Intl.NumberFormat(lang === "en" ? "en-GB" : "nl-NL");
const listFormat = (lang: Lang) => new Intl.ListFormat(lang, { type: "conjunction" });

export function formatCount(value: Known<"affectedCount">, lang: Lang, t: TFunction): string {
  const n = (x: number) => numberFormat(lang).format(x);
  return value.kind === "exact" ? n(value.count) : t("breaches.words.between", { min: n(value.min), max: n(value.max) });
}

export function formatPeriod(value: Known<"period">, t: TFunction): string {
  const start = formatInstant(value.start);
  if (value.end === "ongoing") {
    return t("breaches.words.since", { start });
  }
  if (value.end === undefined || value.end === null) {
    return start;
  }
  return t("breaches.words.fromTo", { start, end: formatInstant(value.end) });
}

/** The text of one known fact's value. */
export function factValueText(key: BreachFactKey, facts: BreachFacts, lang: Lang, t: TFunction): string {
  const fact = facts[key];
  if (!fact || fact.status !== "known") {
    return "";
  }
  // The API pairs each key with its value's shape; TypeScript cannot narrow the pair, so each case names it.
  const value: unknown = fact.value;
  switch (key) {
    case "contact": {
      const v = value as Known<"contact">;
      return [v.name, v.email, v.phone].filter((part) => part.trim() !== "").join(", ");
    }
    case "affectedCount":
      return formatCount(value as Known<"affectedCount">, lang, t);
    case "dataKinds":
      return listFormat(lang).format(value as Known<"dataKinds">);
    case "period":
      return formatPeriod(value as Known<"period">, t);
    case "discoveredAt":
      return formatInstant(value as Known<"discoveredAt">);
    case "unintelligible": {
      const v = value as Known<"unintelligible">;
      const state = t(`breaches.unintelligible.${v.state}`);
      return v.description && v.description.trim() !== "" ? `${state}: ${v.description}` : state;
    }
    case "cause":
    case "consequences":
    case "solution":
    case "subjectGroup":
    case "measuresTaken":
    case "measuresPlanned":
      return value as Known<typeof key>;
  }
}

/** Every fact of art. 6.2 as a row; `changed` marks those that changed since the last notice. */
export function describeFacts(facts: BreachFacts, lang: Lang, t: TFunction, changed: readonly BreachFactKey[] = []): FactRow[] {
  return BREACH_FACT_KEYS.map((key) => {
    const fact = facts[key];
    const base = { key, label: t(`breaches.facts.${key}`), changed: changed.includes(key) };
    if (!fact) {
      return { ...base, text: t("breaches.words.missing"), unknown: false, missing: true };
    }
    if (fact.status === "unknown") {
      const reason = fact.reason?.trim();
      return { ...base, text: reason ? `${t("breaches.words.unknown")} (${reason})` : t("breaches.words.unknown"), unknown: true, missing: false };
    }
    return { ...base, text: factValueText(key, facts, lang, t), unknown: false, missing: false };
  });
}

/**
 * The 400 of a round with incomplete notices names `customers.<customer number>.<fact>[.<part>]`;
 * this reads one back (null for any other field).
 */
export function parseNoticeField(field: string): { customerNumber: string; key: BreachFactKey | null; part: string | null } | null {
  const match = /^(?:body\.)?customers\.(.+?)\.([A-Za-z]+)(?:\.([^.]+))?$/.exec(field);
  if (!match) {
    return null;
  }
  const [, customerNumber = "", key = "", part] = match;
  const known = BREACH_FACT_KEYS.find((k) => k === key) ?? null;
  return { customerNumber, key: known, part: part ?? null };
}
