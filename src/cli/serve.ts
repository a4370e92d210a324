import { existsSync } from "node:fs";
import { buildApp, DEFAULT_WEB_ROOT } from "../http/app.ts";
import { DataFolderInUseError, openDatabase } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import { systemClock } from "../domain/clock.ts";
import { ensureInstalled } from "../modules/setup/install.ts";
import { DEMO_PASSWORD, DEMO_PROCESSOR, DEMO_STAFF, loadDemo } from "../modules/setup/demo.ts";
import { databaseOptions, sessionSecret } from "./config.ts";
import { startBackgroundWork } from "../jobs/runner.ts";

export interface ServeOptions {
  dataDir: string;
  port: number;
  host: string;
  demo: boolean;
}

/** `art28 serve`: migrate, install on first run (optionally with demo data), and listen. */
export async function serve(options: ServeOptions): Promise<void> {
  const started = performance.now();
  let database;
  try {
    database = await openDatabase(databaseOptions(options.dataDir));
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      process.stderr.write(`art28: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  await database.migrate();
  const clock = systemClock;
  const seed = options.demo
    ? DEMO_PROCESSOR
    : { name: "Uw hostingbedrijf B.V.", kvk: null, address: null, postalCode: null, city: null, court: "Rechtbank Amsterdam", privacyEmail: null };
  const adminEmail = options.demo ? "admin@norisk.example" : (process.env.ART28_ADMIN_EMAIL ?? "admin@art28.local");
  const install = await inScope(database.db, { kind: "processor" }, async (tx) => {
    const result = await ensureInstalled(tx, clock, seed, { email: adminEmail, ...(options.demo ? { password: DEMO_PASSWORD } : {}) });
    if (result.created && options.demo) {
      await loadDemo(tx, clock);
    }
    return result;
  });
  const app = await buildApp({
    db: database.db,
    clock,
    sessionSecret: sessionSecret(options.dataDir),
    secureCookies: process.env.ART28_SECURE_COOKIES === "true",
    logger: { level: process.env.LOG_LEVEL ?? "info" },
    webRoot: DEFAULT_WEB_ROOT,
  });
  // The outbox worker and the deadline sweep run in this process unless ART28_WORKER=off (then run
  // `art28 worker` processes against the same PostgreSQL).
  const smtpUrl = process.env.ART28_SMTP_URL || undefined;
  const background =
    process.env.ART28_WORKER === "off"
      ? null
      : startBackgroundWork({ db: database.db, clock, engine: database.engine, smtpUrl, log: (line) => app.log.info(line) });
  const shutdown = async () => {
    await background?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  await app.listen({ port: options.port, host: options.host });
  const url = `http://${options.host === "0.0.0.0" ? "localhost" : options.host}:${options.port}`;
  const lines = [
    "",
    `Art28 is running at ${url}  (${database.engine === "pglite" ? `embedded database in ${options.dataDir}` : "PostgreSQL"}; ready in ${Math.round(performance.now() - started)} ms)`,
    `API documentation: ${url}/api/docs`,
    background === null
      ? "Notices: delivered by separate `art28 worker` processes (ART28_WORKER=off)."
      : smtpUrl
        ? "Notices: delivered by email over ART28_SMTP_URL, to webhooks, and in the portal inbox."
        : "Notices: no ART28_SMTP_URL set, so emails are kept in the outbox (back-office → Outbox); webhooks and the portal inbox work.",
  ];
  if (!existsSync(DEFAULT_WEB_ROOT)) {
    lines.push("The web UI is not built: run `npm run build:web` (npm start does this).");
  }
  if (install.created && install.adminPassword) {
    lines.push(`First run: log in as ${install.adminEmail} with password ${install.adminPassword}`);
  }
  if (options.demo) {
    lines.push(
      `Demo logins (password "${DEMO_PASSWORD}"): admin@norisk.example, ${DEMO_STAFF.map((s) => s.email).join(", ")};`,
      "  customers: owner@c0001.example (still has to sign), owner@c0002.example (agreement in force), … owner@c0050.example",
    );
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}
