/**
 * The processor's incident register (GDPR art. 33(5): "document any personal data breaches,
 * comprising the facts relating to the breach, its effects and the remedial action taken"),
 * exported for its own records and for the AP on request: CSV and XLSX with every column, and a
 * PDF (register.typ) with the key ones. Every incident is in it, breach or not (issue 4 point 1).
 *
 * Instants: the CSV gives ISO 8601 with the zone's offset (2026-03-30T11:00:00+02:00), which a
 * spreadsheet or a program parses without guessing; an XLSX cell has no time zone, so it holds the
 * wall time in the zone and the column header names the zone.
 */
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { Temporal } from "temporal-polyfill";
import { formatPeriod, type Locale } from "../../../domain/breach-facts-text.ts";
import { formatDate, formatInstant } from "../../../domain/legal-time.ts";
import type { LocalizedText } from "../../../domain/text.ts";
import { breachWords } from "../words.ts";
import { renderTypstPdf } from "./typst.ts";

export interface RegisterRow {
  reference: string;
  title: string;
  description: string;
  startedAt: Date | null;
  endedAt: Date | null;
  ongoing: boolean;
  discoveredAt: Date;
  discoveryHow: string;
  systems: string[];
  services: string[];
  subprocessors: string[];
  decision: "pending" | "notify" | "no_notify";
  breach: boolean | null;
  personalData: boolean | null;
  risk: string | null;
  reasoning: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  assessments: number;
  affectedCustomers: number;
  notifiedCustomers: number;
  notifiedInTime: number;
  firstNoticeAt: Date | null;
  status: "open" | "closed";
  closedAt: Date | null;
  closingSummary: string | null;
  measuresTaken: string | null;
  consequences: string | null;
}

/**
 * The CSV's field separator by locale: Excel splits a CSV on the list separator of the machine's
 * regional settings, which is ";" for Dutch and "," for English. Fields are quoted where needed.
 */
export const REGISTER_CSV_DELIMITER: Record<Locale, string> = { nl: ";", en: "," };

const WORDS = breachWords.register;
const COLUMN = WORDS.column;
const PDF = WORDS.pdf;

type Cell = string | number | { instant: Date } | null;

interface Column {
  header: LocalizedText;
  /** Long free text: wrapped in the XLSX. */
  long?: boolean;
  /** Holds instants: a date cell in the XLSX, whose header names the zone. */
  instant?: boolean;
  value: (row: RegisterRow, locale: Locale) => Cell;
}

const at = (date: Date | null): Cell => (date === null ? null : { instant: date });
const yesNo = (value: boolean | null, locale: Locale): Cell => (value === null ? null : WORDS[value ? "yes" : "no"][locale]);
const list = (items: string[]): string => items.join("; ");
const riskText = (risk: string | null, locale: Locale): string | null => (risk === null ? null : (WORDS.risk[risk]?.[locale] ?? risk));

/** Every column of the register, in the order of the issue: the incident, its assessment, the notices, the closing. */
const COLUMNS: Column[] = [
  { header: COLUMN.reference, value: (r) => r.reference },
  { header: COLUMN.title, value: (r) => r.title },
  { header: COLUMN.description, long: true, value: (r) => r.description },
  { header: COLUMN.startedAt, instant: true, value: (r) => at(r.startedAt) },
  { header: COLUMN.endedAt, instant: true, value: (r) => at(r.endedAt) },
  { header: COLUMN.ongoing, value: (r, l) => yesNo(r.ongoing, l) },
  { header: COLUMN.discoveredAt, instant: true, value: (r) => at(r.discoveredAt) },
  { header: COLUMN.discoveryHow, long: true, value: (r) => r.discoveryHow },
  { header: COLUMN.systems, value: (r) => list(r.systems) },
  { header: COLUMN.services, value: (r) => list(r.services) },
  { header: COLUMN.subprocessors, value: (r) => list(r.subprocessors) },
  { header: COLUMN.personalData, value: (r, l) => yesNo(r.personalData, l) },
  { header: COLUMN.breach, value: (r, l) => yesNo(r.breach, l) },
  { header: COLUMN.risk, value: (r, l) => riskText(r.risk, l) },
  { header: COLUMN.decision, value: (r, l) => WORDS.decision[r.decision][l] },
  { header: COLUMN.reasoning, long: true, value: (r) => r.reasoning },
  { header: COLUMN.decidedBy, value: (r) => r.decidedBy },
  { header: COLUMN.decidedAt, instant: true, value: (r) => at(r.decidedAt) },
  { header: COLUMN.assessments, value: (r) => r.assessments },
  { header: COLUMN.affectedCustomers, value: (r) => r.affectedCustomers },
  { header: COLUMN.notifiedCustomers, value: (r) => r.notifiedCustomers },
  { header: COLUMN.notifiedInTime, value: (r) => r.notifiedInTime },
  { header: COLUMN.firstNoticeAt, instant: true, value: (r) => at(r.firstNoticeAt) },
  { header: COLUMN.status, value: (r, l) => WORDS.status[r.status][l] },
  { header: COLUMN.closedAt, instant: true, value: (r) => at(r.closedAt) },
  { header: COLUMN.closingSummary, long: true, value: (r) => r.closingSummary },
  { header: COLUMN.measuresTaken, long: true, value: (r) => r.measuresTaken },
  { header: COLUMN.consequences, long: true, value: (r) => r.consequences },
];

