import { Type } from "typebox";
import { invalid } from "../../http/errors.ts";
import { Line, NonBlankLine, Text } from "../../http/schemas.ts";
import { defineCaseKind } from "./kinds.ts";
import { LocalDate } from "./local-date.ts";
import { caseWords } from "./words.ts";

export const InstructionRequest = Type.Object(
  {
    purpose: NonBlankLine(200, { description: "the other purpose to process for, in a line" }),
    description: Text(10_000, { minLength: 1, description: "what the processor is to do for it" }),
    data: Text(2000, { minLength: 1, description: "which personal data (and of whom) it concerns" }),
    services: Type.Array(Line(64, { minLength: 1 }), { minItems: 1, maxItems: 50, description: "the codes of the services it concerns (yours)" }),
    from: LocalDate,
    reference: Type.Optional(Line(100, { description: "the customer's own reference" })),
  },
  { additionalProperties: false },
);

/** The outcome of an instruction the processor accepted: its purpose is in Annex 1 (accept-instruction.ts). */
export const INSTRUCTION_ACCEPTED = "accepted";
/** The outcome of an instruction the processor warned would infringe the law (GDPR 28(3), warn-instruction.ts). */
export const INSTRUCTION_INFRINGES = "infringes";

/**
 * art. 1.2: "Verwerkingsverantwoordelijke zal Verwerker schriftelijk op de hoogte stellen van andere
 * verwerkingsdoeleinden voor zover deze niet reeds in deze Verwerkersovereenkomst zijn genoemd", and
 * GDPR 28(3)(a): the processor processes only on documented instructions. The agreement sets no term
 * to answer, so the processor answers within a fixed 14 calendar days, as for the measures (art. 2.2).
 * No costs. Staff accept it (the purpose goes into the customer's Annex 1: a new version, and the
 * customer is told what changed), refuse it with a reason (POST /cases/{id}/close), or warn that it
 * would infringe the GDPR or other law (GDPR 28(3) last paragraph), a notice of its own.
 */
export const instructionKind = defineCaseKind({
  kind: "instruction",
  label: { nl: "Schriftelijke instructie voor een ander doel", en: "Written instruction for another purpose" },
  article: "1.2",
  clock: { unit: "calendarDays", amount: 14 },
  request: InstructionRequest,
  title: (request) => request.purpose.trim(),
  services: (request) => request.services,
  dates: (request) => ({ from: request.from }),
  check: (_tx, request) => {
    for (const field of ["description", "data"] as const) {
      if (request[field].trim() === "") {
        throw invalid(`body.request.${field}`, caseWords.required);
      }
    }
    return Promise.resolve();
  },
  outcomes: {
    [INSTRUCTION_ACCEPTED]: { nl: "Aanvaard: het doel staat in bijlage 1", en: "Accepted: the purpose is in Annex 1" },
    refused: { nl: "Geweigerd", en: "Refused" },
    [INSTRUCTION_INFRINGES]: {
      nl: "Niet uitgevoerd: in strijd met de AVG of andere wetgeving",
      en: "Not carried out: would infringe the GDPR or other law",
    },
    already_covered: { nl: "Valt al onder bijlage 1", en: "Already covered by Annex 1" },
    withdrawn: { nl: "Ingetrokken door de klant", en: "Withdrawn by the customer" },
  },
  actionOutcomes: [INSTRUCTION_ACCEPTED, INSTRUCTION_INFRINGES],
  deliverableOutcomes: [],
  costs: false,
});
