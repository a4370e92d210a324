import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FastifyInstance } from "fastify";
import type { Db } from "../db/engine.ts";
import { feedCaches, feeds } from "../db/change-feed.ts";
import { operationalCounts, readiness } from "../db/operations.ts";
import type { Clock } from "../domain/clock.ts";

// Probes and Prometheus metrics for the people who run Art28 (issue 16, point 4), served by every
// process that has a port: `serve` (with the API) and `art28 worker --metrics-port`.
//  - GET /healthz: the process is alive (no database read);
//  - GET /readyz: the database answers and has every migration of this build, else 503;
//  - GET /metrics: the Prometheus text format. The deadlines and deliveries are counted in the
//    database on each scrape (the same figures from every process); the delivery latency, the
//    deliveries in flight and the sweep's duration are this process's own.
// None of them shows a customer's data. With ART28_METRICS_TOKEN set, /metrics asks for it as a bearer token.

/** One registry per process; the worker and the sweep observe into it. */
export const metrics = (() => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "art28_" });
  return {
    registry,
    deliveryLatency: new Histogram({
      name: "art28_delivery_latency_seconds",
      help: "From a notice's queueing to its delivery's outcome (sent, held or failed), by channel outcome",
      labelNames: ["outcome"],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
      registers: [registry],
    }),
    deliveriesInFlight: new Gauge({
      name: "art28_deliveries_in_flight",
      help: "Deliveries this process has claimed and not yet committed: in doubt if the process dies now (sent again, same Message-ID)",
      registers: [registry],
    }),
    deliveryOutcomes: new Counter({
      name: "art28_delivery_outcomes_total",
      help: "Deliveries this process finished, by outcome (sent, held, retry, failed)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    sweepDuration: new Histogram({
      name: "art28_sweep_duration_seconds",
      help: "One deadline sweep (reminders, escalations, windows, every module's due work)",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
})();

/** Gauges read from the database at each scrape (the /metrics route sets them before it answers). */
const deadlines = new Gauge({
  name: "art28_deadlines",
  help: "The processor's open duties: due (not yet passed) and overdue",
  labelNames: ["state"],
  registers: [metrics.registry],
});
const deliveries = new Gauge({
  name: "art28_deliveries",
  help: "Deliveries by status (pending: queued or retrying; held: e-mail kept without a relay; failed: gave up)",
  labelNames: ["status"],
  registers: [metrics.registry],
});
const retrying = new Gauge({
  name: "art28_deliveries_retrying",
  help: "Pending deliveries after at least one refused or failed try",
  registers: [metrics.registry],
});

/** The reads this process keeps until they change (db/change-feed.ts): hits, misses and entries per cache. */
new Gauge({
  name: "art28_kept_reads",
  help: "Reads this process keeps until the database says they changed, per cache: answered kept (hit), read (miss), entries held (size)",
  labelNames: ["cache", "count"],
  registers: [metrics.registry],
  collect() {
    for (const [cache, kept] of feedCaches) {
      this.set({ cache, count: "hit" }, kept.hits);
      this.set({ cache, count: "miss" }, kept.misses);
      this.set({ cache, count: "size" }, kept.size);
    }
  },
});

new Gauge({
  name: "art28_change_feed_live",
  help: "1 while this web process hears the database's changes (LISTEN art28_changed); 0: it keeps no reads (every read goes to the database)",
  registers: [metrics.registry],
  collect() {
    this.set(feeds.size > 0 && [...feeds].every((feed) => feed.live) ? 1 : 0);
  },
});

async function countInDatabase(db: Db, clock: Clock): Promise<void> {
  const counts = await operationalCounts(db, clock.now());
  deadlines.set({ state: "due" }, counts.deadlinesOpen);
  deadlines.set({ state: "overdue" }, counts.deadlinesOverdue);
  for (const [status, n] of Object.entries(counts.deliveries)) {
    deliveries.set({ status }, n);
  }
  retrying.set(counts.deliveriesRetrying);
}

/** The operator's paths: no session, no API token (app.ts resolves no actor for them). */
export const OPERATIONS_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz", "/metrics"]);

/** Adds /healthz, /readyz and /metrics to `app` (outside /api/v1: no session, no audience). */
export function registerOperationsRoutes(app: FastifyInstance, db: Db, clock: Clock, env: NodeJS.ProcessEnv = process.env): void {
  const token = env.ART28_METRICS_TOKEN?.trim() || null;
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "alive" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    const state = await readiness(db);
    return reply.status(state.ready ? 200 : 503).send(state);
  });
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (token !== null && request.headers.authorization !== `Bearer ${token}`) {
      return reply.status(401).header("www-authenticate", 'Bearer realm="metrics"').send({ error: "unauthenticated" });
    }
    await countInDatabase(db, clock);
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
