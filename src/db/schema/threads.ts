import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { bytea, createdAt, id } from "./columns.ts";
import { controllers } from "./controllers.ts";

/**
 * What a thread belongs to: the consultation of an objection (art. 5.2) or a case (art. 2.4 and
 * the kinds after it). The subject's own module says who may read it; the rows carry the customer
 * for row-level security.
 */
export type ThreadSubjectType = "objection" | "case";

/** A conversation both ways between the processor and one customer, about one subject. */
export const threadMessages = pgTable(
  "thread_messages",
  {
    id: id(),
    subjectType: text("subject_type").$type<ThreadSubjectType>().notNull(),
    subjectId: uuid("subject_id").notNull(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    from: text("from_party").$type<"processor" | "customer">().notNull(),
    authorId: uuid("author_id").references(() => users.id),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("thread_messages_subject").on(t.subjectType, t.subjectId, t.createdAt), index("thread_messages_controller").on(t.controllerId, t.createdAt)],
);

/** A file sent with a thread message, stored byte for byte with its SHA-256. */
export const threadAttachments = pgTable(
  "thread_attachments",
  {
    id: id(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => threadMessages.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("thread_attachments_message").on(t.messageId)],
);
