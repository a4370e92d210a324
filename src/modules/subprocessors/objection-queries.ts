import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { attachments, changeRecipients, consultationMessages, controllers, objections, subprocessorChanges, subprocessors } from "../../db/schema/index.ts";

const objectionColumns = {
  id: objections.id,
  changeId: objections.changeId,
  controllerId: objections.controllerId,
  customerName: controllers.name,
  reason: objections.reason,
  submittedAt: objections.submittedAt,
  status: objections.status,
  outcomeNote: objections.outcomeNote,
  outcomeAt: objections.outcomeAt,
  changeKind: subprocessorChanges.kind,
  changeStatus: subprocessorChanges.status,
  subprocessorName: subprocessors.name,
  windowEndsAt: changeRecipients.windowEndsAt,
  messages: sql<number>`(select count(*)::int from consultation_messages m where m.objection_id = "objections"."id")`,
};

function objectionQuery(db: Db) {
  return db
    .select(objectionColumns)
    .from(objections)
    .innerJoin(controllers, eq(controllers.id, objections.controllerId))
    .innerJoin(subprocessorChanges, eq(subprocessorChanges.id, objections.changeId))
    .innerJoin(subprocessors, eq(subprocessors.id, subprocessorChanges.subprocessorId))
    .leftJoin(changeRecipients, and(eq(changeRecipients.changeId, objections.changeId), eq(changeRecipients.controllerId, objections.controllerId)));
}

export type ObjectionView = NonNullable<Awaited<ReturnType<typeof findObjection>>>;

export async function findObjection(db: Db, id: string) {
  const [row] = await objectionQuery(db).where(eq(objections.id, id));
  return row ?? null;
}

export interface ObjectionFilter {
  changeId?: string | undefined;
  controllerId?: string | undefined;
  status?: "open" | "withdrawn" | "resolved" | "customer_leaves" | undefined;
  /** Support staff: only these customers (art. 9.1). */
  onlyIds: string[] | null;
}

export async function listObjections(db: Db, filter: ObjectionFilter) {
  if (filter.onlyIds?.length === 0) {
    return [];
  }
  return objectionQuery(db)
    .where(
      and(
        filter.changeId ? eq(objections.changeId, filter.changeId) : undefined,
        filter.controllerId ? eq(objections.controllerId, filter.controllerId) : undefined,
        filter.status ? eq(objections.status, filter.status) : undefined,
        filter.onlyIds ? inArray(objections.controllerId, filter.onlyIds) : undefined,
      ),
    )
    .orderBy(desc(objections.submittedAt), asc(objections.id));
}

export async function findObjectionForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(objections).where(eq(objections.id, id)).for("update");
  return row ?? null;
}

export async function listMessages(db: Db, objectionId: string) {
  const messages = await db
    .select({
      id: consultationMessages.id,
      from: consultationMessages.from,
      authorName: consultationMessages.authorName,
      body: consultationMessages.body,
      createdAt: consultationMessages.createdAt,
    })
    .from(consultationMessages)
    .where(eq(consultationMessages.objectionId, objectionId))
    .orderBy(asc(consultationMessages.createdAt), asc(consultationMessages.id));
  const files =
    messages.length === 0
      ? []
      : await db
          .select({
            id: attachments.id,
            messageId: attachments.messageId,
            fileName: attachments.fileName,
            mediaType: attachments.mediaType,
            size: attachments.size,
            sha256: attachments.sha256,
          })
          .from(attachments)
          .where(
            inArray(
              attachments.messageId,
              messages.map((m) => m.id),
            ),
          )
          .orderBy(asc(attachments.createdAt), asc(attachments.fileName));
  return messages.map((m) => ({ ...m, attachments: files.filter((f) => f.messageId === m.id).map(({ messageId: _, ...f }) => f) }));
}

export async function findAttachment(db: Db, id: string) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row ?? null;
}
