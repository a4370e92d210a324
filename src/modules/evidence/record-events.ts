import { sql } from "drizzle-orm";
import type { Actor } from "../../http/actor.ts";
import { rows as queryRows, type Db } from "../../db/engine.ts";
import { events, type EventType } from "../../db/schema/index.ts";
import { insertMany } from "../../db/insert-many.ts";
import { batches } from "../../db/batches.ts";
import type { Clock } from "../../domain/clock.ts";
import { computeEventHash, controllerStream, GENESIS_HASH, PROCESSOR_STREAM, type ActorKind, type ChainedEvent } from "../../domain/evidence-chain.ts";

export interface EventActor {
  kind: ActorKind;
  id: string | null;
  label: string;
}

/** An authenticated caller as the evidence names it: an API token's acts are the API's. */
export function eventActor(actor: Actor): EventActor {
  return { kind: actor.via === "token" ? "api" : actor.kind, id: actor.userId, label: `${actor.name} <${actor.email}>` };
}

export const SYSTEM_ACTOR: EventActor = { kind: "system", id: null, label: "Art28" };

export interface EventInput {
  type: EventType;
  actor: EventActor;
  /** The controller the act concerns; null for the processor's own acts (its stream). */
  controllerId: string | null;
  subject?: { type: string; id: string };
  data?: Record<string, unknown>;
}

/** Up to this many events go through the query builder; more through one array parameter per column. */
const SMALL = 50;

/**
 * Appends events to their streams' hash chains. Call it inside the transaction of the act it
 * records (inScope): the act and its evidence commit together or not at all. Stream heads are
 * locked in a fixed order, so concurrent writers never deadlock and never fork a chain.
 */
export async function recordEvents(tx: Db, clock: Clock, inputs: EventInput[]): Promise<void> {
  if (inputs.length === 0) {
    return;
  }
  const occurredAt = clock.now();
  const streamOf = (input: EventInput) => (input.controllerId ? controllerStream(input.controllerId) : PROCESSOR_STREAM);
  const streams = [...new Set(inputs.map(streamOf))].sort();

  // Streams are locked in one global order, batch after batch, so that writers never deadlock.
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const batch of batches(streams)) {
    await tx.execute(sql`
      insert into event_streams (stream, last_seq, last_hash)
      select s, 0, ${GENESIS_HASH} from unnest(${sql.param(batch)}::text[]) as s
      on conflict (stream) do nothing`);
    const locked = await queryRows<{ stream: string; last_seq: number; last_hash: string }>(
      tx,
      sql`
      select stream, last_seq, last_hash from event_streams
      where stream = any(${sql.param(batch)}::text[]) order by stream for update`,
    );
    for (const r of locked) {
      heads.set(r.stream, { seq: Number(r.last_seq), hash: r.last_hash });
    }
  }

  // Hashed and written batch by batch: each statement gives the event loop a turn (engine.ts), so a
  // chain of 60,000 events does not hold every other request for a second.
  for (const batch of batches(inputs)) {
    const rows = batch.map((input) => {
      const stream = streamOf(input);
      const head = heads.get(stream);
      if (!head) {
        throw new Error(`event stream ${stream} could not be locked`);
      }
      const event: ChainedEvent = {
        stream,
        streamSeq: head.seq + 1,
        occurredAt,
        type: input.type,
        actorKind: input.actor.kind,
        actorId: input.actor.id,
        actorLabel: input.actor.label,
        controllerId: input.controllerId,
        subjectType: input.subject?.type ?? null,
        subjectId: input.subject?.id ?? null,
        // What is hashed must be what jsonb gives back: plain JSON, no undefined, no Dates.
        data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>,
        prevHash: head.hash,
      };
      const hash = computeEventHash(event);
      heads.set(stream, { seq: event.streamSeq, hash });
      return { ...event, type: input.type, hash };
    });
    if (rows.length <= SMALL) {
      await tx.insert(events).values(rows);
    } else {
      await insertMany(tx, events, rows);
    }
  }
  for (const batch of batches(streams)) {
    const touched = batch.map((s) => ({ stream: s, head: heads.get(s) }));
    await tx.execute(sql`
      update event_streams as s set last_seq = v.seq, last_hash = v.hash
      from unnest(${sql.param(touched.map((t) => t.stream))}::text[],
                  ${sql.param(touched.map((t) => t.head?.seq ?? 0))}::int[],
                  ${sql.param(touched.map((t) => t.head?.hash ?? GENESIS_HASH))}::text[]) as v(stream, seq, hash)
      where s.stream = v.stream`);
  }
}

export async function recordEvent(tx: Db, clock: Clock, input: EventInput): Promise<void> {
  await recordEvents(tx, clock, [input]);
}
