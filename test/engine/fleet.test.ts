import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { knownMigrations } from "../../src/db/operations.ts";
import { openDatabase, rows, type Database } from "../../src/db/engine.ts";
import { verifyChain } from "../../src/modules/evidence/verify-chain.ts";
import { DEMO_PASSWORD } from "../../src/modules/setup/demo.ts";
import { copyModelCustomer } from "../../bench/seed-large.ts";
import { testDatabaseUrl, testEngine } from "../support/database.ts";
import { login, startServe, startWorker, stopProcess, type Running, type Served, type WebLogin } from "../support/process.ts";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.ts";
import { DEFAULT_BATCH_SIZE } from "../../src/jobs/outbox-worker.ts";

// Art28 as a provider with many customers runs it (issue 16, point 2; docs/DEPLOYMENT.md): web
// processes (`art28 serve`, ART28_WORKER=off) and workers (`art28 worker`) on one PostgreSQL, a
// sub-processor change announced to 10,000 customers through the API, and processes killed and
// restarted while it is delivered. Each worker has an SMTP server of its own in this process, so a
// message that arrives twice can be traced to the worker that sent it first.
//
// PGlite is one process by design (its data folder is locked to the process that opened it), so
// there is no fleet to test on the embedded engine.

const SKIP = testEngine() === "pglite" ? "PostgreSQL only: several processes share one server; the embedded engine (PGlite) is one process by design" : false;
/** Customers the fan-out reaches (the 10,000; ART28_FLEET_CUSTOMERS for a quicker local run). */
const CUSTOMERS = Number(process.env.ART28_FLEET_CUSTOMERS ?? 10_000);
/** Claim loops per worker. */
const CONCURRENCY = 2;
/**
 * The in-doubt window of one killed worker (src/jobs/outbox-worker.ts): a message the relay had
 * accepted when the worker died before its batch's COMMIT is sent again, with the same Message-ID;
 * at most one batch per claim loop.
 */
const IN_DOUBT_PER_WORKER = CONCURRENCY * DEFAULT_BATCH_SIZE;
/** Customers of the rolling restart's fan-out: the first copies also take the backup service. */
const ROLLING = Math.ceil(CUSTOMERS / 10);
const SESSION_SECRET = randomBytes(24).toString("hex");
/** Every wait is bounded. */
const DELIVERY_BOUND_MS = 600_000;

const note = (line: string) => process.stdout.write(`# ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let databaseName = "";
let url = "";
let admin: Database;
let dataDir = "";
const webs: Served[] = [];
const workers: { process: Running; sink: SmtpSink }[] = [];
const timings: string[] = [];

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 200): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, DATABASE_URL: url, ART28_SESSION_SECRET: SESSION_SECRET, ...extra };
}

const startWeb = (demo = false) => startServe(dataDir, env({ ART28_WORKER: "off" }), demo ? ["--demo"] : []);

const sinks: SmtpSink[] = [];

async function startFleetWorker(): Promise<{ process: Running; sink: SmtpSink }> {
  const sink = await startSmtpSink();
  sinks.push(sink);
  const worker = { process: await startWorker(env({ ART28_SMTP_URL: sink.url, ART28_WORKER_CONCURRENCY: String(CONCURRENCY) })), sink };
  workers.push(worker);
  return worker;
}

/** Every message every worker's SMTP server received, by Message-ID: the sinks that received it, in order. */
function arrivals(): Map<string, SmtpSink[]> {
  const byId = new Map<string, SmtpSink[]>();
  for (const { sink } of workers) {
    for (const mail of sink.received) {
      byId.set(mail.messageId, [...(byId.get(mail.messageId) ?? []), sink]);
    }
  }
  return byId;
}

/** How many of `ids` have arrived at any worker's SMTP server; each call reads only what came since the last. */
function arrivedOf(ids: Set<string>): () => number {
  const seen = new Set<string>();
  const read = new Map<SmtpSink, number>();
  return () => {
    for (const { sink } of workers) {
      for (let i = read.get(sink) ?? 0; i < sink.received.length; i++) {
        const id = sink.received[i]?.messageId;
        if (id !== undefined && ids.has(id)) {
          seen.add(id);
        }
      }
      read.set(sink, sink.received.length);
    }
    return seen.size;
  };
}

interface Call {
  status: number;
  ms: number;
  body: unknown;
}

/** One API request with a cookie session (made on any web process) and its CSRF token. */
async function call(web: Served, session: WebLogin, method: string, path: string, body?: unknown): Promise<Call> {
  const started = performance.now();
  const response = await fetch(`${web.url}/api/v1${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === "GET" ? {} : { "x-csrf-token": session.csrfToken }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, body: text ? (JSON.parse(text) as unknown) : null };
}

