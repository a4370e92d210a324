import type { Db } from "../../db/engine.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { instructionKind } from "./instruction.ts";
import { ENDED } from "./post-case-message.ts";
import { findCaseForUpdate } from "./queries.ts";
import { caseWords } from "./words.ts";

/** The instruction case to answer, locked: 404 if none, 409 if it is another kind or has ended. */
export async function lockOpenInstruction(tx: Db, caseId: string) {
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  if (row.kind !== instructionKind.kind) {
    throw conflict(caseWords.notInstruction);
  }
  if (ENDED.has(row.status)) {
    throw conflict(caseWords.ended);
  }
  return row;
}
