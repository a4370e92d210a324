import type { Locale } from "./text.ts";

const CONJUNCTION: Record<Locale, Intl.ListFormat> = {
  nl: new Intl.ListFormat("nl", { type: "conjunction" }),
  en: new Intl.ListFormat("en-GB", { type: "conjunction" }),
};
const ENUMERATION: Record<Locale, Intl.ListFormat> = {
  nl: new Intl.ListFormat("nl", { type: "unit", style: "short" }),
  en: new Intl.ListFormat("en", { type: "unit", style: "short" }),
};

/**
 * Items already in the reader's language as one phrase in that language: "A, B en C", "A, B and C".
 * Only for localized items: "and" around Dutch words reads as a mistake on an English page.
 */
export function listText(items: readonly string[], locale: Locale): string {
  return CONJUNCTION[locale].format(items);
}

/**
 * Items as they were typed, in whatever language (the kinds of data a breach officer wrote down):
 * an enumeration without a word of either language ("namen, e-mailadressen"), so an English page
 * does not put "and" between Dutch words, nor a Dutch page "en" inside an item that has one.
 */
export function enumerationText(items: readonly string[], locale: Locale): string {
  return ENUMERATION[locale].format(items);
}
