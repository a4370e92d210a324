import { asc, gt, sql } from "drizzle-orm";
import { rows as queryRows, type Db } from "../../db/engine.ts";
import { insertMany } from "../../db/insert-many.ts";
import { events, eventStreams } from "../../db/schema/index.ts";
import { GENESIS_HASH } from "../../domain/evidence-chain.ts";

// The evidence log's statements: its streams' heads and its events (hashing: record-events.ts).

/** Creates the streams that do not exist yet, at the genesis hash. */
export async function ensureStreams(tx: Db, streams: string[]) {
  await tx.execute(sql`
      insert into event_streams (stream, last_seq, last_hash)
      select s, 0, ${GENESIS_HASH} from unnest(${sql.param(streams)}::text[]) as s
      on conflict (stream) do nothing`);
}

/** The heads of these streams, locked for this transaction in the streams' order. */
export async function lockStreamHeads(tx: Db, streams: string[]) {
  return queryRows<{ stream: string; last_seq: number; last_hash: string }>(
    tx,
    sql`
      select stream, last_seq, last_hash from event_streams
      where stream = any(${sql.param(streams)}::text[]) order by stream for update`,
  );
}

/** A few events in one statement. */
export async function insertEvents(tx: Db, rows: (typeof events.$inferInsert)[]) {
  await tx.insert(events).values(rows);
}

/** Many events, one array parameter per column. */
export async function insertManyEvents(tx: Db, rows: (typeof events.$inferInsert)[]) {
  await insertMany(tx, events, rows);
}

/** Moves the streams' heads to their last events. */
export async function moveStreamHeads(tx: Db, heads: { stream: string; seq: number; hash: string }[]) {
  await tx.execute(sql`
      update event_streams as s set last_seq = v.seq, last_hash = v.hash
      from unnest(${sql.param(heads.map((t) => t.stream))}::text[],
                  ${sql.param(heads.map((t) => t.seq))}::int[],
                  ${sql.param(heads.map((t) => t.hash))}::text[]) as v(stream, seq, hash)
      where s.stream = v.stream`);
}

/** A page of the whole log in global order, after `after`. */
export async function eventsAfter(db: Db, after: number, limit: number) {
  return db.select().from(events).where(gt(events.seq, after)).orderBy(asc(events.seq)).limit(limit);
}

export async function allStreamHeads(db: Db) {
  return db.select().from(eventStreams);
}
