import type { Db } from "../../db/engine.ts";
import { batches, nextTurn, ROWS_PER_STATEMENT } from "../../db/batches.ts";
import { inScope } from "../../db/scope.ts";
import type { Clock } from "../../domain/clock.ts";
import { isMonth } from "../../domain/liability-cap.ts";
import { AppError, type FieldError } from "../../http/errors.ts";
import { MAX_INT4 } from "../../http/schemas.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { parseEuroCents, readCsv } from "../imports/index.ts";
import { customersByNumber, upsertLedgerRows } from "./ledger-queries.ts";
import { LEDGER_MAX_ROWS, type LedgerEntryIn } from "./schemas.ts";
import { claimWords } from "./words.ts";

// art. 11.1: the fee ledger from billing, CSV or JSON, all or nothing, as the customer import: every
// row is parsed and checked first (errors by line and column, or by entry and field), then one
// transaction writes every month set-based, with one evidence event per customer.

/** The CSV's columns: the customer's number in billing, the month (YYYY-MM), the amount in euros, and an optional description. */
export const LEDGER_COLUMNS = ["customer_number", "month", "amount", "description"] as const;
const REQUIRED = ["customer_number", "month", "amount"];

export type LedgerInput = { format: "csv"; text: string } | { format: "json"; entries: LedgerEntryIn[] };

interface Entry {
  /** "line 3" (CSV) or "entries[2]" (JSON): where an error about it points. */
  where: (column: string) => string;
  customerNumber: string;
  month: string;
  amountCents: number;
  description: string | null;
}

const csvField = (line: number) => (column: string) => `line ${line}: ${column}`;
const jsonField = (index: number) => (column: string) => `entries[${index}].${column}`;

async function fromCsv(text: string, errors: FieldError[]): Promise<Entry[]> {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  let table: Awaited<ReturnType<typeof readCsv>>;
  try {
    table = await readCsv(text, delimiter);
  } catch (error) {
    const line = error instanceof Error && "lines" in error && typeof error.lines === "number" ? error.lines : 1;
    errors.push({ field: `line ${line}: file`, message: claimWords.ledger.notCsv(error instanceof Error ? error.message : String(error)) });
    return [];
  }
  if (table.length > LEDGER_MAX_ROWS) {
    errors.push({ field: "line 1: file", message: claimWords.ledger.tooMany(LEDGER_MAX_ROWS) });
    return [];
  }
  const header = Object.keys(table[0]?.record ?? {});
  for (const column of header.filter((h) => !(LEDGER_COLUMNS as readonly string[]).includes(h))) {
    errors.push({ field: `line 1: ${column}`, message: claimWords.ledger.unknownColumn(LEDGER_COLUMNS.join(", ")) });
  }
  for (const column of REQUIRED.filter((c) => table.length > 0 && !header.includes(c))) {
    errors.push({ field: `line 1: ${column}`, message: claimWords.ledger.missingColumn });
  }
  if (errors.length > 0) {
    return [];
  }
  const entries: Entry[] = [];
  for (const [index, { record, info }] of table.entries()) {
    if (index > 0 && index % ROWS_PER_STATEMENT === 0) {
      await nextTurn();
    }
    const at = csvField(info.lines);
    const get = (column: string) => (record[column] ?? "").trim();
    const before = errors.length;
    const customerNumber = get("customer_number");
    if (customerNumber === "") {
      errors.push({ field: at("customer_number"), message: claimWords.ledger.required });
    } else if (customerNumber.length > 50) {
      errors.push({ field: at("customer_number"), message: claimWords.ledger.tooLarge });
    }
    const month = get("month");
    if (!isMonth(month)) {
      errors.push({ field: at("month"), message: claimWords.ledger.notMonth });
    }
    const amount = get("amount");
    const amountCents = amount === "" ? null : parseEuroCents(amount);
    if (amountCents === null) {
      errors.push({ field: at("amount"), message: amount === "" ? claimWords.ledger.required : claimWords.ledger.notAmount });
    } else if (amountCents > MAX_INT4) {
      errors.push({ field: at("amount"), message: claimWords.ledger.tooLarge });
    }
    const description = get("description");
    if (description.length > 200) {
      errors.push({ field: at("description"), message: claimWords.ledger.tooLarge });
    }
    if (errors.length === before && amountCents !== null) {
      entries.push({ where: at, customerNumber, month, amountCents, description: description || null });
    }
  }
  return entries;
}

