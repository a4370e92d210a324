import { readFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import cliProgress from "cli-progress";
import { openDatabase } from "../db/engine.ts";
import { systemClock } from "../domain/clock.ts";
import { AppError, localize } from "../http/errors.ts";
import { runCustomerImport, type CustomerJson } from "../modules/imports/run-customer-import.ts";
import { databaseOptions } from "./config.ts";

/** `art28 import customers FILE`: CSV (or JSON `{ customers: [...] }`), all or nothing. */
export async function importCustomersCommand(dataDir: string, file: string, options: { dryRun: boolean }): Promise<number> {
  const text = readFileSync(file, "utf8");
  const input = file.toLowerCase().endsWith(".json")
    ? { format: "json" as const, customers: (JSON.parse(text) as { customers: CustomerJson[] }).customers }
    : { format: "csv" as const, text };
  const database = await openDatabase(databaseOptions(dataDir));
  await database.migrate();
  const bar = new cliProgress.SingleBar({ format: "{phase} {bar} {value}/{total}", stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let barPhase = "";
  try {
    const started = performance.now();
    const summary = await runCustomerImport(database.db, systemClock, { kind: "system", id: null, label: `art28 import (${userInfo().username}@${hostname()})` }, input, {
      dryRun: options.dryRun,
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
    });
    if (barPhase) {
      bar.stop();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(
      options.dryRun
        ? `Valid: ${summary.customers} customers, ${summary.services} services, ${summary.contacts} contacts. Nothing was written (--dry-run).\n`
        : `Imported ${summary.customers} customers (${summary.created} new, ${summary.updated} updated), ${summary.services} services, ${summary.contacts} contacts; ${summary.annexVersions} new Annex 1 versions, in ${seconds} s.\n`,
    );
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
      process.stderr.write(`${file}: ${error.message}\n`);
      for (const f of error.fields) {
        process.stderr.write(`  ${f.field}: ${localize(f.message, "en")}\n`);
      }
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
