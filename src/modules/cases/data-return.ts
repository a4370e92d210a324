import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { conflict, invalid } from "../../http/errors.ts";
import { Line, Text } from "../../http/schemas.ts";
import { endingState } from "../ending/index.ts";
import { findProcessor } from "../processor/index.ts";
import { localDate } from "../../domain/legal-time.ts";
import { defineCaseKind } from "./kinds.ts";
import { LocalDate } from "./local-date.ts";
import { caseWords } from "./words.ts";

export const DataReturnRequest = Type.Object(
  {
    what: Text(4000, { minLength: 1, description: "which data the customer wants returned (e.g. every mailbox and the website's files and databases)" }),
    format: Line(200, { description: "the form it wants them in, if any (e.g. mbox and a tar archive)" }),
    neededBy: LocalDate,
  },
  { additionalProperties: false },
);

/**
 * The return must come before the deletion: the customer's agreement has ended, no line of its
 * deletion plan is confirmed yet, and the date it needs the export by lies between today and the
 * plan's due date (its own date, which the plan waits for).
 */
async function checkReturn(tx: Db, request: { what: string; neededBy: string }, controllerId: string, now: Date): Promise<void> {
  const state = await endingState(tx, controllerId);
  if (!state) {
    throw conflict(caseWords.returnNotEnded);
  }
  if (request.what.trim() === "") {
    throw invalid("body.request.what", caseWords.required);
  }
  if (state.deletionBegun) {
    throw invalid("body.request", caseWords.returnAfterDeletion);
  }
  const { timeZone: zone } = await findProcessor(tx);
  const latest = localDate(state.planDueAt, zone);
  if (request.neededBy < localDate(now, zone) || request.neededBy > latest) {
    throw invalid("body.request.neededBy", caseWords.returnDateRange(latest));
  }
}

/**
 * art. 12.2: at the end of the agreement the customer may first ask for its data back (an export)
 * before they are deleted, by a date of its own before the deletion plan is due; on a fixed 14-day
 * clock to answer, without costs. Staff deliver the export in the case's thread and close it as
 * delivered.
 */
export const dataReturnKind = defineCaseKind({
  kind: "data_return",
  label: { nl: "Teruggave van gegevens bij einde overeenkomst", en: "Return of data at the end of the agreement" },
  article: "12.2",
  clock: { unit: "calendarDays", amount: 14 },
  request: DataReturnRequest,
  title: (request) => request.what.slice(0, 120),
  dates: (request) => ({ neededBy: request.neededBy }),
  check: checkReturn,
  outcomes: {
    delivered: { nl: "Geleverd", en: "Delivered" },
    withdrawn: { nl: "Ingetrokken door de klant", en: "Withdrawn by the customer" },
  },
  deliverableOutcomes: [],
  costs: false,
});
