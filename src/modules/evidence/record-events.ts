import type { Actor } from "../../http/actor.ts";
import type { Db } from "../../db/engine.ts";
import type { EventType } from "../../db/schema/index.ts";
import { batches } from "../../db/batches.ts";
import type { Clock } from "../../domain/clock.ts";
import { computeEventHash, controllerStream, GENESIS_HASH, PROCESSOR_STREAM, type ActorKind, type ChainedEvent } from "../../domain/evidence-chain.ts";
import { ensureStreams, insertEvents, insertManyEvents, lockStreamHeads, moveStreamHeads } from "./queries.ts";

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
    await ensureStreams(tx, batch);
    const locked = await lockStreamHeads(tx, batch);
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
      await insertEvents(tx, rows);
    } else {
      await insertManyEvents(tx, rows);
    }
  }
  for (const batch of batches(streams)) {
    await moveStreamHeads(
      tx,
      batch.map((stream) => {
        const head = heads.get(stream);
        return { stream, seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
      }),
    );
  }
}

export async function recordEvent(tx: Db, clock: Clock, input: EventInput): Promise<void> {
  await recordEvents(tx, clock, [input]);
}
