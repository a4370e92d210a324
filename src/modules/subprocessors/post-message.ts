import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "../notices/index.ts";
import type { ReceivedFile } from "./multipart.ts";
import { findObjectionForUpdate, insertMessage, subprocessorNameOfChange } from "./objection-queries.ts";
import { subprocessorWords } from "./words.ts";

export interface MessageInput {
  from: "processor" | "customer";
  authorId: string;
  authorName: string;
  body: string;
  files: Pick<ReceivedFile, "fileName" | "mediaType" | "bytes" | "sha256">[];
}

const EXCERPT = 200;

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
  const now = clock.now();
  const body = input.body.trim();
  const messageId = await insertMessage(
    tx,
    {
      objectionId,
      controllerId: objection.controllerId,
      from: input.from,
      authorId: input.authorId,
      authorName: input.authorName,
      body,
      createdAt: now,
    },
    input.files.map((f) => ({
      controllerId: objection.controllerId,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.bytes.length,
      sha256: f.sha256,
      bytes: f.bytes,
      createdAt: now,
    })),
  );
  await recordEvent(tx, clock, {
    type: "consultation.message_posted",
    actor,
    controllerId: objection.controllerId,
    subject: { type: "objection", id: objectionId },
    data: {
      messageId,
      changeId: objection.changeId,
      from: input.from,
      body,
      attachments: input.files.map((f) => ({ fileName: f.fileName, mediaType: f.mediaType, size: f.bytes.length, sha256: f.sha256 })),
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
    excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body,
  };
  const subject = { type: "objection", id: objectionId };
  if (input.from === "customer") {
    await queueStaffNotice(tx, clock, actor, { controllerId: objection.controllerId, roles: ["privacy_officer"], subject, data });
  } else {
    await queueCustomerNotices(tx, clock, actor, [{ controllerId: objection.controllerId, subject, data }]);
  }
  return messageId;
}
