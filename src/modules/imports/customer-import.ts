import { finished } from "node:stream/promises";
import { parse } from "csv-parse";
import { nextTurn, ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { FieldError, Text } from "../../http/errors.ts";
import type { ControllerInput } from "../controllers/index.ts";
import type { ServiceTaken } from "../controllers/index.ts";
import type { ContactInput } from "../controllers/index.ts";
import { PHONE_PATTERN } from "../../domain/phone.ts";
import { normaliseDomainList } from "../../domain/domain-name.ts";
import { customerProblems } from "./check-customer.ts";

/** One customer as an import sets it: its details, all its services, and its privacy contact. */
export interface CustomerRecord extends ControllerInput {
  /** The first line (CSV) or array index + 1 (JSON) it came from, for error messages. */
  line: number;
  services: ServiceTaken[];
  /** CSV: the line each of `services` came from. */
  serviceLines?: number[];
  contact: ContactInput | null;
  /**
   * Its domain names (art. 8.1) as given, and normalised (`domains`): they replace the customer's list.
   * Absent (no column or field, or an empty one): the customer's names stay as they are.
   */
  domainsGiven?: string[];
  domains?: string[];
}

export const CSV_COLUMNS = [
  "customer_number",
  "name",
  "kvk",
  "address",
  "postal_code",
  "city",
  "country",
  "locale",
  "service",
  "monthly_fee",
  "contact_role",
  "contact_name",
  "contact_email",
  "contact_phone",
  "domains",
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ["customer_number", "name"];
const CUSTOMER_FIELDS: Column[] = [
  "name",
  "kvk",
  "address",
  "postal_code",
  "city",
  "country",
  "locale",
  "contact_role",
  "contact_name",
  "contact_email",
  "contact_phone",
  "domains",
];

/** Inside the CSV's `domains` cell names are separated by spaces or "|" (the file itself may use "," or ";"; those work in a quoted cell too). */
export const DOMAIN_SEPARATOR = /[\s|,;]+/;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = new RegExp(PHONE_PATTERN);

export interface ParseResult {
  records: CustomerRecord[];
  errors: FieldError[];
  rows: number;
}

const lineError = (line: number, column: string, message: Text): FieldError => ({ field: `line ${line}: ${column}`, message });

/** "12,50", "12.50", "€ 1.234,50" → cents; null if it is not an amount. */
export function parseEuroCents(value: string): number | null {
  const cleaned = value.replace(/[€\s]/g, "");
  if (cleaned === "") {
    return 0;
  }
  // "1,234" could be 1234 or 1,234: refuse rather than guess about money.
  if (/^\d{1,3}(,\d{3})+$/.test(cleaned)) {
    return null;
  }
  // Dutch "1.234,50" or English "1,234.50": the last separator is the decimal one.
  const normalised = /,\d{1,2}$/.test(cleaned) ? cleaned.replaceAll(".", "").replace(",", ".") : cleaned.replaceAll(",", "");
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) {
    return null;
  }
  return Math.round(Number(normalised) * 100);
}

/**
 * Reads a billing export: one row per customer and service (a customer without services has one
 * row with an empty service). Rows of one customer number are merged; their customer columns must
 * agree. Every problem is reported with its line number; the caller writes nothing if any.
 */
export async function parseCustomerCsv(text: string, knownServices: ReadonlySet<string>): Promise<ParseResult> {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  let table: CsvRow[];
  try {
    table = await readCsv(text, delimiter);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = error instanceof Error && "lines" in error && typeof error.lines === "number" ? error.lines : 1;
    return { records: [], errors: [lineError(line, "file", `is not valid CSV: ${message}`)], rows: 0 };
  }
  const errors: FieldError[] = [];
  const header = Object.keys(table[0]?.record ?? {});
  for (const column of REQUIRED) {
    if (table.length > 0 && !header.includes(column)) {
      errors.push(lineError(1, column, "column is missing"));
    }
  }
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  for (const column of unknown) {
    errors.push(lineError(1, column, `is not a known column (known: ${CSV_COLUMNS.join(", ")})`));
  }
  if (errors.length > 0) {
    return { records: [], errors, rows: table.length };
  }
  const byNumber = new Map<string, { record: CustomerRecord; first: Record<string, string> }>();
  for (const [index, { record: row, info }] of table.entries()) {
    if (index > 0 && index % ROWS_PER_STATEMENT === 0) {
      await nextTurn();
    }
    const line = info.lines;
    const get = (c: Column) => (row[c] ?? "").trim();
    const number = get("customer_number");
    if (!number) {
      errors.push(lineError(line, "customer_number", "is required"));
      continue;
    }
    const existing = byNumber.get(number);
    if (existing) {
      for (const c of CUSTOMER_FIELDS) {
        if (get(c) !== "" && get(c) !== (existing.first[c] ?? "").trim()) {
          errors.push(lineError(line, c, `"${get(c)}" differs from "${existing.first[c] ?? ""}" on line ${existing.record.line} for customer ${number}`));
        }
      }
    }
    const record = existing?.record ?? toRecord(line, row, errors);
    if (!existing) {
      byNumber.set(number, { record, first: row });
    }
    const code = get("service");
    if (code) {
      const cents = parseEuroCents(get("monthly_fee"));
      if (!knownServices.has(code)) {
        errors.push(lineError(line, "service", `"${code}" is not a service of the catalogue`));
      } else if (record.services.some((s) => s.code === code)) {
        errors.push(lineError(line, "service", `"${code}" appears twice for customer ${number}`));
      } else if (cents === null) {
        errors.push(lineError(line, "monthly_fee", `"${get("monthly_fee")}" is not an amount in euros (e.g. 12,50)`));
      } else {
        record.services.push({ code, monthlyFeeCents: cents });
        (record.serviceLines ??= []).push(line);
      }
    } else if (get("monthly_fee")) {
      errors.push(lineError(line, "monthly_fee", "a fee needs a service"));
    }
  }
  const records = [...byNumber.values()].map((v) => v.record);
  // The same schema as the JSON import's: lengths, bounds and characters of every value.
  const reported = new Set(errors.map((e) => e.field));
  for (const [index, record] of records.entries()) {
    if (index > 0 && index % ROWS_PER_STATEMENT === 0) {
      await nextTurn();
    }
    for (const problem of customerProblems(asImportedCustomer(record))) {
      const { line, column } = csvPlace(record, problem.path);
      const error = lineError(line, column, problem.message);
      if (!reported.has(error.field)) {
        reported.add(error.field);
        errors.push(error);
      }
    }
  }
  return { records, errors, rows: table.length };
}

const COLUMN_OF: Record<string, Column> = {
  customerNumber: "customer_number",
  name: "name",
  kvk: "kvk",
  address: "address",
  postalCode: "postal_code",
  city: "city",
  country: "country",
  locale: "locale",
  code: "service",
  monthlyFeeCents: "monthly_fee",
  domains: "domains",
};

/** A customer record in the shape the JSON import takes, to be checked by the same schema. */
export function asImportedCustomer(record: CustomerRecord): unknown {
  return {
    customerNumber: record.customerNumber,
    name: record.name,
    kvk: record.kvk,
    address: record.address,
    postalCode: record.postalCode,
    city: record.city,
    country: record.country,
    locale: record.locale,
    services: record.services.map((s) => ({ code: s.code, monthlyFeeCents: s.monthlyFeeCents })),
    contact: record.contact ? { ...record.contact } : null,
    ...(record.domainsGiven ? { domains: record.domainsGiven } : {}),
  };
}

/** The CSV line and column of a value of a record, from its path in the schema. */
function csvPlace(record: CustomerRecord, path: string): { line: number; column: string } {
  const [first = "", index, field] = path.split("/");
  if (first === "services" && index !== undefined) {
    const line = record.serviceLines?.[Number(index)] ?? record.line;
    return { line, column: COLUMN_OF[field ?? "code"] ?? "service" };
  }
  if (first === "contact") {
    return { line: record.line, column: `contact_${index ?? "name"}` };
  }
  if (first === "domains") {
    return { line: record.line, column: "domains" };
  }
  return { line: record.line, column: COLUMN_OF[first] ?? first };
}

export type CsvRow = { record: Record<string, string>; info: { lines: number } };
const SLICE_BYTES = 64 * 1024;

/**
 * The rows of a CSV text with their line numbers, parsed in slices with a turn of the event loop
 * between them: a 60,000-row export takes about a second to parse, which would otherwise hold
 * every other request. Slices are bytes, and the parser joins a character cut between two.
 */
export async function readCsv(text: string, delimiter: string): Promise<CsvRow[]> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    delimiter,
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: false,
  });
  const table: CsvRow[] = [];
  parser.on("readable", () => {
    for (let row = parser.read() as CsvRow | null; row !== null; row = parser.read() as CsvRow | null) {
      table.push(row);
    }
  });
  const outcome = finished(parser).then(
    () => null,
    (error: unknown) => error,
  );
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length && !parser.destroyed; at += SLICE_BYTES) {
    parser.write(bytes.subarray(at, at + SLICE_BYTES));
    await nextTurn();
  }
  parser.end();
  const error = await outcome;
  if (error) {
    throw error;
  }
  return table;
}

