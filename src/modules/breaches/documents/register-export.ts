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
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { Temporal } from "temporal-polyfill";
import { formatPeriod, type Locale } from "../../../domain/breach-facts-text.ts";
import { formatDate, formatInstant } from "../../../domain/legal-time.ts";
import type { LocalizedText } from "../../../domain/text.ts";
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

const WORDS = {
  yes: { nl: "ja", en: "yes" },
  no: { nl: "nee", en: "no" },
  pending: { nl: "in beoordeling", en: "pending" },
  notify: { nl: "melden", en: "notify" },
  no_notify: { nl: "niet melden", en: "do not notify" },
  open: { nl: "open", en: "open" },
  closed: { nl: "gesloten", en: "closed" },
  sheet: { nl: "Incidentenregister", en: "Incident register" },
  title: { nl: "Incidentenregister (art. 33 lid 5 AVG)", en: "Incident register (GDPR art. 33(5))" },
} as const;

const RISK: Record<string, LocalizedText> = {
  none: { nl: "geen risico", en: "no risk" },
  unlikely: { nl: "risico onwaarschijnlijk", en: "risk unlikely" },
  risk: { nl: "risico", en: "risk" },
  high: { nl: "hoog risico", en: "high risk" },
};

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
const riskText = (risk: string | null, locale: Locale): string | null => (risk === null ? null : (RISK[risk]?.[locale] ?? risk));

