import type { FastifyRequest } from "fastify";
import type { LocalizedText } from "../../domain/text.ts";
import { AppError, invalid } from "../../http/errors.ts";
import { isPolicyText } from "../../http/input-policy.ts";
import { httpWords } from "../../http/words.ts";
import { createHash } from "node:crypto";
import { threadWords } from "./words.ts";

/** Limits of every upload (contracts, thread attachments). */
export const UPLOAD_LIMITS = { fileSize: 10 * 1024 * 1024, files: 5, fields: 10, fieldSize: 64 * 1024, parts: 20 };

/** The SHA-256 of bytes, as lowercase hex. */
export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export interface ReceivedFile {
  fieldName: string;
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: string;
}

/** A file name as given, without a path, control characters or quotes, and not too long. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 200);
  return clean === "" ? "file" : clean;
}

/**
 * Reads a multipart/form-data request whole: its text fields and its files (in memory, each at
 * most UPLOAD_LIMITS.fileSize; a bigger one is a 413 from @fastify/multipart). An empty file is
 * refused, naming its field.
 */
export async function readMultipart(request: FastifyRequest): Promise<{ fields: Map<string, string>; files: ReceivedFile[] }> {
  try {
    return await readParts(request);
  } catch (error) {
    // A form cut short or without its boundary is the sender's error (found by test/fuzz), not ours;
    // the limits' errors (413) and our own keep their status.
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode !== undefined) {
      throw error;
    }
    throw invalid("body", httpWords.malformedMultipart);
  }
}

/** A part's media type as sent, when it is one; otherwise the generic one. */
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]{1,127}\/[A-Za-z0-9!#$&^_.+-]{1,127}$/;

async function readParts(request: FastifyRequest): Promise<{ fields: Map<string, string>; files: ReceivedFile[] }> {
  const fields = new Map<string, string>();
  const files: ReceivedFile[] = [];
  for await (const part of request.parts()) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (bytes.length === 0) {
        throw invalid(`body.${part.fieldname}`, threadWords.emptyFile(cleanFileName(part.filename)));
      }
      files.push({
        fieldName: part.fieldname,
        fileName: cleanFileName(part.filename),
        mediaType: MEDIA_TYPE.test(part.mimetype) ? part.mimetype : "application/octet-stream",
        bytes,
        sha256: sha256Hex(bytes),
      });
    } else if (typeof part.value === "string") {
      // The same text policy as a JSON body's (src/http/schemas.ts: Text).
      if (!isPolicyText(part.value, true)) {
        throw invalid(`body.${part.fieldname}`, httpWords.controlCharacters);
      }
      fields.set(part.fieldname, part.value);
    }
  }
  return { fields, files };
}

/** One file, as a single-file form gives it. */
export interface OneFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** What a single-file form says when it is sent wrong, in the module's words. */
export interface OneFileWords {
  sendMultipart: LocalizedText;
  sendOneFile: LocalizedText;
  emptyFile: (fileName: string) => LocalizedText;
}

/** Limits of a single-file upload (measures' evidence, a sub-processor's confirmation): one file of at most 10 MB. */
export const ONE_FILE_LIMITS = { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, fieldSize: 64 * 1024, parts: 6 };

/** Reads the one file of a single-file form (field "file"); anything else is a 400 naming body.file. */
export async function readOneFile(request: FastifyRequest, words: OneFileWords): Promise<OneFile> {
  if (!request.isMultipart()) {
    throw invalid("body.file", words.sendMultipart);
  }
  const files: OneFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type !== "file") {
        continue;
      }
      if (part.fieldname !== "file") {
        await part.toBuffer();
        throw invalid("body.file", words.sendOneFile);
      }
      const bytes = await part.toBuffer();
      const fileName = cleanFileName(part.filename);
      if (bytes.length === 0) {
        throw invalid("body.file", words.emptyFile(fileName));
      }
      files.push({ fileName, mediaType: MEDIA_TYPE.test(part.mimetype) ? part.mimetype : "application/octet-stream", bytes });
    }
  } catch (error) {
    // A form cut short or without its boundary is the sender's error; the limits' (413) and ours keep their status.
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode !== undefined) {
      throw error;
    }
    throw invalid("body", httpWords.malformedMultipart);
  }
  const [file] = files;
  if (file === undefined || files.length > 1) {
    throw invalid("body.file", words.sendOneFile);
  }
  return file;
}
