import { readFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { openDatabase } from "../db/engine.ts";
import { systemClock } from "../domain/clock.ts";
import { AppError, localize } from "../http/errors.ts";
import { importFees, type LedgerInput, type LedgerSummary } from "../modules/claims/index.ts";
import { decodeCsvText } from "../modules/imports/index.ts";
import { databaseOptions } from "./config.ts";
import { callServer, type Server } from "./remote.ts";

// `art28 import fees FILE`: the fee ledger (art. 11.1) from billing, CSV or JSON `{ entries: [...] }`,
// all or nothing, as `art28 import customers`.

function readLedger(file: string): LedgerInput {
  const text = decodeCsvText(readFileSync(file));
  return file.toLowerCase().endsWith(".json")
    ? { format: "json", entries: (JSON.parse(text) as { entries: Extract<LedgerInput, { format: "json" }>["entries"] }).entries }
    : { format: "csv", text };
}

function refused(file: string, message: string, fields: { field: string; message: string }[]): number {
  process.stderr.write(`${file}: ${message}\n`);
  for (const f of fields) {
    process.stderr.write(`  ${f.field}: ${f.message}\n`);
  }
  return 1;
}

const summaryLine = (s: LedgerSummary) =>
  s.dryRun
    ? `Valid: ${s.entries} months for ${s.customers} customers. Nothing was written (--dry-run).\n`
    : `Imported ${s.entries} months for ${s.customers} customers into the fee ledger.\n`;

function readOrRefuse(file: string): LedgerInput | null {
  try {
    return readLedger(file);
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") {
      refused(
        file,
        error.message,
        error.fields.map((f) => ({ field: f.field, message: localize(f.message, "en") })),
      );
      return null;
    }
    throw error;
  }
}

/** On the data folder or DATABASE_URL. */
export async function importFeesCommand(dataDir: string, file: string, options: { dryRun: boolean }): Promise<number> {
  const input = readOrRefuse(file);
  if (input === null) {
    return 1;
  }
  const database = await openDatabase(databaseOptions(dataDir, "import fees"));
  await database.migrate();
  try {
    const actor = { kind: "system" as const, id: null, label: `art28 import fees (${userInfo().username}@${hostname()})` };
    process.stdout.write(summaryLine(await importFees(database.db, systemClock, actor, input, options)));
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") {
      return refused(
        file,
        error.message,
        error.fields.map((f) => ({ field: f.field, message: localize(f.message, "en") })),
      );
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** Through a running server's API (`--server`). */
export async function importFeesThroughServer(server: Server, file: string, options: { dryRun: boolean }): Promise<number> {
  const input = readOrRefuse(file);
  if (input === null) {
    return 1;
  }
  const query = options.dryRun ? "?dryRun=true" : "";
  const answer =
    input.format === "csv"
      ? await callServer<LedgerSummary>(server, "POST", `/api/v1/fee-ledger.csv${query}`, { contentType: "text/csv", body: input.text })
      : await callServer<LedgerSummary>(server, "POST", `/api/v1/fee-ledger${query}`, {
          contentType: "application/json",
          body: JSON.stringify({ entries: input.entries }),
        });
  if (answer.ok) {
    process.stdout.write(summaryLine(answer.body));
    return 0;
  }
  if (answer.status === 400) {
    return refused(file, answer.error.message, answer.error.fields);
  }
  process.stderr.write(`art28: ${answer.error.message}\n`);
  return 2;
}
