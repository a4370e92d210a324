/**
 * A large provider in a scratch PostgreSQL database (issue 16, point 3): the demo (50 customers, its
 * staff, sub-processors, cases, breaches, …) plus `customers` copies of one demo customer with an
 * agreement in force, its services, privacy contact, Annex 1, signatures, notices (read and unread,
 * with their deliveries), open deadlines and an owner user, and `events` evidence events spread over
 * their streams, each stream a valid hash chain (`art28 verify` passes on it).
 *
 * Copies are made set-based: one `insert … select` per table over a series, every id of a copy
 * derived from the model's id and the copy's number (`md5(id || n)::uuid`), so a copy's foreign keys
 * point at its own rows. Events are hashed here in Node (the chain covers the stream and controller)
 * and written 1,000 rows per statement.
 *
 * One deliberate difference from a real provider: a copy's agreement keeps the model's document model
 * and the SHA-256 of its signed PDF, but not the PDF's bytes (100,000 × the PDF is gigabytes of TOAST that
 * no read measured here touches).
 *
 *   node bench/seed-large.ts --customers 100000 --events 1000000   # keeps the database and prints its DATABASE_URL
 */
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDatabase, type Database } from "../src/db/engine.ts";
import { inScope } from "../src/db/scope.ts";
import { systemClock } from "../src/domain/clock.ts";
import { computeEventHash, GENESIS_HASH, type ActorKind } from "../src/domain/evidence-chain.ts";
import { hashApiToken } from "../src/modules/auth/tokens.ts";
import { ensureInstalled } from "../src/modules/setup/install.ts";
import { DEMO_PROCESSOR, loadDemo } from "../src/modules/setup/demo.ts";
import { registerAllNoticeKinds } from "../src/modules.ts";
import { print, seconds } from "./support.ts";

/** The customer every copy is made from: an agreement in force, unread notices, open deadlines. */
const MODEL_CUSTOMER = "C0008";
/** The API token of copy n (1-based): what the benchmarks read with. */
export const benchToken = (n: number) => `art28_bench${String(n).padStart(38, "0")}`;

export interface LargeSeed {
  customers: number;
  events: number;
  /** Tokens of the first copies' owners (benchToken(1) …). */
  tokens: number;
}

type Row = Record<string, unknown>;

/** The columns of a table, in order, with their types (to copy rows set-based). */
async function columnsOf(client: pg.Client, table: string): Promise<{ name: string; type: string }[]> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `select column_name as name, data_type as type from information_schema.columns
      where table_schema = 'public' and table_name = $1 and (is_generated = 'NEVER' and is_identity = 'NO') order by ordinal_position`,
    [table],
  );
  return rows;
}

/**
 * Copies the model's rows of `table` (`where`, over `m`) once per copy n of the series: uuid columns
 * that name copied rows are derived per copy, `overrides` replace columns (SQL over `m` and `n`).
 */
async function copyRows(
  client: pg.Client,
  table: string,
  where: string,
  copies: number,
  keep: ReadonlySet<string>,
  overrides: Record<string, string> = {},
): Promise<number> {
  const columns = await columnsOf(client, table);
  const select = columns.map(({ name, type }) => {
    if (overrides[name] !== undefined) {
      return overrides[name];
    }
    if (type === "uuid" && !keep.has(name)) {
      return `case when m.${name} is null then null else md5(m.${name}::text || ':' || n)::uuid end`;
    }
    return `m.${name}`;
  });
  const result = await client.query(
    `insert into ${table} (${columns.map((c) => c.name).join(", ")})
     select ${select.join(", ")} from ${table} m, generate_series(1, ${copies}) as n where ${where}`,
  );
  return result.rowCount ?? 0;
}

async function modelCustomerId(client: pg.Client): Promise<string> {
  const {
    rows: [model],
  } = await client.query<{ id: string }>(`select id from controllers where customer_number = $1`, [MODEL_CUSTOMER]);
  if (!model) {
    throw new Error(`the demo has no customer ${MODEL_CUSTOMER}`);
  }
  return model.id;
}

/**
 * `copies` copies of the demo's MODEL_CUSTOMER (the demo must be loaded): customers `L-000001` …
 * with its services, privacy contact (`privacy-<n>@klant<n>.example`), owner
 * (`owner-<n>@klant<n>.example`, the demo's password), Annex 1 and agreement in force with its
 * signatures; with `history`, also its notices with their deliveries, its deadlines and the change
 * recipients. The first `tokens` owners get an API token (benchToken). Set-based: one statement per table.
 */
