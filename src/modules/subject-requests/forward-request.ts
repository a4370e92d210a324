import { lockReceived } from "./ending.ts";
import type { Db } from "../../db/engine.ts";
import type { SubjectRight } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueCustomerNotices, queueUserNotice } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { customerExists, listFiles, moveFilesTo, subjectOf, updateRequest } from "./queries.ts";
import { requestReference, type Who } from "./reference.ts";
import { subjectRequestWords as W } from "./words.ts";

/**
 * Staff forward a received request to the customer it concerns (art. 8.1): the customer gets it as
 * received, with its files, and is asked to acknowledge it; the duty to forward is met (in time or
 * late); the evidence goes to the customer's chain. If staff choose and the requester gave an
 * address, it is told its request went to the organisation responsible, naming none (art. 8.1,
 * "may").
 */
export async function forwardRequest(tx: Db, clock: Clock, who: Who, id: string, input: { controllerId: string; tellRequester: boolean }): Promise<void> {
  const now = clock.now();
  const row = await lockReceived(tx, id);
  if (!(await customerExists(tx, input.controllerId))) {
    throw invalid("body.controllerId", W.unknownCustomer);
  }
  const reference = requestReference(row.number, row.receivedAt);
  await updateRequest(tx, id, { status: "forwarded", controllerId: input.controllerId, forwardedAt: now, forwardedBy: who.userId, updatedAt: now });
  await moveFilesTo(tx, id, input.controllerId);
  const met = row.obligationId ? await meetObligations(tx, clock, who.actor, [row.obligationId]) : [];
  const files = await listFiles(tx, id);
  await recordEvent(tx, clock, {
    type: "subject_request.forwarded",
    actor: who.actor,
    controllerId: input.controllerId,
    subject: subjectOf(id),
    data: {
      reference,
      right: row.right,
      source: row.source,
      receivedAt: row.receivedAt.toISOString(),
      contentSha256: row.contentSha256,
      files: files.map((f) => f.sha256),
      inTime: met[0]?.metInTime ?? null,
    },
  });
  await queueCustomerNotices(tx, clock, who.actor, [
    {
      controllerId: input.controllerId,
      subject: subjectOf(id),
      data: {
        kind: "subject_request_forwarded",
        requestId: id,
        reference,
        right: row.right,
        source: row.source,
        receivedAt: row.receivedAt.toISOString(),
        content: row.content,
        files: files.length,
      },
    },
  ]);
  if (input.tellRequester && row.content.email) {
    await tellRequester(tx, clock, who, { id, reference, right: row.right, locale: row.locale, email: row.content.email, name: row.content.name }, "forwarded");
  }
}

/** Tells the requester (art. 8.1 "may"): forwarded to the organisation responsible, or none of ours. */
export async function tellRequester(
  tx: Db,
  clock: Clock,
  who: Who,
  request: { id: string; reference: string; right: SubjectRight; locale: "nl" | "en"; email: string; name: string },
  what: "forwarded" | "not_ours",
): Promise<void> {
  await queueUserNotice(tx, clock, who.actor, {
    user: { email: request.email, name: request.name, locale: request.locale, kind: "customer", controllerId: null },
    role: "data_subject",
    subject: subjectOf(request.id),
    data: { kind: what === "forwarded" ? "subject_request_requester_told" : "subject_request_not_ours", reference: request.reference, right: request.right },
  });
  await updateRequest(tx, request.id, { requesterTold: true, updatedAt: clock.now() });
  await recordEvent(tx, clock, {
    type: "subject_request.requester_told",
    actor: who.actor,
    controllerId: null,
    subject: subjectOf(request.id),
    data: { reference: request.reference, what },
  });
}
