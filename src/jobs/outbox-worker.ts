import type pg from "pg";
import type { Db, Engine } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import { errorForLog, redactValues } from "../http/logging.ts";
import type { Clock } from "../domain/clock.ts";
import { loadProcessorContext, publicUrl } from "../modules/notices/context.ts";
import { createMailer, fromAddress, type Mailer } from "./mailer.ts";
import { deliverClaim, type DeliverDeps, type DeliveryOutcome } from "./outbox-deliver.ts";
import { ClaimLostError, pgliteSession, postgresSession, type ClaimSession } from "./outbox-session.ts";
import { latestCheckpointReader } from "../modules/checkpoints/index.ts";

import { metrics } from "../http/metrics.ts";
export { recordBounce, type BounceResult } from "./record-bounce.ts";

/**
 * The outbox worker: delivers every pending delivery row (email over SMTP, webhooks over HTTPS),
 * exactly once however many worker processes share one PostgreSQL, and wherever one is killed.
 *
 * How: per delivery, one transaction on the claim loop's own connection (outbox-session.ts):
 *  1. BEGIN + claim: `SELECT … WHERE status = 'pending' AND next_attempt_at <= now ORDER BY
 *     next_attempt_at LIMIT 1 FOR UPDATE OF d, s SKIP LOCKED` locks the row and its evidence stream
 *     head; other workers skip both.
 *  2. Render and send while the locks are held.
 *  3. On the relay's 250 (or the endpoint's 2xx): the row marked sent, the try logged, the
 *     "notice.sent" event appended, all computed in memory and sent with COMMIT in one message to
 *     the server (outbox-sql.ts); the same message begins the next transaction and claims the next
 *     row, so a delivery costs one round trip. A refusal instead schedules a retry or fails the
 *     delivery (delivery-outcomes.ts), in the same transaction.
 * A worker that dies anywhere before that last write leaves no trace: PostgreSQL rolls back when
 * its connection drops, the row is pending again and another worker sends it.
 *
 * The one window, stated plainly: if the process dies after the relay has accepted a message but
 * before the COMMIT has reached PostgreSQL, that message is sent again by the next worker (same
 * Message-ID, so the recipient's systems can tell; never more than one message per claim loop;
 * nothing is ever lost). The window is the 250 travelling back, this process getting the CPU,
 * nodemailer handling the reply, one SHA-256 and one socket write: no database round trip and no
 * other await lies inside it. Measured (2 vCPUs, relay in another process, 2 loops): 0.15 ms at the
 * median, 0.4 ms at p90 per message, which a kill at a random moment of a busy fan-out hits about
 * one time in eight (one in three on a loaded machine; see test/engine/exactly-once.test.ts).
 * Closing it entirely would need the relay to take part in the transaction, which SMTP cannot do.
 * Webhooks have the same window; receivers drop a repeat by its webhook-id, as Standard Webhooks
 * expects them to.
 *
 * The stream head stays locked during the send, so other writers to that customer's evidence (a
 * portal action) wait for at most the send's timeout (SMTP socket 30 s, webhook 10 s).
 *
 * On PGlite (embedded mode) there is one claim loop and no other process; the send happens between
 * two short transactions so the web server is never stalled by a slow relay (outbox-session.ts).
 */

export interface WorkerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  clock: Clock;
  engine: Engine;
  /** e.g. smtp://127.0.0.1:2525; without it email is held in the outbox (embedded mode). */
  smtpUrl?: string | null;
  /** Claim loops in this process, each on its own connection (PostgreSQL; default 2). PGlite: always 1. */
  concurrency?: number;
  /** How often an idle loop looks for due deliveries (default 1000 ms); 0: only when woken or drained. */
  pollMs?: number;
  /** One line per batch and per error; a pino-like logger gets levels. Default: errors to stderr. */
  log?: ((line: string) => void) | WorkerLog;
  /** Default: ART28_PUBLIC_URL or http://localhost:3000. */
  portalUrl?: string;
  webhookTimeoutMs?: number;
  /** Instead of smtpUrl, e.g. to share a transport; not closed by stop(). */
  mailer?: Mailer;
}

