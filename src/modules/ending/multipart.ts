import type { FastifyRequest } from "fastify";
import { AppError, invalid } from "../../http/errors.ts";
import { httpWords } from "../../http/words.ts";
import { cleanFileName } from "../threads/index.ts";
import type { ReceivedFile } from "./confirm-line.ts";
import { endingWords } from "./words.ts";

/** Limits of a confirmation upload: one file of at most 10 MB. */
export const UPLOAD_LIMITS = { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, fieldSize: 64 * 1024, parts: 6 };

const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]{1,127}\/[A-Za-z0-9!#$&^_.+-]{1,127}$/;

/** Reads the one file of a sub-processor's confirmation (field "file"); anything else is a 400 naming body.file. */
export async function readConfirmationUpload(request: FastifyRequest): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw invalid("body.file", endingWords.sendMultipart);
  }
  const files: ReceivedFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type !== "file") {
        continue;
      }
      if (part.fieldname !== "file") {
        await part.toBuffer();
        throw invalid("body.file", endingWords.sendOneFile);
      }
      const bytes = await part.toBuffer();
      const fileName = cleanFileName(part.filename);
      if (bytes.length === 0) {
        throw invalid("body.file", endingWords.emptyFile(fileName));
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
    throw invalid("body.file", endingWords.sendOneFile);
  }
  return file;
}
