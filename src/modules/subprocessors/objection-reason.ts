import type { LocalizedText } from "../../domain/text.ts";

/** Fewer characters than this cannot carry a reason a processor can consult on. */
export const MIN_REASON_LENGTH = 20;

/**
 * art. 5.2: an objection must be written *and reasoned* ("schriftelijk en gemotiveerd"). A reason
 * the processor can consult on says why, so it is refused when it is empty or only whitespace,
 * a single word ("nee", "bezwaar"), or shorter than MIN_REASON_LENGTH characters once trimmed.
 * Returns why it is not a reason, or null when it is one. Pure; a table test sits beside it.
 */
export function objectionReasonProblem(reason: string): LocalizedText | null {
  const text = reason.trim();
  if (text === "") {
    return { nl: "is verplicht: geef de reden van uw bezwaar (art. 5.2)", en: "is required: give the reason for your objection (art. 5.2)" };
  }
  const words = text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length < 2) {
    return {
      nl: "is één woord: een bezwaar moet gemotiveerd zijn; leg in een zin uit waarom u bezwaar maakt (art. 5.2)",
      en: "is a single word: an objection must be reasoned; explain in a sentence why you object (art. 5.2)",
    };
  }
  if ([...text].length < MIN_REASON_LENGTH) {
    return {
      nl: `is te kort: een gemotiveerd bezwaar telt minstens ${MIN_REASON_LENGTH} tekens (art. 5.2)`,
      en: `is too short: a reasoned objection has at least ${MIN_REASON_LENGTH} characters (art. 5.2)`,
    };
  }
  return null;
}
