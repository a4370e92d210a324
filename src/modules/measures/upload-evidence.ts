import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findMeasure, insertEvidence } from "./queries.ts";
import { measureWords } from "./words.ts";

export interface EvidenceUpload {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * art. 7.1: evidence that a measure works (a policy, a test report) put on file byte for byte with
 * its SHA-256, so what is shown to an auditor later can be proven to be what was filed. Staff only.
 */
export async function uploadMeasureEvidence(tx: Db, clock: Clock, actor: EventActor, measureId: string, file: EvidenceUpload) {
  const measure = await findMeasure(tx, measureId);
  if (!measure) {
    throw notFound(measureWords.noun.measure);
  }
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const created = await insertEvidence(tx, {
    measureId,
    fileName: file.fileName,
    mediaType: file.mediaType,
    size: file.bytes.length,
    sha256,
    content: file.bytes,
    uploadedBy: actor.id,
    uploadedAt: clock.now(),
  });
  if (!created) {
    throw new Error("the evidence file was not stored");
  }
  await recordEvent(tx, clock, {
    type: "measure.evidence_uploaded",
    actor,
    controllerId: null,
    subject: { type: "measure", id: measureId },
    data: { code: measure.code, fileId: created.id, fileName: file.fileName, mediaType: file.mediaType, size: file.bytes.length, sha256 },
  });
  return { id: created.id, sha256, size: file.bytes.length };
}
