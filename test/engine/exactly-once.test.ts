import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { rows } from "../../src/db/engine.ts";
import { inScope } from "../../src/db/scope.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { verifyChain } from "../../src/modules/evidence/verify-chain.ts";
import type { NoticeData } from "../../src/db/schema/index.ts";
import { queueCustomerNotices } from "../../src/modules/notices/queue-notices.ts";
import { DEFAULT_BATCH_SIZE } from "../../src/jobs/outbox-worker.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testEngine } from "../support/database.ts";
import { createCustomer } from "../support/factories.ts";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.ts";

// Several worker PROCESSES on one PostgreSQL, and a worker killed mid fan-out: every notice still
// reaches every recipient, none is lost, and the only repeats are the messages in doubt at the kill
// (accepted by the relay, not yet recorded: at most one batch per claim loop, outbox-worker.ts),
// each exactly once more under the same Message-ID. PGlite has one connection and one process, so
// there is nothing to race there.

const SKIP = testEngine() === "pglite" ? "PostgreSQL only: worker processes share a server; PGlite is one process with one connection" : false;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CUSTOMERS = 100;

let t: TestApp;
let databaseUrl: string;
const customerIds: string[] = [];
const children: ChildProcess[] = [];
const sinks: SmtpSink[] = [];

before(async () => {
  if (SKIP) {
    return;
  }
  // Worker processes use the wall clock: start the fixed clock a minute ago so what is queued is due.
  t = await createTestApp(new Date(Date.now() - 60_000));
  const url = new URL(process.env.TEST_DATABASE_URL ?? "");
  url.pathname = `/${t.database.name}`;
  databaseUrl = url.toString();
  for (let i = 0; i < CUSTOMERS; i++) {
    customerIds.push((await createCustomer(t.database.db, t.clock)).controllerId);
  }
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => stopChild(child, "SIGKILL")));
  await Promise.all(sinks.splice(0).map((sink) => sink.close()));
});
after(async () => {
  await t?.close();
});

interface Worker {
  child: ChildProcess;
  output: string[];
  /** Its database sessions' application_name. */
  name: string;
}

let workersStarted = 0;

function startWorker(sink: SmtpSink, env: NodeJS.ProcessEnv = {}): Worker {
  const name = `art28-test-worker-${process.pid}-${++workersStarted}`;
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", name);
  const child = spawn(process.execPath, ["src/jobs/worker-main.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url.toString(), ART28_SMTP_URL: sink.url, ART28_WORKER_CONCURRENCY: "2", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output, name };
}

/** Stops a child (bounded: SIGKILL after 15 s) and resolves with its exit code or signal. */
function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", (code, killedBy) => {
      clearTimeout(force);
      resolve(code ?? killedBy);
    });
    child.kill(signal);
  });
}

/** Resolves with a child's exit code or signal once it exits (bounded). */
async function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return child.exitCode ?? child.signalCode;
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Queues `perCustomer` notices to each test customer: two email deliveries each (privacy contact and owner). */
async function queueFanOut(perCustomer: number): Promise<number> {
  const data: NoticeData = {
    kind: "obligation_reminder",
    obligationId: crypto.randomUUID(),
    title: { nl: "Antwoord op een vraag", en: "Answer a question" },
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
  const inputs = customerIds.flatMap((controllerId) => Array.from({ length: perCustomer }, () => ({ controllerId, data })));
  await inScope(t.database.db, { kind: "processor" }, (tx) => queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, inputs));
  return (await counts()).pending;
}

async function counts() {
  const [row] = await rows<{ pending: number; sent: number; other: number; sentEvents: number; distinctSentEvents: number }>(
    t.database.db,
    sql`select (select count(*)::int from deliveries where status = 'pending') as pending,
               (select count(*)::int from deliveries where status = 'sent') as sent,
               (select count(*)::int from deliveries where status not in ('pending', 'sent')) as other,
               (select count(*)::int from events where type = 'notice.sent') as "sentEvents",
               (select count(distinct data->>'messageId')::int from events where type = 'notice.sent') as "distinctSentEvents"`,
  );
  assert.ok(row);
  return row;
}

