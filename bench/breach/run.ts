/**
 * Breach fan-out benchmark (DESIGN.md "Performance targets"; issue 4: `bench/breach`).
 *
 * An incident on the e-mail service affects 10,000 customers. With the incident recorded, assessed
 * as a breach, the proposed customers added (each with its 48-hour clock) and the art. 6.2 facts
 * filled in, it times, in one run:
 *  1. Art28: from "send" until every notice is recorded (committed: per customer the completeness
 *     check, its notice with every fact, its deliveries, its round, its 48-hour duty met, evidence
 *     events), against a bare multi-row INSERT of the same notice and delivery rows;
 *  2. Art28: from "send" until the local SMTP server has received every email (rendered per
 *     customer in its language, sent by the outbox worker, marked sent with evidence);
 *  3. a bare nodemailer loop sending the same messages (already rendered) to the same server over
 *     one pooled connection.
 * The last line is `ratio: N` = Art28's delivery rate ÷ the bare loop's rate (bar 0.5, goal 0.8).
 *
 * Runs on PostgreSQL (a fresh database on BENCH_DATABASE_URL's server, default the local one), or
 * with --embedded on PGlite in memory.
 *
 *   npm run bench:breach                # 10,000 customers
 *   npm run bench:breach -- --customers 2000
 */
import { parseArgs } from "node:util";
import { inScope } from "../../src/db/scope.ts";
import { addAffectedCustomers } from "../../src/modules/breaches/affected-customers.ts";
import { sendBreachNotices } from "../../src/modules/breaches/send-notices.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { deliverAll, print, recordBreach, reportAgainstBaselines, seconds, withBench } from "../support.ts";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "10000" },
    embedded: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
  },
});
const CUSTOMERS = Number(args.customers);
const actor = { ...SYSTEM_ACTOR, id: null, name: "Bench security officer" };

await withBench({ embedded: args.embedded ?? false, customers: CUSTOMERS, serviceCode: "email" }, async (bench) => {
  const { db, clock } = bench;
  const incidentId = await recordBreach(db, clock, actor, bench.serviceId);
  const addStarted = performance.now();
  const added = await inScope(db, { kind: "processor" }, (tx) => addAffectedCustomers(tx, clock, actor, incidentId, { fromProposal: true }));
  print(`affected customers proposed and added with their 48-hour clocks: ${added} in ${seconds(performance.now() - addStarted)}`);

  // 1. Art28: send → every notice recorded.
  const sendStarted = performance.now();
  const result = await inScope(db, { kind: "processor" }, (tx) => sendBreachNotices(tx, clock, actor, incidentId, {}));
  const recordedMs = performance.now() - sendStarted;
  if (result.initial !== CUSTOMERS) {
    throw new Error(`sent ${result.initial} first notices, expected ${CUSTOMERS}`);
  }

  // 2. Art28: the outbox worker delivers them all to the SMTP server.
  const { emails, duplicates } = await deliverAll(bench.database, clock, bench.sink, Number(args.concurrency));
  const deliveredMs = performance.now() - sendStarted;

  await reportAgainstBaselines(bench, "breach_notice", { act: "send", customers: CUSTOMERS, recordedMs, deliveredMs, emails, duplicates });
});