function toRecord(line: number, row: Record<string, string>, errors: FieldError[]): CustomerRecord {
  const get = (c: Column) => (row[c] ?? "").trim();
  const orNull = (c: Column) => get(c) || null;
  const name = get("name");
  if (!name) {
    errors.push(lineError(line, "name", "is required"));
  }
  const kvk = orNull("kvk");
  if (kvk && !/^\d{8}$/.test(kvk)) {
    errors.push(lineError(line, "kvk", `"${kvk}" is not a KvK number (8 digits)`));
  }
  const country = (get("country") || "NL").toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    errors.push(lineError(line, "country", `"${get("country")}" is not a two-letter country code`));
  }
  const locale = (get("locale") || "nl").toLowerCase();
  if (locale !== "nl" && locale !== "en") {
    errors.push(lineError(line, "locale", `"${get("locale")}" must be nl or en`));
  }
  const domainsGiven = get("domains")
    ? get("domains")
        .split(DOMAIN_SEPARATOR)
        .filter((d) => d !== "")
    : [];
  const { domains, problems } = normaliseDomainList(domainsGiven);
  for (const p of problems) {
    errors.push(lineError(line, "domains", p.message));
  }
  return {
    line,
    ...(domainsGiven.length > 0 ? { domainsGiven, domains } : {}),
    customerNumber: get("customer_number"),
    name,
    kvk,
    address: orNull("address"),
    postalCode: orNull("postal_code"),
    city: orNull("city"),
    country,
    locale: locale === "en" ? "en" : "nl",
    services: [],
    contact: parseContact(
      line,
      { role: get("contact_role"), name: get("contact_name"), email: get("contact_email"), phone: get("contact_phone") },
      errors,
      "contact_",
    ),
  };
}

/** A privacy contact from its parts, or null when all are empty; problems go to `errors`. */
export function parseContact(
  line: number,
  c: { role: string; name: string; email: string; phone: string },
  errors: FieldError[],
  prefix: string,
): CustomerRecord["contact"] {
  if (!c.role && !c.name && !c.email && !c.phone) {
    return null;
  }
  const role = (c.role || "privacy_contact").toLowerCase();
  if (role !== "dpo" && role !== "privacy_contact") {
    errors.push(lineError(line, `${prefix}role`, `"${c.role}" must be dpo or privacy_contact`));
  }
  if (c.name.length < 2) {
    errors.push(lineError(line, `${prefix}name`, "is required when a contact is given"));
  }
  if (!EMAIL.test(c.email)) {
    errors.push(lineError(line, `${prefix}email`, c.email ? `"${c.email}" is not an email address` : "is required when a contact is given"));
  }
  if (c.phone && !PHONE.test(c.phone)) {
    errors.push(lineError(line, `${prefix}phone`, `"${c.phone}" is not a phone number`));
  }
  return { role: role === "dpo" ? "dpo" : "privacy_contact", name: c.name, email: c.email.toLowerCase(), phone: c.phone || null };
}
