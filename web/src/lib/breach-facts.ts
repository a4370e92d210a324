import type { TFunction } from "i18next";
import type { BreachFactKey, BreachFacts } from "../api/types";
import { describeFacts as describeFactsText, FACT_WORDS } from "../../../src/domain/breach-facts-text.ts";
import { BREACH_FACT_KEYS as ART_6_2_KEYS, BREACH_FACT_LABELS, type BreachFactKey as DomainFactKey } from "../../../src/domain/breach-notice.ts";
import { DISPLAY_ZONE } from "./format";

/**
 * The art. 6.2 facts of a breach notice as text: the server's own pure module
 * (src/domain/breach-facts-text.ts), so a page says a fact exactly as the email and the PDF do: in
 * the order of art. 6.2, a fact not yet known said to be unknown in so many words, instants in
 * Europe/Amsterdam with their offset. The labels come from there too (the i18n files read them).
 */

// The API's fact keys and the domain's are one set: a key one side lacks fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKeys: Same<BreachFactKey, DomainFactKey> = true;
void sameKeys;

/** Every fact of art. 6.2, in its order. */
export const BREACH_FACT_KEYS: readonly BreachFactKey[] = ART_6_2_KEYS;

/** The facts a notice states per customer or shared (not discoveredAt: it follows the incident). */
export type SettableFactKey = Exclude<BreachFactKey, "discoveredAt">;
export const SETTABLE_FACT_KEYS = BREACH_FACT_KEYS.filter((k): k is SettableFactKey => k !== "discoveredAt");

type Lang = "nl" | "en";

/** The facts' names in `lang`, for the i18n files (web/src/i18n/*-breaches.ts). */
export const factLabels = (lang: Lang): Record<BreachFactKey, string> =>
  Object.fromEntries(BREACH_FACT_KEYS.map((key) => [key, BREACH_FACT_LABELS[key][lang]])) as Record<BreachFactKey, string>;

/** "Made unintelligible": yes, no, partly, in `lang`, as a notice says them. */
export const unintelligibleWords = (lang: Lang) => ({ yes: FACT_WORDS.yes[lang], no: FACT_WORDS.no[lang], partly: FACT_WORDS.partly[lang] });

export interface FactRow {
  key: BreachFactKey;
  label: string;
  text: string;
  unknown: boolean;
  /** Not filled in at all. */
  missing: boolean;
  changed: boolean;
}

/**
 * Every fact of art. 6.2 as a row; `changed` marks those that changed since the last notice.
 * (`_t` is no longer read: the words come from the server's module.)
 */
export function describeFacts(facts: BreachFacts, lang: Lang, _t: TFunction, changed: readonly BreachFactKey[] = []): FactRow[] {
  return describeFactsText(facts, DISPLAY_ZONE, lang, changed).map((row) => ({ ...row, missing: !facts[row.key] }));
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
