// The register's files: CSV and XLSX streamed a batch at a time (bounded memory whatever the number
// of controllers), the PDF (a summary and a page table per controller, bounded: see PDF_MAX_CONTROLLERS)
// and a customer's slice as JSON.
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import type { Locale } from "../../domain/text.ts";
import { measureThemes, transferText, type RegisterContext, type RegisterController } from "./content.ts";
import { COLUMNS, headers, linesOf } from "./lines.ts";
import { renderRegisterTypst } from "./typst.ts";
import { registerWords } from "./words.ts";

/**
 * The staff PDF holds at most this many controllers. Typst lays a document out in one go in memory,
 * and a register of tens of thousands of controllers is thousands of pages nobody reads on paper:
 * above this the PDF is refused and the XLSX (any size, streamed) recommended.
 */
export const PDF_MAX_CONTROLLERS = 1_000;

/** Excel splits a CSV on the list separator of the regional settings: ";" for Dutch, "," for English. */
export const CSV_DELIMITER: Record<Locale, string> = { nl: ";", en: "," };

export type Progress = (done: number) => void;

/** Resolves when `out` can take more, or has closed; leaves no listener behind. */
function drainedOrClosed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}

/** A cell starting with = + - @ (or tab, CR) would run as a formula in Excel (OWASP "CSV injection"). */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The register as CSV (UTF-8 with a BOM, header row in `locale`), written to `out` as it is read:
 * csv-stringify turns each batch of controllers into one chunk, so the stream carries a hundred
 * chunks for 100,000 controllers, not 200,000 records, and holds one batch at a time.
 */
export async function writeRegisterCsv(
  source: { context: RegisterContext; batches: AsyncIterable<RegisterController[]> },
  locale: Locale,
  out: Writable,
  progress?: Progress,
): Promise<void> {
  const options = { delimiter: CSV_DELIMITER[locale], record_delimiter: "\r\n", quote_record_delimiter: true } as const;
  async function* chunks() {
    yield `\uFEFF${stringify([headers(locale)], options)}`;
    let done = 0;
    for await (const batch of source.batches) {
      yield stringify(
        batch.flatMap((controller) => linesOf(controller, source.context, locale).map((line) => line.map(inert))),
        options,
      );
      done += batch.length;
      progress?.(done);
    }
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), out);
}

/**
 * The register as an Excel workbook, streamed (exceljs' WorkbookWriter: each row is written to the
 * zip once committed): the register sheet (bold frozen header with a filter), then the processor
 * and the measures in force (Annex 2) on sheets of their own.
 */
export async function writeRegisterXlsx(
  source: { context: RegisterContext; batches: AsyncIterable<RegisterController[]> },
  locale: Locale,
  out: Writable,
  progress?: Progress,
): Promise<void> {
  // exceljs is loaded on the first export, not at every start.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Art28";
  const W = registerWords;
  const sheet = workbook.addWorksheet(W.sheet.register[locale], { views: [{ state: "frozen", ySplit: 1 }] });
  // Widths only: a style on every cell (wrapped, top-aligned) made 200,000 lines 1.6 times slower to write.
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const head = sheet.addRow(headers(locale));
  head.font = { bold: true };
  head.commit();
  let done = 0;
  for await (const batch of source.batches) {
    for (const controller of batch) {
      for (const line of linesOf(controller, source.context, locale)) {
        sheet.addRow(line).commit();
      }
    }
    done += batch.length;
    progress?.(done);
    // A download the reader cancelled: stop reading the database.
    if (out.destroyed) {
      throw new Error("the register's reader went away before its end");
    }
    // The zip is piped to `out`: wait while `out` is full, so a slow reader holds memory at one batch.
    if (out.writableNeedDrain) {
      // Or until it closes (a cancelled download never drains): the check above then stops the export.
      await drainedOrClosed(out);
    }
  }
  sheet.commit();

  const { processor, measures } = source.context;
  const about = workbook.addWorksheet(W.sheet.processor[locale]);
  about.columns = [{ width: 30 }, { width: 60 }];
  for (const [label, value] of [
    [W.column.processorName[locale], processor.name],
    [W.column.processorContact[locale], [processor.address, processor.privacyEmail].filter(Boolean).join("; ")],
    [W.column.measures[locale], W.measuresSummary(measureThemes(measures, locale), measures.version)[locale]],
  ] as const) {
    about.addRow([label, value ?? ""]).commit();
  }
  about.commit();

  const annex2 = workbook.addWorksheet(W.sheet.measures[locale], { views: [{ state: "frozen", ySplit: 1 }] });
  annex2.columns = [{ width: 24 }, { width: 36 }, { width: 90, style: { alignment: { vertical: "top", wrapText: true } } }];
  const mhead = annex2.addRow([W.measuresColumn.category[locale], W.measuresColumn.title[locale], W.measuresColumn.description[locale]]);
  mhead.font = { bold: true };
  mhead.commit();
  for (const m of measures.measures) {
    annex2.addRow([m.category[locale], m.title[locale], m.description[locale]]).commit();
  }
  annex2.commit();
  await workbook.commit();
}

