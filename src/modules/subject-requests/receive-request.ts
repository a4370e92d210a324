import type { Db } from "../../db/engine.ts";
import type { SubjectRequestSource, SubjectRight } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { subjectRequestParameters } from "./parameters.ts";
import { latestSubjectRequestParameters, subjectOf, updateRequest } from "./queries.ts";
import { requestReference } from "./reference.ts";
import { subjectRequestWords as W } from "./words.ts";

/**
 * A request has reached the processor (art. 8.1): recorded by staff, or sent through the form and
 * its address confirmed. The processor's duty to forward it opens, due the template's number of
 * working days later (default 2); the privacy staff are told; the evidence (processor's stream,
 * no personal data: reference, right, source, the content's SHA-256) records it.
 */
export async function receiveRequest(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  request: { id: string; number: number; receivedAt: Date; right: SubjectRight; source: SubjectRequestSource; contentSha256: string },
): Promise<{ dueAt: Date }> {
  const now = clock.now();
  const parameters = subjectRequestParameters(await latestSubjectRequestParameters(tx));
  const { timeZone: zone } = await findProcessor(tx);
  const reference = requestReference(request.number, request.receivedAt);
  const [duty] = await openObligations(tx, clock, actor, [
    {
      controllerId: null,
      kind: "subject_request_forward",
      nature: "duty",
      party: "processor",
      responsibleRoles: ["privacy_officer"],
      title: W.forwardDuty(reference),
      subject: subjectOf(request.id),
      article: "8.1",
      clock: { unit: "workingDays", amount: parameters.forwardWorkingDays, holidays: parameters.holidays },
      templateVersion: null,
      zone,
      triggerAt: now,
    },
  ]);
  if (!duty) {
    throw new Error("the duty to forward was not opened");
  }
  await updateRequest(tx, request.id, { status: "received", obligationId: duty.id, updatedAt: now });
  await recordEvent(tx, clock, {
    type: "subject_request.received",
    actor,
    controllerId: null,
    subject: subjectOf(request.id),
    data: {
      reference,
      right: request.right,
      source: request.source,
      receivedAt: request.receivedAt.toISOString(),
      contentSha256: request.contentSha256,
      dueAt: duty.dueAt.toISOString(),
      clock: { unit: "workingDays", amount: parameters.forwardWorkingDays, holidays: parameters.holidays },
    },
  });
  await queueStaffNotice(tx, clock, actor, {
    controllerId: null,
    roles: ["privacy_officer"],
    subject: subjectOf(request.id),
    data: {
      kind: "subject_request_received",
      requestId: request.id,
      reference,
      right: request.right,
      source: request.source,
      dueAt: duty.dueAt.toISOString(),
    },
  });
  return { dueAt: duty.dueAt };
}
