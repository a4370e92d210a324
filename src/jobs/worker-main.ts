import Fastify from "fastify";
import { pino, type Logger } from "pino";
import { registerOperationsRoutes } from "../http/metrics.ts";
import { openDatabase, type Db } from "../db/engine.ts";
import { isInstalled, readiness } from "../db/operations.ts";
import { loggerOptions } from "../http/logging.ts";
import { systemClock } from "../domain/clock.ts";
import { startBackgroundWork } from "./runner.ts";
import { DEFAULT_BATCH_SIZE } from "./outbox-worker.ts";
import { loadCheckpointKey, registerCheckpointKey } from "../modules/checkpoints/index.ts";

// A worker process: `npx node src/jobs/worker-main.ts` (or `art28 worker`). Delivers the outbox of
// a PostgreSQL database (DATABASE_URL) over ART28_SMTP_URL, with ART28_WORKER_CONCURRENCY claim
// loops (default 2) of ART28_OUTBOX_BATCH deliveries per transaction (default 20; the in-doubt
// window after a crash, see outbox-worker.ts), and runs the deadline sweep (runner.ts). Start as many as wanted: each notice
// is still sent once. With ART28_METRICS_PORT it serves /healthz, /readyz and /metrics on that port.
// SIGTERM or SIGINT: it claims nothing more, settles the deliveries in flight (sent and recorded, or
// given back), ends the sweep after its current transaction and exits 0, within STOP_DEADLINE_MS.
// Past the deadline (a relay that does not answer) it exits 1 with the work in flight unfinished:
// PostgreSQL rolls it back as for a killed worker, and another worker sends it.

/** How long a stop may take, as for `art28 serve`; systemd's TimeoutStopSec should be longer. */
export const STOP_DEADLINE_MS = 10_000;
/** How often a worker waiting for its database looks again. */
const READY_POLL_MS = 1000;

export interface WorkerProcessOptions {
  env?: NodeJS.ProcessEnv;
  /** The logger (default: pino to stdout at LOG_LEVEL, the same fields as the web process). */
  logger?: Logger;
}

/** Runs the outbox worker and the sweep until SIGTERM/SIGINT; resolves once they have stopped and the pool is closed. */
export async function runWorkerProcess(options: WorkerProcessOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const log = options.logger ?? pino(loggerOptions(env.LOG_LEVEL ?? "info"));
  const url = env.DATABASE_URL;
  if (!url) {
    throw new Error("the worker process needs DATABASE_URL (PostgreSQL); in embedded mode `art28 serve` delivers notices itself");
  }
  const concurrency = Number(env.ART28_WORKER_CONCURRENCY ?? 2);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new Error(`ART28_WORKER_CONCURRENCY must be a whole number from 1 to 64, got ${env.ART28_WORKER_CONCURRENCY}`);
  }
  const batchSize = Number(env.ART28_OUTBOX_BATCH ?? DEFAULT_BATCH_SIZE);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    throw new Error(`ART28_OUTBOX_BATCH must be a whole number from 1 to 1000, got ${env.ART28_OUTBOX_BATCH}`);
  }
  const smtpUrl = env.ART28_SMTP_URL || null;
  // Listen before anything starts, so a SIGTERM during start-up is a clean stop too.
  const stopRequested = new Promise<void>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
  // One connection per claim loop, plus the sweep's and a spare.
  const database = await openDatabase({ engine: "postgres", url, poolSize: concurrency + 2 });
  // The sweep makes checkpoints when ART28_CHECKPOINT_KEY is set (every process signs with that one key).
  registerCheckpointKey(loadCheckpointKey("", env));
  // Its probes and metrics on a port of its own when asked (ART28_METRICS_PORT, on ART28_METRICS_HOST, default loopback).
  const probes = env.ART28_METRICS_PORT ? Fastify() : null;
  if (probes) {
    registerOperationsRoutes(probes, database.db, systemClock, env);
    const address = await probes.listen({ port: Number(env.ART28_METRICS_PORT), host: env.ART28_METRICS_HOST ?? "127.0.0.1" });
    log.info(`worker probes and metrics at ${address}/metrics`);
  }
  const work = (await untilReady(database.db, log, stopRequested))
    ? startBackgroundWork({ db: database.db, clock: systemClock, engine: "postgres", smtpUrl: smtpUrl ?? undefined, concurrency, batchSize, log })
    : null;
  if (work) {
    log.info(
      `outbox worker started: ${concurrency} loops of batches of ${batchSize}, ${smtpUrl ? `SMTP ${redact(smtpUrl)}` : "no SMTP (email is held in the outbox)"}`,
    );
  }
  await stopRequested;
  const stopStarted = performance.now();
  log.info("stopping: no new claims; settling the deliveries in flight");
  const deadline = setTimeout(() => {
    log.error(`not stopped within ${STOP_DEADLINE_MS} ms: exiting with deliveries unsettled (they roll back and another worker sends them)`);
    process.exit(1);
  }, STOP_DEADLINE_MS);
  deadline.unref();
  await work?.stop();
  await probes?.close();
  await database.close();
  clearTimeout(deadline);
  log.info(`outbox worker stopped in ${Math.round(performance.now() - stopStarted)} ms`);
}

/**
 * Waits until the database has every migration of this build and is installed (a fleet's first
 * start: the web processes migrate and install; an upgrade: `art28 migrate` runs first), so a
 * worker never works on a schema it does not know. False when asked to stop meanwhile.
 */
async function untilReady(db: Db, log: Logger, stopRequested: Promise<void>): Promise<boolean> {
  let stopped = false;
  void stopRequested.then(() => (stopped = true));
  let told = false;
  while (!stopped) {
    const state = await readiness(db);
    if (state.ready && (await isInstalled(db))) {
      return true;
    }
    if (!told) {
      told = true;
      log.warn(
        state.database === "unreachable"
          ? "waiting for the database: it does not answer"
          : `waiting for the database: ${state.migrationsApplied} of ${state.migrationsKnown} migrations applied${state.ready ? ", not installed yet" : ""} (art28 serve or art28 migrate does this)`,
      );
    }
    await Promise.race([stopRequested, new Promise((resolve) => setTimeout(resolve, READY_POLL_MS))]);
  }
  return false;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = "***";
    }
    return parsed.toString();
  } catch {
    return "(an invalid URL)";
  }
}

if (import.meta.main) {
  runWorkerProcess().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`art28 worker: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
