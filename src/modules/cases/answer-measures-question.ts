import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { measuresReport } from "../measures/index.ts";
import type { ThreadMessageInput } from "../threads/index.ts";
import { closeCase } from "./close-case.ts";
import { measuresQuestionKind } from "./measures-question.ts";
import { ENDED } from "./post-case-message.ts";
import { controllerLocaleOf, findCaseForUpdate, subjectOf } from "./queries.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";

/**
 * Staff answer a question about the measures (art. 2.2): the measures report is generated in the
 * customer's language and attached, with any files staff add (evidence only if they attach it),
 * to the answer in the thread; the case closes as "answered", which meets the duty (in time or
 * late, as the obligation records) and tells the customer (case_closed). Evidence: the report's
 * SHA-256 and Annex 2 version (case.measures_answered) besides case.closed.
 */
export async function answerMeasuresQuestion(
  tx: Db,
  clock: Clock,
  who: Who,
  caseId: string,
  input: { note: string; files: ThreadMessageInput["files"] },
): Promise<{ sha256: string; version: number | null; fileName: string }> {
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  if (row.kind !== measuresQuestionKind.kind) {
    throw conflict(caseWords.notMeasuresQuestion);
  }
  if (ENDED.has(row.status)) {
    throw conflict(caseWords.ended);
  }
  const locale = await controllerLocaleOf(tx, row.controllerId);
  const report = await measuresReport(tx, locale, clock);
  const fileName = caseWords.reportFile(locale, report.version);
  const bytes = Buffer.from(report.pdf);
  await closeCase(
    tx,
    clock,
    who,
    caseId,
    {
      outcome: "answered",
      note: input.note,
      files: [{ fileName, mediaType: "application/pdf", bytes, sha256: report.sha256 }, ...input.files],
    },
    { byAction: true },
  );
  await recordEvent(tx, clock, {
    type: "case.measures_answered",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: {
      reference: caseReference(row.number, row.askedAt),
      article: measuresQuestionKind.article,
      report: { fileName, locale, sha256: report.sha256, size: bytes.length, annex2Version: report.version },
      extraFiles: input.files.map((f) => ({ fileName: f.fileName, sha256: f.sha256 })),
    },
  });
  return { sha256: report.sha256, version: report.version, fileName };
}
