import type { Db } from "../../db/engine.ts";
import type { SubjectRequestContent, SubjectRequestSource, SubjectRight } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { insertFiles, insertRequest } from "./queries.ts";
import { receiveRequest } from "./receive-request.ts";
import { contentSha256, requestReference, type Who } from "./reference.ts";
import { subjectRequestWords as W } from "./words.ts";

export interface RecordInput {
  source: Exclude<SubjectRequestSource, "web_form">;
  right: SubjectRight;
  locale: "nl" | "en";
  /** When it reached the processor (a letter's date of receipt); default now. */
  receivedAt?: Date;
  content: SubjectRequestContent;
  /** The original as received (the letter, the e-mail), each with its SHA-256. */
  files: { fileName: string; mediaType: string; bytes: Buffer; sha256: string }[];
}

/**
 * Staff record a request that came by letter, phone or e-mail (art. 8.1), with the original
 * attached: received at once (the duty to forward opens from now), no confirmation needed.
 */
export async function recordRequest(tx: Db, clock: Clock, who: Who, input: RecordInput): Promise<{ id: string; reference: string }> {
  const now = clock.now();
  const content = { ...input.content, name: input.content.name.trim(), organisation: input.content.organisation.trim(), message: input.content.message.trim() };
  for (const field of ["name", "organisation", "message"] as const) {
    if (content[field] === "") {
      throw invalid(`body.${field}`, W.required);
    }
  }
  if (!content.email && !content.phone) {
    throw invalid("body.email", W.emailOrPhone);
  }
  const receivedAt = input.receivedAt && input.receivedAt < now ? input.receivedAt : now;
  const sha = contentSha256(
    content,
    input.files.map((f) => f.sha256),
  );
  const inserted = await insertRequest(tx, {
    source: input.source,
    right: input.right,
    locale: input.locale,
    status: "received",
    content,
    contentSha256: sha,
    receivedAt,
    recordedBy: who.userId,
    updatedAt: now,
  });
  await insertFiles(
    tx,
    input.files.map((f) => ({
      requestId: inserted.id,
      controllerId: null,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.bytes.length,
      sha256: f.sha256,
      bytes: f.bytes,
    })),
  );
  await receiveRequest(tx, clock, who.actor, {
    id: inserted.id,
    number: inserted.number,
    receivedAt,
    right: input.right,
    source: input.source,
    contentSha256: sha,
  });
  return { id: inserted.id, reference: requestReference(inserted.number, receivedAt) };
}