const zoned = (date: Date, zone: string): Temporal.ZonedDateTime => Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(zone);

/** "2026-03-30T11:00:00+02:00": the instant in the zone, with its offset. */
function isoInZone(date: Date, zone: string): string {
  return zoned(date, zone).toString({ timeZoneName: "never", smallestUnit: "second" });
}

/**
 * Excel runs a cell that starts with = + - @ (or a tab or carriage return) as a formula; a title
 * typed as "=HYPERLINK(…)" must stay text (OWASP, "CSV injection"). A leading apostrophe does that.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const csvOptions = (locale: Locale) => ({ delimiter: REGISTER_CSV_DELIMITER[locale], record_delimiter: "\r\n", quote_record_delimiter: true }) as const;

/** The register CSV's start: a BOM (so Excel reads it as UTF-8) and the header row in the locale. */
export function registerCsvHeader(locale: Locale): string {
  return `\uFEFF${stringify([COLUMNS.map((column) => column.header[locale])], csvOptions(locale))}`;
}

/** The CSV records of `rows`, after the header (registerCsvHeader): a page of a streamed export. */
export function registerCsvRecords(rows: RegisterRow[], locale: Locale, zone: string): string {
  const records = rows.map((row) =>
    COLUMNS.map((column) => {
      const cell = column.value(row, locale);
      if (cell === null) {
        return "";
      }
      if (typeof cell === "object") {
        return isoInZone(cell.instant, zone);
      }
      return typeof cell === "string" ? inert(cell) : cell;
    }),
  );
  return stringify(records, csvOptions(locale));
}

/** The register as CSV: UTF-8 with a BOM, a header row in the locale, then `rows`. */
export function registerCsv(rows: RegisterRow[], locale: Locale, zone: string): string {
  return registerCsvHeader(locale) + registerCsvRecords(rows, locale, zone);
}

/** Resolves when `out` can take more, or has closed. */
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

/**
 * The register as an Excel workbook written to `out` as its pages are read (exceljs' WorkbookWriter:
 * each row goes to the zip once committed): one sheet, bold frozen header with a filter, real date
 * cells. The widths are set before the first row (a streamed sheet cannot measure its rows).
 */
