import { writeFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { openDatabase } from "../db/engine.ts";
import { DataFolderInUseError } from "../db/data-folder.ts";
import { buildApp } from "../app.ts";
import { registerAllNoticeKinds } from "../modules.ts";
import { systemClock } from "../domain/clock.ts";
import { verifyChain, type VerifyResult } from "../modules/evidence/verify-chain.ts";
import { verifyBundleFile } from "./verify-bundle.ts";
import { databaseOptions, DEFAULT_DATA_DIR } from "./config.ts";
import { serve } from "./serve.ts";
import { LOG_FORMATS } from "./log-output.ts";
import { importCustomersCommand, importCustomersThroughServer } from "./import.ts";
import { importFeesCommand, importFeesThroughServer } from "./import-fees.ts";
import { exportRegisterCommand, exportRegisterThroughServer } from "./export.ts";
import { callServer, CommandError, serverFrom } from "./remote.ts";
import { refusalMessage } from "./refusal.ts";
import { runWorkerProcess } from "../jobs/worker-main.ts";
import { backupCommand, describeBackup, describeRestore, restoreCommand } from "./backup.ts";
import { progressBar } from "./progress.ts";

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new InvalidArgumentError("a port is a whole number from 1 to 65535");
  }
  return n;
};

const program = new Command("art28").description("Runs a processor's GDPR art. 28 data processing agreements.");
program.option("--data <dir>", "data folder of the embedded database (ignored with DATABASE_URL)", DEFAULT_DATA_DIR);
// --data is given before or after the command (art28 --data d serve, art28 serve --data d): every
// command's help lists it.
program.configureHelp({ showGlobalOptions: true });
const dataDir = () => program.opts<{ data: string }>().data;

program
  .command("serve")
  .description("start the web server (migrates, and creates the processor on first run)")
  .option("--port <port>", "port", port, Number(process.env.PORT ?? 3000))
  .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
  .option("--demo", "on first run, load a demo hosting provider with 50 customers", false)
  .addOption(
    new Option(
      "--log-format <format>",
      "log lines for people (pretty) or for a collector (json); default: pretty on a terminal, else json (ART28_LOG_FORMAT)",
    ).choices(LOG_FORMATS),
  )
  .action(async (opts: { port: number; host: string; demo: boolean; logFormat?: string }) => {
    await serve({ dataDir: dataDir(), ...opts });
  });

program
  .command("worker")
  .description("deliver notices (email over ART28_SMTP_URL, webhooks) and run the deadline sweep; needs DATABASE_URL; run as many as you like")
  .action(async () => {
    await runWorkerProcess();
    process.exit(0);
  });

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(async () => {
    const database = await openDatabase(databaseOptions(dataDir(), "migrate"));
    await database.migrate();
    await database.close();
    process.stdout.write("migrations applied\n");
  });

