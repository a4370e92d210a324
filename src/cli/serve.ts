import { ChangeFeed } from "../db/change-feed.ts";
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import closeWithGrace from "close-with-grace";
import type { FastifyInstance } from "fastify";
import { buildApp, DEFAULT_WEB_ROOT } from "../app.ts";
import { trackConnections, type Connections } from "../http/connections.ts";
import { openDatabase } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import { systemClock } from "../domain/clock.ts";
import { ensureInstalled } from "../modules/setup/install.ts";
import { DEMO_PASSWORD, DEMO_PROCESSOR, DEMO_STAFF, loadDemo } from "../modules/setup/demo.ts";
import { backupSocketOf } from "../db/data-folder.ts";
import { databaseOptions, embeddedDatabaseFolder, oidcConfig, sessionSecret } from "./config.ts";
import { listenForBackups, type BackupListener } from "./backup-socket.ts";
import { logFormat, processLogger } from "./log-output.ts";
import { startBackgroundWork } from "../jobs/runner.ts";
import { loadCheckpointKey, registerCheckpointKey } from "../modules/checkpoints/index.ts";

/**
 * ART28_TRUSTED_PROXIES: the reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For
 * names the client. Unset or empty: none, the connection's address is the client's. A wrong entry
 * stops the start rather than trusting more or less than meant.
 */
export function trustedProxies(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries) {
    const [address = "", prefix, ...rest] = entry.split("/");
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new Error(`ART28_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, ::1)`);
    }
  }
  return entries;
}

export interface ServeOptions {
  dataDir: string;
  port: number;
  host: string;
  demo: boolean;
  /** pretty or json; unset: ART28_LOG_FORMAT, else pretty on a terminal and JSON otherwise. */
  logFormat?: string | undefined;
}

/** How long a stop may take. Then every connection is closed and the process exits regardless. */
export const STOP_DEADLINE_MS = 10_000;
/** Requests still running this long before the deadline are cut off, so the rest can close in time. */
const CUT_OFF_BEFORE_DEADLINE_MS = 3_000;

/**
 * Whether cookies carry `Secure`: whenever users reach Art28 over HTTPS (ART28_PUBLIC_URL), so a
 * session cookie never travels in the clear; ART28_SECURE_COOKIES=true forces it behind another setup.
 */
export function secureCookies(env: NodeJS.ProcessEnv): boolean {
  return env.ART28_SECURE_COOKIES === "true" || /^https:/i.test(env.ART28_PUBLIC_URL?.trim() ?? "");
}

