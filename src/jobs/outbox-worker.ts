import type pg from "pg";
import type { Db, Engine } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import { errorForLog, redactValues } from "../http/logging.ts";
import type { Clock } from "../domain/clock.ts";
import { loadProcessorContext, publicUrl } from "../modules/notices/context.ts";
import { createMailer, fromAddress, type Mailer } from "./mailer.ts";
import { deliver, type DeliverDeps, type DeliveryOutcome, type Tried } from "./outbox-deliver.ts";
import { ClaimLostError, pgliteSession, postgresSession, type ClaimedBatch, type ClaimSession } from "./outbox-session.ts";
import { latestCheckpointReader } from "../modules/checkpoints/index.ts";

import { metrics } from "../http/metrics.ts";
export { recordBounce, type BounceResult } from "./record-bounce.ts";

/**
 * The outbox worker: delivers every pending delivery row (email over SMTP, webhooks over HTTPS),
 * exactly once however many worker processes share one PostgreSQL, and wherever one is killed,
 * except for the one window below.
 *
 * How: per batch of up to `batchSize` deliveries (default 20), one transaction on the claim loop's
 * own connection (outbox-session.ts):
 *  1. BEGIN + claim: `… WHERE status = 'pending' AND next_attempt_at <= now ORDER BY next_attempt_at
 *     LIMIT n FOR UPDATE SKIP LOCKED`, then their evidence stream heads `FOR UPDATE SKIP LOCKED`:
 *     the rows and heads are locked; other workers skip both.
 *  2. Render and send each, one after the other, over the one pooled SMTP connection, while the
 *     locks are held. The batch starts no new send after BATCH_BUDGET_MS, nor once the relay itself
 *     failed; what it did not try goes back untouched.
 *  3. The outcomes: each accepted message (the relay's 250, the endpoint's 2xx) marks its row sent,
 *     logs the try and appends "notice.sent", all computed in memory (the events chained per stream)
 *     and sent with the COMMIT in one message to the server (outbox-sql.ts); the same message begins
 *     the next transaction and claims the next batch, so a batch costs one round trip and one WAL
 *     flush. A refusal instead schedules a retry or fails the delivery (delivery-outcomes.ts), in
 *     the same transaction, before it.
 * A worker that dies anywhere before that last write leaves no trace in the database: PostgreSQL
 * rolls back when its connection drops, the rows are pending again and another worker sends them.
 *
 * The one window, stated plainly (the in-doubt window, per batch): if the process dies after the
 * relay has accepted messages of a batch but before that batch's COMMIT has reached PostgreSQL,
 * those messages are sent again by the next worker, each once more and always with the same
 * Message-ID (webhooks: the same webhook-id), so the recipient's systems can tell. That is at most
 * one batch per claim loop: `batchSize` messages (20 by default; 2 loops: 40 per worker process),
 * accepted within BATCH_BUDGET_MS (1 s) and one send before the commit. Nothing is ever lost, and a
 * message the relay had not yet accepted (killed inside its SMTP transaction) is sent once. With
 * `batchSize` 1 (ART28_OUTBOX_BATCH=1) the window is one message per loop, the 250 travelling back
 * and one socket write, at the cost of a transaction and a WAL flush per message (measured 4–5×
 * the database's work per message; bench/fanout). test/engine/exactly-once.test.ts kills workers
 * with both sizes and checks that the repeats are exactly the messages in doubt at the kill.
 * Closing the window entirely would need the relay to take part in the transaction, which SMTP
 * cannot do. Receivers of webhooks drop a repeat by its webhook-id, as Standard Webhooks expects.
 *
 * The stream heads stay locked during the batch, so other writers to those customers' evidence (a
 * portal action) wait for at most the batch's budget and one send's timeout (SMTP socket 30 s,
 * webhook 10 s).
 *
 * On PGlite (embedded mode) there is one claim loop and no other process; the sends happen between
 * two short transactions so the web server is never stalled by a slow relay (outbox-session.ts);
 * the window is the same (a batch: the process dies between the sends and the settlement).
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
  /**
   * Deliveries a loop claims, sends and records in one transaction (default 20). The in-doubt
   * window after a crash is one batch per loop (see above): 1 gives one message per loop, at the
   * cost of a transaction (and a WAL flush) per message.
   */
  batchSize?: number;
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
/** Deliveries claimed, sent and recorded together (the default of `batchSize`). */
export const DEFAULT_BATCH_SIZE = 20;
/** A batch starts no new send after this long; the rest of it is given back (see tryBatch). */
export const BATCH_BUDGET_MS = 1000;

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, clock, engine } = options;
  const log = workerLog(options.log);
  const concurrency = engine === "pglite" ? 1 : Math.max(1, options.concurrency ?? 2);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
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

  /**
   * Tries the batch's deliveries one after the other over the one pooled SMTP connection. It stops
   * early, giving the rest back untouched (still pending, unchanged), when the worker stops, once
   * the relay itself failed (the next would most likely fail too, each after its timeout, with the
   * locks held), and after BATCH_BUDGET_MS (a slow relay or endpoint holds the locks and the
   * batch's in-doubt messages no longer than that and one more send). A delivery that throws (a
   * bug) stops the batch too: what was tried before it is still recorded, then the loop backs off.
   */
  async function tryBatch(batch: ClaimedBatch, ready: DeliverDeps): Promise<{ tried: Tried[]; thrown: unknown }> {
    const tried: Tried[] = [];
    const started = performance.now();
    for (const delivery of batch.deliveries) {
      if (stopping || (tried.length > 0 && (tried.at(-1)?.relayFailed || performance.now() - started > BATCH_BUDGET_MS))) {
        break;
      }
      metrics.deliveriesInFlight.inc();
      try {
        tried.push(await deliver(delivery, ready));
      } catch (error) {
        return { tried, thrown: error };
      } finally {
        metrics.deliveriesInFlight.dec();
      }
    }
    return { tried, thrown: null };
  }

  async function runLoop(loop: Loop, session: ClaimSession, ready: DeliverDeps): Promise<void> {
    let failures = 0;
    while (!stopping) {
      const started = ++tick;
      try {
        const batch = await session.claim(clock.now(), batchSize);
        if (!batch) {
          failures = 0;
          loop.emptyAt = started;
          await session.close();
          settleWaiters();
          await idle(loop);
          continue;
        }
        loop.emptyAt = -1;
        const { tried, thrown } = await tryBatch(batch, ready);
        let settled;
        try {
          settled = await batch.settle(tried.map((t) => t.settlement));
        } catch (error) {
          await batch.abandon(); // rolls back if it is still open: the rows stay pending
          throw error;
        }
        settled.outcomes.forEach((outcome, i) => {
          const delivery = tried[i]?.settlement.delivery;
          if (!outcome || !delivery) {
            return;
          }
          count(outcome);
          metrics.deliveryOutcomes.inc({ outcome });
          if (outcome !== "retry") {
            metrics.deliveryLatency.observe({ outcome }, Math.max(0, clock.now().getTime() - delivery.notice.createdAt.getTime()) / 1000);
          }
        });
        const problems = [...settled.errors.map((e) => e.error), ...(thrown ? [thrown] : [])];
        for (const extra of problems.slice(1)) {
          log.error({ err: errorForLog(extra) }, `outbox: a delivery could not be processed; it stays pending: ${describe(extra)}`);
        }
        if (problems.length > 0) {
          throw problems[0];
        }
        failures = 0;
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
