import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations as english } from "@zxcvbn-ts/language-en";
import type { Locale, LocalizedText } from "./text.ts";

// The password policy (DESIGN.md "Accounts and sign-in"), one pure function the API enforces and the
// web shows while a person types: at least 12 characters, not in the shipped list of leaked
// passwords, and an estimated strength (zxcvbn-ts, its common and English dictionaries, no network)
// of at least 3 out of 4.

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-limits.ts";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };
export const PASSWORD_MIN_SCORE = 3;
const ESTIMATED = 64;

/** zxcvbn's feedback as keys (its translations are English only): the wording is ours, in nl and en. */
const asKeys = <T extends Record<string, string>>(group: T): Record<keyof T, string> =>
  Object.fromEntries(Object.keys(group).map((key) => [key, key])) as Record<keyof T, string>;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...englishDictionary },
  graphs: adjacencyGraphs,
  translations: { warnings: asKeys(english.warnings), suggestions: asKeys(english.suggestions), timeEstimation: english.timeEstimation },
});

const leakedList = new Set(commonDictionary["passwords-common"]);

export type PasswordProblem = "too_short" | "too_long" | "leaked" | "too_weak";

export interface PasswordVerdict {
  ok: boolean;
  problem: PasswordProblem | null;
  /** zxcvbn's estimate, 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  /** zxcvbn's warning and suggestions as keys (`passwordAdvice` words them). */
  warning: string | null;
  suggestions: string[];
}

/**
 * Judges a new password. `personal` are the user's own words (name, e-mail address) that make a
 * password easy to guess for someone who knows them.
 */
export function judgePassword(password: string, personal: readonly string[] = []): PasswordVerdict {
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, problem: "too_long", score: 0, warning: null, suggestions: [] };
  }
  const inputs = personal.flatMap((value) => value.toLowerCase().split(/[\s@.+_-]+/)).filter((word) => word.length >= 3);
  // The estimate's cost grows with the length; the first ESTIMATED characters bound it from below.
  const result = zxcvbn.check(password.slice(0, ESTIMATED), inputs);
  const score = result.score;
  const warning = result.feedback.warning ?? null;
  const suggestions = result.feedback.suggestions;
  const verdict = (problem: PasswordProblem | null): PasswordVerdict => ({ ok: problem === null, problem, score, warning, suggestions });
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return verdict("too_short");
  }
  if (isLeaked(password, result.sequence)) {
    return verdict("leaked");
  }
  return verdict(score >= PASSWORD_MIN_SCORE ? null : "too_weak");
}

/**
 * In the shipped list of leaked passwords: the password itself, or the whole of it one entry of the
 * list with capitals, l33t or reversed (zxcvbn matched it as one word of that list).
 */
function isLeaked(password: string, sequence: readonly { pattern: string; dictionaryName?: string; i: number; j: number }[]): boolean {
  if (leakedList.has(password.toLowerCase())) {
    return true;
  }
  const [only] = sequence;
  return sequence.length === 1 && only?.pattern === "dictionary" && only.dictionaryName === "passwords-common";
}

const PROBLEM: Record<PasswordProblem, LocalizedText> = {
  too_short: { nl: `moet minstens ${PASSWORD_MIN_LENGTH} tekens lang zijn`, en: `must be at least ${PASSWORD_MIN_LENGTH} characters long` },
  too_long: { nl: `mag hoogstens ${PASSWORD_MAX_LENGTH} tekens lang zijn`, en: `must be at most ${PASSWORD_MAX_LENGTH} characters long` },
  leaked: {
    nl: "dit wachtwoord komt voor in lijsten van gelekte wachtwoorden; kies een ander",
    en: "this password appears in lists of leaked passwords; choose another one",
  },
  too_weak: { nl: "is te makkelijk te raden; maak het langer of minder voorspelbaar", en: "is too easy to guess; make it longer or less predictable" },
};