function duplicates(sink: SmtpSink): [string, number][] {
  return [...sink.perMessageId].filter(([, n]) => n > 1);
}

test("three worker processes drain 600 deliveries: every message arrives exactly once", { skip: SKIP }, async () => {
  const sink = await startSmtpSink();
  sinks.push(sink);
  const queued = await queueFanOut(3);
  assert.equal(queued, 600);
  // The first serves its probes and metrics on a port of its own (ART28_METRICS_PORT; 0: any free one, named in its log).
  const workers = [startWorker(sink, { ART28_METRICS_PORT: "0" }), startWorker(sink), startWorker(sink)];
  await waitFor("every delivery to be sent", async () => (await counts()).pending === 0, 60_000, 200);
  const metricsUrl = /worker probes and metrics at (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(workers[0]?.output.join("") ?? "")?.[1];
  assert.ok(metricsUrl, `the worker names its metrics address:\n${workers[0]?.output.join("")}`);
  assert.equal((await fetch(`${metricsUrl}/readyz`)).status, 200);
  let exposition = "";
  const value = (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(exposition)?.[1] ?? Number.NaN);
  const logged = () =>
    workers[0]?.output
      .join("")
      .match(/(\d+) sent/g)
      ?.reduce((n, m) => n + Number.parseInt(m, 10), 0) ?? 0;
  // Its log reports what it sent a moment after the commit; the metrics count at once.
  await waitFor(
    "its metrics to count what its log says it sent",
    async () => {
      exposition = await (await fetch(`${metricsUrl}/metrics`)).text();
      return value('art28_delivery_outcomes_total{outcome="sent"}') === logged();
    },
    15_000,
    200,
  );
  const firstSent = value('art28_delivery_outcomes_total{outcome="sent"}');
  assert.ok(firstSent > 0);
  assert.equal(value('art28_delivery_latency_seconds_count{outcome="sent"}'), firstSent, "each with its latency");
  assert.equal(value('art28_deliveries{status="pending"}'), 0, "and the database's queue, as every process sees it");
  assert.equal(value('art28_deliveries{status="sent"}'), 600);
  assert.equal(value("art28_deliveries_in_flight"), 0);
  const codes = await Promise.all(workers.map((w) => stopChild(w.child, "SIGTERM")));
  assert.deepEqual(codes, [0, 0, 0], `workers exit 0 on SIGTERM:\n${workers.map((w) => w.output.join("")).join("\n---\n")}`);

  assert.deepEqual(duplicates(sink), [], "no Message-ID arrived twice");
  assert.equal(sink.perMessageId.size, 600, "every delivery arrived");
  assert.equal(sink.received.length, 600);
  const after = await counts();
  assert.deepEqual(after, { pending: 0, sent: 600, other: 0, sentEvents: 600, distinctSentEvents: 600 }, "each delivery is sent, with one notice.sent event");
  const chain = await verifyChain(t.database.db);
  assert.ok(chain.ok, JSON.stringify(chain.firstBroken));
  const share = workers.map(
    (w) =>
      w.output
        .join("")
        .match(/(\d+) sent/g)
        ?.reduce((n, m) => n + Number.parseInt(m, 10), 0) ?? 0,
  );
  process.stdout.write(`# sent per worker process (from their logs): ${share.join(", ")}\n`);
});

/** What the database says was sent since `before`, and what the SMTP server has: equal when no message is in flight. */
async function settled(sink: SmtpSink, sentBefore: number): Promise<boolean> {
  return (await counts()).sent - sentBefore === sink.received.length;
}

/** The Message-IDs of every delivery the database records as sent. */
async function sentMessageIds(): Promise<Set<string>> {
  const sent = await rows<{ id: string }>(t.database.db, sql`select message_id as id from deliveries where status = 'sent'`);
  return new Set(sent.map((row) => row.id));
}

/**
 * Once a killed worker's database sessions are gone (PostgreSQL has rolled back what it had not
 * committed, and committed a COMMIT it had already written), the messages in doubt: the SMTP server
 * has them (the relay accepted them), the database does not record them as sent.
 */
async function inDoubtAfterKill(sink: SmtpSink, worker: Worker, sentBefore: Set<string>): Promise<Set<string>> {
  await waitFor(
    "the killed worker's database sessions to end",
    async () => {
      const [row] = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from pg_stat_activity where application_name = ${worker.name}`);
      return row?.n === 0;
    },
    10_000,
    20,
  );
  // Let the SMTP server finish reading what the dead worker had already written to its socket.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const recorded = await sentMessageIds();
  return new Set([...sink.perMessageId.keys()].filter((id) => !recorded.has(id) && !sentBefore.has(id)));
}

/**
 * After the second worker: every delivery arrived (nothing lost), each exactly once, except the
 * messages in doubt at the kill, which arrived exactly twice with the same Message-ID; and the
 * database records each delivery sent once, with one notice.sent event, on a chain that verifies.
 */
async function assertExactlyOnceBut(sink: SmtpSink, inDoubt: Set<string>, before: Awaited<ReturnType<typeof counts>>, queued: number): Promise<void> {
  assert.equal(sink.perMessageId.size, queued, "every delivery arrived: nothing is lost");
  const wrong = [...sink.perMessageId].filter(([id, n]) => n !== (inDoubt.has(id) ? 2 : 1));
  assert.deepEqual(wrong, [], "each message arrived once; only those in doubt at the kill arrived again, once, under the same Message-ID");
  assert.equal(sink.received.length, queued + inDoubt.size);
  const after = await counts();
  assert.equal(after.pending, 0);
  assert.equal(after.sent - before.sent, queued, "every delivery row is sent once");
  assert.equal(after.sentEvents - before.sentEvents, queued, "with one notice.sent event each");
  assert.equal(after.distinctSentEvents - before.distinctSentEvents, queued);
  const chain = await verifyChain(t.database.db);
  assert.ok(chain.ok, JSON.stringify(chain.firstBroken));
}

// Both kill tests run with batches of one (a transaction per message: nothing is in doubt while a
// message is inside its SMTP transaction, at most one message per claim loop at any instant) and
// with the default batch (the window is the batch: outbox-worker.ts).
for (const batch of [1, DEFAULT_BATCH_SIZE]) {
  test(
    `a worker SIGKILLed mid fan-out, inside an SMTP transaction (batches of ${batch}): a fresh worker finishes; the message caught in it arrives once, and only the ones its batch had sent before it can arrive again`,
    { skip: SKIP },
    async () => {
      const sink = await startSmtpSink();
      sinks.push(sink);
      const before = await counts();
      const sentBefore = await sentMessageIds();
      assert.equal(await queueFanOut(10), 2000);

      // Once ~300 messages are through, the server stops answering RCPT TO: the worker is caught in the
      // middle of its next SMTP transaction, with its claimed rows locked and uncommitted. (Its other claim
      // loop waits for the one pooled SMTP connection, or has just committed.)
      const held: (() => void)[] = [];
      let holding = false;
      sink.gate = () => (holding ? new Promise<void>((resolve) => held.push(resolve)) : null);
      const first = startWorker(sink, { ART28_OUTBOX_BATCH: String(batch) });
      await waitFor("the first worker to send ~300 messages", () => sink.received.length >= 300, 60_000, 2);
      holding = true;
      await waitFor("the worker to wait on the SMTP server", () => held.length >= 1, 10_000, 5);
      if (batch === 1) {
        await waitFor("every accepted message to be recorded as sent", () => settled(sink, before.sent), 10_000, 20);
      } else {
        await waitFor("both claim loops to be stuck (nothing more is recorded)", quiet(), 10_000, 20);
      }
      first.child.kill("SIGKILL");
      assert.equal(await exitOf(first.child, 10_000), "SIGKILL");
      const atKill = sink.received.length;
      assert.ok(atKill >= 300 && atKill < 2000, "killed mid fan-out");
      const inDoubt = await inDoubtAfterKill(sink, first, sentBefore);
      // Each loop is inside an SMTP transaction (one at RCPT TO, the other queued behind it on the one
      // connection): the message there was never accepted; before it, at most batch - 1 of its batch were.
      assert.ok(inDoubt.size <= 2 * (batch - 1), `at most ${2 * (batch - 1)} in doubt, got ${inDoubt.size}`);
      holding = false;
      held.splice(0).forEach((release) => release());

      const second = startWorker(sink, { ART28_OUTBOX_BATCH: String(batch) });
      await waitFor("no pending deliveries", async () => (await counts()).pending === 0, 60_000, 200);
      assert.equal(await stopChild(second.child, "SIGTERM"), 0, second.output.join(""));
      await assertExactlyOnceBut(sink, inDoubt, before, 2000);
      process.stdout.write(`# batches of ${batch}: killed inside an SMTP transaction after ${atKill} messages; in doubt and repeated: ${inDoubt.size}\n`);
    },
  );

  test(
    `a worker SIGKILLed at a random instant (batches of ${batch}): nothing is lost; only messages the relay had accepted and the worker not yet recorded arrive again, with the same Message-ID`,
    { skip: SKIP },
    async () => {
      const sink = await startSmtpSink();
      sinks.push(sink);
      const before = await counts();
      const sentBefore = await sentMessageIds();
      assert.equal(await queueFanOut(10), 2000);

      const first = startWorker(sink, { ART28_OUTBOX_BATCH: String(batch) });
      await waitFor("the first worker to send ~300 messages", () => sink.received.length >= 300, 60_000, 2);
      // From another process after a random 0-20 ms: a timer here would fire just after this process's
      // SMTP server accepted a message, not at a random point of a delivery.
      const delay = (Math.random() * 0.02).toFixed(4);
      const killer = spawn("/bin/sh", ["-c", `sleep ${delay}; kill -KILL ${first.child.pid}`], { stdio: "ignore" });
      children.push(killer);
      assert.equal(await exitOf(first.child, 10_000), "SIGKILL");
      const inDoubt = await inDoubtAfterKill(sink, first, sentBefore);
      const atKill = sink.received.length;

      // The window SMTP leaves (outbox-worker.ts): the relay accepted a message, and the worker died
      // before the COMMIT of its batch reached PostgreSQL. Those messages are pending again and are sent
      // again with the same Message-ID, so the receiving system can recognise them: at most one batch
      // per claim loop (2 here).
      assert.ok(inDoubt.size <= 2 * batch, `at most one batch per claim loop in doubt (${2 * batch}), got ${inDoubt.size}`);

      const second = startWorker(sink, { ART28_OUTBOX_BATCH: String(batch) });
      await waitFor("no pending deliveries", async () => (await counts()).pending === 0, 60_000, 200);
      assert.equal(await stopChild(second.child, "SIGTERM"), 0, second.output.join(""));
      await assertExactlyOnceBut(sink, inDoubt, before, 2000);
      process.stdout.write(
        `# batches of ${batch}: killed at a random instant after ${atKill} messages; in doubt and repeated with the same Message-ID: ${inDoubt.size}\n`,
      );
    },
  );
}

/** A condition that holds once the database's count of sent deliveries has not moved for 500 ms. */
function quiet(): () => Promise<boolean> {
  let last = -1;
  let since = Date.now();
  return async () => {
    const sent = (await counts()).sent;
    if (sent !== last) {
      last = sent;
      since = Date.now();
      return false;
    }
    return Date.now() - since >= 500;
  };
}
