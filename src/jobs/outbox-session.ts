import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Db } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import * as schema from "../db/schema/index.ts";
import { SYSTEM_ACTOR } from "../modules/evidence/record-events.ts";
import {
  APP_ROLE_SQL,
  CLAIM_COLUMN,
  CLAIM_PLAN_RESET_SQL,
  CLAIM_PLAN_SQL,
  executeClaimSql,
  executeSentSql,
  PREPARE_CLAIM_SQL,
  PREPARE_SENT_SQL,
  PROCESSOR_SCOPE_SQL,
  sentWrite,
  toClaimedDelivery,
  type ClaimedDelivery,
  type ClaimRow,
  type SentRecord,
  type SentWrite,
  type StreamHead,
} from "./outbox-sql.ts";
import { claimDue, lockDeliveryStates, lockStreamHeads, writeSent } from "./outbox-queries.ts";

// How a claim loop talks to the database: a batch of claimed deliveries, then one settlement that
// records what happened to each and commits.
//
// PostgreSQL (several workers, any of which may die): one transaction per batch on the loop's own
// connection. The claim locks up to `limit` rows and their stream heads (FOR UPDATE SKIP LOCKED);
// the messages are sent one after the other while the locks are held; the settlement writes every
// outcome and commits. A worker that dies before the COMMIT leaves nothing: PostgreSQL rolls back
// and the rows are pending again. What that means for messages the relay already accepted (the
// batch's in-doubt window) is stated in outbox-worker.ts.
//
// PGlite (one process, one connection, the web server on the same connection): holding a
// transaction open while a relay or a customer's endpoint answers would stall every request for
// that long. There is exactly one claim loop per embedded database (its folder is locked to one
// process), so nobody else can claim the rows meanwhile: the claim is a short read, the sends happen
// outside any transaction, and the settlement is a second transaction that re-locks the rows and
// checks each is unchanged.

/** What a try came to, as the worker counts it. */
export type DeliveryOutcome = "sent" | "held" | "retry" | "failed";

/**
 * What to record for one tried delivery. `sent`: the relay or endpoint took it; its writes are
 * computed in memory at the settlement (outbox-sql.ts) and go out with the COMMIT. `write`: any
 * other outcome, recorded by its use case (delivery-outcomes.ts) in the batch's transaction.
 */
export type Settlement = { delivery: ClaimedDelivery; sent: SentRecord } | { delivery: ClaimedDelivery; write: (tx: Db) => Promise<DeliveryOutcome> };

export interface Settled {
  /** Per settlement, in order: its outcome, or null if it could not be recorded (see `errors`; the row stays pending). */
  outcomes: (DeliveryOutcome | null)[];
  errors: { delivery: ClaimedDelivery; error: unknown }[];
}

export interface ClaimedBatch {
  deliveries: ClaimedDelivery[];
  /**
   * Records the settlements and commits, in one round trip when every one is `sent`. A claimed
   * delivery without a settlement (not tried: the batch stopped early) is given back as it was:
   * its locks end with the transaction. Call at most once.
   */
  settle(settlements: Settlement[]): Promise<Settled>;
  /** Gives the whole batch up without recording anything (rolls back). */
  abandon(): Promise<void>;
}

export interface ClaimSession {
  claim(now: Date, limit: number): Promise<ClaimedBatch | null>;
  /** Gives the connection back while the loop waits for work (the web server may share the pool). */
  close(): Promise<void>;
}

/** The row changed between the claim and the settlement (PGlite only; should not happen). */
export class ClaimLostError extends Error {}

type QueryResult = pg.QueryResult<ClaimRow>;

const prepared = new WeakSet<pg.PoolClient>();

/** The claimed rows among the results of a multi-statement query: the SELECT with the claim's column. */
function claimedRows(results: QueryResult | QueryResult[]): ClaimRow[] | undefined {
  const list = Array.isArray(results) ? results : [results];
  return list.find((result) => result.fields?.some((field) => field.name === CLAIM_COLUMN))?.rows;
}

/**
 * The sent writes of a batch, each event chained to the one before it on its stream, marked in
 * `settled`. A write that cannot be computed (a value the database cannot store) is reported and
 * left out: its row stays pending and the stream's head does not move.
 */
