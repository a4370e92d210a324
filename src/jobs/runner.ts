import type { Db, Engine } from "../db/engine.ts";
import type { Clock } from "../domain/clock.ts";
import { errorForLog, redactValues } from "../http/logging.ts";
import { registerAllNoticeKinds, sweepTasks } from "../modules.ts";
import { metrics } from "../http/metrics.ts";
import { startOutboxWorker, type WorkerLog } from "./outbox-worker.ts";
import { runSweep, type SweepTask } from "./sweep.ts";

export interface BackgroundOptions {
  db: Db;
  clock: Clock;
  engine: Engine;
  smtpUrl?: string | undefined;
  concurrency?: number | undefined;
  /** Deliveries per claim loop's transaction (outbox-worker.ts). */
  batchSize?: number | undefined;
  /** How often the deadline sweep runs (ms). */
  sweepEveryMs?: number;
  tasks?: Record<string, SweepTask>;
  /** The process's logger (pino); silent when absent. */
  log?: WorkerLog;
}

/**
 * The background work of one process: the outbox worker that delivers notices and the deadline
 * sweep (reminders, escalations, windows closing, changes taking effect). The embedded server runs
 * it in process; `art28 worker` runs it on its own, as many times as wanted, against PostgreSQL.
 */
export function startBackgroundWork(options: BackgroundOptions) {
  registerAllNoticeKinds();
  const silent = () => {};
  const log: WorkerLog = options.log ?? { info: silent, warn: silent, error: silent };
  const worker = startOutboxWorker({
    db: options.db,
    clock: options.clock,
    engine: options.engine,
    smtpUrl: options.smtpUrl,
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    log,
  });
  let stopping = false;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      const stopTimer = metrics.sweepDuration.startTimer();
      const result = await runSweep(options.db, options.clock, options.tasks ?? sweepTasks(), () => stopping).finally(() => stopTimer());
      const acted = result.reminded + result.escalated + result.windowsClosed + Object.values(result.other).reduce((a, b) => a + b, 0);
      if (acted > 0) {
        log.info(
          { ...result },
          `sweep: ${result.reminded} reminded, ${result.escalated} escalated, ${result.windowsClosed} windows closed, ${JSON.stringify(result.other)}`,
        );
        worker.wake();
      }
    } catch (error) {
      log.error({ err: errorForLog(error) }, `sweep failed: ${redactValues(error instanceof Error ? error.message : String(error))}`);
    }
  };
  const timer = setInterval(() => {
    if (!stopping) {
      sweeping = sweep();
    }
  }, options.sweepEveryMs ?? 60_000);
  timer.unref();
  sweeping = sweep();
  return {
    wake: () => worker.wake(),
    /**
     * Stops taking work at once (no new claim, no next sweep step) and resolves once the deliveries
     * in flight are settled and the sweep's current transaction has ended.
     */
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await Promise.all([sweeping, worker.stop()]);
    },
  };
}
