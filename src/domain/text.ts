// The two languages of every word Art28 shows (UI, emails, documents), and text in both.

export type Locale = "nl" | "en";

export const LOCALES: readonly Locale[] = ["nl", "en"];

/** A text in every language. */
export type LocalizedText = Record<Locale, string>;