export async function writeRegisterXlsx(pages: AsyncIterable<RegisterRow[]>, locale: Locale, zone: string, out: Writable): Promise<void> {
  // exceljs (and its archive and stream libraries) is loaded on the first export, not at every start.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Art28";
  const sheet = workbook.addWorksheet(WORDS.sheet[locale], { views: [{ state: "frozen", ySplit: 1 }] });
  const dateFormat = locale === "nl" ? "dd-mm-yyyy hh:mm" : "d mmm yyyy hh:mm";
  const headers = COLUMNS.map((column) => (column.instant === true ? `${column.header[locale]} (${zone})` : column.header[locale]));
  // Top-aligned and wrapped, so a multi-line text shows whole; the header wraps too.
  sheet.columns = COLUMNS.map((column, index) => ({
    width:
      column.instant === true
        ? 18
        : column.long === true
          ? 60
          : Math.min(40, Math.max(16, ...(headers[index] ?? "").split(" ").map((word) => word.length + 2))),
    style: { alignment: { vertical: "top", wrapText: true }, ...(column.instant === true ? { numFmt: dateFormat } : {}) },
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const headerRow = sheet.addRow(headers);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "top", wrapText: true };
  headerRow.commit();
  for await (const rows of pages) {
    for (const row of rows) {
      sheet
        .addRow(
          COLUMNS.map((column) => {
            const cell = column.value(row, locale);
            // Excel has no time zones: the wall time in the zone, written as if it were UTC, which is
            // how exceljs turns a Date into Excel's serial number.
            return cell !== null && typeof cell === "object" ? wallTime(cell.instant, zone) : cell;
          }),
        )
        .commit();
    }
    // A download the reader cancelled: stop reading the database.
    if (out.destroyed) {
      throw new Error("the incident register's reader went away before its end");
    }
    // The zip is piped to `out`: wait while `out` is full, so a slow reader holds memory at one page.
    if (out.writableNeedDrain) {
      await drainedOrClosed(out);
    }
  }
  sheet.commit();
  await workbook.commit();
}

function wallTime(date: Date, zone: string): Date {
  const z = zoned(date, zone);
  return new Date(Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second));
}

/**
 * The register as PDF (landscape A4): the key columns, every incident, a generated-at line and page
 * numbers. Deterministic: the same rows and generatedAt give the same bytes.
 */
export function registerPdf(rows: RegisterRow[], locale: Locale, zone: string, processorName: string, generatedAt: Date): Uint8Array {
  const instant = (date: Date | null): string => (date === null ? "—" : formatInstant(date, zone, locale));
  const count = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB");
  const w = (text: LocalizedText): string => text[locale];
  return renderTypstPdf("register", {
    locale,
    title: WORDS.title[locale],
    author: processorName,
    processor: processorName,
    generated: w(PDF.generated(formatInstant(generatedAt, zone, locale), rows.length, zone)),
    empty: w(PDF.empty),
    columns: [COLUMN.reference, PDF.incident, COLUMN.discoveredAt, PDF.period, PDF.scope, PDF.assessment, COLUMN.decision, PDF.customers, COLUMN.status].map(w),
    rows: rows.map((r) => ({
      reference: r.reference,
      title: r.title,
      description: r.description,
      discovered: instant(r.discoveredAt),
      period:
        r.startedAt === null
          ? `${w(PDF.startUnknown)}${r.ongoing ? w(PDF.stillOngoing) : ""}`
          : formatPeriod({ start: r.startedAt.toISOString(), end: r.ongoing ? "ongoing" : (r.endedAt?.toISOString() ?? null) }, zone, locale),
      scope: [
        r.systems.length === 0 ? null : `${w(COLUMN.systems)}: ${list(r.systems)}`,
        r.services.length === 0 ? null : `${w(COLUMN.services)}: ${list(r.services)}`,
        r.subprocessors.length === 0 ? null : `${w(COLUMN.subprocessors)}: ${list(r.subprocessors)}`,
      ].filter((line) => line !== null),
      assessment: [
        `${w(PDF.personalData)}: ${yesNo(r.personalData, locale) ?? "—"}`,
        `${w(PDF.breach)}: ${yesNo(r.breach, locale) ?? "—"}`,
        `${w(COLUMN.risk)}: ${riskText(r.risk, locale) ?? "—"}`,
      ],
      decision: [
        WORDS.decision[r.decision][locale],
        ...(r.decidedBy === null ? [] : [w(PDF.decidedBy(r.decidedBy))]),
        ...(r.decidedAt === null ? [] : [formatDate(r.decidedAt, zone, locale)]),
      ],
      customers: [
        `${w(PDF.affected)}: ${count.format(r.affectedCustomers)}`,
        `${w(PDF.notified)}: ${count.format(r.notifiedCustomers)}`,
        `${w(PDF.inTime)}: ${count.format(r.notifiedInTime)}`,
        ...(r.firstNoticeAt === null ? [] : [`${w(PDF.firstNotice)}: ${instant(r.firstNoticeAt)}`]),
      ],
      status: [WORDS.status[r.status][locale], ...(r.closedAt === null ? [] : [formatDate(r.closedAt, zone, locale)])],
      // customers[2] is the within-48-hours line (register.typ marks it).
      late: r.notifiedInTime < r.notifiedCustomers,
    })),
    footer: `${WORDS.title[locale]} · ${processorName}`,
    page: w(breachWords.page),
    of: w(breachWords.of),
  });
}