const ADVICE: Record<string, LocalizedText> = {
  straightRow: { nl: "Rijen toetsen naast elkaar zijn makkelijk te raden.", en: "Straight rows of keys on your keyboard are easy to guess." },
  keyPattern: { nl: "Korte toetsenbordpatronen zijn makkelijk te raden.", en: "Short keyboard patterns are easy to guess." },
  simpleRepeat: { nl: 'Herhaalde tekens zoals "aaa" zijn makkelijk te raden.', en: 'Repeated characters like "aaa" are easy to guess.' },
  extendedRepeat: { nl: 'Herhaalde patronen zoals "abcabc" zijn makkelijk te raden.', en: 'Repeated patterns like "abcabc" are easy to guess.' },
  sequences: { nl: 'Reeksen zoals "abc" of "123" zijn makkelijk te raden.', en: 'Sequences like "abc" or "123" are easy to guess.' },
  recentYears: { nl: "Recente jaartallen zijn makkelijk te raden.", en: "Recent years are easy to guess." },
  dates: { nl: "Datums zijn makkelijk te raden.", en: "Dates are easy to guess." },
  topTen: { nl: "Dit is een van de meest gebruikte wachtwoorden.", en: "This is a heavily used password." },
  topHundred: { nl: "Dit is een veelgebruikt wachtwoord.", en: "This is a frequently used password." },
  common: { nl: "Dit is een veelgebruikt wachtwoord.", en: "This is a commonly used password." },
  similarToCommon: { nl: "Dit lijkt op een veelgebruikt wachtwoord.", en: "This is similar to a commonly used password." },
  wordByItself: { nl: "Losse woorden zijn makkelijk te raden.", en: "Single words are easy to guess." },
  namesByThemselves: { nl: "Losse namen zijn makkelijk te raden.", en: "Single names or surnames are easy to guess." },
  commonNames: { nl: "Veelvoorkomende namen zijn makkelijk te raden.", en: "Common names and surnames are easy to guess." },
  userInputs: { nl: "Gebruik niet uw naam of e-mailadres.", en: "Do not use your name or e-mail address." },
  l33t: { nl: "Vermijd voorspelbare vervangingen zoals '@' voor 'a'.", en: "Avoid predictable letter substitutions like '@' for 'a'." },
  reverseWords: { nl: "Vermijd omgekeerd gespelde woorden.", en: "Avoid reversed spellings of common words." },
  allUppercase: { nl: "Gebruik hoofdletters in een deel van de letters, niet in alle.", en: "Capitalize some, but not all letters." },
  capitalization: { nl: "Gebruik meer hoofdletters dan alleen de eerste.", en: "Capitalize more than the first letter." },
  associatedYears: { nl: "Vermijd jaartallen die met u te maken hebben.", en: "Avoid years that are associated with you." },
  repeated: { nl: "Vermijd herhaalde woorden en tekens.", en: "Avoid repeated words and characters." },
  longerKeyboardPattern: { nl: "Gebruik langere toetsenbordpatronen die van richting veranderen.", en: "Use longer keyboard patterns and change direction." },
  anotherWord: { nl: "Voeg meer, minder gangbare woorden toe.", en: "Add more words that are less common." },
  useWords: { nl: "Gebruik meerdere woorden, maar geen bekende uitdrukking.", en: "Use multiple words, but avoid common phrases." },
};

/** What is wrong with the password, in words, for the field's error; null when it is accepted. */
export function passwordProblemText(verdict: PasswordVerdict): LocalizedText | null {
  return verdict.problem ? PROBLEM[verdict.problem] : null;
}

/** zxcvbn's warning and suggestions in the reader's language (keys we have no words for are left out). */
export function passwordAdvice(verdict: PasswordVerdict, locale: Locale): string[] {
  return [verdict.warning, ...verdict.suggestions]
    .filter((key): key is string => key !== null)
    .map((key) => ADVICE[key]?.[locale])
    .filter((text): text is string => Boolean(text));
}
