import type { RecipientRole } from "../domain/evidence-recipient.ts";
import type { StaffRole } from "../db/schema/index.ts";
import { computeEventHash, controllerStream, PROCESSOR_STREAM, type ChainedEvent } from "../domain/evidence-chain.ts";
import type { EventActor } from "../modules/evidence/record-events.ts";
import type { NoticeData } from "../db/schema/index.ts";

// The outbox worker's two hot statements as SQL text with inlined literals. Text, not bound
// parameters, because PostgreSQL's simple query protocol takes several statements in one message:
// "BEGIN; scope; claim" is one round trip, and "the writes of a sent message; COMMIT" is another,
// so between the relay's 250 and the COMMIT there is one socket write and nothing else to wait for.
// Every value goes through `literal`, never into the text as is.

/** A SQL literal for a value: strings escaped as E'…' (valid whatever standard_conforming_strings is). */
export function literal(value: string | number | boolean | Date | null): string {
  if (value === null) {
    return "NULL";
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError(`not a finite number: ${value}`);
    }
    return String(value);
  }
  if (typeof value === "boolean") {
    return value ? "TRUE" : "FALSE";
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new RangeError("invalid Date");
    }
    return `'${value.toISOString()}'::timestamptz`;
  }
  if (value.includes("\u0000")) {
    throw new RangeError("text with a NUL character cannot be stored");
  }
  return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

const jsonLiteral = (value: unknown) => `${literal(JSON.stringify(value))}::jsonb`;
const textArrayLiteral = (values: readonly string[]) => (values.length === 0 ? "'{}'::text[]" : `ARRAY[${values.map(literal).join(", ")}]::text[]`);

/**
 * The transaction's scope as db/scope.ts sets it, in two steps around the claim. The claim runs
 * with the processor scope set but before the switch to art28_app: under row-level security the
 * planner cannot see that the processor scope lets every row through, estimates that few do, and
 * sorts the whole queue on every claim instead of reading the first entry of deliveries_due
 * (measured: 24 ms per claim with 2,000 rows queued, growing with the queue, against 0.1 ms).
 * The claim reads what the processor scope may read anyway; every write after it runs as art28_app.
 */
export const PROCESSOR_SCOPE_SQL = "SET LOCAL art28.scope = 'processor'; SET LOCAL art28.controller = ''";
export const APP_ROLE_SQL = "SET LOCAL ROLE art28_app";
/** PROCESSOR_SCOPE_SQL as one statement, for drivers that take one statement per query (PGlite's). */
export const PROCESSOR_SCOPE_SELECT = "SELECT set_config('art28.scope', 'processor', true), set_config('art28.controller', '', true)";

/**
 * Up to `limit` due deliveries, oldest first, locked together with the heads of the evidence
 * streams their events go to (a claim loop's batch). SKIP LOCKED on both: another worker's
 * deliveries are skipped, and so is one whose customer's stream another worker is appending to, so
 * workers spread over customers instead of queueing on one stream lock. (The stream row always
 * exists: the notice.queued event of the same customer, or of the processor for a staff notice
 * without one, was written in the same transaction as the row.) Two deliveries of one batch may
 * share a stream; the batch then appends their events one after the other (sentWrite's `head`).
 *
 * The deliveries are picked first, by the index on the due instant, and only those few are joined
 * and turned into json: joined first, a queue of 10,000 had every row's notice read and built into
 * json, then sorted, on every claim. CLAIM_PLAN_SQL keeps that index walk whatever the statistics
 * say (right after a fan-out, before autovacuum's ANALYZE, the planner thinks the queue holds a
 * handful of rows and would sort them all instead).
 */
export function claimSql(now: Date, limit: number): string {
  return CLAIM_SQL.replace("$1", () => literal(now)).replace("$2", () => literal(limit));
}

// One json column rather than twenty: the driver sets up and parses one field per claimed row.
const CLAIM_SQL = `WITH due AS MATERIALIZED (
  SELECT id FROM deliveries
   WHERE status = 'pending' AND next_attempt_at <= $1
   ORDER BY next_attempt_at
   LIMIT $2
   FOR UPDATE SKIP LOCKED)
SELECT json_build_object(
         'id', d.id, 'notice_id', d.notice_id, 'controller_id', d.controller_id, 'channel', d.channel,
         'recipient', d.recipient, 'recipient_name', d.recipient_name, 'recipient_role', d.recipient_role, 'locale', d.locale,
         'webhook_endpoint_id', d.webhook_endpoint_id, 'attempts', d.attempts, 'message_id', d.message_id,
         'kind', n.kind, 'data', n.data, 'staff_roles', n.staff_roles, 'notice_created_at', n.created_at, 'notice_number', n.number,
         'customer_name', c.name, 'endpoint_url', w.url, 'endpoint_secret', w.secret, 'endpoint_disabled_at', w.disabled_at,
         'stream', s.stream, 'last_seq', s.last_seq, 'last_hash', s.last_hash) AS outbox_claim
  FROM due
  JOIN deliveries d ON d.id = due.id
  JOIN notices n ON n.id = d.notice_id
  JOIN event_streams s ON s.stream = coalesce('controller:' || d.controller_id::text, 'processor')
  LEFT JOIN controllers c ON c.id = d.controller_id
  LEFT JOIN webhook_endpoints w ON w.id = d.webhook_endpoint_id
 ORDER BY d.next_attempt_at, d.id
 FOR UPDATE OF s SKIP LOCKED`;