export async function copyModelCustomer(
  client: pg.Client,
  copies: number,
  options: { history: boolean; tokens: number; report?: (line: string) => void },
): Promise<void> {
  const report = options.report ?? (() => {});
  const step = async (label: string, work: () => Promise<number>) => {
    const t = performance.now();
    const rows = await work();
    report(`  ${label.padEnd(28)} ${String(rows).padStart(9)} rows  ${seconds(performance.now() - t)}`);
  };
  const model = { id: await modelCustomerId(client) };
  const of = `m.controller_id = '${model.id}'`;
  const n = copies;
  // Shared rows keep their ids: the template, the services, sub-processors, staff users, the change announced.
  const shared = new Set(["template_version_id", "service_id", "subprocessor_id", "change_id", "annex2_version_id", "staff_user_id"]);
  await step("controllers", () =>
    copyRows(client, "controllers", `m.id = '${model.id}'`, n, shared, {
      id: `md5(m.id::text || ':' || n)::uuid`,
      customer_number: `'L-' || lpad(n::text, 6, '0')`,
      name: `'Klant ' || lpad(n::text, 6, '0') || ' B.V.'`,
      locale: `case when n % 3 = 0 then 'en' else 'nl' end`,
    }),
  );
  const controllerId = `md5(m.controller_id::text || ':' || n)::uuid`;
  await step("controller_services", () => copyRows(client, "controller_services", of, n, shared, { controller_id: controllerId }));
  await step("contacts", () =>
    copyRows(client, "contacts", of, n, shared, { controller_id: controllerId, email: `'privacy-' || n || '@klant' || n || '.example'` }),
  );
  await step("users (owners)", () =>
    copyRows(client, "users", `${of} and m.customer_role = 'owner'`, n, shared, {
      controller_id: controllerId,
      email: `'owner-' || n || '@klant' || n || '.example'`,
    }),
  );
  await step("annex_versions", () => copyRows(client, "annex_versions", of, n, shared, { controller_id: controllerId }));
  await step("agreements", () =>
    copyRows(client, "agreements", `${of} and m.status = 'in_force'`, n, shared, { controller_id: controllerId, document_pdf: "null" }),
  );
  await step("signatures", () =>
    copyRows(
      client,
      "signatures",
      `${of} and m.agreement_id in (select id from agreements where controller_id = '${model.id}' and status = 'in_force')`,
      n,
      new Set([...shared, "user_id"]),
      {
        controller_id: controllerId,
      },
    ),
  );
  if (options.history) {
    await step("notices", () =>
      copyRows(client, "notices", of, n, new Set([...shared, "opened_by", "acknowledged_by"]), {
        controller_id: controllerId,
        number: `nextval('notices_number_seq')`,
      }),
    );
    await step("deliveries", () =>
      copyRows(client, "deliveries", of, n, new Set([...shared, "webhook_endpoint_id"]), {
        controller_id: controllerId,
        message_id: `'<' || md5(m.id::text || ':' || n) || '@bench.example>'`,
      }),
    );
    await step("obligations", () => copyRows(client, "obligations", of, n, shared, { controller_id: controllerId }));
    await step("change_recipients", () => copyRows(client, "change_recipients", of, n, shared, { controller_id: controllerId }));
  }
  if (options.tokens > 0) {
    await step("api tokens", async () => {
      const values = Array.from({ length: Math.min(options.tokens, n) }, (_, i) => `(${i + 1}, '${hashApiToken(benchToken(i + 1))}')`);
      const result = await client.query(
        `insert into api_tokens (user_id, name, prefix, token_hash)
         select u.id, 'bench', 'art28_bench', t.hash from (values ${values.join(", ")}) as t(n, hash)
           join users u on u.email = 'owner-' || t.n || '@klant' || t.n || '.example'`,
      );
      return result.rowCount ?? 0;
    });
  }
}