function chainSentWrites(settlements: Settlement[], heads: Map<string, StreamHead>, settled: Settled, indexOf: (i: number) => number = (i) => i): SentWrite[] {
  const writes: SentWrite[] = [];
  settlements.forEach((settlement, i) => {
    if (!("sent" in settlement)) {
      return;
    }
    const d = settlement.delivery;
    try {
      const write = sentWrite(d, heads.get(d.head.stream) ?? d.head, settlement.sent, SYSTEM_ACTOR);
      heads.set(write.head.stream, write.head);
      writes.push(write);
      settled.outcomes[indexOf(i)] = "sent";
    } catch (error) {
      settled.errors.push({ delivery: d, error });
    }
  });
  return writes;
}

const streamsOf = (settlements: Settlement[]) => [...new Set(settlements.filter((s) => "sent" in s).map((s) => s.delivery.head.stream))];

/**
 * A claim loop's session on PostgreSQL: its own pooled connection, held while there is work. One
 * round trip per batch: the message that commits one batch also begins the next transaction and
 * claims the next batch ("writes; COMMIT; BEGIN; claim"). If the process dies after sending it,
 * the server still commits the first and rolls the second back when the connection drops.
 */
export function postgresSession(pool: pg.Pool, now: () => Date): ClaimSession {
  let client: pg.PoolClient | null = null;
  let txDb: Db | null = null;
  /** A transaction begun by the last commit, with what its claim found (empty: nothing due then). */
  let prefetched: { rows: ClaimRow[]; limit: number } | null = null;
  /** The batch size the loop asks for: the commit of one batch claims the next of that size. */
  let batchLimit = 1;

  const connection = async () => {
    if (!client || !txDb) {
      client = await pool.connect();
      txDb = drizzle(client, { schema }) as unknown as Db;
    }
    return { client, txDb };
  };
  const beginAndClaim = (c: pg.PoolClient, at: Date, limit: number) => {
    const prepare = prepared.has(c) ? "" : `${PREPARE_CLAIM_SQL};\n${PREPARE_SENT_SQL};\n`;
    prepared.add(c);
    return `${prepare}BEGIN; ${PROCESSOR_SCOPE_SQL}; ${CLAIM_PLAN_SQL}; ${executeClaimSql(at, limit)}; ${CLAIM_PLAN_RESET_SQL}; ${APP_ROLE_SQL}`;
  };
  /**
   * After an error the connection's state (open transaction, prepared statements) is not known
   * for sure: drop it, which also rolls back whatever it held; the next claim takes a fresh one.
   */
  const recover = (error: unknown) => {
    prefetched = null;
    const current = client;
    client = null;
    txDb = null;
    current?.release(error instanceof Error ? error : new Error(String(error)));
  };
  const run = async (c: pg.PoolClient, text: string) => {
    try {
      return (await c.query(text)) as unknown as QueryResult | QueryResult[];
    } catch (error) {
      recover(error);
      throw error;
    }
  };

  return {
    async claim(at, limit) {
      batchLimit = limit;
      const { client: c, txDb: db } = await connection();
      let rows = prefetched && prefetched.limit === limit ? prefetched.rows : undefined;
      if (prefetched && !rows?.length) {
        // The prefetch found nothing (or was for another size), but something may have been queued since: look again now.
        await run(c, "ROLLBACK");
        rows = undefined;
      }
      prefetched = null;
      if (!rows) {
        rows = claimedRows(await run(c, beginAndClaim(c, at, limit))) ?? [];
      }
      if (rows.length === 0) {
        await run(c, "COMMIT");
        return null;
      }
      const deliveries = rows.map(toClaimedDelivery);
      let open = true;
      return {
        deliveries,
        async settle(settlements) {
          if (!open) {
            throw new Error("this batch is already settled");
          }
          open = false;
          const settled: Settled = { outcomes: settlements.map(() => null), errors: [] };
          try {
            // The other outcomes first, each by its use case, each in a savepoint: one that fails
            // leaves its row pending and the rest of the batch is still recorded.
            let wroteOther = false;
            for (const [i, settlement] of settlements.entries()) {
              if (!("write" in settlement)) {
                continue;
              }
              await c.query("SAVEPOINT art28_outcome");
              try {
                settled.outcomes[i] = await settlement.write(db);
                await c.query("RELEASE SAVEPOINT art28_outcome");
              } catch (error) {
                await c.query("ROLLBACK TO SAVEPOINT art28_outcome");
                settled.errors.push({ delivery: settlement.delivery, error });
              }
              wroteOther = true;
            }
            // Their events may have moved a stream this batch appends to: read those heads again.
            const streams = streamsOf(settlements);
            const heads =
              wroteOther && streams.length > 0
                ? await lockStreamHeads(db, streams)
                : new Map(settlements.map((s) => [s.delivery.head.stream, s.delivery.head]));
            const writes = chainSentWrites(settlements, heads, settled);
            const limit = batchLimit;
            const results = await c.query(`${writes.map((write) => `${executeSentSql(write)};\n`).join("")}COMMIT;\n${beginAndClaim(c, now(), limit)}`);
            prefetched = { rows: claimedRows(results as unknown as QueryResult | QueryResult[]) ?? [], limit };
            return settled;
          } catch (error) {
            recover(error);
            throw error;
          }
        },
        async abandon() {
          if (open) {
            open = false;
            recover(new Error("batch abandoned"));
          }
        },
      };
    },
    async close() {
      const current = client;
      client = null;
      txDb = null;
      if (!current) {
        return;
      }
      if (prefetched) {
        // Stopped with claimed rows in hand: give them back untouched.
        prefetched = null;
        try {
          await current.query("ROLLBACK");
        } catch (error) {
          current.release(error instanceof Error ? error : new Error(String(error)));
          return;
        }
      }
      current.release();
    },
  };
}

