import { PassThrough, Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { nextTurn, ROWS_PER_STATEMENT } from "../db/batches.ts";
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

/**
 * Every page of a keyset list, read as the consumer asks for the next: each `read` answers up to
 * `size + 1` rows after the key given (the extra one says there is more), and its first `size` rows
 * are yielded. Each read is its own short transaction, so a list of any size holds one page in
 * memory and other requests are answered between pages (it is not one snapshot).
 */
export async function* readPages<T extends { key: readonly string[] }>(
  read: (after: readonly string[] | undefined, size: number) => Promise<T[]>,
  size: number = ROWS_PER_STATEMENT,
): AsyncGenerator<T[]> {
  let after: readonly string[] | undefined;
  for (;;) {
    const page = await read(after, size);
    const shown = page.slice(0, size);
    if (shown.length > 0) {
      yield shown;
    }
    const last = shown.at(-1);
    if (page.length <= size || !last) {
      return;
    }
    after = last.key;
    await nextTurn();
  }
}

/**
 * Writes a keyset list to `out` as it is read (readPages): `header`, then each page as the chunk
 * `format` makes of it.
 */
export async function writePages<T extends { key: readonly string[] }>(
  out: Writable,
  header: string,
  read: (after: readonly string[] | undefined, size: number) => Promise<T[]>,
  format: (rows: T[]) => string,
  size: number = ROWS_PER_STATEMENT,
): Promise<void> {
  async function* chunks() {
    yield header;
    for await (const page of readPages(read, size)) {
      yield format(page);
    }
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), out);
}