/** Every column of the register, in the order of the issue: the incident, its assessment, the notices, the closing. */
const COLUMNS: Column[] = [
  { header: { nl: "Kenmerk", en: "Reference" }, value: (r) => r.reference },
  { header: { nl: "Titel", en: "Title" }, value: (r) => r.title },
  { header: { nl: "Omschrijving", en: "Description" }, long: true, value: (r) => r.description },
  { header: { nl: "Begin", en: "Started" }, instant: true, value: (r) => at(r.startedAt) },
  { header: { nl: "Einde", en: "Ended" }, instant: true, value: (r) => at(r.endedAt) },
  { header: { nl: "Nog gaande", en: "Ongoing" }, value: (r, l) => yesNo(r.ongoing, l) },
  { header: { nl: "Ontdekt", en: "Discovered" }, instant: true, value: (r) => at(r.discoveredAt) },
  { header: { nl: "Hoe ontdekt", en: "How discovered" }, long: true, value: (r) => r.discoveryHow },
  { header: { nl: "Systemen", en: "Systems" }, value: (r) => list(r.systems) },
  { header: { nl: "Diensten", en: "Services" }, value: (r) => list(r.services) },
  { header: { nl: "Subverwerkers", en: "Sub-processors" }, value: (r) => list(r.subprocessors) },
  { header: { nl: "Persoonsgegevens betrokken", en: "Personal data involved" }, value: (r, l) => yesNo(r.personalData, l) },
  { header: { nl: "Datalek (art. 6.1)", en: "Breach (art. 6.1)" }, value: (r, l) => yesNo(r.breach, l) },
  { header: { nl: "Risico", en: "Risk" }, value: (r, l) => riskText(r.risk, l) },
  { header: { nl: "Besluit", en: "Decision" }, value: (r, l) => WORDS[r.decision][l] },
  { header: { nl: "Motivering", en: "Reasoning" }, long: true, value: (r) => r.reasoning },
  { header: { nl: "Besloten door", en: "Decided by" }, value: (r) => r.decidedBy },
  { header: { nl: "Besloten op", en: "Decided at" }, instant: true, value: (r) => at(r.decidedAt) },
  { header: { nl: "Aantal beoordelingen", en: "Assessments" }, value: (r) => r.assessments },
  { header: { nl: "Getroffen klanten", en: "Customers affected" }, value: (r) => r.affectedCustomers },
  { header: { nl: "Gemelde klanten", en: "Customers notified" }, value: (r) => r.notifiedCustomers },
  { header: { nl: "Binnen 48 uur gemeld", en: "Notified within 48 hours" }, value: (r) => r.notifiedInTime },
  { header: { nl: "Eerste melding", en: "First notice" }, instant: true, value: (r) => at(r.firstNoticeAt) },
  { header: { nl: "Status", en: "Status" }, value: (r, l) => WORDS[r.status][l] },
  { header: { nl: "Gesloten op", en: "Closed at" }, instant: true, value: (r) => at(r.closedAt) },
  { header: { nl: "Afsluiting", en: "Closing summary" }, long: true, value: (r) => r.closingSummary },
  { header: { nl: "Genomen maatregelen", en: "Measures taken" }, long: true, value: (r) => r.measuresTaken },
  { header: { nl: "Gevolgen", en: "Consequences" }, long: true, value: (r) => r.consequences },
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

/** The register as CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), a header row in the locale. */
export function registerCsv(rows: RegisterRow[], locale: Locale, zone: string): string {
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
  return stringify(records, {
    bom: true,
    header: true,
    columns: COLUMNS.map((column) => column.header[locale]),
    delimiter: REGISTER_CSV_DELIMITER[locale],
    record_delimiter: "\r\n",
    quote_record_delimiter: true,
  });
}

/** The register as an Excel workbook: one sheet, bold frozen header with a filter, real date cells. */
export async function registerXlsx(rows: RegisterRow[], locale: Locale, zone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Art28";
  const sheet = workbook.addWorksheet(WORDS.sheet[locale], { views: [{ state: "frozen", ySplit: 1 }] });
  const dateFormat = locale === "nl" ? "dd-mm-yyyy hh:mm" : "d mmm yyyy hh:mm";
  const headers = COLUMNS.map((column) => (column.instant === true ? `${column.header[locale]} (${zone})` : column.header[locale]));
  sheet.addRow(headers);
  for (const row of rows) {
    sheet.addRow(
      COLUMNS.map((column) => {
        const cell = column.value(row, locale);
        // Excel has no time zones: the wall time in the zone, written as if it were UTC, which is
        // how exceljs turns a Date into Excel's serial number.
        return cell !== null && typeof cell === "object" ? wallTime(cell.instant, zone) : cell;
      }),
    );
  }
  COLUMNS.forEach((column, index) => {
    const col = sheet.getColumn(index + 1);
    // Top-aligned and wrapped, so a multi-line text shows whole; the header wraps too.
    col.alignment = { vertical: "top", wrapText: true };
    if (column.instant === true) {
      col.numFmt = dateFormat;
      col.width = 18;
      return;
    }
    const longest = Math.max(
      ...(headers[index] ?? "").split(" ").map((word) => word.length),
      ...rows.map((row) => String(column.value(row, locale) ?? "").length),
    );
    col.width = Math.min(column.long === true ? 60 : 40, Math.max(10, longest + 2));
  });
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "top", wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
  const nl = locale === "nl";
  const instant = (date: Date | null): string => (date === null ? "—" : formatInstant(date, zone, locale));
  const count = new Intl.NumberFormat(nl ? "nl-NL" : "en-GB");
  const unknown = nl ? "onbekend" : "unknown";
  return renderTypstPdf("register", {
    locale,
    title: WORDS.title[locale],
    author: processorName,
    processor: processorName,
    generated: nl
      ? `Gegenereerd op ${formatInstant(generatedAt, zone, locale)} · ${rows.length} ${rows.length === 1 ? "incident" : "incidenten"} · tijden in ${zone}`
      : `Generated on ${formatInstant(generatedAt, zone, locale)} · ${rows.length} ${rows.length === 1 ? "incident" : "incidents"} · times in ${zone}`,
    empty: nl ? "Er zijn geen incidenten geregistreerd." : "No incidents have been recorded.",
    columns: nl
      ? ["Kenmerk", "Incident", "Ontdekt", "Periode", "Systemen en diensten", "Beoordeling", "Besluit", "Klanten", "Status"]
      : ["Reference", "Incident", "Discovered", "Period", "Systems and services", "Assessment", "Decision", "Customers", "Status"],
    rows: rows.map((r) => ({
      reference: r.reference,
      title: r.title,
      description: r.description,
      discovered: instant(r.discoveredAt),
      period:
        r.startedAt === null
          ? `${nl ? "begin" : "start"} ${unknown}${r.ongoing ? (nl ? "; nog gaande" : "; still going on") : ""}`
          : formatPeriod({ start: r.startedAt.toISOString(), end: r.ongoing ? "ongoing" : (r.endedAt?.toISOString() ?? null) }, zone, locale),
      scope: [
        r.systems.length === 0 ? null : `${nl ? "Systemen" : "Systems"}: ${list(r.systems)}`,
        r.services.length === 0 ? null : `${nl ? "Diensten" : "Services"}: ${list(r.services)}`,
        r.subprocessors.length === 0 ? null : `${nl ? "Subverwerkers" : "Sub-processors"}: ${list(r.subprocessors)}`,
      ].filter((line) => line !== null),
      assessment: [
        `${nl ? "Persoonsgegevens" : "Personal data"}: ${yesNo(r.personalData, locale) ?? "—"}`,
        `${nl ? "Datalek" : "Breach"}: ${yesNo(r.breach, locale) ?? "—"}`,
        `${nl ? "Risico" : "Risk"}: ${riskText(r.risk, locale) ?? "—"}`,
      ],
      decision: [
        WORDS[r.decision][locale],
        ...(r.decidedBy === null ? [] : [`${nl ? "door" : "by"} ${r.decidedBy}`]),
        ...(r.decidedAt === null ? [] : [formatDate(r.decidedAt, zone, locale)]),
      ],
      customers: [
        `${nl ? "getroffen" : "affected"}: ${count.format(r.affectedCustomers)}`,
        `${nl ? "gemeld" : "notified"}: ${count.format(r.notifiedCustomers)}`,
        `${nl ? "binnen 48 uur" : "within 48 h"}: ${count.format(r.notifiedInTime)}`,
        ...(r.firstNoticeAt === null ? [] : [`${nl ? "eerste melding" : "first notice"}: ${instant(r.firstNoticeAt)}`]),
      ],
      status: [WORDS[r.status][locale], ...(r.closedAt === null ? [] : [formatDate(r.closedAt, zone, locale)])],
      // customers[2] is the within-48-hours line (register.typ marks it).
      late: r.notifiedInTime < r.notifiedCustomers,
    })),
    footer: `${WORDS.title[locale]} · ${processorName}`,
    page: nl ? "Pagina" : "Page",
    of: nl ? "van" : "of",
  });
}