function fromJson(items: LedgerEntryIn[], errors: FieldError[]): Entry[] {
  return items.flatMap((item, index) => {
    const at = jsonField(index);
    if (!isMonth(item.month)) {
      errors.push({ field: at("month"), message: claimWords.ledger.notMonth });
      return [];
    }
    if (item.customerNumber.trim() === "") {
      errors.push({ field: at("customerNumber"), message: claimWords.ledger.required });
      return [];
    }
    return [
      {
        where: at,
        customerNumber: item.customerNumber.trim(),
        month: item.month,
        amountCents: item.amountCents,
        description: item.description?.trim() || null,
      },
    ];
  });
}

export interface LedgerSummary {
  dryRun: boolean;
  entries: number;
  customers: number;
  months: number;
}

/**
 * Imports billing's fees into the ledger, all or nothing: any problem in any row is a 400 listing
 * every one (by line and column, or entry and field) and nothing is written; `dryRun` stops after
 * the check. A month already in a customer's ledger is replaced by the import's amount.
 */
export async function importFees(db: Db, clock: Clock, actor: EventActor, input: LedgerInput, options: { dryRun: boolean }): Promise<LedgerSummary> {
  const errors: FieldError[] = [];
  const entries = input.format === "csv" ? await fromCsv(input.text, errors) : fromJson(input.entries, errors);
  const seen = new Map<string, Entry>();
  for (const entry of entries) {
    const key = `${entry.customerNumber}\u0000${entry.month}`;
    const first = seen.get(key);
    if (first) {
      errors.push({ field: entry.where("month"), message: claimWords.ledger.twice(first.where("month").replace(/: month$|\.month$/, "")) });
    }
    seen.set(key, entry);
  }
  return inScope(db, { kind: "processor" }, async (tx) => {
    const numbers = [...new Set(entries.map((e) => e.customerNumber))];
    const idOf = new Map<string, string>();
    for (const chunk of batches(numbers)) {
      for (const row of await customersByNumber(tx, chunk)) {
        idOf.set(row.customer_number, row.id);
      }
    }
    for (const entry of entries.filter((e) => !idOf.has(e.customerNumber))) {
      errors.push({ field: entry.where(input.format === "csv" ? "customer_number" : "customerNumber"), message: claimWords.ledger.unknownCustomer });
    }
    if (errors.length > 0) {
      const shown = errors.slice(0, 1000);
      throw new AppError("validation", claimWords.ledger.refused(errors.length), shown);
    }
    const summary = { dryRun: options.dryRun, entries: entries.length, customers: numbers.length, months: new Set(entries.map((e) => e.month)).size };
    if (options.dryRun) {
      return summary;
    }
    await recordLedger(
      tx,
      clock,
      actor,
      input.format,
      entries.map((e) => ({ controllerId: idOf.get(e.customerNumber) ?? "", month: e.month, amountCents: e.amountCents, description: e.description })),
    );
    return summary;
  });
}

/** Writes checked months into the ledger set-based (a month held is replaced), with one evidence event per customer. */
export async function recordLedger(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  format: "csv" | "json" | "demo",
  rows: { controllerId: string; month: string; amountCents: number; description: string | null }[],
): Promise<void> {
  const now = clock.now();
  const importId = crypto.randomUUID();
  const values = rows.map((row) => ({ ...row, importId, importedAt: now, importedBy: actor.label }));
  for (const chunk of batches(values)) {
    await upsertLedgerRows(tx, chunk);
  }
  const byCustomer = new Map<string, { month: string; amountCents: number }[]>();
  for (const value of values) {
    byCustomer.set(value.controllerId, [...(byCustomer.get(value.controllerId) ?? []), { month: value.month, amountCents: value.amountCents }]);
  }
  await recordEvents(
    tx,
    clock,
    [...byCustomer].map(([controllerId, months]) => ({
      type: "fee_ledger.imported" as const,
      actor,
      controllerId,
      subject: { type: "fee_ledger", id: importId },
      data: { importId, format, months },
    })),
  );
}
