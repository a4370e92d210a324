/**
 * Fan-out memory benchmark (issue 16, point 1: "notices to 30,000 customers at once: memory stays
 * bounded"). For each size (default 3,000 and 30,000 customers) a fresh process seeds a scratch
 * PostgreSQL database with that many customers taking one service, then runs through the real
 * domain functions, each in its own transaction as the HTTP routes run them:
 *  1. a breach: every proposed customer added to the incident's list (with its 48-hour clock);
 *  2. the breach's first notices sent to all of them;
 *  3. a sub-processor change announced to all of them (objection windows, notices, recipients).
 * While each act runs, `process.memoryUsage()` is sampled every 50 ms; the figures are the act's
 * peak RSS and peak heap used (and heap used before it, after a full GC), and its peak live heap:
 * heap used right after a forced full GC, once a second (what the act keeps alive, without the
 * garbage V8 has not collected yet). Bounded memory shows as roughly equal peaks for 3,000 and
 * 30,000 customers rather than ten times the growth. The children run with --expose-gc.
 *
 * Runs on BENCH_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres): a
 * database art28_fanmem_<pid> is created and dropped for each size.
 *
 *   npm run bench:fanout-memory                          # 3,000 and 30,000 customers
 *   npm run bench:fanout-memory -- --sizes 1000,10000
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, rows } from "../src/db/engine.ts";
import { inScope } from "../src/db/scope.ts";
import { systemClock } from "../src/domain/clock.ts";
import { registerAllNoticeKinds } from "../src/modules.ts";
import { addAffectedCustomers } from "../src/modules/breaches/affected-customers.ts";
import { sendBreachNotices } from "../src/modules/breaches/send-notices.ts";
import { SYSTEM_ACTOR } from "../src/modules/evidence/record-events.ts";
import { announceSubprocessorChange } from "../src/modules/subprocessors/announce-change.ts";
import { createSubprocessor } from "../src/modules/subprocessors/save-subprocessor.ts";
import { scratchDatabase } from "./seed-large.ts";
import { installWithCustomers, print, recordBreach, seconds } from "./support.ts";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "3000,30000" },
    /** Internal: run one size in this process and print its figures as JSON. */
    child: { type: "string" },
  },
});

/** Every wait is bounded: one size's run, seeding included. */
const CHILD_BOUND_MS = 20 * 60_000;
const SAMPLE_MS = 50;
const LIVE_MS = 1000;
const MB = 1024 * 1024;

interface ActFigures {
  act: string;
  ms: number;
  /** Heap used before the act, after a full GC. */
  heapBefore: number;
  peakHeap: number;
  /** Heap used right after a forced full GC, sampled each second: what the act keeps alive. */
  peakLive: number;
  peakRss: number;
  peakExternal: number;
}

/** Runs `work`, sampling memory every 50 ms (and at its start and end). */
async function measure<T>(act: string, work: () => Promise<T>): Promise<{ result: T; figures: ActFigures }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  let peakExternal = before.external;
  const sample = () => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
    peakExternal = Math.max(peakExternal, now.external);
  };
  // What the act keeps alive (not the garbage not yet collected): heap used right after a full GC, each second.
  let peakLive = before.heapUsed;
  const live = () => {
    gc?.();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const liveTimer = setInterval(live, LIVE_MS);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return { result, figures: { act, ms: performance.now() - started, heapBefore: before.heapUsed, peakHeap, peakLive, peakRss, peakExternal } };
  } finally {
    clearInterval(timer);
    clearInterval(liveTimer);
  }
}