export interface OutboxWorker {
  /** Delivers everything due now; resolves with how many deliveries were handled meanwhile. */
  drain(): Promise<number>;
  /** Makes idle loops look for due deliveries now (e.g. right after notices were queued). */
  wake(): void;
  /** Stops after the deliveries in flight are settled. */
  stop(): Promise<void>;
}

interface Loop {
  /** The tick at which this loop's last claim that found nothing started; -1 while it is busy. */
  emptyAt: number;
  wake: (() => void) | null;
}

interface DrainWaiter {
  /** The tick after which every loop must have found nothing. */
  since: number;
  /** `handled` at `since`: a round that handled nothing settles the waiter. */
  handledAtSince: number;
  handledBefore: number;
  resolve(count: number): void;
  reject(error: unknown): void;
}

const BATCH_LOG_MS = 5000;

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, clock, engine } = options;
  const log = workerLog(options.log);
  const concurrency = engine === "pglite" ? 1 : Math.max(1, options.concurrency ?? 2);
  const pollMs = options.pollMs ?? 1000;
  const ownMailer = !options.mailer && options.smtpUrl ? createMailer(options.smtpUrl) : null;
  const mailer = options.mailer ?? ownMailer;
  const pool = engine === "postgres" ? (db as unknown as { $client: pg.Pool }).$client : null;

  let stopping = false;
  let fatal: unknown = null;
  let tick = 0;
  let handled = 0;
  const loops: Loop[] = [];
  let waiters: DrainWaiter[] = [];
  /** A drain asked every loop to claim once more after this tick (a loop that last claimed before it does not go idle). */
  let roundAfter = 0;
  let batch = { started: 0, sent: 0, held: 0, retry: 0, failed: 0 };

  // The processor's name, address and zone, read once per run (they change rarely; a restart picks a change up).
  const deps: Promise<DeliverDeps> = inScope(db, { kind: "processor" }, (tx) => loadProcessorContext(tx)).then((processor) => ({
    clock,
    mailer,
    from: fromAddress({ name: processor.processorName, privacyEmail: processor.processorEmail }),
    processor,
    portalUrl: (options.portalUrl ?? publicUrl()).replace(/\/+$/, ""),
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    checkpoint: latestCheckpointReader(db),
  }));

  const allIdleSince = (since: number) => loops.every((loop) => loop.emptyAt > since);

  const settleWaiters = () => {
    if (batch.started > 0 && loops.every((loop) => loop.emptyAt >= 0)) {
      flushBatchLog();
    }
    const stillWaiting: DrainWaiter[] = [];
    let again = false;
    for (const waiter of waiters) {
      if (stopping || (allIdleSince(waiter.since) && handled === waiter.handledAtSince)) {
        waiter.resolve(handled - waiter.handledBefore);
      } else if (allIdleSince(waiter.since)) {
        // Every loop found nothing, but some delivered meanwhile: a claim can come back empty while
        // another loop holds a row of the same customer's stream (SKIP LOCKED skips a row whose
        // stream head is locked, and keeps the row lock it took until its transaction ends). So one
        // more round, from a moment no loop holds a claim: nothing found and nothing handled in it
        // means nothing is due.
        stillWaiting.push({ ...waiter, since: ++tick, handledAtSince: handled });
        roundAfter = tick;
        again = true;
      } else {
        stillWaiting.push(waiter);
      }
    }
    waiters = stillWaiting;
    if (again) {
      for (const loop of loops) {
        loop.wake?.();
      }
    }
  };

  const flushBatchLog = () => {
    const { started, ...counts } = batch;
    const total = counts.sent + counts.held + counts.retry + counts.failed;
    if (total > 0) {
      log.info(
        { ...counts, ms: Math.round(performance.now() - started) },
        `outbox: ${total} deliveries (${counts.sent} sent, ${counts.held} held, ${counts.retry} to retry, ${counts.failed} failed)`,
      );
    }
    batch = { started: 0, sent: 0, held: 0, retry: 0, failed: 0 };
  };

  const count = (outcome: DeliveryOutcome) => {
    handled += 1;
    if (batch.started === 0) {
      batch.started = performance.now();
    }
    batch[outcome] += 1;
    if (performance.now() - batch.started > BATCH_LOG_MS) {
      flushBatchLog();
    }
  };

  const idle = (loop: Loop) =>
    new Promise<void>((resolve) => {
      const timer = pollMs > 0 ? setTimeout(() => done(), pollMs) : null;
      const done = () => {
        if (timer) {
          clearTimeout(timer);
        }
        loop.wake = null;
        resolve();
      };
      loop.wake = done;
      if (stopping || loop.emptyAt < roundAfter) {
        done();
      }
    });

  async function runLoop(loop: Loop, session: ClaimSession, ready: DeliverDeps): Promise<void> {
    let failures = 0;
    while (!stopping) {
      const started = ++tick;
      try {
        const claim = await session.claim(clock.now());
        if (!claim) {
          failures = 0;
          loop.emptyAt = started;
          await session.close();
          settleWaiters();
          await idle(loop);
          continue;
        }
        loop.emptyAt = -1;
        let outcome: DeliveryOutcome;
        metrics.deliveriesInFlight.inc();
        try {
          outcome = await deliverClaim(claim, ready);
        } catch (error) {
          await claim.abandon(); // rolls back if it is still open: the row stays pending
          throw error;
        } finally {
          metrics.deliveriesInFlight.dec();
        }
        failures = 0;
        count(outcome);
        metrics.deliveryOutcomes.inc({ outcome });
        if (outcome !== "retry") {
          metrics.deliveryLatency.observe({ outcome }, Math.max(0, clock.now().getTime() - claim.delivery.notice.createdAt.getTime()) / 1000);
        }
      } catch (error) {
        failures += 1;
        loop.emptyAt = -1;
        const lost = error instanceof ClaimLostError;
        const what = lost ? "outbox: a delivery changed while it was sent" : "outbox: a delivery could not be processed; it stays pending";
        log.error({ err: errorForLog(error), failures }, `${what}: ${describe(error)}`);
        for (const waiter of waiters) {
          waiter.reject(error);
        }
        waiters = [];
        // Back off (up to 30 s) so a broken database or a bug does not spin.
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 250 * 2 ** Math.min(failures, 7))));
      }
    }
  }

  const running: Promise<void>[] = [];
  for (let i = 0; i < concurrency; i++) {
    const loop: Loop = { emptyAt: -1, wake: null };
    loops.push(loop);
    const session = pool ? postgresSession(pool, () => clock.now()) : pgliteSession(db);
    running.push(
      deps
        .then((ready) => runLoop(loop, session, ready))
        .catch((error: unknown) => {
          log.error({ err: errorForLog(error) }, `outbox: the worker could not start: ${describe(error)}`);
          fatal = error;
          for (const waiter of waiters) {
            waiter.reject(error);
          }
          waiters = [];
        })
        .finally(() => session.close()),
    );
  }

  return {
    drain() {
      if (fatal) {
        return Promise.reject(fatal instanceof Error ? fatal : new Error(String(fatal)));
      }
      if (stopping) {
        return Promise.resolve(0);
      }
      return new Promise<number>((resolve, reject) => {
        waiters.push({ since: ++tick, handledAtSince: handled, handledBefore: handled, resolve, reject });
        for (const loop of loops) {
          loop.wake?.();
        }
      });
    },
    wake() {
      for (const loop of loops) {
        loop.wake?.();
      }
    },
    async stop() {
      stopping = true;
      for (const loop of loops) {
        loop.wake?.();
      }
      await Promise.all(running);
      flushBatchLog();
      settleWaiters();
      ownMailer?.close();
    },
  };
}

function workerLog(log: OutboxWorkerOptions["log"]): WorkerLog {
  if (typeof log === "function") {
    return { info: (_details, message) => log(message), warn: (_details, message) => log(message), error: (_details, message) => log(message) };
  }
  if (log) {
    return log;
  }
  const toStderr = (_details: object, message: string) => {
    process.stderr.write(`${message}\n`);
  };
  return { info: () => {}, warn: toStderr, error: toStderr };
}

/** An error for a log line: its stack, with the values in it (a query's parameters, quoted text) redacted. */
function describe(error: unknown): string {
  return redactValues(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
