import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { lockContract, storeContract } from "./register-queries.ts";
import { subprocessorWords } from "./words.ts";
import { sha256Hex } from "../threads/index.ts";

export interface UploadedFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * art. 5.3: puts the sub-processor's contract on file (replacing an earlier one), byte for byte
 * with its SHA-256, so what a customer later reads can be shown to be what the processor holds.
 */
export async function uploadSubprocessorContract(tx: Db, clock: Clock, actor: EventActor, id: string, file: UploadedFile) {
  const sha256 = sha256Hex(file.bytes);
  const before = await lockContract(tx, id);
  if (!before) {
    throw notFound(subprocessorWords.noun.subprocessor);
  }
  const now = clock.now();
  await storeContract(tx, id, { fileName: file.fileName, mediaType: file.mediaType, sha256, bytes: file.bytes }, now);
  await recordEvent(tx, clock, {
    type: "subprocessor.contract_uploaded",
    actor,
    controllerId: null,
    subject: { type: "subprocessor", id },
    data: { fileName: file.fileName, mediaType: file.mediaType, size: file.bytes.length, sha256, replacesSha256: before.sha256 },
  });
  return { sha256, size: file.bytes.length };
}
