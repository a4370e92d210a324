// art. 10.2: a customer may have the processor audited only on a concrete, written, reasoned suspicion
// of misuse. The rule that says whether a reason is one, stricter than an objection's (art. 5.2:
// two words and 20 characters, subprocessors/objection-reason.ts): a suspicion the processor can
// weigh says what was seen, when or where, and why it points to misuse. Pure; the web runs it too.

import type { LocalizedText } from "./text.ts";

/** Fewer characters than this cannot describe what was seen and why it suggests misuse. */
export const MIN_AUDIT_REASON_LENGTH = 100;
/** Fewer words than this is a slogan, not a reasoned suspicion. */
export const MIN_AUDIT_REASON_WORDS = 15;
/** Fewer different words than this is repetition ("misbruik misbruik …"), not a description. */
export const MIN_AUDIT_REASON_DISTINCT_WORDS = 10;

export const auditReasonWords = {
  required: {
    nl: "is verplicht: beschrijf het concrete vermoeden van misbruik waarop u de audit vraagt (art. 10.2)",
    en: "is required: describe the concrete suspicion of misuse you ask the audit for (art. 10.2)",
  },
  tooFewWords: (min: number): LocalizedText => ({
    nl: `is te kort: een gemotiveerd vermoeden beschrijft in minstens ${min} woorden wat u zag, wanneer, en waarom het op misbruik wijst (art. 10.2)`,
    en: `is too short: a reasoned suspicion describes in at least ${min} words what you saw, when, and why it points to misuse (art. 10.2)`,
  }),
  tooShort: (min: number): LocalizedText => ({
    nl: `is te kort: een gemotiveerd vermoeden van misbruik heeft minstens ${min} tekens (art. 10.2)`,
    en: `is too short: a reasoned suspicion of misuse has at least ${min} characters (art. 10.2)`,
  }),
  repetitive: {
    nl: "herhaalt zich: beschrijf in eigen woorden wat er concreet gebeurde (art. 10.2)",
    en: "repeats itself: describe in your own words what concretely happened (art. 10.2)",
  },
  notConcrete: {
    nl: "is niet concreet: noem wanneer of waar het gebeurde (een datum, tijdstip, aantal of kenmerk) (art. 10.2)",
    en: "is not concrete: say when or where it happened (a date, time, number or reference) (art. 10.2)",
  },
} as const;

/**
 * Why `reason` is not a concrete, written, reasoned suspicion of misuse, or null when it is one:
 * empty; fewer than MIN_AUDIT_REASON_WORDS words; fewer than MIN_AUDIT_REASON_LENGTH characters once
 * trimmed; fewer than MIN_AUDIT_REASON_DISTINCT_WORDS different words; or nothing that pins it
 * down (no digit: no date, time, number or reference). Checked in that order.
 */
export function auditReasonProblem(reason: string): LocalizedText | null {
  const text = reason.trim();
  if (text === "") {
    return auditReasonWords.required;
  }
  const words = text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length < MIN_AUDIT_REASON_WORDS) {
    return auditReasonWords.tooFewWords(MIN_AUDIT_REASON_WORDS);
  }
  if ([...text].length < MIN_AUDIT_REASON_LENGTH) {
    return auditReasonWords.tooShort(MIN_AUDIT_REASON_LENGTH);
  }
  const distinct = new Set(words.map((word) => word.toLocaleLowerCase("nl").replace(/[^\p{L}\p{N}]/gu, "")));
  if (distinct.size < MIN_AUDIT_REASON_DISTINCT_WORDS) {
    return auditReasonWords.repetitive;
  }
  if (!/\p{N}/u.test(text)) {
    return auditReasonWords.notConcrete;
  }
  return null;
}
