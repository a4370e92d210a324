import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "../notices/index.ts";
import { postThreadMessage, type ThreadMessageInput } from "../threads/index.ts";
import { findObjectionForUpdate, subprocessorNameOfChange } from "./objection-queries.ts";
import { subprocessorWords } from "./words.ts";

export type MessageInput = ThreadMessageInput;

/**
 * art. 5.2: "Partijen zullen onderling in overleg treden": one message in the consultation of an
 * objection, from either side, with its attachments stored byte for byte with their SHA-256. It is
 * evidence in the customer's stream, and the other side is told.
 */
export async function postConsultationMessage(tx: Db, clock: Clock, actor: EventActor, objectionId: string, input: MessageInput): Promise<string> {
  const objection = await findObjectionForUpdate(tx, objectionId);
  if (!objection) {
    throw notFound(subprocessorWords.noun.objection);
  }
  if (objection.status !== "open") {
    throw conflict(subprocessorWords.consultationEnded(objection.status));
  }
  const posted = await postThreadMessage(tx, clock, { type: "objection", id: objectionId }, objection.controllerId, input);
  await recordEvent(tx, clock, {
    type: "consultation.message_posted",
    actor,
    controllerId: objection.controllerId,
    subject: { type: "objection", id: objectionId },
    data: {
      messageId: posted.messageId,
      changeId: objection.changeId,
      from: input.from,
      body: posted.body,
      attachments: posted.attachments,
    },
  });
  const subprocessorName = await subprocessorNameOfChange(tx, objection.changeId);
  const data = {
    kind: "consultation_message" as const,
    changeId: objection.changeId,
    objectionId,
    subprocessorName: subprocessorName ?? "",
    from: input.from,
    authorName: input.authorName,
    excerpt: posted.excerpt,
  };
  const subject = { type: "objection", id: objectionId };
  if (input.from === "customer") {
    await queueStaffNotice(tx, clock, actor, { controllerId: objection.controllerId, roles: ["privacy_officer"], subject, data });
  } else {
    await queueCustomerNotices(tx, clock, actor, [{ controllerId: objection.controllerId, subject, data }]);
  }
  return posted.messageId;
}
