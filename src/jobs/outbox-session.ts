import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Db } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import * as schema from "../db/schema/index.ts";
import {
  APP_ROLE_SQL,
  CLAIM_COLUMN,
  executeClaimSql,
  executeSentSql,
  PREPARE_CLAIM_SQL,
  PREPARE_SENT_SQL,
  PROCESSOR_SCOPE_SQL,
  type SentWrite,
  toClaimedDelivery,
  type ClaimedDelivery,
  type ClaimRow,
  type StreamHead,
} from "./outbox-sql.ts";
import { claimNextDue, lockDeliveryState, lockStreamHead, writeSent } from "./outbox-queries.ts";

// How a claim loop talks to the database: a claimed delivery, then one settlement that records
// what happened and commits.
//
// PostgreSQL (several workers, any of which may die): one transaction per delivery on the loop's
// own connection. The claim locks the row and its stream head (FOR UPDATE SKIP LOCKED); the message
// is sent while the locks are held; the settlement writes the outcome and commits. A worker that
// dies before the COMMIT leaves nothing: PostgreSQL rolls back and the row is pending again.
//
// PGlite (one process, one connection, the web server on the same connection): holding a
// transaction open while a relay or a customer's endpoint answers would stall every request for
// that long. There is exactly one claim loop per embedded database (its folder is locked to one
// process), so nobody else can claim the row meanwhile: the claim is a short read, the send happens
// outside any transaction, and the settlement is a second transaction that re-locks the row and
// checks it is unchanged.

export interface SettleTx {
  /** The transaction, as a Db for the query builder and the use cases. */
  db: Db;
  /** The delivery's evidence stream head, locked by this transaction. */
  head: StreamHead;
  /**
   * Records a sent message and commits. On PostgreSQL this is one write to the socket: once it has
   * been made, the server commits even if this process dies before the answer arrives.
   */
  commitSent(write: SentWrite): Promise<void>;
}

export interface Claim {
  delivery: ClaimedDelivery;
  /** Records the outcome and commits (or rolls back if `write` throws). Call at most once. */
  settle<T>(write: (tx: SettleTx) => Promise<T>): Promise<T>;
  /** Gives the claim up without recording anything (rolls back). */
  abandon(): Promise<void>;
}

export interface ClaimSession {
  claim(now: Date): Promise<Claim | null>;
  /** Gives the connection back while the loop waits for work (the web server may share the pool). */
  close(): Promise<void>;
}

/** The row changed between the claim and the settlement (PGlite only; should not happen). */
export class ClaimLostError extends Error {}

type QueryResult = pg.QueryResult<ClaimRow>;

const prepared = new WeakSet<pg.PoolClient>();

/** The claim's row among the results of a multi-statement query: the SELECT with the claim's columns. */
function claimedRow(results: QueryResult | QueryResult[]): ClaimRow | null | undefined {
  const list = Array.isArray(results) ? results : [results];
  const claim = list.find((result) => result.fields?.some((field) => field.name === CLAIM_COLUMN));
  return claim ? (claim.rows[0] ?? null) : undefined;
}

/**
 * A claim loop's session on PostgreSQL: its own pooled connection, held while there is work. One
 * round trip per delivery: the message that commits one delivery also begins the next transaction
 * and claims the next row ("writes; COMMIT; BEGIN; claim"). If the process dies after sending it,
 * the server still commits the first and rolls the second back when the connection drops.
 */
export function postgresSession(pool: pg.Pool, now: () => Date): ClaimSession {
  let client: pg.PoolClient | null = null;
  let txDb: Db | null = null;
  /** A transaction begun by the last commit, with what its claim found (null: nothing due). */
  let prefetched: { row: ClaimRow | null } | null = null;

  const connection = async () => {
    if (!client || !txDb) {
      client = await pool.connect();
      txDb = drizzle(client, { schema }) as unknown as Db;
    }
    return { client, txDb };
  };
  const beginAndClaim = (c: pg.PoolClient, at: Date) => {
    const prepare = prepared.has(c) ? "" : `${PREPARE_CLAIM_SQL};\n${PREPARE_SENT_SQL};\n`;
    prepared.add(c);
    return `${prepare}BEGIN; ${PROCESSOR_SCOPE_SQL}; ${executeClaimSql(at)}; ${APP_ROLE_SQL}`;
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
    async claim(at) {
      const { client: c, txDb: db } = await connection();
      let row: ClaimRow | null | undefined = prefetched?.row;
      if (prefetched && !row) {
        // The prefetch found nothing, but something may have been queued since: look again now.
        await run(c, "COMMIT");
      }
      prefetched = null;
      if (!row) {
        row = claimedRow(await run(c, beginAndClaim(c, at)));
      }
      if (!row) {
        await run(c, "COMMIT");
        return null;
      }
      const delivery = toClaimedDelivery(row);
      let open = true;
      return {
        delivery,
        async settle(write) {
          if (!open) {
            throw new Error("this claim is already settled");
          }
          const tx: SettleTx = {
            db,
            head: delivery.head,
            commitSent: async (write) => {
              open = false;
              const results = await run(c, `${executeSentSql(write)};\nCOMMIT;\n${beginAndClaim(c, now())}`);
              prefetched = { row: claimedRow(results) ?? null };
            },
          };
          try {
            const result = await write(tx);
            if (open) {
              open = false;
              await run(c, "COMMIT");
            }
            return result;
          } catch (error) {
            if (open) {
              open = false;
              recover(error);
            }
            throw error;
          }
        },
        async abandon() {
          if (open) {
            open = false;
            recover(new Error("claim abandoned"));
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
        // Stopped with a claimed row in hand: give it back untouched.
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
    async claim(now) {
      // A read (its locks end with it), in the processor scope, before the role switch (see PROCESSOR_SCOPE_SQL).
      const [row] = await claimNextDue(db, now);
      if (!row) {
        return null;
      }
      const delivery = toClaimedDelivery(row);
      let open = true;
      return {
        delivery,
        async settle(write) {
          if (!open) {
            throw new Error("this claim is already settled");
          }
          open = false;
          return inScope(db, scope, async (tx) => {
            const current = await lockDeliveryState(tx, delivery.id);
            if (!current || current.status !== "pending" || Number(current.attempts) !== delivery.attempts) {
              throw new ClaimLostError(`delivery ${delivery.id} changed while it was being sent (now ${current?.status ?? "gone"})`);
            }
            const head = await lockStreamHead(tx, delivery.head.stream);
            if (!head) {
              throw new Error(`event stream ${delivery.head.stream} is gone`);
            }
            return write({
              db: tx,
              head: { stream: head.stream, lastSeq: Number(head.last_seq), lastHash: head.last_hash },
              commitSent: async (write) => {
                await writeSent(tx, write);
              },
            });
          });
        },
        async abandon() {
          open = false;
        },
      };
    },
    async close() {},
  };
}
