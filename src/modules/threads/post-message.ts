import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { ReceivedFile } from "./multipart.ts";
import { insertThreadMessage, type ThreadSubject } from "./queries.ts";

export interface ThreadMessageInput {
  from: "processor" | "customer";
  authorId: string;
  authorName: string;
  body: string;
  files: Pick<ReceivedFile, "fileName" | "mediaType" | "bytes" | "sha256">[];
}

/** What the subject's evidence event records of a message: its text and each file's name, size and hash. */
export interface PostedThreadMessage {
  messageId: string;
  body: string;
  attachments: { fileName: string; mediaType: string; size: number; sha256: string }[];
  /** The first 200 characters, for a notice. */
  excerpt: string;
}

const EXCERPT = 200;

/**
 * Adds a message to a subject's thread, its attachments stored byte for byte with their SHA-256.
 * The caller owns the transaction, checks that the thread is open, and records its own evidence
 * event and notices with what this returns (the subject's module knows what the message is about).
 */
export async function postThreadMessage(
  tx: Db,
  clock: Clock,
  subject: ThreadSubject,
  controllerId: string,
  input: ThreadMessageInput,
): Promise<PostedThreadMessage> {
  const now = clock.now();
  const body = input.body.trim();
  const messageId = await insertThreadMessage(
    tx,
    {
      subjectType: subject.type,
      subjectId: subject.id,
      controllerId,
      from: input.from,
      authorId: input.authorId,
      authorName: input.authorName,
      body,
      createdAt: now,
    },
    input.files.map((f) => ({
      controllerId,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.bytes.length,
      sha256: f.sha256,
      bytes: f.bytes,
      createdAt: now,
    })),
  );
  return {
    messageId,
    body,
    attachments: input.files.map((f) => ({ fileName: f.fileName, mediaType: f.mediaType, size: f.bytes.length, sha256: f.sha256 })),
    excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body,
  };
}
