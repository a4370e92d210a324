/**
 * Sub-processor fan-out benchmark (DESIGN.md "Performance targets"; issue: `bench/fanout`).
 *
 * Announces a sub-processor change that touches 10,000 customers and times, in one run:
 *  1. Art28: from "announce" until every notice is recorded (committed: notices, deliveries,
 *     objection windows, evidence events), against a bare multi-row INSERT of the same notice and
 *     delivery rows into scratch copies of those tables;
 *  2. Art28: from "announce" until the local SMTP server has received every email (recorded,
 *     rendered per customer in its language, sent by the outbox worker, marked sent with evidence);
 *  3. a bare nodemailer loop sending the same 10,000 messages (already rendered) to the same server
 *     over one pooled connection.
 * The last line is `ratio: N` = Art28's delivery rate ÷ the bare loop's rate (bar 0.5, goal 0.8).
 *
 * Runs on PostgreSQL: a fresh database on BENCH_DATABASE_URL's server (default the local one);
 * with --embedded, on PGlite in memory instead (one connection; slower).
 *
 *   npm run bench:fanout                # 10,000 customers
 *   npm run bench:fanout -- --customers 2000
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { inScope } from "../../src/db/scope.ts";
import { services } from "../../src/db/schema/index.ts";
import { systemClock } from "../../src/domain/clock.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { ensureInstalled } from "../../src/modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../../src/modules/setup/demo.ts";
import { createSubprocessor } from "../../src/modules/subprocessors/save-subprocessor.ts";
import { announceSubprocessorChange } from "../../src/modules/subprocessors/announce-change.ts";
import { startSmtpSink } from "../../test/engine/smtp-sink.ts";
import { bareInsertOfNotices, bareMailLoop, deliverAll, openBenchDatabase, print, rate, seconds, seedCustomers } from "../support.ts";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "10000" },
    embedded: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
  },
});
const CUSTOMERS = Number(args.customers);

async function main() {
  const { database, drop } = await openBenchDatabase(args.embedded ?? false);
  const { db } = database;
  const sink = await startSmtpSink();
  try {
    await database.migrate();
    const clock = systemClock;
    await inScope(db, { kind: "processor" }, (tx) => ensureInstalled(tx, clock, DEMO_PROCESSOR, { email: "admin@bench.example", password: "bench-password-1" }));
    const [backup] = await db.select({ id: services.id }).from(services).where(eq(services.code, "backup"));
    if (!backup) {
      throw new Error("the default catalogue has no backup service");
    }
    const setupStarted = performance.now();
    await seedCustomers(db, CUSTOMERS, backup.id);
    print(`setup: ${CUSTOMERS} customers in ${seconds(performance.now() - setupStarted)} (${database.engine})`);

    const subprocessorId = await inScope(db, { kind: "processor" }, (tx) =>
      createSubprocessor(tx, clock, SYSTEM_ACTOR, {
        name: "Offsite Backup GmbH",
        activity: { nl: "Opslag van back-ups op een tweede locatie", en: "Storage of backups at a second site" },
        website: null,
        locations: [{ country: "DE", city: "Frankfurt am Main", mechanism: null }],
        serviceIds: [backup.id],
      }),
    );

    // 1. Art28: announce → every notice recorded.
    const announced = performance.now();
    await inScope(db, { kind: "processor" }, (tx) =>
      announceSubprocessorChange(tx, clock, { ...SYSTEM_ACTOR, id: null }, {
        kind: "add",
        subprocessorId,
        plan: { serviceIds: [backup.id] },
        description: { nl: "Tweede back-uplocatie in Frankfurt.", en: "Second backup site in Frankfurt." },
      }),
    );
    const recordedMs = performance.now() - announced;

    // 2. Art28: the outbox worker delivers them all to the SMTP server.
    const { emails, duplicates } = await deliverAll(database, clock, sink, Number(args.concurrency));
    const deliveredMs = performance.now() - announced;

    const bareInsertMs = await bareInsertOfNotices(db, "subprocessor_change_announced");
    const loop = await bareMailLoop(db, sink);

    print(`customers touched: ${CUSTOMERS}, emails: ${emails}, duplicates received: ${duplicates}`);
    print(`recorded (announce → committed): ${seconds(recordedMs)}  (${rate(CUSTOMERS, recordedMs)} notices)`);
    print(`bare multi-row INSERT of the same rows: ${seconds(bareInsertMs)}  → recording ratio ${(bareInsertMs / recordedMs).toFixed(2)}`);
    print(`Art28 announce → all received by SMTP: ${seconds(deliveredMs)}  (${rate(emails, deliveredMs)})`);
    print(`bare nodemailer loop, same messages: ${seconds(loop.ms)}  (${rate(loop.sent, loop.ms)})`);
    print(`ratio: ${(loop.ms / deliveredMs).toFixed(2)}`);
  } finally {
    await sink.close();
    await database.close();
    await drop();
  }
}

await main();