/** What the PDF and the JSON say of a controller. */
function controllerFacts(controller: RegisterController, locale: Locale) {
  const transfers = [...new Set(controller.categories.flatMap((c) => c.transfers.map((t) => transferText(t, locale))))];
  return {
    name: controller.name,
    customerNumber: controller.customerNumber,
    address: controller.address,
    contact:
      controller.contact === null
        ? []
        : [
            `${controller.contact.name} (${registerWords.role[controller.contact.role][locale]})`,
            controller.contact.email,
            ...(controller.contact.phone === null ? [] : [controller.contact.phone]),
          ],
    services: controller.categories.map((c) => c.name[locale]),
    transfers,
  };
}

/**
 * The register as PDF: the processor, the categories of processing (each service with its purposes,
 * data, data subjects and sub-processors), the transfers outside the EEA, the measures in force, and
 * a table of the controllers. `slice`: one customer's own part (art. 30(1)), titled for it.
 */
export function registerPdf(
  context: RegisterContext,
  controllers: RegisterController[],
  options: { locale: Locale; generatedAt: string; slice: boolean },
): Uint8Array {
  const { locale } = options;
  const W = registerWords;
  const P = W.pdf;
  const used = new Set(controllers.flatMap((c) => c.categories.map((x) => x.code)));
  // The staff register describes every category of the catalogue; a slice only its own.
  const categories = [...context.categories.values()].filter((c) => !options.slice || used.has(c.code));
  const title = (options.slice ? W.sliceTitle : W.title)[locale];
  return renderRegisterTypst({
    locale,
    title,
    processor: context.processor.name,
    processorLines: [
      context.processor.address,
      ...(context.processor.privacyEmail === null ? [] : [P.contactOf(context.processor.privacyEmail)[locale]]),
    ].filter((l) => l !== ""),
    generated: P.generated(options.generatedAt, controllers.length)[locale],
    headings: {
      processor: P.processorHeading[locale],
      categories: P.categoriesHeading[locale],
      transfers: P.transfersHeading[locale],
      measures: P.measuresHeading[locale],
      controllers: P.controllersHeading[locale],
    },
    labels: {
      purposes: W.column.purposes[locale],
      dataCategories: W.column.dataCategories[locale],
      subjectCategories: W.column.subjectCategories[locale],
      subprocessors: W.column.subprocessors[locale],
    },
    categories: categories.map((c) => ({
      name: c.name[locale],
      purposes: c.purposes.map((p) => p[locale]).join("; "),
      dataCategories: c.dataCategories.map((p) => p[locale]).join("; "),
      subjectCategories: c.subjectCategories.map((p) => p[locale]).join("; "),
      subprocessors: c.subprocessors.join("; ") || W.none[locale],
    })),
    transfers: [...new Set(categories.flatMap((c) => c.transfers.map((t) => transferText(t, locale))))],
    noTransfers: P.noTransfers[locale],
    measures: context.measures.measures.map((m) => ({ category: m.category[locale], title: m.title[locale], description: m.description[locale] })),
    columns: P.controllerColumns.map((c) => c[locale]),
    controllers: controllers.map((c) => {
      const facts = controllerFacts(c, locale);
      return { ...facts, transfers: facts.transfers.length === 0 ? [W.none[locale]] : facts.transfers };
    }),
    empty: P.empty[locale],
    footer: `${title} · ${context.processor.name}`,
    page: P.page[locale],
    of: P.of[locale],
  });
}

/** A customer's slice as JSON, for its own register tooling: the same facts as the files, in `locale`. */
export function sliceJson(context: RegisterContext, controller: RegisterController, locale: Locale, generatedAt: string) {
  return {
    generatedAt,
    locale,
    processor: context.processor,
    controller: {
      name: controller.name,
      customerNumber: controller.customerNumber,
      kvk: controller.kvk,
      address: controller.address,
      contact: controller.contact,
    },
    categories: controller.categories.map((c) => ({
      service: { code: c.code, name: c.name[locale] },
      purposes: c.purposes.map((p) => p[locale]),
      dataCategories: c.dataCategories.map((p) => p[locale]),
      subjectCategories: c.subjectCategories.map((p) => p[locale]),
      subprocessors: c.subprocessors,
      transfersOutsideEea: c.transfers.map((t) => ({
        subprocessor: t.subprocessor,
        country: t.country,
        countryName: t.countryName[locale],
        city: t.city,
        mechanism: t.ground?.[locale] ?? null,
      })),
    })),
    measures: context.measures.measures.map((m) => ({ theme: m.category[locale], title: m.title[locale], description: m.description[locale] })),
  };
}