/** The claim as a prepared statement, planned once per connection (planning it costs more than running it). */
export const PREPARE_CLAIM_SQL = `PREPARE art28_outbox_claim(timestamptz, int) AS ${CLAIM_SQL}`;
export const executeClaimSql = (now: Date, limit: number) => `EXECUTE art28_outbox_claim(${literal(now)}, ${literal(limit)})`;

/** Around the claim: walk the due index in order (see claimSql), then the server's own choice again. */
export const CLAIM_PLAN_SQL = "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off";
export const CLAIM_PLAN_RESET_SQL = "RESET enable_bitmapscan; RESET enable_seqscan";
/** CLAIM_PLAN_SQL as one statement, for drivers that take one statement per query (PGlite's). */
export const CLAIM_PLAN_SELECT = "SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)";

export interface StreamHead {
  stream: string;
  lastSeq: number;
  lastHash: string;
}

/** A delivery as the worker claims it: the row, its notice, and what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  noticeId: string;
  controllerId: string | null;
  channel: "email" | "webhook";
  recipient: string;
  recipientName: string | null;
  recipientRole: RecipientRole;
  locale: "nl" | "en";
  webhookEndpointId: string | null;
  /** Tries made before this one. */
  attempts: number;
  messageId: string;
  notice: { kind: NoticeData["kind"]; data: NoticeData; staffRoles: StaffRole[] | null; createdAt: Date; number: number };
  customerName: string | null;
  endpoint: { url: string; secret: string; disabledAt: Date | null } | null;
  head: StreamHead;
}

/** A row of the claim query: the claimed delivery as one json value. */
export interface ClaimRow {
  outbox_claim: unknown;
}
export const CLAIM_COLUMN = "outbox_claim";

const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const asJson = <T>(value: unknown): T => (typeof value === "string" ? (JSON.parse(value) as T) : (value as T));
const asText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function toClaimedDelivery(claimRow: ClaimRow): ClaimedDelivery {
  const row = asJson<Record<string, unknown>>(claimRow.outbox_claim);
  const endpointUrl = asText(row.endpoint_url);
  return {
    id: String(row.id),
    noticeId: String(row.notice_id),
    controllerId: asText(row.controller_id),
    channel: row.channel as ClaimedDelivery["channel"],
    recipient: String(row.recipient),
    recipientName: asText(row.recipient_name),
    recipientRole: row.recipient_role as ClaimedDelivery["recipientRole"],
    locale: row.locale === "en" ? "en" : "nl",
    webhookEndpointId: asText(row.webhook_endpoint_id),
    attempts: Number(row.attempts),
    messageId: String(row.message_id),
    notice: {
      kind: row.kind as NoticeData["kind"],
      data: asJson<NoticeData>(row.data),
      staffRoles: row.staff_roles === null ? null : asJson<StaffRole[]>(row.staff_roles),
      createdAt: asDate(row.notice_created_at),
      number: Number(row.notice_number),
    },
    customerName: asText(row.customer_name),
    endpoint: endpointUrl
      ? { url: endpointUrl, secret: String(row.endpoint_secret), disabledAt: row.endpoint_disabled_at === null ? null : asDate(row.endpoint_disabled_at) }
      : null,
    head: { stream: String(row.stream), lastSeq: Number(row.last_seq), lastHash: String(row.last_hash) },
  };
}

export interface SentRecord {
  at: Date;
  subject: string;
  body: string;
  bodySha256: string;
  /** The e-mail as handed to the relay (or its copy without a single-use secret); null for a webhook. */
  message: string | null;
  /** A webhook try's request headers as sent; null for an e-mail. */
  requestHeaders: Record<string, string> | null;
  /** The relay's reply (email) or the response snippet (webhook). */
  response: string;
  httpStatus: number | null;
  durationMs: number;
  eventData: Record<string, unknown>;
  /**
   * The notice's data fields that hold a single-use link's secret (notices/secrets.ts): removed from
   * the notice in the same writes, unless another e-mail of the notice is still to go out.
   */
  scrubFields?: readonly string[];
}

/** The "sent" writes as the literals of their parameters, in SENT_PARAMETERS order. */
export interface SentWrite {
  literals: string[];
  /** The stream's head once these writes are done: the next delivery of the batch on that stream appends to it. */
  head: StreamHead;
}