async function ok<T>(web: Served, session: WebLogin, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await call(web, session, method, path, body);
  assert.ok(answer.status >= 200 && answer.status < 300, `${method} ${path} on ${web.url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/** The deliveries of a change's notices, by status; with its notice.sent events. */
async function changeDeliveries(changeId: string) {
  const [row] = await rows<{ total: number; pending: number; sent: number; other: number; sentEvents: number }>(
    admin.db,
    sql`select count(*)::int as total,
               count(*) filter (where d.status = 'pending')::int as pending,
               count(*) filter (where d.status = 'sent')::int as sent,
               count(*) filter (where d.status not in ('pending', 'sent'))::int as other,
               (select count(*)::int from events e join change_recipients r on e.subject_type = 'notice' and e.subject_id = r.notice_id::text
                 where r.change_id = ${changeId} and e.type = 'notice.sent') as "sentEvents"
          from deliveries d join change_recipients r on r.notice_id = d.notice_id where r.change_id = ${changeId}`,
  );
  assert.ok(row);
  return row;
}

/** The change's deliveries still pending (what a wait polls: cheaper than changeDeliveries). */
async function pendingOf(changeId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    admin.db,
    sql`select count(*)::int as n from deliveries d join change_recipients r on r.notice_id = d.notice_id where r.change_id = ${changeId} and d.status = 'pending'`,
  );
  return Number(row?.n);
}

/** Every email delivery of the change as the database has it: Message-ID and recipient. */
async function changeMessages(changeId: string) {
  return rows<{ message_id: string; recipient: string }>(
    admin.db,
    sql`select d.message_id, d.recipient from deliveries d join change_recipients r on r.notice_id = d.notice_id
         where r.change_id = ${changeId} and d.channel = 'email'`,
  );
}

/**
 * Requests a person makes in the portal and the back-office, over and over against `web` until
 * stopped: staff and customers with sessions made on another process; a customer opens (a write,
 * on the evidence stream the workers append to) and acknowledges (a POST with its CSRF token) the
 * notice being delivered.
 */
function keepRequesting(web: () => Served, staff: WebLogin, customers: WebLogin[], changeId: string, acknowledged: Set<number>) {
  const calls: (Call & { what: string })[] = [];
  let running = true;
  const loop = (async () => {
    for (let round = 0; running; round++) {
      const i = round % customers.length;
      const customer = customers[i];
      assert.ok(customer);
      const record = async (what: string, made: Promise<Call>) => {
        // A process killed under a request: no answer (status 0), as a proxy would see it.
        const answer = await made.catch((error: unknown): Call => ({ status: 0, ms: 0, body: String(error) }));
        calls.push({ ...answer, what });
        return answer;
      };
      await record("staff: who am I", call(web(), staff, "GET", "/auth/me"));
      await record("staff: the change", call(web(), staff, "GET", `/subprocessor-changes/${changeId}`));
      const inbox = await record("customer: inbox", call(web(), customer, "GET", "/notices?pageSize=5"));
      const notice = (inbox.body as { items?: { id: string; kind: string }[] }).items?.find((n) => n.kind === "subprocessor_change_announced");
      if (notice) {
        await record("customer: open the notice", call(web(), customer, "GET", `/notices/${notice.id}`));
        if (!acknowledged.has(i)) {
          acknowledged.add(i);
          await record("customer: acknowledge it", call(web(), customer, "POST", `/notices/${notice.id}/acknowledge`));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    calls,
    stop: async () => {
      running = false;
      await loop;
      return calls;
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

before(async () => {
  if (SKIP) {
    return;
  }
  // An empty database: the processes below migrate and install it themselves.
  databaseName = `art28_fleet_${randomBytes(6).toString("hex")}`;
  const server = await openDatabase({ engine: "postgres", url: process.env.TEST_DATABASE_URL ?? "", poolSize: 1 });
  await server.db.execute(sql.raw(`create database ${databaseName}`));
  await server.close();
  url = testDatabaseUrl(databaseName);
  admin = await openDatabase({ engine: "postgres", url, poolSize: 4 });
  dataDir = mkdtempSync(join(tmpdir(), "art28-fleet-"));
});

after(async () => {
  if (SKIP) {
    return;
  }
  await Promise.all([...webs, ...workers.map((w) => w.process)].map((p) => stopProcess(p, "SIGKILL")));
  await Promise.all(sinks.map((sink) => sink.close()));
  await admin.close();
  const server = await openDatabase({ engine: "postgres", url: process.env.TEST_DATABASE_URL ?? "", poolSize: 1 });
  await server.db.execute(sql.raw(`drop database if exists ${databaseName} with (force)`));
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`# timings: ${timings.join("; ")}\n`);
});

