/**
 * What the fan-out benchmarks share (bench/fanout, bench/breach, bench/fanout-memory.ts): a scratch
 * database, installed with customers in bulk, the breach they are told of, the outbox worker
 * draining to a local SMTP server, and the two baselines measured in the same run: a bare
 * multi-row INSERT of the same rows, and a bare nodemailer loop sending the same messages.
 */
import { registerAllNoticeKinds } from "../src/modules.ts";
import nodemailer, { type SendMailOptions } from "nodemailer";
import pg from "pg";
import { eq, sql } from "drizzle-orm";
import { openDatabase, type Database } from "../src/db/engine.ts";
import { deliveries } from "../src/db/schema/index.ts";
import { inScope } from "../src/db/scope.ts";
import { services } from "../src/db/schema/index.ts";
import type { StoredNoticeFacts } from "../src/domain/breach-notice.ts";
import { systemClock, type Clock } from "../src/domain/clock.ts";
import { startOutboxWorker } from "../src/jobs/outbox-worker.ts";
import { assessIncident } from "../src/modules/breaches/assess-incident.ts";
import { saveSharedFacts } from "../src/modules/breaches/notice-facts.ts";
import { recordIncident } from "../src/modules/breaches/record-incident.ts";
import type { EventActor } from "../src/modules/evidence/record-events.ts";
import { ensureInstalled } from "../src/modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../src/modules/setup/demo.ts";
import { startSmtpSink, type ReceivedMail } from "../test/engine/smtp-sink.ts";
import { simpleParser, type AddressObject } from "mailparser";

