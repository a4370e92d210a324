import { notFound } from "../../http/errors.ts";
import { dataReturnKind } from "./data-return.ts";
import { dpiaHelpKind } from "./dpia-help.ts";
import type { CaseKindDefinition } from "./kinds.ts";
import { instructionKind } from "./instruction.ts";
import { measuresQuestionKind } from "./measures-question.ts";
import { subjectRequestHelpKind } from "./subject-request-help.ts";

/** Every kind of case. A new kind (measures information, instructions, …) is a definition added here. */
export const CASE_KINDS: readonly CaseKindDefinition[] = [dpiaHelpKind, measuresQuestionKind, instructionKind, subjectRequestHelpKind, dataReturnKind];

export const CASE_KIND_CODES = CASE_KINDS.map((k) => k.kind) as [string, ...string[]];

/** The definition of a stored case's kind. */
export function caseKindOf(kind: string): CaseKindDefinition {
  const found = CASE_KINDS.find((k) => k.kind === kind);
  if (!found) {
    throw notFound({ nl: `soort verzoek ${kind}`, en: `request kind ${kind}` });
  }
  return found;
}