/**
 * `art28 serve`: migrate, install on first run (optionally with demo data), and listen. On SIGTERM
 * or SIGINT it stops within STOP_DEADLINE_MS: no new connections, idle ones closed at once, requests
 * in flight finished (cut off near the deadline), deliveries in flight settled, the database closed
 * and the data folder given up, marked as cleanly stopped.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const log = processLogger(process.env.LOG_LEVEL ?? "info", logFormat(options.logFormat, process.env, process.stdout.isTTY === true));
  let app: FastifyInstance | undefined;
  let connections: Connections | undefined;
  let background: ReturnType<typeof startBackgroundWork> | null = null;
  let changes: ChangeFeed | null = null;
  let backups: BackupListener | null = null;
  let lostReason: string | null = null;
  // How long each step of the start took, for the banner: a slow start says where its time went.
  const phases: string[] = [];
  let lap = 0; // the process's start: the first phase is loading the modules
  const phase = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${Math.round(now - lap)} ms`);
    lap = now;
  };
  phase("modules loaded");

  const database = await openDatabase(
    databaseOptions(options.dataDir, "serve", {
      onWarning: (message) => log.warn(message),
      onLost: (reason) => {
        lostReason = reason;
        log.error(`${reason}; stopping without writing to the folder again`);
        stopper.close();
      },
    }),
  );
  phase(
    database.origin === "template"
      ? "database created from the migrated template"
      : database.origin === "initdb"
        ? "database created (initdb)"
        : "database opened",
  );
  let starting: Promise<unknown> = Promise.resolve();
  const stopper = closeWithGrace(
    {
      delay: STOP_DEADLINE_MS,
      logger: { error: (message: unknown) => log.error(message) },
      onTimeout: (delay) => log.error(`not stopped within ${delay} ms: exiting with work unfinished (the next start recovers from the write-ahead log)`),
    },
    async ({ signal, err }) => {
      if (err) {
        log.error({ err }, "stopping after an unexpected error");
      } else if (signal) {
        log.info(`${signal}: stopping`);
      }
      const stopStarted = performance.now();
      await Promise.allSettled([starting]);
      connections?.closeIdle();
      const cutOff = setTimeout(() => connections?.closeAll(), STOP_DEADLINE_MS - CUT_OFF_BEFORE_DEADLINE_MS);
      await Promise.all([app?.close(), background?.stop(), backups?.close()]);
      await changes?.close();
      clearTimeout(cutOff);
      if (lostReason) {
        // The folder may be another process's now: do not close the database, which writes to it.
        throw new Error(lostReason);
      }
      await database.close();
      log.info(`stopped in ${Math.round(performance.now() - stopStarted)} ms; the data folder is released`);
    },
  );

  const previous = database.claim?.previousUnclean;
  if (previous) {
    log.warn(
      `the last run (art28 ${previous.command}, pid ${previous.pid}, since ${previous.since}) ended without a clean stop; ` +
        "the database recovers from its write-ahead log",
    );
  }
  const clock = systemClock;
  const url = `http://${options.host === "0.0.0.0" ? "localhost" : options.host}:${options.port}`;
  const startUp = async () => {
    await database.migrate();
    phase("migrations");
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
    phase(install.created ? (options.demo ? "installed with demo data" : "installed") : "installation checked");
    // The key that signs checkpoints: the data folder's (made now on first run) or ART28_CHECKPOINT_KEY.
    registerCheckpointKey(loadCheckpointKey(options.dataDir));
    // What changed, as the database tells: the reads this process keeps (db/change-feed.ts).
    changes = await ChangeFeed.start(database);
    app = await buildApp({
      db: database.db,
      clock,
      changes,
      sessionSecret: sessionSecret(options.dataDir),
      secureCookies: secureCookies(process.env),
      trustedProxies: trustedProxies(process.env.ART28_TRUSTED_PROXIES),
      logger: log,
      webRoot: DEFAULT_WEB_ROOT,
      oidc: oidcConfig(process.env),
      compileOnFirstUse: true,
    });
    connections = trackConnections(app.server);
    // The outbox worker and the deadline sweep run in this process unless ART28_WORKER=off (then run
    // `art28 worker` processes against the same PostgreSQL).
    const smtpUrl = process.env.ART28_SMTP_URL || undefined;
    // Links in e-mails and feeds go to ART28_PUBLIC_URL; unset, to the address this server listens on.
    process.env.ART28_PUBLIC_URL ??= url;
    background = process.env.ART28_WORKER === "off" ? null : startBackgroundWork({ db: database.db, clock, engine: database.engine, smtpUrl, log });
    if (database.claim) {
      // `art28 backup` asks this process for a consistent dump: nothing else may read the folder while it runs.
      backups = await listenForBackups(database, backupSocketOf(embeddedDatabaseFolder(options.dataDir)), log);
    }
    await app.listen({ port: options.port, host: options.host });
    phase("app built and listening");
    return { install, smtpUrl, backupSocket: backups?.path ?? null };
  };
  const run = startUp();
  starting = run;
  const { install, smtpUrl, backupSocket } = await run;

  database.claim?.announce(url, backupSocket);
  const lines = [
    "",
    `Art28 is running at ${url}  (${database.engine === "pglite" ? `embedded database in ${options.dataDir}` : "PostgreSQL"}; ready ${Math.round(performance.now())} ms after the process started)`,
    `  start: ${phases.join(", ")}`,
    `API documentation: ${url}/api/docs`,
    background === null
      ? "Notices: delivered by separate `art28 worker` processes (ART28_WORKER=off)."
      : smtpUrl
        ? "Notices: delivered by email over ART28_SMTP_URL, to webhooks, and in the portal inbox."
        : "Notices: no ART28_SMTP_URL set, so emails are kept in the outbox (back-office → Outbox); webhooks and the portal inbox work.",
  ];
  if (previous) {
    lines.push(`The last run (pid ${previous.pid}, since ${previous.since}) ended without a clean stop; the database has recovered.`);
  }
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
  lines.push("Stop with Ctrl-C (or SIGTERM): it finishes what is in flight and stops within seconds.");
  process.stdout.write(`${lines.join("\n")}\n\n`);
}