/** Every wait is bounded. */
export const BOUND_MS = 15 * 60_000;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000)}/s`;
export const print = (line: string) => process.stdout.write(`${line}\n`);

/** A fresh database on BENCH_DATABASE_URL's server (default the local one), or PGlite in memory. */
export async function openBenchDatabase(embedded: boolean): Promise<{ database: Database; drop: () => Promise<void> }> {
  registerAllNoticeKinds();
  if (embedded) {
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

/** `count` customers taking one service, each with a privacy contact; half Dutch, half English. */
export async function seedCustomers(db: Database["db"], count: number, serviceId: string): Promise<void> {
  await db.execute(sql`
    insert into controllers (customer_number, name, city, locale)
    select 'B-' || lpad(i::text, 6, '0'), 'Bench klant ' || i, 'Utrecht', case when i % 2 = 0 then 'nl' else 'en' end
    from generate_series(1, ${count}) as i`);
  await db.execute(sql`insert into controller_services (controller_id, service_id, monthly_fee_cents) select id, ${serviceId}, 995 from controllers`);
  await db.execute(sql`
    insert into contacts (controller_id, role, name, email)
    select id, 'dpo', 'Functionaris ' || customer_number, lower(customer_number) || '@bench.example' from controllers`);
}

/**
 * Migrates and installs `database`, then adds `customers` customers taking the catalogue's service
 * `serviceCode` (seedCustomers); prints how long the customers took, and returns the service's id.
 */
export async function installWithCustomers(database: Database, clock: Clock, customers: number, serviceCode: string): Promise<string> {
  const { db } = database;
  await database.migrate();
  await inScope(db, { kind: "processor" }, (tx) => ensureInstalled(tx, clock, DEMO_PROCESSOR, { email: "admin@bench.example", password: "bench-password-1" }));
  const [service] = await db.select({ id: services.id }).from(services).where(eq(services.code, serviceCode));
  if (!service) {
    throw new Error(`the default catalogue has no ${serviceCode} service`);
  }
  const started = performance.now();
  await seedCustomers(db, customers, service.id);
  print(`setup: ${customers} customers in ${seconds(performance.now() - started)} (${database.engine})`);
  return service.id;
}

/** Every art. 6.2 fact of the benches' breach known: a notice can go to every customer. */
const BREACH_FACTS: StoredNoticeFacts = {
  cause: { status: "known", value: "Een kwetsbaarheid in de webmailsoftware is misbruikt om mailboxen te lezen." },
  consequences: { status: "unknown", reason: "Forensisch onderzoek loopt" },
  solution: { status: "known", value: "De software is bijgewerkt en alle sessies zijn beëindigd." },
  contact: { status: "known", value: { name: "Sanne de Wit", email: "security@bench.example", phone: "+31 20 123 4567" } },
  affectedCount: { status: "known", value: { kind: "range", min: 100, max: 2500 } },
  subjectGroup: { status: "known", value: "Correspondenten van de mailboxen" },
  dataKinds: { status: "known", value: ["e-mailadressen", "inhoud van e-mails"] },
  period: { status: "known", value: { start: new Date(Date.now() - 3 * 3600_000).toISOString(), end: "ongoing" } },
  unintelligible: { status: "known", value: { state: "no" } },
  measuresTaken: { status: "known", value: "Sessies beëindigd, software bijgewerkt." },
  measuresPlanned: { status: "known", value: "Tweestapsverificatie verplicht voor webmail." },
};

/**
 * A webmail breach on the service `serviceId`, discovered an hour ago, as the security officer
 * `actor` leaves it ready to tell the customers: recorded, assessed as a breach to notify, every
 * shared fact known (one transaction). Its affected customers are not added yet. Returns its id.
 */
export function recordBreach(db: Database["db"], clock: Clock, actor: EventActor & { id: string | null; name: string }, serviceId: string): Promise<string> {
  return inScope(db, { kind: "processor" }, async (tx) => {
    const id = await recordIncident(tx, clock, actor, {
      title: "Webmailkwetsbaarheid op mail-node-07",
      description: "Een aanvaller las mailboxen via een lek in de webmail.",
      discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
      discoveryHow: "Monitoring",
      serviceIds: [serviceId],
    });
    await assessIncident(tx, clock, actor, id, {
      personalData: true,
      breach: true,
      confidentiality: true,
      integrity: false,
      availability: false,
      risk: "high",
      decision: "notify",
      reasoning: "Logbestanden tonen dat mailboxen zijn gelezen.",
    });
    await saveSharedFacts(tx, clock, actor, id, BREACH_FACTS);
    return id;
  });
}

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

export interface Bench {
  database: Database;
  db: Database["db"];
  clock: Clock;
  sink: Sink;
  /** The catalogue service every customer takes. */
  serviceId: string;
}

/**
 * A migrated, installed scratch database with `customers` customers taking the service `serviceCode`,
 * and a local SMTP server; runs `work` and cleans everything up, whatever happens.
 */
export async function withBench(options: { embedded: boolean; customers: number; serviceCode: string }, work: (bench: Bench) => Promise<void>): Promise<void> {
  const { database, drop } = await openBenchDatabase(options.embedded);
  const { db } = database;
  const sink = await startSmtpSink();
  try {
    const clock = systemClock;
    const serviceId = await installWithCustomers(database, clock, options.customers, options.serviceCode);
    await work({ database, db, clock, sink, serviceId });
  } finally {
    await sink.close();
    await database.close();
    await drop();
  }
}

/**
 * Times the baselines for the notices of `kind` just delivered, and prints the figures; the last
 * line is `ratio: N` = Art28's delivery rate ÷ the bare nodemailer loop's.
 */
export async function reportAgainstBaselines(
  bench: Bench,
  kind: string,
  art28: { act: string; customers: number; recordedMs: number; deliveredMs: number; emails: number; duplicates: number },
): Promise<void> {
  const bareInsertMs = await bareInsertOfNotices(bench.db, kind);
  const fromArt28 = bench.sink.received.slice();
  const loop = await bareMailLoop(bench.sink, fromArt28);
  print(`customers: ${art28.customers}, emails: ${art28.emails}, duplicates received: ${art28.duplicates}`);
  print(`recorded (${art28.act} → committed): ${seconds(art28.recordedMs)}  (${rate(art28.customers, art28.recordedMs)} notices)`);
  print(`bare multi-row INSERT of the same rows: ${seconds(bareInsertMs)}  → recording ratio ${(bareInsertMs / art28.recordedMs).toFixed(2)}`);
  print(`Art28 ${art28.act} → all received by SMTP: ${seconds(art28.deliveredMs)}  (${rate(art28.emails, art28.deliveredMs)})`);
  print(`bare nodemailer loop, same messages: ${seconds(loop.ms)}  (${rate(loop.sent, loop.ms)})`);
  print(`average message as received: Art28 ${averageBytes(fromArt28)} bytes, bare loop ${loop.bytes} bytes`);
  print(`ratio: ${(loop.ms / art28.deliveredMs).toFixed(2)}`);
}

/** Runs the outbox worker until the sink has every queued email; returns when, and how many. */
export async function deliverAll(database: Database, clock: Clock, sink: Sink, concurrency: number): Promise<{ emails: number; duplicates: number }> {
  const { db } = database;
  const emails = await db.$count(deliveries, eq(deliveries.channel, "email"));
  const worker = startOutboxWorker({ db, clock, engine: database.engine, smtpUrl: sink.url, concurrency, pollMs: 50 });
  worker.wake();
  const deadline = performance.now() + BOUND_MS;
  while (sink.received.length < emails && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await worker.stop();
  if (sink.received.length < emails) {
    throw new Error(`only ${sink.received.length} of ${emails} emails arrived within ${seconds(BOUND_MS)}`);
  }
  return { emails, duplicates: [...sink.perMessageId.values()].filter((n) => n > 1).length };
}

/** Baseline A: a bare multi-row INSERT of the notices of `kind` and all email deliveries, into scratch copies. */
export async function bareInsertOfNotices(db: Database["db"], kind: string): Promise<number> {
  await db.execute(sql`create table bench_notices (like notices including defaults)`);
  await db.execute(sql`create table bench_deliveries (like deliveries including defaults)`);
  const noticeRows = (await db.execute(sql`select * from notices where kind = ${kind}`)) as unknown as { rows?: Record<string, unknown>[] } & Record<
    string,
    unknown
  >[];
  const deliveryRows = (await db.execute(sql`select * from deliveries where channel = 'email'`)) as unknown as { rows?: Record<string, unknown>[] } & Record<
    string,
    unknown
  >[];
  const started = performance.now();
  await bareInsert(db, "bench_notices", noticeRows.rows ?? noticeRows);
  await bareInsert(db, "bench_deliveries", deliveryRows.rows ?? deliveryRows);
  return performance.now() - started;
}

/**
 * Baseline B: a bare nodemailer loop sending the same messages Art28 sent (the ones the SMTP server
 * received from it: the same sender, recipient, subject, text and HTML parts, Message-ID and
 * headers) to the same server over one pooled connection, each composed by nodemailer as a caller
 * of it would. Only the sending is timed: the received messages are parsed back into nodemailer's
 * fields 500 at a time, untimed, in between.
 */
export async function bareMailLoop(sink: Sink, sent: readonly ReceivedMail[]): Promise<{ sent: number; ms: number; bytes: number }> {
  const before = sink.received.length;
  const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 1 } as Parameters<typeof nodemailer.createTransport>[0]);
  let ms = 0;
  try {
    for (let i = 0; i < sent.length; i += 500) {
      const messages = await Promise.all(sent.slice(i, i + 500).map((mail) => asNodemailerMessage(mail)));
      const started = performance.now();
      for (const message of messages) {
        await transport.sendMail(message);
      }
      ms += performance.now() - started;
    }
  } finally {
    transport.close();
  }
  const received = sink.received.slice(before);
  if (received.length !== sent.length) {
    throw new Error("the bare loop's messages did not all arrive");
  }
  return { sent: received.length, ms, bytes: averageBytes(received) };
}

/** Average size of messages as received, in bytes. */
export const averageBytes = (mails: readonly ReceivedMail[]) => Math.round(mails.reduce((n, mail) => n + mail.raw.length, 0) / Math.max(1, mails.length));

/** A received message as the fields a nodemailer caller passes: what it was composed from. */
async function asNodemailerMessage(mail: ReceivedMail): Promise<SendMailOptions> {
  const parsed = await simpleParser(mail.raw);
  const headers: Record<string, string> = {};
  for (const name of ["auto-submitted", "x-art28-notice", "x-art28-checkpoint"]) {
    const value = parsed.headers.get(name);
    if (typeof value === "string") {
      headers[name] = value;
    }
  }
  const address = (value: AddressObject | AddressObject[] | undefined) => {
    const first = (Array.isArray(value) ? value[0] : value)?.value[0];
    return first?.name ? { name: first.name, address: first.address ?? "" } : (first?.address ?? "");
  };
  const replyTo = parsed.replyTo?.value[0]?.address;
  return {
    from: address(parsed.from),
    to: address(parsed.to),
    ...(replyTo ? { replyTo } : {}),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    ...(typeof parsed.html === "string" ? { html: parsed.html } : {}),
    messageId: parsed.messageId ?? "",
    headers,
  };
}

async function bareInsert(db: Database["db"], table: string, rows: Record<string, unknown>[]) {
  const columns = Object.keys(rows[0] ?? {});
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = sql.join(
      chunk.map(
        (row) =>
          sql`(${sql.join(
            columns.map((c) => sql`${toParam(row[c])}`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    await db.execute(
      sql`insert into ${sql.identifier(table)} (${sql.join(
        columns.map((c) => sql.identifier(c)),
        sql`, `,
      )}) values ${values}`,
    );
  }
}

const toParam = (value: unknown) => (value !== null && typeof value === "object" && !(value instanceof Date) ? JSON.stringify(value) : value);
