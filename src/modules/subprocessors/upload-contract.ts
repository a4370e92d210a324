import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { subprocessors } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";

export interface UploadedFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * art. 5.3: puts the sub-processor's contract on file (replacing an earlier one), byte for byte
 * with its SHA-256, so what a customer later reads can be shown to be what the processor holds.
 */
export async function uploadSubprocessorContract(tx: Db, clock: Clock, actor: EventActor, id: string, file: UploadedFile) {
  const sha256 = sha256Hex(file.bytes);
  const [before] = await tx.select({ sha256: subprocessors.contractSha256 }).from(subprocessors).where(eq(subprocessors.id, id)).for("update");
  if (!before) {
    throw notFound("subprocessor");
  }
  const now = clock.now();
  await tx
    .update(subprocessors)
    .set({
      contractFileName: file.fileName,
      contractMediaType: file.mediaType,
      contractSha256: sha256,
      contractBytes: file.bytes,
      contractUploadedAt: now,
      updatedAt: now,
    })
    .where(eq(subprocessors.id, id));
  await recordEvent(tx, clock, {
    type: "subprocessor.contract_uploaded",
    actor,
    controllerId: null,
    subject: { type: "subprocessor", id },
    data: { fileName: file.fileName, mediaType: file.mediaType, size: file.bytes.length, sha256, replacesSha256: before.sha256 },
  });
  return { sha256, size: file.bytes.length };
}