function printVerification(result: VerifyResult, seconds: number): number {
  if (result.ok) {
    process.stdout.write(`OK: ${result.events} events in ${result.streams} streams verified in ${seconds.toFixed(2)} s\n`);
    return 0;
  }
  const b = result.firstBroken;
  process.stdout.write(`BROKEN: first broken link in stream ${b?.stream} at position ${b?.streamSeq}${b?.seq ? ` (event #${b.seq})` : ""}: ${b?.reason}\n`);
  return 1;
}

program
  .command("verify")
  .description("verify the hash chain of the whole evidence log, or a customer's evidence bundle (--bundle)")
  .option("--server <url>", "through a running Art28 (e.g. the one that owns the data folder), with an API token in ART28_TOKEN")
  .option("--token <token>", "the API token for --server (ART28_TOKEN keeps it out of the process list)")
  .option("--bundle <file>", "check an evidence bundle (ZIP) by itself: no database, no network; names the first failure")
  .option(
    "--public-key <key>",
    "with --bundle: the processor's Ed25519 public key as its trust page publishes it (base64); the checkpoints must be signed by it",
  )
  .action(async (opts: { server?: string; token?: string; bundle?: string; publicKey?: string }) => {
    if (opts.bundle !== undefined) {
      process.exitCode = await verifyBundleFile(opts.bundle, opts.publicKey);
      return;
    }
    const server = serverFrom(opts);
    if (server) {
      const answer = await callServer<VerifyResult & { seconds: number }>(server, "GET", "/api/v1/evidence/verification");
      if (!answer.ok) {
        throw new CommandError(answer.error.message);
      }
      process.exitCode = printVerification(answer.body, answer.body.seconds);
      return;
    }
    const database = await openDatabase(databaseOptions(dataDir(), "verify"));
    const bar = await progressBar("verifying {bar} {value} events");
    bar.start(0, 0);
    const started = performance.now();
    const result = await verifyChain(database.db, (done) => {
      bar.setTotal(done);
      bar.update(done);
    });
    bar.stop();
    await database.close();
    process.exitCode = printVerification(result, (performance.now() - started) / 1000);
  });

const importCommand = program.command("import").description("import from a billing export");

importCommand
  .command("customers <file>")
  .description("create or update customers, services, monthly fees and privacy contacts from CSV (one row per customer and service) or JSON; all or nothing")
  .option("--dry-run", "validate only", false)
  .option("--invite-owners", "invite each new customer's owner at its privacy contact's address (a link by e-mail, valid 7 days)", false)
  .option("--server <url>", "through a running Art28 (e.g. the one that owns the data folder), with an API token in ART28_TOKEN")
  .option("--token <token>", "the API token for --server (ART28_TOKEN keeps it out of the process list)")
  .action(async (file: string, opts: { dryRun: boolean; inviteOwners: boolean; server?: string; token?: string }) => {
    const server = serverFrom(opts);
    process.exitCode = server ? await importCustomersThroughServer(server, file, opts) : await importCustomersCommand(dataDir(), file, opts);
  });

importCommand
  .command("fees <file>")
  .description(
    "the fee ledger (art. 11.1 cap): what each customer paid per calendar month, from CSV (customer_number, month, amount, description) or JSON; all or nothing",
  )
  .option("--dry-run", "validate only", false)
  .option("--server <url>", "through a running Art28 (e.g. the one that owns the data folder), with an API token in ART28_TOKEN")
  .option("--token <token>", "the API token for --server (ART28_TOKEN keeps it out of the process list)")
  .action(async (file: string, opts: { dryRun: boolean; server?: string; token?: string }) => {
    const server = serverFrom(opts);
    process.exitCode = server ? await importFeesThroughServer(server, file, opts) : await importFeesCommand(dataDir(), file, opts);
  });

program
  .command("export")
  .description("export what Art28 holds")
  .command("register")
  .description("the register of processing on behalf of each controller (GDPR art. 30(2)), streamed; the PDF up to 1,000 controllers")
  .addOption(new Option("--format <format>", "file format").choices(["csv", "xlsx", "pdf"]).makeOptionMandatory())
  .addOption(new Option("--lang <lang>", "language of headers and texts").choices(["nl", "en"]).default("nl"))
  .option("--out <file>", "write to this file (default: stdout)")
  .option("--server <url>", "through a running Art28 (e.g. the one that owns the data folder), with an API token in ART28_TOKEN")
  .option("--token <token>", "the API token for --server (ART28_TOKEN keeps it out of the process list)")
  .action(async (opts: { format: "csv" | "xlsx" | "pdf"; lang: "nl" | "en"; out?: string; server?: string; token?: string }) => {
    const server = serverFrom(opts);
    const options = { format: opts.format, lang: opts.lang, ...(opts.out === undefined ? {} : { out: opts.out }) };
    process.exitCode = server ? await exportRegisterThroughServer(server, options) : await exportRegisterCommand(dataDir(), options);
  });

program
  .command("backup <file>")
  .description(
    "write a consistent backup of the embedded database and its keys to FILE (a ZIP with a manifest), also while `art28 serve` runs on the folder; on PostgreSQL use pg_dump",
  )
  .action(async (file: string) => {
    process.stdout.write(describeBackup(await backupCommand(dataDir(), file)));
  });

program
  .command("restore <file>")
  .description(
    "restore a backup into an empty or new data folder (--data), migrate it forward if older, and verify its evidence chain as `verify` does; on PostgreSQL use pg_restore",
  )
  .option("--force", "replace the database and keys of a folder that has them (never one a running process holds)", false)
  .action(async (file: string, opts: { force: boolean }) => {
    const bar = await progressBar("verifying {bar} {value} events");
    bar.start(0, 0);
    const summary = await restoreCommand(dataDir(), file, opts, (done) => {
      bar.setTotal(done);
      bar.update(done);
    }).finally(() => bar.stop());
    process.stdout.write(describeRestore(dataDir(), file, summary));
    process.exitCode = printVerification(summary.verification, summary.seconds.verify);
  });

program
  .command("openapi <file>")
  .description("write the OpenAPI 3.1 document to a file")
  .action(async (file: string) => {
    const database = await openDatabase({ engine: "pglite", memory: true });
    const app = await buildApp({ db: database.db, clock: systemClock, sessionSecret: "x".repeat(32), secureCookies: false, webRoot: null });
    await app.ready();
    writeFileSync(file, `${JSON.stringify(app.swagger(), null, 2)}\n`);
    await app.close();
    await database.close();
    process.stdout.write(`wrote ${file}\n`);
  });

// Every command may queue notices (serve --demo announces a change before the app is built; an import
// tells customers): the kinds the modules define are registered once, before any command runs.
registerAllNoticeKinds();

try {
  await program.parseAsync();
} catch (error) {
  // Said in a few lines, without a stack: the folder is someone else's, or the call was wrong.
  if (error instanceof DataFolderInUseError) {
    process.stderr.write(refusalMessage(error));
    process.exit(2);
  }
  if (error instanceof CommandError) {
    process.stderr.write(`art28: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
