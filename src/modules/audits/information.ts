import type { Db } from "../../db/engine.ts";
import type { InformationAsker } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { meetObligations, openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { agreementClocks } from "../subprocessors/index.ts";
import type { ReceivedFile } from "../threads/index.ts";
import { auditForAct, subjectOf, tellOtherParty, textHash } from "./act.ts";
import { findInformationRequest, insertFile, insertInformationRequest, updateInformationRequest } from "./queries.ts";
import type { AuditWho } from "./who.ts";
import { auditWords } from "./words.ts";

export const AUDIT_INFORMATION_KIND = "audit_information";

/**
 * art. 10.3: the customer, or the expert (the processor records its request), asks for information:
 * the processor's duty to answer opens on the obligation engine, due at the end of the Nth calendar
 * day after (its agreement's auditInformationDays, 14), reminded and escalated by the sweep.
 */
export async function askInformation(
  tx: Db,
  clock: Clock,
  who: AuditWho,
  auditId: string,
  input: { askedBy: InformationAsker; question: string },
): Promise<string> {
  const open = await auditForAct(tx, auditId);
  const question = input.question.trim();
  if (question === "") {
    throw invalid("body.question", auditWords.questionNeeded);
  }
  if (who.side === "processor" && input.askedBy !== "expert") {
    throw invalid("body.askedBy", auditWords.expertAskedByStaff);
  }
  const controllerId = open.audit.controllerId;
  const now = clock.now();
  const { timeZone: zone } = await findProcessor(tx);
  const own = (await agreementClocks(tx, [controllerId], "auditInformationDays")).get(controllerId) ?? { templateVersion: null, amount: 14 };
  const id = crypto.randomUUID();
  const [duty] = await openObligations(tx, clock, who.actor, [
    {
      controllerId,
      kind: AUDIT_INFORMATION_KIND,
      nature: "duty",
      party: "processor",
      responsibleRoles: ["privacy_officer", "admin"],
      title: auditWords.informationDuty(open.reference),
      subject: { type: "audit_information_request", id },
      article: "10.3",
      clock: { unit: "calendarDays", amount: own.amount },
      templateVersion: own.templateVersion,
      zone,
      triggerAt: now,
    },
  ]);
  if (!duty) {
    throw new Error("the information duty was not opened");
  }
  await insertInformationRequest(tx, {
    id,
    auditId,
    controllerId,
    askedBy: input.askedBy,
    question,
    askedByName: who.name,
    askedAt: now,
    obligationId: duty.id,
    dueAt: duty.dueAt,
  });
  await recordEvent(tx, clock, {
    type: "audit.information_requested",
    actor: who.actor,
    controllerId,
    subject: subjectOf(auditId),
    data: {
      reference: open.reference,
      requestId: id,
      askedBy: input.askedBy,
      questionSha256: textHash(question),
      obligationId: duty.id,
      dueAt: duty.dueAt.toISOString(),
    },
  });
  await tellOtherParty(tx, clock, who, open, "information_requested", duty.dueAt);
  return id;
}

/**
 * art. 10.3: the processor answers an information request, with attachments kept byte for byte with
 * their SHA-256; its duty is met, in time or late, and the evidence says which.
 */
export async function answerInformation(
  tx: Db,
  clock: Clock,
  who: AuditWho,
  auditId: string,
  requestId: string,
  input: { answer: string; files: ReceivedFile[] },
): Promise<{ inTime: boolean }> {
  const open = await auditForAct(tx, auditId);
  const request = await findInformationRequest(tx, auditId, requestId, true);
  if (!request) {
    throw notFound(auditWords.noun.request);
  }
  if (request.answeredAt !== null) {
    throw conflict(auditWords.answeredAlready);
  }
  const answer = input.answer.trim();
  if (answer === "") {
    throw invalid("body.answer", auditWords.answerNeeded);
  }
  const now = clock.now();
  const files = [];
  for (const file of input.files) {
    const fileId = await insertFile(tx, {
      auditId,
      controllerId: open.audit.controllerId,
      informationRequestId: requestId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      size: file.bytes.length,
      sha256: file.sha256,
      content: file.bytes,
      uploadedByName: who.name,
      uploadedAt: now,
    });
    files.push({ fileId, fileName: file.fileName, size: file.bytes.length, sha256: file.sha256 });
  }
  const met = request.obligationId ? await meetObligations(tx, clock, who.actor, [request.obligationId]) : [];
  const inTime = met[0]?.metInTime ?? now.getTime() <= request.dueAt.getTime();
  await updateInformationRequest(tx, requestId, { answer, answeredAt: now, answeredByName: who.name, inTime });
  await recordEvent(tx, clock, {
    type: "audit.information_answered",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: {
      reference: open.reference,
      requestId,
      answerSha256: textHash(answer),
      files,
      dueAt: request.dueAt.toISOString(),
      answeredAt: now.toISOString(),
      inTime,
    },
  });
  await tellOtherParty(tx, clock, who, open, "information_answered");
  return { inTime };
}
