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
import { inScope } from "../../src/db/scope.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { createSubprocessor } from "../../src/modules/subprocessors/save-subprocessor.ts";
import { announceSubprocessorChange } from "../../src/modules/subprocessors/announce-change.ts";
import { deliverAll, reportAgainstBaselines, withBench } from "../support.ts";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "10000" },
    embedded: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
  },
});
const CUSTOMERS = Number(args.customers);

await withBench({ embedded: args.embedded ?? false, customers: CUSTOMERS, serviceCode: "backup" }, async (bench) => {
  const { db, clock } = bench;
  const subprocessorId = await inScope(db, { kind: "processor" }, (tx) =>
    createSubprocessor(tx, clock, SYSTEM_ACTOR, {
      name: "Offsite Backup GmbH",
      activity: { nl: "Opslag van back-ups op een tweede locatie", en: "Storage of backups at a second site" },
      website: null,
      locations: [{ country: "DE", city: "Frankfurt am Main", mechanism: null }],
      serviceIds: [bench.serviceId],
    }),
  );

  // 1. Art28: announce → every notice recorded.
  const announced = performance.now();
  await inScope(db, { kind: "processor" }, (tx) =>
    announceSubprocessorChange(
      tx,
      clock,
      { ...SYSTEM_ACTOR, id: null },
      {
        kind: "add",
        subprocessorId,
        plan: { serviceIds: [bench.serviceId] },
        description: { nl: "Tweede back-uplocatie in Frankfurt.", en: "Second backup site in Frankfurt." },
      },
    ),
  );
  const recordedMs = performance.now() - announced;

  // 2. Art28: the outbox worker delivers them all to the SMTP server.
  const { emails, duplicates } = await deliverAll(bench.database, clock, bench.sink, Number(args.concurrency));
  const deliveredMs = performance.now() - announced;

  await reportAgainstBaselines(bench, "subprocessor_change_announced", { act: "announce", customers: CUSTOMERS, recordedMs, deliveredMs, emails, duplicates });
});
