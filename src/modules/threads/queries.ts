import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { threadAttachments, threadMessages, type ThreadSubjectType } from "../../db/schema/index.ts";

// All SQL of the threads: messages both ways about one subject, and their attachments.

export interface ThreadSubject {
  type: ThreadSubjectType;
  id: string;
}

/** A message with its attachments stored byte for byte; returns the message's id. */
export async function insertThreadMessage(
  db: Db,
  message: typeof threadMessages.$inferInsert,
  files: Omit<typeof threadAttachments.$inferInsert, "messageId">[],
): Promise<string> {
  const [inserted] = await db.insert(threadMessages).values(message).returning({ id: threadMessages.id });
  if (!inserted) {
    throw new Error("message insert returned nothing");
  }
  if (files.length > 0) {
    await db.insert(threadAttachments).values(files.map((f) => ({ ...f, messageId: inserted.id })));
  }
  return inserted.id;
}

/** A subject's thread, oldest first, each message with its attachments (without their bytes). */
export async function listThread(db: Db, subject: ThreadSubject) {
  const messages = await db
    .select({
      id: threadMessages.id,
      from: threadMessages.from,
      authorName: threadMessages.authorName,
      body: threadMessages.body,
      createdAt: threadMessages.createdAt,
    })
    .from(threadMessages)
    .where(and(eq(threadMessages.subjectType, subject.type), eq(threadMessages.subjectId, subject.id)))
    .orderBy(asc(threadMessages.createdAt), asc(threadMessages.id));
  const files =
    messages.length === 0
      ? []
      : await db
          .select({
            id: threadAttachments.id,
            messageId: threadAttachments.messageId,
            fileName: threadAttachments.fileName,
            mediaType: threadAttachments.mediaType,
            size: threadAttachments.size,
            sha256: threadAttachments.sha256,
          })
          .from(threadAttachments)
          .where(
            inArray(
              threadAttachments.messageId,
              messages.map((m) => m.id),
            ),
          )
          .orderBy(asc(threadAttachments.createdAt), asc(threadAttachments.fileName));
  return messages.map((m) => ({ ...m, attachments: files.filter((f) => f.messageId === m.id).map(({ messageId: _, ...f }) => f) }));
}

export type ThreadMessage = Awaited<ReturnType<typeof listThread>>[number];

/** One attachment with its bytes, and the subject of its message. */
export async function findThreadAttachment(db: Db, id: string) {
  const [row] = await db
    .select({
      id: threadAttachments.id,
      controllerId: threadAttachments.controllerId,
      fileName: threadAttachments.fileName,
      mediaType: threadAttachments.mediaType,
      sha256: threadAttachments.sha256,
      bytes: threadAttachments.bytes,
      subjectType: threadMessages.subjectType,
      subjectId: threadMessages.subjectId,
    })
    .from(threadAttachments)
    .innerJoin(threadMessages, eq(threadMessages.id, threadAttachments.messageId))
    .where(eq(threadAttachments.id, id));
  return row;
}

/** How many messages each subject's thread holds, as an SQL expression over a subject id column. */
export function threadCount(type: ThreadSubjectType, subjectId: ReturnType<typeof sql>) {
  return sql<number>`(select count(*)::int from thread_messages m where m.subject_type = ${type} and m.subject_id = ${subjectId})`;
}
