// `art28 export register`: the processor's register of processing (GDPR art. 30(2)) as CSV, XLSX or
// PDF, streamed to a file or stdout with a progress bar, on the data folder or DATABASE_URL, or
// through a running server's API (`--server`) when that server owns the data folder.
import { createWriteStream } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { progressBar } from "./progress.ts";
import { openDatabase } from "../db/engine.ts";
import { systemClock } from "../domain/clock.ts";
import type { Locale } from "../domain/text.ts";
import { AppError, localize } from "../http/errors.ts";
import { openRegisterExport, writeRegister, type RegisterFormat } from "../modules/register/index.ts";
import { databaseOptions } from "./config.ts";
import { CommandError, type Server } from "./remote.ts";

export interface ExportOptions {
  format: RegisterFormat;
  lang: Locale;
  /** A file; absent: stdout. */
  out?: string;
}

const destination = (options: ExportOptions): Writable => (options.out === undefined ? process.stdout : createWriteStream(options.out));

function done(options: ExportOptions, controllers: number | null, seconds: number): void {
  const what = controllers === null ? "the register" : `the register of ${controllers} controllers`;
  process.stderr.write(
    `Exported ${what} as ${options.format.toUpperCase()}${options.out === undefined ? "" : ` to ${options.out}`} in ${seconds.toFixed(2)} s.\n`,
  );
}

/** On the data folder (claimed for the run) or DATABASE_URL. Exit code: 0 done, 1 refused. */
export async function exportRegisterCommand(dataDir: string, options: ExportOptions): Promise<number> {
  const database = await openDatabase(databaseOptions(dataDir, "export register"));
  const bar = await progressBar("exporting {bar} {value}/{total} controllers");
  let started = false;
  try {
    await database.migrate();
    const begun = performance.now();
    const source = await openRegisterExport(database.db, { kind: "processor" }, options.format);
    bar.start(source.total, 0);
    started = true;
    await writeRegister(source, options.format, options.lang, systemClock.now(), destination(options), (n) => bar.update(n));
    bar.stop();
    started = false;
    done(options, source.total, (performance.now() - begun) / 1000);
    return 0;
  } catch (error) {
    if (started) {
      bar.stop();
    }
    if (error instanceof AppError && error.code === "validation") {
      process.stderr.write(`art28: ${localize(error.text, options.lang)}\n`);
      return 1;
    }
    if (error instanceof Error && error.message.startsWith("the processor is not set up")) {
      throw new CommandError(error.message);
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** The same through a running server's API, streamed to the file as it arrives. */
export async function exportRegisterThroughServer(server: Server, options: ExportOptions): Promise<number> {
  const begun = performance.now();
  let response: Response;
  try {
    response = await fetch(`${server.url}/api/v1/register/export?format=${options.format}&lang=${options.lang}`, {
      headers: { authorization: `Bearer ${server.token}`, "accept-language": options.lang },
    });
  } catch (error) {
    throw new CommandError(`cannot reach ${server.url}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
  }
  if (!response.ok || response.body === null) {
    const text = await response.text();
    let message = `${server.url} answered ${response.status} ${response.statusText}`;
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // Not the API's JSON error (a proxy's page): the status line says it.
    }
    process.stderr.write(`art28: ${message}\n`);
    return response.status === 400 ? 1 : 2;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), destination(options));
  done(options, null, (performance.now() - begun) / 1000);
  return 0;
}