/** The claim loop's session on PGlite (see above: claim, send and settle are not one transaction). */
export function pgliteSession(db: Db): ClaimSession {
  const scope = { kind: "processor" } as const;
  return {
    async claim(now, limit) {
      // A read (its locks end with it), in the processor scope, before the role switch (see PROCESSOR_SCOPE_SQL).
      const rows = await claimDue(db, now, limit);
      if (rows.length === 0) {
        return null;
      }
      const deliveries = rows.map(toClaimedDelivery);
      let open = true;
      return {
        deliveries,
        async settle(settlements) {
          if (!open) {
            throw new Error("this batch is already settled");
          }
          open = false;
          const settled: Settled = { outcomes: settlements.map(() => null), errors: [] };
          await inScope(db, scope, async (tx) => {
            const current = new Map(
              (
                await lockDeliveryStates(
                  tx,
                  settlements.map((s) => s.delivery.id),
                )
              ).map((row) => [row.id, row]),
            );
            const unchanged = settlements.filter((settlement) => {
              const d = settlement.delivery;
              const now = current.get(d.id);
              if (now && now.status === "pending" && Number(now.attempts) === d.attempts) {
                return true;
              }
              settled.errors.push({
                delivery: d,
                error: new ClaimLostError(`delivery ${d.id} changed while it was being sent (now ${now?.status ?? "gone"})`),
              });
              return false;
            });
            for (const settlement of unchanged) {
              if ("write" in settlement) {
                try {
                  // A savepoint each: one that fails leaves its row pending and the rest is still recorded.
                  settled.outcomes[settlements.indexOf(settlement)] = await tx.transaction((savepoint) => settlement.write(savepoint as unknown as Db));
                } catch (error) {
                  settled.errors.push({ delivery: settlement.delivery, error });
                }
              }
            }
            const streams = streamsOf(unchanged);
            const heads = streams.length > 0 ? await lockStreamHeads(tx, streams) : new Map<string, StreamHead>();
            const missing = streams.find((stream) => !heads.has(stream));
            if (missing) {
              throw new Error(`event stream ${missing} is gone`);
            }
            for (const write of chainSentWrites(unchanged, heads, settled, (i) => settlements.indexOf(unchanged[i] as Settlement))) {
              await writeSent(tx, write);
            }
          });
          return settled;
        },
        async abandon() {
          open = false;
        },
      };
    },
    async close() {},
  };
}