test(
  "two web processes and two workers started at once on an empty database: one migrates and installs, the others wait their turn",
  { skip: SKIP },
  async () => {
    const started = performance.now();
    const [a, b, w1, w2] = await Promise.all([startWeb(true), startWeb(true), startFleetWorker(), startFleetWorker()]);
    webs.push(a, b);
    timings.push(`fleet started on an empty database in ${seconds(performance.now() - started)}`);
    for (const web of [a, b]) {
      note(`serve: ${/start: (.*)/.exec(web.output())?.[1] ?? "?"}`);
    }
    assert.ok(w1 && w2);
    const [state] = await rows<{ migrations: number; processors: number; installed: number }>(
      admin.db,
      sql`select (select count(*)::int from drizzle.__drizzle_migrations) as migrations, (select count(*)::int from processor) as processors,
               (select count(*)::int from events where type = 'installation.created') as installed`,
    );
    assert.deepEqual(state, { migrations: knownMigrations(), processors: 1, installed: 1 }, "each migration applied once, installed once");
    assert.equal(webs.filter((web) => web.output().includes("First run:")).length, 1, "one of them installed");
    for (const { process: worker } of [w1, w2]) {
      assert.doesNotMatch(worker.output(), /could not start|sweep failed/, worker.output());
    }

    // The provider's customers: copies of a demo customer with its agreement in force, set-based.
    const seeding = performance.now();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("begin");
      await copyModelCustomer(client, CUSTOMERS, { history: false, tokens: 0 });
      await client.query(
        `insert into controller_services (controller_id, service_id)
       select c.id, s.id from controllers c, services s where s.code = 'backup' and c.customer_number between 'L-000001' and $1`,
        [`L-${String(ROLLING).padStart(6, "0")}`],
      );
      await client.query("commit");
    } finally {
      await client.end();
    }
    timings.push(`${CUSTOMERS} customers with agreements in force copied in ${seconds(performance.now() - seeding)}`);
  },
);

let staff: WebLogin;
let customers: WebLogin[] = [];
let webHosting = "";

