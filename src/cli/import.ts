import { readFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { progressBar } from "./progress.ts";
import { openDatabase } from "../db/engine.ts";
import { systemClock } from "../domain/clock.ts";
import { AppError, localize } from "../http/errors.ts";
import { runCustomerImport, type CustomerJson, type ImportInput } from "../modules/imports/run-customer-import.ts";
import { decodeCsvText } from "../modules/imports/csv-text.ts";
import type { ImportSummary } from "../modules/imports/import-customers.ts";
import { databaseOptions } from "./config.ts";
import { callServer, type Server } from "./remote.ts";

function readImport(file: string): ImportInput {
  // Refused unless UTF-8 (with the line), as the API refuses it; never read with replacement characters.
  const text = decodeCsvText(readFileSync(file));
  return file.toLowerCase().endsWith(".json")
    ? { format: "json", customers: (JSON.parse(text) as { customers: CustomerJson[] }).customers }
    : { format: "csv", text };
}

/** The file's import, or null once a file that is not UTF-8 has been reported. */
function readOrRefuse(file: string): ImportInput | null {
  try {
    return readImport(file);
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") {
      reportRefusal(
        file,
        error.message,
        error.fields.map((f) => ({ field: f.field, message: localize(f.message, "en") })),
      );
      return null;
    }
    throw error;
  }
}

function summaryLine(summary: ImportSummary, dryRun: boolean, seconds: string): string {
  return dryRun
    ? `Valid: ${summary.customers} customers, ${summary.services} services, ${summary.contacts} contacts, ${summary.domains} with domain names. Nothing was written (--dry-run).\n`
    : `Imported ${summary.customers} customers (${summary.created} new, ${summary.updated} updated), ${summary.services} services, ${summary.contacts} contacts, ${summary.domains} with domain names; ${summary.annexVersions} new Annex 1 versions${summary.ownersInvited ? `; ${summary.ownersInvited} owners invited` : ""}${summary.agreementsEnded ? `; ${summary.agreementsEnded} agreements ended (last service ended)` : ""}, in ${seconds} s.\n`;
}

function reportRefusal(file: string, message: string, fields: { field: string; message: string }[]): void {
  process.stderr.write(`${file}: ${message}\n`);
  for (const f of fields) {
    process.stderr.write(`  ${f.field}: ${f.message}\n`);
  }
}

/** `art28 import customers FILE`: CSV (or JSON `{ customers: [...] }`), all or nothing, on the data folder or DATABASE_URL. */
export async function importCustomersCommand(dataDir: string, file: string, options: { dryRun: boolean; inviteOwners?: boolean }): Promise<number> {
  const input = readOrRefuse(file);
  if (input === null) {
    return 1;
  }
  const database = await openDatabase(databaseOptions(dataDir, "import customers"));
  await database.migrate();
  const bar = await progressBar("{phase} {bar} {value}/{total}");
  let barPhase = "";
  try {
    const started = performance.now();
    const summary = await runCustomerImport(
      database.db,
      systemClock,
      { kind: "system", id: null, label: `art28 import (${userInfo().username}@${hostname()})` },
      input,
      {
        dryRun: options.dryRun,
        inviteOwners: options.inviteOwners ?? false,
        progress: (phase, done, total) => {
          if (phase !== barPhase) {
            if (barPhase) {
              bar.stop();
            }
            barPhase = phase;
            bar.start(total, done, { phase: phase.padEnd(9) });
          }
          bar.update(done, { phase: phase.padEnd(9) });
        },
      },
    );
    if (barPhase) {
      bar.stop();
    }
    process.stdout.write(summaryLine(summary, options.dryRun, ((performance.now() - started) / 1000).toFixed(2)));
    return 0;
  } catch (error) {
    if (barPhase) {
      bar.stop();
    }
    if (error instanceof AppError && error.code === "conflict") {
      process.stderr.write(`art28: ${error.message}\n`);
      return 2;
    }
    if (error instanceof AppError && error.code === "validation") {
      reportRefusal(
        file,
        error.message,
        error.fields.map((f) => ({ field: f.field, message: localize(f.message, "en") })),
      );
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** The same through a running server's API (`--server`), for when that server owns the data folder. */
export async function importCustomersThroughServer(server: Server, file: string, options: { dryRun: boolean; inviteOwners?: boolean }): Promise<number> {
  const input = readOrRefuse(file);
  if (input === null) {
    return 1;
  }
  const started = performance.now();
  const params = [options.dryRun ? "dryRun=true" : "", options.inviteOwners ? "inviteOwners=true" : ""].filter(Boolean).join("&");
  const query = params ? `?${params}` : "";
  const answer =
    input.format === "csv"
      ? await callServer<ImportSummary>(server, "POST", `/api/v1/imports/customers.csv${query}`, { contentType: "text/csv", body: input.text })
      : await callServer<ImportSummary>(server, "POST", `/api/v1/imports/customers${query}`, {
          contentType: "application/json",
          body: JSON.stringify({ customers: input.customers }),
        });
  if (answer.ok) {
    process.stdout.write(summaryLine(answer.body, options.dryRun, ((performance.now() - started) / 1000).toFixed(2)));
    return 0;
  }
  if (answer.status === 400) {
    reportRefusal(file, answer.error.message, answer.error.fields);
    return 1;
  }
  process.stderr.write(`art28: ${answer.error.message}\n`);
  return 2;
}