const SENT_PARAMETERS = [
  "uuid", // $1 delivery id
  "int", // $2 attempt
  "timestamptz", // $3 at
  "text", // $4 subject
  "text", // $5 body
  "text", // $6 body_sha256
  "uuid", // $7 controller id
  "text", // $8 response
  "int", // $9 http status
  "int", // $10 duration ms
  "text", // $11 stream
  "int", // $12 stream seq
  "text", // $13 event type
  "text", // $14 actor kind
  "uuid", // $15 actor id
  "text", // $16 actor label
  "text", // $17 subject type
  "text", // $18 subject id
  "jsonb", // $19 data
  "text", // $20 prev hash
  "text", // $21 hash
  "text[]", // $22 the notice's secret fields to remove
  "text", // $23 the e-mail as handed to the relay
  "jsonb", // $24 the webhook request's headers
] as const;

// One statement for the five writes (fewer statements to parse and run per message).
const SENT_SQL = `WITH d AS (UPDATE deliveries SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL, subject = $4, body = $5, body_sha256 = $6 WHERE id = $1),
     a AS (INSERT INTO delivery_attempts (delivery_id, controller_id, attempt, at, outcome, response, http_status, duration_ms, message, request_headers)
           VALUES ($1, $7, $2, $3, 'sent', $8, $9, $10, $23, $24)),
     n AS (UPDATE notices SET data = data - $22 WHERE cardinality($22) > 0 AND id = (SELECT notice_id FROM deliveries WHERE id = $1)
             AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.notice_id = notices.id AND o.id <> $1 AND o.status IN ('pending', 'held')
                             AND o.message_id <> (SELECT message_id FROM deliveries WHERE id = $1))),
     e AS (INSERT INTO events (stream, stream_seq, controller_id, occurred_at, type, actor_kind, actor_id, actor_label, subject_type, subject_id, data, prev_hash, hash)
           VALUES ($11, $12, $7, $3, $13, $14, $15, $16, $17, $18, $19, $20, $21))
UPDATE event_streams SET last_seq = $12, last_hash = $21 WHERE stream = $11`;

export const PREPARE_SENT_SQL = `PREPARE art28_outbox_sent(${SENT_PARAMETERS.join(", ")}) AS ${SENT_SQL}`;
export const executeSentSql = (write: SentWrite) => `EXECUTE art28_outbox_sent(${write.literals.join(", ")})`;
/** The same writes with the values inlined (PGlite, where the connection is shared). */
export const sentSql = (write: SentWrite) =>
  SENT_SQL.replace(/\$(\d+)/g, (_, n: string) => `(${write.literals[Number(n) - 1] ?? "NULL"})::${SENT_PARAMETERS[Number(n) - 1] ?? "text"}`);

/**
 * The writes that record a sent message: the delivery marked sent with the message as sent, the
 * try in the delivery log, the notice's single-use secret removed (if it has one), and the
 * "notice.sent" event appended to the locked stream head.
 * Computed in memory (the hash of the event included), so a batch's go out with its COMMIT in one write.
 */
export function sentWrite(delivery: ClaimedDelivery, head: StreamHead, sent: SentRecord, actor: EventActor): SentWrite {
  const expected = delivery.controllerId ? controllerStream(delivery.controllerId) : PROCESSOR_STREAM;
  if (head.stream !== expected) {
    throw new Error(`locked stream ${head.stream} is not the delivery's stream ${expected}`);
  }
  const event: ChainedEvent = {
    stream: head.stream,
    streamSeq: head.lastSeq + 1,
    occurredAt: sent.at,
    type: "notice.sent",
    actorKind: actor.kind,
    actorId: actor.id,
    actorLabel: actor.label,
    controllerId: delivery.controllerId,
    subjectType: "notice",
    subjectId: delivery.noticeId,
    // What is hashed must be what jsonb gives back: plain JSON (as recordEvents does).
    data: JSON.parse(JSON.stringify(sent.eventData)) as Record<string, unknown>,
    prevHash: head.lastHash,
  };
  const hash = computeEventHash(event);
  const l = literal;
  const attempt = delivery.attempts + 1;
  return {
    literals: [
      l(delivery.id),
      l(attempt),
      l(sent.at),
      l(sent.subject),
      l(sent.body),
      l(sent.bodySha256),
      l(delivery.controllerId),
      l(sent.response),
      l(sent.httpStatus),
      l(sent.durationMs),
      l(event.stream),
      l(event.streamSeq),
      l(event.type),
      l(event.actorKind),
      l(event.actorId),
      l(event.actorLabel),
      l(event.subjectType),
      l(event.subjectId),
      jsonLiteral(event.data),
      l(event.prevHash),
      l(hash),
      textArrayLiteral(sent.scrubFields ?? []),
      l(sent.message),
      sent.requestHeaders ? jsonLiteral(sent.requestHeaders) : "NULL",
    ],
    head: { stream: event.stream, lastSeq: event.streamSeq, lastHash: hash },
  };
}
