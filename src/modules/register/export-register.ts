// Exporting the register: one function per file kind the routes and the CLI share, so both stream
// the same bytes. `out` receives the file; it is ended when the file is complete.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Db } from "../../db/engine.ts";
import type { Scope } from "../../db/scope.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import type { Locale } from "../../domain/text.ts";
import { invalid } from "../../http/errors.ts";
import type { RegisterController } from "./content.ts";
import { PDF_MAX_CONTROLLERS, registerPdf, writeRegisterCsv, writeRegisterXlsx, type Progress } from "./export-files.ts";
import { readRegister, type RegisterSource } from "./read-register.ts";
import { registerWords } from "./words.ts";

export type RegisterFormat = "csv" | "xlsx" | "pdf";

export const MEDIA_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  json: "application/json; charset=utf-8",
} as const;

/** "verwerkingsregister-2026-03-28.csv". */
export function registerFileName(kind: "register" | "slice", format: keyof typeof MEDIA_TYPES, locale: Locale, now: Date): string {
  return `${registerWords.fileName[kind][locale]}-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * Opens the whole register for an export in `format`. The PDF is refused (400 naming query.format)
 * above PDF_MAX_CONTROLLERS before anything is written, so a route can still answer with an error.
 */
export async function openRegisterExport(db: Db, scope: Scope, format: RegisterFormat): Promise<RegisterSource> {
  const source = await readRegister(db, scope);
  if (format === "pdf" && source.total > PDF_MAX_CONTROLLERS) {
    throw invalid("query.format", registerWords.pdfTooLarge(source.total, PDF_MAX_CONTROLLERS));
  }
  return source;
}

/** Writes the opened register to `out` in `format`; `progress` hears the controllers done. */
export async function writeRegister(
  source: RegisterSource,
  format: RegisterFormat,
  locale: Locale,
  now: Date,
  out: Writable,
  progress?: Progress,
): Promise<void> {
  switch (format) {
    case "csv":
      return writeRegisterCsv(source, locale, out, progress);
    case "xlsx":
      return writeRegisterXlsx(source, locale, out, progress);
    case "pdf": {
      const controllers: RegisterController[] = [];
      for await (const batch of source.batches) {
        controllers.push(...batch);
        progress?.(controllers.length);
      }
      const pdf = registerPdf(source.context, controllers, { locale, generatedAt: formatInstant(now, source.context.zone, locale), slice: false });
      out.end(Buffer.from(pdf));
      await finished(out);
      return;
    }
  }
}
