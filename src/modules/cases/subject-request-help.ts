import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { invalid } from "../../http/errors.ts";
import { Line, Text } from "../../http/schemas.ts";
import { subjectRequestVisible } from "../subject-requests/index.ts";
import { defineCaseKind } from "./kinds.ts";
import { LocalDate } from "./local-date.ts";
import { caseWords } from "./words.ts";

export const SubjectRequestHelpRequest = Type.Object(
  {
    subjectRequest: Line(20, {
      minLength: 1,
      pattern: "^B-[0-9]{4}-[0-9]{4,12}$",
      description: "the reference of the data subject's request forwarded to you (B-2026-0007)",
    }),
    what: Text(10_000, { minLength: 1, description: "what technical help is asked (e.g. an export of the mailbox, deleting backups)" }),
    neededBy: Type.Union([LocalDate, Type.Null()], { description: "the date the customer needs it by (its own one-month term, GDPR art. 12(3))" }),
  },
  { additionalProperties: false },
);

/** The data subject's request must be one forwarded to this customer (row-level security shows no other). */
async function checkHelp(tx: Db, request: { subjectRequest: string; what: string }): Promise<void> {
  if (request.what.trim() === "") {
    throw invalid("body.request.what", caseWords.required);
  }
  if (!(await subjectRequestVisible(tx, request.subjectRequest))) {
    throw invalid("body.request.subjectRequest", caseWords.unknownSubjectRequest);
  }
}

/**
 * art. 8.2: "Verwerker kan […] technische hulp bieden bij het beantwoorden van verzoeken van
 * betrokkenen […] Verwerker kan hiervoor redelijke kosten in rekening brengen." The customer asks for
 * help with a data subject's request forwarded to it; the processor answers with an estimate within
 * a fixed 14 calendar days (the agreement sets no term), which the customer accepts before any
 * billable work, as for DPIA help (art. 2.4).
 */
export const subjectRequestHelpKind = defineCaseKind({
  kind: "subject_request_help",
  label: { nl: "Technische hulp bij een verzoek van een betrokkene", en: "Technical help with a data subject request" },
  article: "8.2",
  clock: { unit: "calendarDays", amount: 14 },
  request: SubjectRequestHelpRequest,
  title: (request) => request.subjectRequest,
  dates: (request) => ({ neededBy: request.neededBy }),
  check: checkHelp,
  outcomes: {
    delivered: { nl: "Geleverd", en: "Delivered" },
    withdrawn: { nl: "Ingetrokken door de klant", en: "Withdrawn by the customer" },
    not_needed: { nl: "Geen hulp nodig", en: "No help needed" },
  },
  deliverableOutcomes: [],
  costs: true,
});
