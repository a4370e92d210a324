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
import nodemailer from "nodemailer";
import pg from "pg";
import { eq, sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/engine.ts";
import { inScope } from "../../src/db/scope.ts";
import { deliveries, services } from "../../src/db/schema/index.ts";
import { systemClock } from "../../src/domain/clock.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { ensureInstalled } from "../../src/modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../../src/modules/setup/demo.ts";
import { createSubprocessor } from "../../src/modules/subprocessors/save-subprocessor.ts";
import { announceSubprocessorChange } from "../../src/modules/subprocessors/announce-change.ts";
import { startOutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { startSmtpSink } from "../../test/engine/smtp-sink.ts";

const { values: args } = parseArgs({
  options: {
    customers: { type: "string", default: "10000" },
    embedded: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
  },
});
const CUSTOMERS = Number(args.customers);
const BOUND_MS = 15 * 60_000; // every wait is bounded

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000)}/s`;
const print = (line: string) => process.stdout.write(`${line}\n`);

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (args.embedded) {
    const database = await openDatabase({ engine: "pglite", memory: true });
    return { database, drop: async () => {} };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `art28_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ engine: "postgres", url: url.toString(), poolSize: 6 });
  return {
    database,
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

async function main() {
  const { database, drop } = await openBenchDatabase();
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

    // 10,000 customers taking the backup service, each with a privacy contact; half Dutch, half English.
    const setupStarted = performance.now();
    await db.execute(sql`
      insert into controllers (customer_number, name, city, locale)
      select 'B-' || lpad(i::text, 6, '0'), 'Bench klant ' || i, 'Utrecht', case when i % 2 = 0 then 'nl' else 'en' end
      from generate_series(1, ${CUSTOMERS}) as i`);
    await db.execute(sql`insert into controller_services (controller_id, service_id, monthly_fee_cents) select id, ${backup.id}, 995 from controllers`);
    await db.execute(sql`
      insert into contacts (controller_id, role, name, email)
      select id, 'dpo', 'Functionaris ' || customer_number, lower(customer_number) || '@bench.example' from controllers`);
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
    const emails = await db.$count(deliveries, eq(deliveries.channel, "email"));

    // 2. Art28: the outbox worker delivers them all to the SMTP server.
    const worker = startOutboxWorker({ db, clock, engine: database.engine, smtpUrl: sink.url, concurrency: Number(args.concurrency), pollMs: 50 });
    worker.wake();
    const deadline = performance.now() + BOUND_MS;
    while (sink.received.length < emails && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const deliveredMs = performance.now() - announced;
    await worker.stop();
    if (sink.received.length < emails) {
      throw new Error(`only ${sink.received.length} of ${emails} emails arrived within ${seconds(BOUND_MS)}`);
    }
    const duplicates = [...sink.perMessageId.values()].filter((n) => n > 1).length;

    // Baseline A: a bare multi-row INSERT of the same notice and delivery rows.
    await db.execute(sql`create table bench_notices (like notices including defaults)`);
    await db.execute(sql`create table bench_deliveries (like deliveries including defaults)`);
    const noticeRows = (await db.execute(sql`select * from notices where kind = 'subprocessor_change_announced'`)) as unknown as { rows?: Record<string, unknown>[] } & Record<string, unknown>[];
    const deliveryRows = (await db.execute(sql`select * from deliveries where channel = 'email'`)) as unknown as { rows?: Record<string, unknown>[] } & Record<string, unknown>[];
    const bareStarted = performance.now();
    await bareInsert(db, "bench_notices", noticeRows.rows ?? noticeRows);
    await bareInsert(db, "bench_deliveries", deliveryRows.rows ?? deliveryRows);
    const bareInsertMs = performance.now() - bareStarted;

    // Baseline B: a bare nodemailer loop sending the same messages to the same server.
    const sent = await db.select({ to: deliveries.recipient, subject: deliveries.subject, body: deliveries.body }).from(deliveries).where(eq(deliveries.channel, "email"));
    const before = sink.received.length;
    const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 1 } as Parameters<typeof nodemailer.createTransport>[0]);
    const loopStarted = performance.now();
    for (const message of sent) {
      await transport.sendMail({ from: "privacy@bench.example", to: message.to, subject: message.subject ?? "", text: message.body ?? "" });
    }
    const loopMs = performance.now() - loopStarted;
    transport.close();
    if (sink.received.length - before !== sent.length) {
      throw new Error("the bare loop's messages did not all arrive");
    }

    print(`customers touched: ${CUSTOMERS}, emails: ${emails}, duplicates received: ${duplicates}`);
    print(`recorded (announce → committed): ${seconds(recordedMs)}  (${rate(CUSTOMERS, recordedMs)} notices)`);
    print(`bare multi-row INSERT of the same rows: ${seconds(bareInsertMs)}  → recording ratio ${(bareInsertMs / recordedMs).toFixed(2)}`);
    print(`Art28 announce → all received by SMTP: ${seconds(deliveredMs)}  (${rate(emails, deliveredMs)})`);
    print(`bare nodemailer loop, same messages: ${seconds(loopMs)}  (${rate(sent.length, loopMs)})`);
    print(`ratio: ${(loopMs / deliveredMs).toFixed(2)}`);
  } finally {
    await sink.close();
    await database.close();
    await drop();
  }
}

async function bareInsert(db: Database["db"], table: string, rows: Record<string, unknown>[]) {
  const columns = Object.keys(rows[0] ?? {});
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = sql.join(
      chunk.map((row) => sql`(${sql.join(columns.map((c) => sql`${toParam(row[c])}`), sql`, `)})`),
      sql`, `,
    );
    await db.execute(sql`insert into ${sql.identifier(table)} (${sql.join(columns.map((c) => sql.identifier(c)), sql`, `)}) values ${values}`);
  }
}

const toParam = (value: unknown) => (value !== null && typeof value === "object" && !(value instanceof Date) ? JSON.stringify(value) : value);

await main();