/** One size, in this process: seed, run the three acts, print `RESULT <json>`. */
async function runOne(customers: number): Promise<void> {
  registerAllNoticeKinds();
  const scratch = await scratchDatabase("art28_fanmem");
  const database = await openDatabase({ engine: "postgres", url: scratch.url, poolSize: 2 });
  const { db } = database;
  const clock = systemClock;
  const actor = { ...SYSTEM_ACTOR, id: null, name: "Bench security officer" };
  try {
    const serviceId = await installWithCustomers(database, clock, customers, "email");
    await db.execute(sql`analyze`);
    const incidentId = await recordBreach(db, clock, actor, serviceId);
    const subprocessorId = await inScope(db, { kind: "processor" }, (tx) =>
      createSubprocessor(tx, clock, SYSTEM_ACTOR, {
        name: "Offsite Mail Archive GmbH",
        activity: { nl: "Archivering van e-mail op een tweede locatie", en: "Archiving of email at a second site" },
        website: null,
        locations: [{ country: "DE", city: "Frankfurt am Main", mechanism: null }],
        serviceIds: [serviceId],
      }),
    );

    const figures: ActFigures[] = [];
    const added = await measure("add affected (proposal)", () =>
      inScope(db, { kind: "processor" }, (tx) => addAffectedCustomers(tx, clock, actor, incidentId, { fromProposal: true })),
    );
    figures.push(added.figures);
    const sent = await measure("send breach notices", () => inScope(db, { kind: "processor" }, (tx) => sendBreachNotices(tx, clock, actor, incidentId, {})));
    figures.push(sent.figures);
    const announced = await measure("announce sub-processor", () =>
      inScope(db, { kind: "processor" }, (tx) =>
        announceSubprocessorChange(tx, clock, actor, {
          kind: "add",
          subprocessorId,
          plan: { serviceIds: [serviceId] },
          description: { nl: "Tweede archieflocatie in Frankfurt.", en: "Second archive site in Frankfurt." },
        }),
      ),
    );
    figures.push(announced.figures);

    // The acts did their whole work: every customer added, told and announced to.
    const [counts] = await rows<{ notices: number; breach: number; recipients: number }>(
      db,
      sql`select (select count(*)::int from notices) as notices,
                 (select count(*)::int from breach_notices) as breach,
                 (select count(*)::int from change_recipients) as recipients`,
    );
    if (added.result !== customers || sent.result.initial !== customers || counts?.breach !== customers || counts.recipients !== customers) {
      throw new Error(`incomplete fan-out: added ${added.result}, sent ${sent.result.initial}, ${JSON.stringify(counts)}`);
    }
    print(`RESULT ${JSON.stringify({ customers, notices: counts.notices, figures })}`);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0).padStart(5)} MB`;

/** Each size in a fresh process (a process's RSS does not shrink back), then the figures side by side. */
function runAll(sizes: number[]): void {
  const results: { customers: number; figures: ActFigures[] }[] = [];
  for (const customers of sizes) {
    const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--child", String(customers)], {
      encoding: "utf8",
      timeout: CHILD_BOUND_MS,
      maxBuffer: 16 * MB,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines = (child.stdout ?? "").split("\n");
    for (const line of lines.filter((l) => l !== "" && !l.startsWith("RESULT "))) {
      print(line);
    }
    const result = lines.find((l) => l.startsWith("RESULT "));
    if (child.status !== 0 || !result) {
      throw new Error(`the run for ${customers} customers failed (exit ${child.status}, signal ${child.signal})`);
    }
    results.push(JSON.parse(result.slice("RESULT ".length)) as { customers: number; figures: ActFigures[] });
  }
  print("");
  print(
    `${"act".padEnd(26)} ${"customers".padStart(9)} ${"time".padStart(9)} ${"heap before".padStart(11)} ${"peak heap".padStart(9)} ${"peak live".padStart(9)} ${"peak RSS".padStart(9)}`,
  );
  for (const { customers, figures } of results) {
    for (const f of figures) {
      print(
        `${f.act.padEnd(26)} ${String(customers).padStart(9)} ${seconds(f.ms).padStart(9)} ${mb(f.heapBefore).padStart(11)} ${mb(f.peakHeap).padStart(9)} ${mb(f.peakLive).padStart(9)} ${mb(f.peakRss).padStart(9)}`,
      );
    }
  }
  const [small, large] = [results[0], results.at(-1)];
  if (small && large && small !== large) {
    print("");
    for (const [i, f] of large.figures.entries()) {
      const s = small.figures[i];
      if (s) {
        print(
          `${f.act.padEnd(26)} ${large.customers} vs ${small.customers}: peak heap ×${(f.peakHeap / s.peakHeap).toFixed(2)}, peak live heap ×${(f.peakLive / s.peakLive).toFixed(2)} (above heap before: ${mb(s.peakLive - s.heapBefore).trim()} → ${mb(f.peakLive - f.heapBefore).trim()}), peak RSS ×${(f.peakRss / s.peakRss).toFixed(2)}`,
        );
      }
    }
  }
}

if (args.child !== undefined) {
  await runOne(Number(args.child));
} else {
  const sizes = (args.sizes ?? "").split(",").map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 200_000)) {
    throw new Error("--sizes: whole numbers of customers from 1 to 200000, separated by commas");
  }
  runAll(sizes);
}