test(
  `a change announced to ${CUSTOMERS} customers through the API; one web process and one worker killed (kill -9) mid fan-out: every notice arrives, repeats only in the in-doubt window with the same Message-ID, and the other web process keeps answering`,
  { skip: SKIP },
  async () => {
    const [a, b] = webs;
    const [w1, w2] = workers;
    assert.ok(a && b && w1 && w2);
    // Sessions live in PostgreSQL: made on web A, they work on web B.
    staff = await login(a.url, { email: "privacy@norisk.example", password: DEMO_PASSWORD });
    customers = await Promise.all([1, 2, 3].map((n) => login(a.url, { email: `owner-${n}@klant${n}.example`, password: DEMO_PASSWORD })));
    const me = await ok<{ email: string }>(b, staff, "GET", "/auth/me");
    assert.equal(me.email, "privacy@norisk.example", "a session made on A answers on B");
    const catalogue = await ok<{ services: { id: string; code: string }[] }>(b, staff, "GET", "/catalogue");
    webHosting = catalogue.services.find((s) => s.code === "web-hosting")?.id ?? "";
    assert.ok(webHosting);

    // The announcement, on A (a POST with a session and CSRF token made on A, the sub-processor registered on B).
    const sub = await ok<{ id: string }>(b, staff, "POST", "/subprocessors", {
      name: "Vlootbeheer GmbH",
      activity: { nl: "Beheer van webservers", en: "Management of web servers" },
      website: "https://vlootbeheer.example",
      locations: [{ country: "DE", city: "Frankfurt", mechanism: null }],
      serviceIds: [webHosting],
    });
    const announcing = performance.now();
    const change = await ok<{ id: string; affectedCount: number }>(a, staff, "POST", "/subprocessor-changes", {
      kind: "add",
      subprocessorId: sub.id,
      plan: { serviceIds: [webHosting] },
      description: { nl: "Een tweede partij beheert de webservers.", en: "A second party manages the web servers." },
    });
    const announcedMs = performance.now() - announcing;
    assert.ok(change.affectedCount >= CUSTOMERS, `reaches every customer of web hosting: ${change.affectedCount}`);
    const expected = await changeMessages(change.id);
    timings.push(`announced to ${change.affectedCount} customers (${expected.length} emails) in ${seconds(announcedMs)}`);

    // Requests to B all along, with the sessions made on A; and some to A, in flight when it dies.
    const acknowledged = new Set<number>();
    const onB = keepRequesting(() => b, staff, customers, change.id, acknowledged);
    const ofChange = new Set(expected.map((m) => m.message_id));
    const arrived = arrivedOf(ofChange);
    await waitFor("a fifth of the fan-out to arrive", () => arrived() >= expected.length / 5, DELIVERY_BOUND_MS, 50);
    const onA = keepRequesting(() => a, staff, customers, change.id, acknowledged);
    await waitFor("a quarter of the fan-out to arrive", () => arrived() >= expected.length / 4, DELIVERY_BOUND_MS, 5);
    // kill -9 from another process after a random 0-20 ms, so the worker dies at a random point of a delivery.
    const delay = (Math.random() * 0.02).toFixed(4);
    spawn("/bin/sh", ["-c", `sleep ${delay}; kill -KILL ${w1.process.child.pid}`], { stdio: "ignore" });
    a.child.kill("SIGKILL");
    assert.equal((await a.exited).signal, "SIGKILL");
    assert.equal((await w1.process.exited).signal, "SIGKILL");
    const atKill = arrived();
    const killedAt = performance.now();
    await onA.stop();
    assert.ok(atKill < expected.length, `killed mid fan-out (${atKill} of ${expected.length} had arrived)`);

    await waitFor("every delivery of the change to be sent", async () => (await pendingOf(change.id)) === 0, DELIVERY_BOUND_MS, 500);
    const deliveredMs = performance.now() - announcing;
    // What the database says was sent has reached the SMTP servers (the last replies are on their way).
    await waitFor("the SMTP servers to have every sent message", () => arrived() === ofChange.size, 10_000, 50);
    const calls = await onB.stop();
    timings.push(
      `delivered in ${seconds(deliveredMs)} after the announcement (${Math.round((expected.length / deliveredMs) * 1000)} emails/s; killed after ${atKill}, the rest by one worker in ${seconds(performance.now() - killedAt)})`,
    );

    // B answered every request, during and after the kills.
    const failed = calls.filter((c) => c.status < 200 || c.status >= 300);
    assert.deepEqual(failed, [], "every request to the surviving web process succeeded");
    assert.ok(calls.some((c) => c.what === "customer: open the notice"));
    assert.equal(acknowledged.size, customers.length, "each customer acknowledged the notice, on A or B");
    timings.push(
      `${calls.length} requests to the surviving web process, all 2xx, p50 ${Math.round(
        percentile(
          calls.map((c) => c.ms),
          50,
        ),
      )} ms, p99 ${Math.round(
        percentile(
          calls.map((c) => c.ms),
          99,
        ),
      )} ms`,
    );

    // Every delivery sent once in the database, with its evidence.
    const state = await changeDeliveries(change.id);
    assert.deepEqual(
      state,
      { total: expected.length, pending: 0, sent: expected.length, other: 0, sentEvents: expected.length },
      "each delivery sent once, with one notice.sent event",
    );
    // Every recipient got its notice: each Message-ID of the database arrived, and no other one.
    const byId = arrivals();
    const byRecipient = new Map<string, Set<string>>();
    for (const { sink } of workers) {
      for (const mail of sink.received) {
        if (ofChange.has(mail.messageId)) {
          byRecipient.set(mail.to, (byRecipient.get(mail.to) ?? new Set()).add(mail.messageId));
        }
      }
    }
    for (const { message_id, recipient } of expected) {
      assert.ok(byId.has(message_id), `${recipient} got its notice (${message_id})`);
      assert.ok(byRecipient.get(recipient.toLowerCase())?.has(message_id));
    }
    const expectedPerRecipient = new Map<string, number>();
    for (const { recipient } of expected) {
      expectedPerRecipient.set(recipient.toLowerCase(), (expectedPerRecipient.get(recipient.toLowerCase()) ?? 0) + 1);
    }
    for (const [recipient, ids] of byRecipient) {
      assert.equal(ids.size, expectedPerRecipient.get(recipient), `${recipient}: a repeat has the Message-ID of the first, never a new one`);
    }
    // Repeats: only what the killed worker's relay had accepted and its COMMIT had not recorded.
    const repeats = [...byId].filter(([, sinks]) => sinks.length > 1);
    assert.ok(repeats.length <= IN_DOUBT_PER_WORKER, `at most one batch of repeats per claim loop of the killed worker: ${repeats.length}`);
    for (const [messageId, sinks] of repeats) {
      assert.equal(sinks.length, 2, `${messageId} arrived twice at most`);
      assert.equal(sinks[0], w1.sink, `${messageId} was first sent by the killed worker`);
      assert.notEqual(sinks[1], w1.sink);
    }
    timings.push(`repeated with the same Message-ID: ${repeats.length}`);
    const chain = await verifyChain(admin.db);
    assert.ok(chain.ok, JSON.stringify(chain.firstBroken));
  },
);

