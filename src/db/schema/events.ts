import { bigint, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { instant } from "./columns.ts";

/**
 * Every type of evidence event, declared by the module whose act it records (module augmentation):
 *
 *     declare module "../../db/schema/events.ts" {
 *       interface EventTypes { "agreement.signed_by_customer": true }
 *     }
 *
 * The set is closed: writing an undeclared type is a type error, so a typo never reaches the log.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modules
export interface EventTypes {}
export type EventType = keyof EventTypes & string;

/**
 * The evidence log: append-only and hash-chained per stream. A stream is one controller's
 * ("controller:<id>") or the processor's own ("processor"), so a controller's evidence bundle holds
 * a complete chain that verifies on its own.
 */
export const events = pgTable(
  "events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    stream: text("stream").notNull(),
    streamSeq: integer("stream_seq").notNull(),
    controllerId: uuid("controller_id"),
    occurredAt: instant("occurred_at").notNull(),
    type: text("type").$type<EventType>().notNull(),
    actorKind: text("actor_kind").$type<"staff" | "customer" | "system" | "api">().notNull(),
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    unique("events_stream_seq").on(t.stream, t.streamSeq),
    index("events_controller").on(t.controllerId, t.seq),
    index("events_subject").on(t.subjectType, t.subjectId),
  ],
);

/** The head of each stream; its row lock serialises appends to one stream. */
export const eventStreams = pgTable("event_streams", {
  stream: text("stream").primaryKey(),
  lastSeq: integer("last_seq").notNull(),
  lastHash: text("last_hash").notNull(),
});
