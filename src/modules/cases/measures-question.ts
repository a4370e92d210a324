import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { invalid } from "../../http/errors.ts";
import { Line, Text } from "../../http/schemas.ts";
import { annex2InForce } from "../measures/index.ts";
import { defineCaseKind } from "./kinds.ts";
import { caseWords } from "./words.ts";

export const MeasuresQuestionRequest = Type.Object(
  {
    question: Text(10_000, { minLength: 1, description: "what the customer wants to know about the measures" }),
    measures: Type.Array(Line(64, { minLength: 1 }), { maxItems: 100, description: "the Annex 2 codes of the measures it asks about (GET /annex2), if any" }),
    standard: Type.Optional(Line(200, { description: 'a standard the customer maps the measures to, e.g. "ISO/IEC 27001:2022"' })),
  },
  { additionalProperties: false },
);

/** A question in words; the named measures must be in the current Annex 2 (the version published last). */
async function checkQuestion(tx: Db, request: { question: string; measures: string[] }): Promise<void> {
  if (request.question.trim() === "") {
    throw invalid("body.request.question", caseWords.required);
  }
  if (request.measures.length === 0) {
    return;
  }
  const codes = new Set((await annex2InForce(tx)).measures.map((m) => m.code));
  const unknown = request.measures.findIndex((code) => !codes.has(code));
  if (unknown >= 0) {
    throw invalid(`body.request.measures.${unknown}`, caseWords.unknownMeasure);
  }
}

/**
 * art. 2.2: "Verwerker zal Verwerkingsverantwoordelijke, op diens eerste verzoek daartoe maar
 * uiterlijk binnen veertien (14) kalenderdagen, informeren over de door haar genomen maatregelen"
 * (Annex 2). The clock is the customer's
 * agreement version's `measuresAnswerDays`; no costs; staff answer with the measures report
 * (answer-measures-question.ts), which closes the case as "answered" and so meets the duty.
 */
export const measuresQuestionKind = defineCaseKind({
  kind: "measures_question",
  label: { nl: "Vraag over de beveiligingsmaatregelen", en: "Question about the security measures" },
  article: "2.2",
  clock: { parameter: "measuresAnswerDays", unit: "calendarDays", amount: 14 },
  request: MeasuresQuestionRequest,
  title: (request) => {
    const line = request.question.trim().split(/\r?\n/)[0] ?? "";
    return line.length > 120 ? `${line.slice(0, 117)}…` : line;
  },
  check: checkQuestion,
  outcomes: {
    answered: { nl: "Beantwoord met het maatregelenrapport", en: "Answered with the measures report" },
    withdrawn: { nl: "Ingetrokken door de klant", en: "Withdrawn by the customer" },
  },
  deliverableOutcomes: ["answered"],
  actionOutcomes: ["answered"],
  costs: false,
});