test(
  "a rolling restart mid fan-out: a worker and a web process stopped with SIGTERM and replaced finish what they had in flight; nothing is lost, nothing repeated",
  { skip: SKIP },
  async () => {
    const [, b] = webs;
    const [, w2] = workers;
    assert.ok(b && w2 && staff && customers[1] && webHosting);
    const backup = (await ok<{ services: { id: string; code: string }[] }>(b, staff, "GET", "/catalogue")).services.find((s) => s.code === "backup")?.id;
    assert.ok(backup);
    const sub = await ok<{ id: string }>(b, staff, "POST", "/subprocessors", {
      name: "Nachtkopie B.V.",
      activity: { nl: "Opslag van back-ups", en: "Storage of backups" },
      website: "https://nachtkopie.example",
      locations: [{ country: "NL", city: "Groningen", mechanism: null }],
      serviceIds: [backup],
    });
    const change = await ok<{ id: string; affectedCount: number }>(b, staff, "POST", "/subprocessor-changes", {
      kind: "add",
      subprocessorId: sub.id,
      plan: { serviceIds: [backup] },
      description: { nl: "Back-ups krijgen een tweede locatie.", en: "Backups get a second site." },
    });
    assert.ok(change.affectedCount >= ROLLING);
    const expected = await changeMessages(change.id);
    const ofChange = new Set(expected.map((m) => m.message_id));
    const arrived = arrivedOf(ofChange);
    const started = performance.now();

    // The worker's relay stops answering RCPT TO for a moment: its claim loops are inside an SMTP
    // transaction, their rows claimed and not yet recorded, when it is told to stop.
    await waitFor("a tenth of the fan-out to arrive", () => arrived() >= expected.length / 10, DELIVERY_BOUND_MS, 10);
    const held: (() => void)[] = [];
    let holding = true;
    w2.sink.gate = () => (holding ? new Promise<void>((resolve) => held.push(resolve)) : null);
    await waitFor("the worker to wait on its relay", () => held.length >= 1, 10_000, 5);
    w2.process.child.kill("SIGTERM");
    const successor = startFleetWorker();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(w2.process.child.exitCode, null, "it does not leave with deliveries in flight");
    const released = performance.now();
    holding = false;
    held.splice(0).forEach((release) => release());
    assert.deepEqual(await w2.process.exited, { code: 0, signal: null }, w2.process.output());
    const stopMs = performance.now() - released;
    assert.match(w2.process.output(), /outbox worker stopped in \d+ ms/);
    const w3 = await successor;

    // Web B is stopped while a customer's request is in flight (it waits for a row this test holds);
    // web C, started first, takes over with the same sessions.
    const c = await startWeb();
    webs.push(c);
    const [notice] = await rows<{ id: string }>(
      admin.db,
      sql`select n.id from notices n join change_recipients r on r.notice_id = n.id join users u on u.controller_id = n.controller_id
           where r.change_id = ${change.id} and u.email = 'owner-2@klant2.example' and n.opened_at is null`,
    );
    assert.ok(notice, "customer 2 has not opened the notice yet");
    const lock = new pg.Client({ connectionString: url });
    await lock.connect();
    await lock.query("begin");
    await lock.query("select id from notices where id = $1 for update", [notice.id]);
    let answered: Call | null = null;
    const inFlight = call(b, customers[1], "GET", `/notices/${notice.id}`).then((answer) => (answered = answer));
    await waitFor(
      "B's request to wait for the row",
      async () => {
        assert.equal(answered, null, "the request waits for the row");
        // From another connection: in the locking transaction pg_stat_activity would be a snapshot.
        const waiting = await rows<{ query: string }>(
          admin.db,
          sql`select query from pg_stat_activity where datname = ${databaseName} and wait_event_type = 'Lock'`,
        );
        return waiting.some((row) => /update "notices"/i.test(row.query));
      },
      10_000,
      20,
    );
    b.child.kill("SIGTERM");
    await waitFor(
      "B to take no new connections",
      () =>
        fetch(`${b.url}/healthz`).then(
          () => false,
          () => true,
        ),
      5_000,
      20,
    );
    assert.equal((await ok<{ email: string }>(c, staff, "GET", "/auth/me")).email, "privacy@norisk.example", "C answers B's sessions");
    await ok(c, customers[0] as WebLogin, "GET", "/notices?pageSize=5");
    await lock.query("commit");
    await lock.end();
    const answer = await inFlight;
    assert.equal(answer.status, 200, `the request in flight is answered: ${JSON.stringify(answer.body)}`);
    assert.deepEqual(await b.exited, { code: 0, signal: null }, b.output());
    // A new login on C works too.
    await login(c.url, { email: "owner-4@klant4.example", password: DEMO_PASSWORD });

    await waitFor("every delivery of the change to be sent", async () => (await pendingOf(change.id)) === 0, DELIVERY_BOUND_MS, 500);
    await waitFor("the SMTP servers to have every sent message", () => arrived() === ofChange.size, 10_000, 50);
    timings.push(
      `rolling restart: ${expected.length} emails delivered in ${seconds(performance.now() - started)}; the worker exited ${seconds(stopMs)} after its relay answered again (held 1 s after SIGTERM)`,
    );

    const state = await changeDeliveries(change.id);
    assert.deepEqual(state, { total: expected.length, pending: 0, sent: expected.length, other: 0, sentEvents: expected.length });
    const repeats = [...arrivals()].filter(([id, sinks]) => ofChange.has(id) && sinks.length > 1);
    assert.deepEqual(repeats, [], "no message arrived twice");
    assert.ok(
      w2.sink.received.some((m) => ofChange.has(m.messageId)) && w3.sink.received.some((m) => ofChange.has(m.messageId)),
      "the stopped worker and its successor both delivered part of it",
    );
    const chain = await verifyChain(admin.db);
    assert.ok(chain.ok, JSON.stringify(chain.firstBroken));
  },
);
