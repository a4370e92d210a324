import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "../notices/index.ts";
import { postThreadMessage, type ThreadMessageInput } from "../threads/index.ts";
import { caseKindOf } from "./case-kinds.ts";
import { findCaseForUpdate, subjectOf } from "./queries.ts";
import { caseReference } from "./who.ts";
import { caseWords } from "./words.ts";
import type { EventActor } from "../evidence/index.ts";

export const ENDED = new Set(["declined", "closed"]);

/** A message in a case's thread from either side, with attachments (SHA-256); evidence, and the other side is told. */
export async function postCaseMessage(tx: Db, clock: Clock, actor: EventActor, caseId: string, input: ThreadMessageInput): Promise<string> {
  const row = await findCaseForUpdate(tx, caseId);
  if (!row) {
    throw notFound(caseWords.noun.case);
  }
  if (ENDED.has(row.status)) {
    throw conflict(caseWords.ended);
  }
  const posted = await postThreadMessage(tx, clock, { type: "case", id: caseId }, row.controllerId, input);
  const reference = caseReference(row.number, row.askedAt);
  await recordEvent(tx, clock, {
    type: "case.message_posted",
    actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: { reference, messageId: posted.messageId, from: input.from, body: posted.body, attachments: posted.attachments },
  });
  const data = {
    kind: "case_message" as const,
    caseId,
    reference,
    caseKind: caseKindOf(row.kind).label,
    title: row.title,
    from: input.from,
    authorName: input.authorName,
    excerpt: posted.excerpt,
  };
  if (input.from === "customer") {
    await queueStaffNotice(tx, clock, actor, { controllerId: row.controllerId, roles: ["privacy_officer"], subject: subjectOf(caseId), data });
  } else {
    await queueCustomerNotices(tx, clock, actor, [{ controllerId: row.controllerId, subject: subjectOf(caseId), data }]);
  }
  return posted.messageId;
}
