import type { FastifyRequest } from "fastify";
import { invalid } from "../../http/errors.ts";
import { readMultipart, type ReceivedFile } from "./multipart.ts";
import { threadWords } from "./words.ts";

/**
 * A thread message as a route receives it: JSON { body }, or multipart/form-data with "body" and up
 * to 5 "files". Refuses an empty or overlong text and a file in another field, naming the field.
 */
export async function readMessageForm(request: FastifyRequest): Promise<{ body: string; files: ReceivedFile[] }> {
  let body: string;
  let files: ReceivedFile[] = [];
  if (request.isMultipart()) {
    const form = await readMultipart(request);
    body = form.fields.get("body") ?? "";
    files = form.files;
    const stray = files.find((f) => f.fieldName !== "files");
    if (stray) {
      throw invalid(`body.${stray.fieldName}`, threadWords.filesField);
    }
  } else {
    body = (request.body as { body: string }).body;
  }
  if (body.trim() === "") {
    throw invalid("body.body", threadWords.messageRequired);
  }
  if (body.length > 20_000) {
    throw invalid("body.body", threadWords.messageTooLong);
  }
  return { body, files };
}
