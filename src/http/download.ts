import { PassThrough } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { contentDisposition } from "./content-disposition.ts";

/**
 * Streams what `write` writes (and ends) to the reply as a download, as it is written: an export
 * of any size holds no more than what the client has not read yet. A failure midway is logged and
 * cuts the download off, so a half file is never taken for a whole one.
 */
export function streamDownload(request: FastifyRequest, reply: FastifyReply, mediaType: string, fileName: string, write: (out: PassThrough) => Promise<void>) {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    request.log.error({ err: error }, "download failed midway");
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply.type(mediaType).header("content-disposition", contentDisposition(fileName)).send(out);
}
