import { LocalDate } from "./local-date.ts";
import { Type } from "typebox";
import { Line, NonBlankLine, Text } from "../../http/schemas.ts";
import { defineCaseKind } from "./kinds.ts";

export const DpiaHelpRequest = Type.Object(
  {
    /** A DPIA (GDPR art. 35) or a prior consultation of the AP (GDPR art. 36). */
    subject: Type.Enum(["dpia", "prior_consultation"]),
    title: NonBlankLine(200, { description: "what the DPIA or consultation is about, in a line" }),
    what: Text(10_000, { minLength: 1, description: "what help is asked" }),
    services: Type.Array(Line(64, { minLength: 1 }), { maxItems: 50, description: "the codes of the services it concerns (yours)" }),
    neededBy: Type.Union([LocalDate, Type.Null()], { description: "the date the customer needs it by" }),
    reference: Type.Optional(Line(100, { description: "the customer's own reference" })),
  },
  { additionalProperties: false },
);

/**
 * art. 2.4: "Verwerker zal Verwerkingsverantwoordelijke de noodzakelijke medewerking verlenen
 * wanneer er […] een gegevensbeschermingseffectbeoordeling, of een voorafgaande raadpleging van de
 * toezichthouder, noodzakelijk mocht zijn. Verwerker kan hiervoor redelijke kosten in rekening
 * brengen." The agreement sets no term, so the processor answers (with its estimate) within a
 * fixed 14 calendar days, the term art. 2.2 sets for the measures.
 */
export const dpiaHelpKind = defineCaseKind({
  kind: "dpia_help",
  label: { nl: "Hulp bij DPIA of voorafgaande raadpleging", en: "DPIA or prior consultation help" },
  article: "2.4",
  clock: { unit: "calendarDays", amount: 14 },
  request: DpiaHelpRequest,
  title: (request) => request.title.trim(),
  services: (request) => request.services,
  dates: (request) => ({ neededBy: request.neededBy }),
  outcomes: {
    delivered: { nl: "Opgeleverd", en: "Delivered" },
    withdrawn: { nl: "Ingetrokken door de klant", en: "Withdrawn by the customer" },
    not_needed: { nl: "Geen medewerking nodig", en: "No help needed" },
  },
  deliverableOutcomes: ["delivered"],
  costs: true,
});