/** Loads the demo and makes the large provider in `database` (a fresh PostgreSQL database). */
export async function seedLarge(database: Database, url: string, options: LargeSeed): Promise<void> {
  registerAllNoticeKinds();
  const clock = systemClock;
  const started = performance.now();
  await database.migrate();
  await inScope(database.db, { kind: "processor" }, async (tx) => {
    await ensureInstalled(tx, clock, DEMO_PROCESSOR, { email: "admin@bench.example", password: "bench-password-1" });
    await loadDemo(tx, clock);
  });
  print(`demo loaded in ${seconds(performance.now() - started)}`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const n = options.customers;
    const t0 = performance.now();
    await client.query("begin");
    await copyModelCustomer(client, n, { history: true, tokens: options.tokens, report: print });
    await client.query("commit");
    print(`customers copied in ${seconds(performance.now() - t0)}`);
    const model = { id: await modelCustomerId(client) };

    // The events: the model's stream's first K events, re-chained per copy, K = events ÷ customers.
    const t1 = performance.now();
    const { rows: modelEvents } = await client.query<Row>(
      `select occurred_at, type, actor_kind, actor_id, actor_label, subject_type, subject_id, data
         from events where stream = $1 order by stream_seq limit $2`,
      [`controller:${model.id}`, Math.max(1, Math.ceil(options.events / n))],
    );
    const { rows: ids } = await client.query<{ id: string }>(`select id from controllers where customer_number like 'L-%' order by customer_number`);
    // 5,000 rows per statement, as one JSON parameter (jsonb_to_recordset): far fewer parameters to bind than a VALUES list.
    let batch: Row[] = [];
    const heads: Row[] = [];
    let written = 0;
    const insertJson = async (table: string, columns: string, types: string, rows: Row[]) => {
      await client.query(`insert into ${table} (${columns}) select ${columns} from jsonb_to_recordset($1::jsonb) as x(${types})`, [JSON.stringify(rows)]);
    };
    const EVENT_COLUMNS =
      "stream, stream_seq, controller_id, occurred_at, type, actor_kind, actor_id, actor_label, subject_type, subject_id, data, prev_hash, hash";
    const EVENT_TYPES =
      "stream text, stream_seq int, controller_id uuid, occurred_at timestamptz, type text, actor_kind text, actor_id uuid, actor_label text, subject_type text, subject_id text, data jsonb, prev_hash text, hash text";
    const flush = async () => {
      if (batch.length > 0) {
        await insertJson("events", EVENT_COLUMNS, EVENT_TYPES, batch);
        written += batch.length;
        batch = [];
      }
    };
    for (const { id } of ids) {
      const stream = `controller:${id}`;
      let prevHash = GENESIS_HASH;
      let streamSeq = 0;
      for (const e of modelEvents) {
        if (written + batch.length >= options.events) {
          break;
        }
        streamSeq += 1;
        const event = {
          stream,
          streamSeq,
          occurredAt: new Date(e.occurred_at as string | Date),
          type: e.type as string,
          actorKind: e.actor_kind as ActorKind,
          actorId: (e.actor_id as string | null) ?? null,
          actorLabel: e.actor_label as string,
          controllerId: id,
          subjectType: (e.subject_type as string | null) ?? null,
          subjectId: (e.subject_id as string | null) ?? null,
          data: e.data as Record<string, unknown>,
          prevHash,
        };
        const hash = computeEventHash(event);
        batch.push({
          stream,
          stream_seq: streamSeq,
          controller_id: id,
          occurred_at: event.occurredAt.toISOString(),
          type: event.type,
          actor_kind: event.actorKind,
          actor_id: event.actorId,
          actor_label: event.actorLabel,
          subject_type: event.subjectType,
          subject_id: event.subjectId,
          data: event.data,
          prev_hash: prevHash,
          hash,
        });
        prevHash = hash;
        if (batch.length === 5000) {
          await flush();
        }
      }
      if (streamSeq > 0) {
        heads.push({ stream, last_seq: streamSeq, last_hash: prevHash });
      }
    }
    await flush();
    for (let i = 0; i < heads.length; i += 5000) {
      await insertJson("event_streams", "stream, last_seq, last_hash", "stream text, last_seq int, last_hash text", heads.slice(i, i + 5000));
    }
    print(`  ${"events".padEnd(28)} ${String(written).padStart(9)} rows  ${seconds(performance.now() - t1)}`);
    await client.query("vacuum analyze");
  } finally {
    await client.end();
  }
  print(`large provider ready: ${options.customers} customers, ${options.events} events, in ${seconds(performance.now() - started)}`);
}

/** A new scratch database on the local server (BENCH_DATABASE_URL's), with its URL and how to drop it. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      customers: { type: "string", default: "100000" },
      events: { type: "string", default: "1000000" },
      tokens: { type: "string", default: "100" },
    },
  });
  const scratch = await scratchDatabase("art28_large");
  const database = await openDatabase({ engine: "postgres", url: scratch.url, poolSize: 2 });
  await seedLarge(database, scratch.url, { customers: Number(values.customers), events: Number(values.events), tokens: Number(values.tokens) });
  await database.close();
  print(`DATABASE_URL=${scratch.url}`);
}
