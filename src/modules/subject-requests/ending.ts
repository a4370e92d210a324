import type { Db } from "../../db/engine.ts";
import { endOfMonthsAfter } from "../../domain/legal-time.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { findProcessor } from "../processor/index.ts";
import { subjectRequestParameters } from "./parameters.ts";
import { latestSubjectRequestParameters, lockRequest } from "./queries.ts";
import { subjectRequestWords as W } from "./words.ts";

/** A received request to answer (forward, or none of ours), locked: 404 if none, 409 if not waiting, or erased. */
export async function lockReceived(tx: Db, id: string) {
  const row = await lockRequest(tx, id);
  if (!row) {
    throw notFound(W.noun.request);
  }
  if (row.status !== "received" || !row.content) {
    throw conflict(W.notReceived);
  }
  return { ...row, content: row.content };
}

/** When an ending request's content is erased: the end plus the template's retention months, in the processor's zone. */
export async function eraseAfterEnd(tx: Db, end: Date): Promise<Date> {
  const parameters = subjectRequestParameters(await latestSubjectRequestParameters(tx));
  const { timeZone: zone } = await findProcessor(tx);
  return endOfMonthsAfter(end, parameters.retentionMonths, zone);
}
