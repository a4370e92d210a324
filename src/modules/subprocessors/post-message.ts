import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { attachments, consultationMessages, subprocessorChanges, subprocessors } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "../notices/index.ts";
import type { ReceivedFile } from "./multipart.ts";
import { findObjectionForUpdate } from "./objection-queries.ts";

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
    throw notFound("objection");
  }
  if (objection.status !== "open") {
    throw conflict({
      nl: `dit bezwaar is afgesloten (${objection.status}); het overleg is gesloten`,
      en: `this objection is closed (${objection.status}); the consultation has ended`,
    });
  }
  const now = clock.now();
  const body = input.body.trim();
  const [message] = await tx
    .insert(consultationMessages)
    .values({
      objectionId,
      controllerId: objection.controllerId,
      from: input.from,
      authorId: input.authorId,
      authorName: input.authorName,
      body,
      createdAt: now,
    })
    .returning({ id: consultationMessages.id });
  if (!message) {
    throw new Error("message insert returned nothing");
  }
  if (input.files.length > 0) {
    await tx.insert(attachments).values(
      input.files.map((f) => ({
        messageId: message.id,
        controllerId: objection.controllerId,
        fileName: f.fileName,
        mediaType: f.mediaType,
        size: f.bytes.length,
        sha256: f.sha256,
        bytes: f.bytes,
        createdAt: now,
      })),
    );
  }
  await recordEvent(tx, clock, {
    type: "consultation.message_posted",
    actor,
    controllerId: objection.controllerId,
    subject: { type: "objection", id: objectionId },
    data: {
      messageId: message.id,
      changeId: objection.changeId,
      from: input.from,
      body,
      attachments: input.files.map((f) => ({ fileName: f.fileName, mediaType: f.mediaType, size: f.bytes.length, sha256: f.sha256 })),
    },
  });
  const [about] = await tx
    .select({ name: subprocessors.name })
    .from(subprocessorChanges)
    .innerJoin(subprocessors, eq(subprocessors.id, subprocessorChanges.subprocessorId))
    .where(eq(subprocessorChanges.id, objection.changeId));
  const data = {
    kind: "consultation_message" as const,
    changeId: objection.changeId,
    objectionId,
    subprocessorName: about?.name ?? "",
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
  return message.id;
}
