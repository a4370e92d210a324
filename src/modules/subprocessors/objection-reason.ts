import type { LocalizedText } from "../../domain/text.ts";
import { subprocessorWords } from "./words.ts";

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
    return subprocessorWords.reasonRequired;
  }
  const words = text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length < 2) {
    return subprocessorWords.reasonOneWord;
  }
  if ([...text].length < MIN_REASON_LENGTH) {
    return subprocessorWords.reasonTooShort(MIN_REASON_LENGTH);
  }
  return null;
}
