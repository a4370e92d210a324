import Fastify from "fastify";
import { pino, type Logger } from "pino";
import { registerOperationsRoutes } from "../http/metrics.ts";
import { openDatabase } from "../db/engine.ts";
import { loggerOptions } from "../http/logging.ts";
import { systemClock } from "../domain/clock.ts";
import { startBackgroundWork } from "./runner.ts";
import { DEFAULT_BATCH_SIZE } from "./outbox-worker.ts";
import { loadCheckpointKey, registerCheckpointKey } from "../modules/checkpoints/index.ts";

// A worker process: `npx node src/jobs/worker-main.ts` (or `art28 worker`). Delivers the outbox of
// a PostgreSQL database (DATABASE_URL) over ART28_SMTP_URL, with ART28_WORKER_CONCURRENCY claim
// loops (default 2) of ART28_OUTBOX_BATCH deliveries per transaction (default 20; the in-doubt
// window after a crash, see outbox-worker.ts), and runs the deadline sweep (runner.ts). Start as many as wanted: each notice
// is still sent once. With ART28_METRICS_PORT it serves /healthz, /readyz and /metrics on that port. SIGTERM or SIGINT stops it after the deliveries in flight are settled, with
// exit code 0.

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
  const work = startBackgroundWork({ db: database.db, clock: systemClock, engine: "postgres", smtpUrl: smtpUrl ?? undefined, concurrency, batchSize, log });
  // Its probes and metrics on a port of its own when asked (ART28_METRICS_PORT, on ART28_METRICS_HOST, default loopback).
  const probes = env.ART28_METRICS_PORT ? Fastify() : null;
  if (probes) {
    registerOperationsRoutes(probes, database.db, systemClock, env);
    const address = await probes.listen({ port: Number(env.ART28_METRICS_PORT), host: env.ART28_METRICS_HOST ?? "127.0.0.1" });
    log.info(`worker probes and metrics at ${address}/metrics`);
  }
  log.info(
    `outbox worker started: ${concurrency} loops of batches of ${batchSize}, ${smtpUrl ? `SMTP ${redact(smtpUrl)}` : "no SMTP (email is held in the outbox)"}`,
  );
  await stopRequested;
  log.info("stopping after the deliveries in flight");
  await work.stop();
  await probes?.close();
  await database.close();
  log.info("outbox worker stopped");
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
