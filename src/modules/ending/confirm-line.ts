import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { issueCertificate } from "./certificate.ts";
import { linesOf, lockEnding, lockLine, returnRequestsOf, subjectOf, updateEnding, updateLine } from "./queries.ts";
import type { Who } from "./who.ts";
import { endingWords } from "./words.ts";

/** How far ahead of the server's clock a stated moment may be (clocks of people differ a little). */
const SKEW_MS = 5 * 60_000;

export interface ReceivedFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** A non-blank text, trimmed; else a 400 naming the field. */
export function said(field: string, value: string): string {
  const text = value.trim();
  if (text === "") {
    throw invalid(field, endingWords.required);
  }
  return text;
}

/**
 * art. 5.3 flowing down: a sub-processor's own confirmation that it deleted the customer's data,
 * attached to its line as received, with its SHA-256 (evidence). A newer file replaces it until the
 * line is confirmed.
 */
export async function attachConfirmation(tx: Db, clock: Clock, who: Who, lineId: string, file: ReceivedFile): Promise<string> {
  const line = await lockLine(tx, lineId);
  if (!line) {
    throw notFound(endingWords.noun.line);
  }
  if (line.party !== "subprocessor") {
    throw conflict(endingWords.attachmentOnlyForSubprocessor);
  }
  if (line.confirmedAt) {
    throw conflict(endingWords.alreadyConfirmed);
  }
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  await updateLine(tx, lineId, {
    attachmentName: file.fileName,
    attachmentMediaType: file.mediaType,
    attachmentSha256: sha256,
    attachmentBytes: file.bytes,
    attachmentAt: clock.now(),
  });
  await recordEvent(tx, clock, {
    type: "ending.confirmation_attached",
    actor: who.actor,
    controllerId: line.controllerId,
    subject: subjectOf(line.endingId),
    data: { lineId, subprocessor: line.systemCode, category: line.categoryCode, fileName: file.fileName, size: file.bytes.length, sha256 },
  });
  return sha256;
}

/**
 * Staff confirm one line: when its data were deleted and how (and for a sub-processor's line, its own
 * confirmation must be attached). The return comes first: while the customer's request for its data
 * (case kind data_return) is open, nothing is deleted (409). When it is the last, the plan's duty is met (in time or late) and
 * the final deletion certificate goes to the customer, in the same transaction.
 */
export async function confirmLine(tx: Db, clock: Clock, who: Who, lineId: string, input: { deletedAt: string; method: string }): Promise<void> {
  const found = await lockLine(tx, lineId);
  if (!found) {
    throw notFound(endingWords.noun.line);
  }
  // The ending first, then the line again: two last lines confirmed at once see each other.
  const ending = await lockEnding(tx, found.endingId);
  const line = await lockLine(tx, lineId);
  if (!ending || !line) {
    throw notFound(endingWords.noun.line);
  }
  if (line.confirmedAt) {
    throw conflict(endingWords.alreadyConfirmed);
  }
  const method = said("body.method", input.method);
  const deletedAt = new Date(input.deletedAt);
  const now = clock.now();
  if (deletedAt.getTime() > now.getTime() + SKEW_MS) {
    throw invalid("body.deletedAt", endingWords.inFuture);
  }
  if (deletedAt < ending.endedAt) {
    throw invalid("body.deletedAt", endingWords.beforeEnd);
  }
  if (line.party === "subprocessor" && !line.attachmentSha256) {
    throw invalid("body.attachment", endingWords.subprocessorConfirmationNeeded);
  }
  if ((await returnRequestsOf(tx, line.controllerId)).some((r) => r.status !== "closed")) {
    throw conflict(endingWords.returnPending);
  }
  await updateLine(tx, lineId, { deletedAt, method, confirmedBy: who.userId, confirmedByName: who.name, confirmedAt: now });
  await recordEvent(tx, clock, {
    type: "ending.line_confirmed",
    actor: who.actor,
    controllerId: line.controllerId,
    subject: subjectOf(ending.id),
    data: {
      lineId,
      party: line.party,
      system: line.systemCode,
      category: line.categoryCode,
      deletedAt: deletedAt.toISOString(),
      method,
      confirmedBy: who.name,
      attachmentSha256: line.attachmentSha256,
    },
  });
  const lines = await linesOf(tx, ending.id);
  if (lines.every((l) => l.confirmedAt !== null) && ending.completedAt === null) {
    await updateEnding(tx, ending.id, { completedAt: now });
    if (ending.planObligationId) {
      await meetObligations(tx, clock, who.actor, [ending.planObligationId]);
    }
    await issueCertificate(tx, clock, who.actor, { ...ending, completedAt: now }, "final", null);
  }
}
