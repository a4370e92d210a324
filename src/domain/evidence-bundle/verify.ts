// Checks an evidence bundle with nothing but its own bytes: no database, no network. Pure, and free
// of Node: `art28 verify --bundle` and the trust site's page in the customer's browser run this same
// code. SHA-256 is WebCrypto's (globalThis.crypto.subtle), in Node as in a browser.
import { unzipSync } from "fflate";
import { canonicalEvent } from "../evidence-canonical.ts";
import { CHECKPOINT_FORMAT, leafData, verifyStatementSignature, type BundleCheckpoints, type CheckpointStatement } from "./checkpoint.ts";
import { fromHex, leafHash, verifyConsistency, verifyInclusion, type Digest } from "../merkle.ts";
import {
  agreementPdf,
  BUNDLE_FORMAT,
  CHECKPOINTS,
  EVENTS,
  MANIFEST,
  noticeContent,
  SECRET_HIDDEN_HEADER,
  type BundleEvent,
  type BundleWebhook,
  type Manifest,
} from "./layout.ts";

export const GENESIS = "0".repeat(64);

/** Which check failed; the first failure ends the verification. */
export type BundleCheck =
  | "zip"
  | "manifest"
  | "file-hash"
  | "file-unlisted"
  | "event-format"
  | "event-stream"
  | "event-position"
  | "event-link"
  | "event-hash"
  | "stream-head"
  | "signed-pdf"
  | "notice-content"
  | "email-body"
  | "webhook-body"
  | "checkpoint";

export interface BundleFailure {
  check: BundleCheck;
  /** The bundle's file where it failed. */
  file: string | null;
  /** The event's position in the customer's stream, when an event is concerned. */
  streamSeq: number | null;
  message: string;
}

export interface BundleReport {
  ok: boolean;
  failure: BundleFailure | null;
  controllerId: string | null;
  counts: {
    files: number;
    events: number;
    signedPdfs: number;
    notices: number;
    emails: number;
    webhooks: number;
    bodiesHidingSecret: number;
    checkpoints: number;
  };
  /** The key that signed the checkpoints (base64), to compare with the one the processor publishes. */
  publicKey: string | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    out += HEX[bytes[i] as number];
  }
  return out;
}

/**
 * A synchronous SHA-256 (lowercase hex) a caller may give instead of WebCrypto's: in Node, WebCrypto's
 * digest costs tens of microseconds a call, node:crypto's a few (`art28 verify --bundle` gives it).
 */
export type SyncSha256 = (data: Uint8Array | string) => string;

export interface VerifyOptions {
  sha256?: SyncSha256;
  /** The processor's published Ed25519 public key (base64); when given, the bundle's must be it. */
  publicKey?: string;
}

/** SHA-256 (WebCrypto) as lowercase hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return hex(await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

class Failed extends Error {
  readonly failure: BundleFailure;
  constructor(failure: BundleFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

const fail = (check: BundleCheck, file: string | null, streamSeq: number | null, message: string): never => {
  throw new Failed({ check, file, streamSeq, message });
};

const isHash = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);

/**
 * Checks one stream's events, fed in order, a batch at a time (the hashes of a batch are computed
 * concurrently, then checked in order): position, link to the predecessor, and the hash of the content.
 */
export class StreamChecker {
  lastSeq = 0;
  lastHash = GENESIS;
  count = 0;
  /** Every event checked so far that later checks look up (signatures, notices), when asked to keep them. */
  readonly kept: BundleEvent[] = [];

  readonly stream: string;
  private readonly file: string;
  private readonly keep: (event: BundleEvent) => boolean;

  private readonly sha256: SyncSha256 | undefined;

  constructor(stream: string, file: string, keep: (event: BundleEvent) => boolean = () => false, sha256?: SyncSha256) {
    this.stream = stream;
    this.file = file;
    this.keep = keep;
    this.sha256 = sha256;
  }

  /** Parses and checks lines of events.jsonl (line numbers from `firstLine`, for the failure). */
  async addLines(lines: string[], firstLine: number): Promise<void> {
    const events: BundleEvent[] = [];
    const canonical: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      let event: BundleEvent;
      try {
        event = JSON.parse(line) as BundleEvent;
      } catch {
        return fail("event-format", this.file, null, `line ${firstLine + i} is not JSON`);
      }
      const seqAt = typeof event?.streamSeq === "number" ? event.streamSeq : null;
      if (
        !event ||
        typeof event !== "object" ||
        !event.actor ||
        !event.subject ||
        typeof event.data !== "object" ||
        !isHash(event.hash) ||
        !isHash(event.prevHash)
      ) {
        return fail("event-format", this.file, seqAt, `line ${firstLine + i} is not an event with content, hash and previous hash`);
      }
      let text: string;
      try {
        text = canonicalEvent({
          stream: event.stream,
          streamSeq: event.streamSeq,
          occurredAt: new Date(event.occurredAt),
          type: event.type,
          actorKind: event.actor.kind,
          actorId: event.actor.id,
          actorLabel: event.actor.label,
          controllerId: event.controllerId,
          subjectType: event.subject.type,
          subjectId: event.subject.id,
          data: event.data,
          prevHash: event.prevHash,
        });
      } catch {
        return fail("event-format", this.file, seqAt, `line ${firstLine + i}: the event's content cannot be put in canonical form`);
      }
      events.push(event);
      canonical.push(text);
    }
    const sync = this.sha256;
    const hashes = sync ? canonical.map((text) => sync(text)) : await Promise.all(canonical.map((text) => sha256Hex(text)));
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as BundleEvent;
      if (event.stream !== this.stream) {
        fail("event-stream", this.file, event.streamSeq, `event ${event.streamSeq} belongs to stream ${event.stream}, not to this bundle's ${this.stream}`);
      }
      if (event.streamSeq !== this.lastSeq + 1) {
        fail(
          "event-position",
          this.file,
          event.streamSeq,
          `expected event ${this.lastSeq + 1} of the stream, found event ${event.streamSeq} (an event is missing or out of order)`,
        );
      }
      if (event.prevHash !== this.lastHash) {
        fail("event-link", this.file, event.streamSeq, `event ${event.streamSeq}'s previous-hash is not the hash of event ${this.lastSeq}`);
      }
      if (hashes[i] !== event.hash) {
        fail("event-hash", this.file, event.streamSeq, `event ${event.streamSeq}'s content does not match its hash (the event was altered)`);
      }
      this.lastSeq = event.streamSeq;
      this.lastHash = event.hash;
      this.count += 1;
      if (this.keep(event)) {
        this.kept.push(event);
      }
    }
  }
}

/** The lines of a JSON Lines file, in batches. */
function* lineBatches(text: string, size: number): Generator<{ lines: string[]; first: number }> {
  let start = 0;
  let lineNo = 1;
  let batch: string[] = [];
  let first = 1;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) {
      end = text.length;
    }
    if (end > start) {
      if (batch.length === 0) {
        first = lineNo;
      }
      batch.push(text.slice(start, end));
      if (batch.length === size) {
        yield { lines: batch, first };
        batch = [];
      }
    }
    start = end + 1;
    lineNo += 1;
  }
  if (batch.length > 0) {
    yield { lines: batch, first };
  }
}

/** Reads a bundle's ZIP into its files (names → bytes). */
export function readBundleZip(zip: Uint8Array): Map<string, Uint8Array> {
  const files = unzipSync(zip);
  return new Map(Object.entries(files).filter(([name]) => !name.endsWith("/")));
}

function text(files: Map<string, Uint8Array>, name: string, check: BundleCheck): string {
  const bytes = files.get(name);
  if (!bytes) {
    return fail(check, name, null, `${name} is missing from the bundle`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return fail(check, name, null, `${name} is not UTF-8 text`);
  }
}

/** The body of an .eml: everything after the first empty line; and its headers. */
function splitEmail(message: string): { headers: string; body: string } {
  const at = message.indexOf("\r\n\r\n");
  return at === -1 ? { headers: message, body: "" } : { headers: message.slice(0, at), body: message.slice(at + 4) };
}

function header(headers: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(headers);
  return match ? (match[1] as string).trim() : null;
}

const eventTypesKept = new Set(["agreement.signed_by_customer", "notice.queued", "notice.sent", "notice.held", "notice.replayed"]);

/**
 * Verifies a bundle's files: each file against the manifest's SHA-256, every event's hash and the
 * chain's continuity up to the recorded head, each signed PDF against the hash in its signature
 * event, each notice's content against the hash in its notice.queued event, each email's and
 * webhook's body against the hash in its notice.sent event. Names the first failure.
 */
export async function verifyBundleFiles(files: Map<string, Uint8Array>, options: VerifyOptions = {}): Promise<BundleReport> {
  const counts = { files: 0, events: 0, signedPdfs: 0, notices: 0, emails: 0, webhooks: 0, bodiesHidingSecret: 0, checkpoints: 0 };
  let publicKey: string | null = null;
  const sync = options.sha256;
  const hashOf = async (data: Uint8Array | string) => (sync ? sync(data) : sha256Hex(data));
  let controllerId: string | null = null;
  try {
    // 1. The manifest, and every file against it.
    let manifest: Manifest;
    try {
      manifest = JSON.parse(text(files, MANIFEST, "manifest")) as Manifest;
    } catch (error) {
      if (error instanceof Failed) {
        throw error;
      }
      return fail("manifest", MANIFEST, null, "manifest.json is not JSON");
    }
    if (manifest?.format !== BUNDLE_FORMAT || !Array.isArray(manifest.files) || !manifest.head || typeof manifest.stream !== "string") {
      fail("manifest", MANIFEST, null, "manifest.json is not an Art28 evidence bundle's manifest");
    }
    controllerId = manifest.controllerId;
    const listed = new Set<string>();
    for (const entry of manifest.files) {
      const bytes = files.get(entry.path);
      if (!bytes) {
        fail("file-hash", entry.path, null, `${entry.path} is listed in the manifest but missing from the bundle`);
      } else if ((await hashOf(bytes)) !== entry.sha256) {
        fail("file-hash", entry.path, null, `${entry.path} does not match its SHA-256 in the manifest (the file was changed)`);
      }
      listed.add(entry.path);
      counts.files += 1;
    }
    for (const name of files.keys()) {
      if (name !== MANIFEST && !listed.has(name)) {
        fail("file-unlisted", name, null, `${name} is in the bundle but not in the manifest`);
      }
    }

    // 2. The events: every hash, every link, up to the head the log recorded.
    let checkpoints: BundleCheckpoints | null = null;
    if (files.has(CHECKPOINTS)) {
      try {
        checkpoints = JSON.parse(text(files, CHECKPOINTS, "checkpoint")) as BundleCheckpoints;
      } catch (error) {
        if (error instanceof Failed) {
          throw error;
        }
        fail("checkpoint", CHECKPOINTS, null, "checkpoints.json is not JSON");
      }
    }
    const committed = new Set((checkpoints?.checkpoints ?? []).flatMap((c) => (c.leaf ? [c.leaf.lastSeq] : [])));
    const checker = new StreamChecker(manifest.stream, EVENTS, (event) => eventTypesKept.has(event.type) || committed.has(event.streamSeq), sync);
    for (const { lines, first } of lineBatches(text(files, EVENTS, "event-format"), 512)) {
      await checker.addLines(lines, first);
    }
    counts.events = checker.count;
    if (checker.lastSeq !== manifest.head.lastSeq || checker.lastHash !== manifest.head.lastHash) {
      fail(
        "stream-head",
        EVENTS,
        checker.lastSeq,
        `the stream's recorded head is event ${manifest.head.lastSeq}, but the events end at event ${checker.lastSeq} (events were removed or added)`,
      );
    }
    const kept = checker.kept;

    // 3. Signed PDFs: each one's hash is in the signature event; each PDF in the bundle has one.
    const signedHash = new Map<string, { hash: string; seq: number }>();
    for (const event of kept) {
      if (event.type === "agreement.signed_by_customer" && event.subject.id) {
        signedHash.set(event.subject.id, { hash: String(event.data.documentSha256), seq: event.streamSeq });
      }
    }
    for (const [agreementId, signed] of signedHash) {
      const path = agreementPdf(agreementId);
      const pdf = files.get(path);
      if (!pdf) {
        fail("signed-pdf", path, signed.seq, `the PDF signed in event ${signed.seq} is missing from the bundle`);
      } else if ((await hashOf(pdf)) !== signed.hash) {
        fail("signed-pdf", path, signed.seq, `${path} is not the PDF whose hash was signed in event ${signed.seq}`);
      }
      counts.signedPdfs += 1;
    }
    for (const name of files.keys()) {
      const match = /^agreements\/([^/]+)\/agreement\.pdf$/.exec(name);
      if (match && !signedHash.has(match[1] as string)) {
        fail("signed-pdf", name, null, `${name} has no signature event in the stream`);
      }
    }

    // 4. Notices: content against notice.queued; each message body against its sent/held events.
    const bodyHashes = new Map<string, { hashes: Set<string>; seq: number }>();
    for (const event of kept) {
      if (event.type === "notice.queued" && event.subject.id && event.data.audience === "customer" && isHash(event.data.contentSha256)) {
        const path = noticeContent(event.subject.id);
        const content = files.get(path);
        if (!content) {
          fail("notice-content", path, event.streamSeq, `the content of the notice written in event ${event.streamSeq} is missing from the bundle`);
        } else if ((await hashOf(content)) !== event.data.contentSha256) {
          fail("notice-content", path, event.streamSeq, `${path} is not the content whose hash was recorded in event ${event.streamSeq} (notice.queued)`);
        }
        counts.notices += 1;
      } else if (typeof event.data.messageId === "string" && isHash(event.data.bodySha256)) {
        const entry = bodyHashes.get(event.data.messageId) ?? { hashes: new Set<string>(), seq: event.streamSeq };
        entry.hashes.add(event.data.bodySha256);
        bodyHashes.set(event.data.messageId, entry);
      }
    }
    for (const [name, bytes] of files) {
      if (/^notices\/[^/]+\/deliveries\/[^/]+\.eml$/.test(name)) {
        const { headers, body } = splitEmail(decoder.decode(bytes));
        const messageId = header(headers, "Message-ID");
        const sent = messageId ? bodyHashes.get(messageId) : undefined;
        if (!sent) {
          fail("email-body", name, null, `${name}: no notice.sent or notice.held event records the Message-ID ${messageId ?? "(none)"}`);
        } else if (header(headers, SECRET_HIDDEN_HEADER) === "yes") {
          counts.bodiesHidingSecret += 1;
        } else if (!sent.hashes.has(await hashOf(body))) {
          fail("email-body", name, sent.seq, `${name}: the text is not the one whose hash was recorded when it was sent (event ${sent.seq})`);
        }
        counts.emails += 1;
      } else if (/^notices\/[^/]+\/deliveries\/[^/]+\.webhook\.json$/.test(name)) {
        const webhook = JSON.parse(decoder.decode(bytes)) as BundleWebhook;
        const messageId = webhook.headers?.["webhook-id"];
        const sent = messageId ? bodyHashes.get(messageId) : undefined;
        if (!sent) {
          fail("webhook-body", name, null, `${name}: no notice.sent event records the webhook-id ${messageId ?? "(none)"}`);
        } else if (!sent.hashes.has(await hashOf(String(webhook.body)))) {
          fail("webhook-body", name, sent.seq, `${name}: the payload is not the one whose hash was recorded when it was sent (event ${sent.seq})`);
        }
        counts.webhooks += 1;
      }
    }
    // 5. Checkpoints: each signed by one key, chained to the one before, consistent with it, and
    // including the stream's head as the events show it today.
    if (checkpoints) {
      publicKey = checkpoints.publicKey;
      await checkCheckpoints(checkpoints, manifest.stream, new Map(kept.map((e) => [e.streamSeq, e.hash])), options, hashOf);
      counts.checkpoints = checkpoints.checkpoints.length;
    }
    return { ok: true, failure: null, controllerId, counts, publicKey };
  } catch (error) {
    if (error instanceof Failed) {
      return { ok: false, failure: error.failure, controllerId, counts, publicKey };
    }
    throw error;
  }
}

async function checkCheckpoints(
  bundle: BundleCheckpoints,
  stream: string,
  eventHashes: Map<number, string>,
  options: VerifyOptions,
  hashOf: (data: Uint8Array | string) => Promise<string>,
): Promise<void> {
  const digest: Digest | undefined = options.sha256 ? (data) => fromHex((options.sha256 as SyncSha256)(data)) : undefined;
  if (options.publicKey !== undefined && options.publicKey !== bundle.publicKey) {
    fail("checkpoint", CHECKPOINTS, null, "the checkpoints are signed by a key that is not the processor's published key");
  }
  let previous: { statement: CheckpointStatement; text: string } | null = null;
  for (const entry of bundle.checkpoints) {
    let statement: CheckpointStatement;
    try {
      statement = JSON.parse(entry.statement) as CheckpointStatement;
    } catch {
      return fail("checkpoint", CHECKPOINTS, null, "a checkpoint's statement is not JSON");
    }
    const which = `checkpoint ${statement.number}`;
    if (statement.format !== CHECKPOINT_FORMAT || !isHash(statement.root)) {
      fail("checkpoint", CHECKPOINTS, null, `${which} is not an Art28 checkpoint`);
    }
    if (!(await verifyStatementSignature(entry.statement, entry.signature, bundle.publicKey))) {
      fail("checkpoint", CHECKPOINTS, null, `${which}'s signature is not the processor's key's (signed by another key, or altered)`);
    }
    if (previous) {
      if (statement.number !== previous.statement.number + 1 || statement.previous !== (await hashOf(previous.text))) {
        fail("checkpoint", CHECKPOINTS, null, `${which} does not follow checkpoint ${previous.statement.number} (the chain of checkpoints is broken)`);
      }
      const before = previous.statement;
      const consistent =
        before.treeSize === statement.treeSize
          ? before.root === statement.root
          : before.treeSize > 0 &&
            (await verifyConsistency(
              before.treeSize,
              statement.treeSize,
              fromHex(before.root),
              fromHex(statement.root),
              entry.consistency.map(fromHex),
              digest,
            ));
      if (before.treeSize > 0 && !consistent) {
        fail("checkpoint", CHECKPOINTS, null, `${which} is not consistent with checkpoint ${before.number}: the tree was rewritten between them`);
      }
    } else if (statement.previous !== null && statement.number === 1) {
      fail("checkpoint", CHECKPOINTS, null, `${which} claims a predecessor`);
    }
    if (entry.leaf) {
      const leaf = entry.leaf;
      if (leaf.stream !== stream) {
        fail("checkpoint", CHECKPOINTS, leaf.lastSeq, `${which} proves another stream's head`);
      }
      if (eventHashes.get(leaf.lastSeq) !== leaf.lastHash) {
        fail(
          "checkpoint",
          CHECKPOINTS,
          leaf.lastSeq,
          `${which} committed to event ${leaf.lastSeq} with another hash than the events show today (the history was rewritten after it)`,
        );
      }
      const included = await verifyInclusion(
        await leafHash(leafData(leaf), digest),
        leaf.position,
        statement.treeSize,
        entry.inclusion.map(fromHex),
        fromHex(statement.root),
        digest,
      );
      if (!included) {
        fail("checkpoint", CHECKPOINTS, leaf.lastSeq, `${which}: the inclusion proof of the stream's head does not lead to its root`);
      }
    }
    previous = { statement, text: entry.statement };
  }
}

/** Verifies a bundle's ZIP. */
export async function verifyBundle(zip: Uint8Array, options: VerifyOptions = {}): Promise<BundleReport> {
  let files: Map<string, Uint8Array>;
  try {
    files = readBundleZip(zip);
  } catch (error) {
    return {
      ok: false,
      failure: { check: "zip", file: null, streamSeq: null, message: `not a readable ZIP file: ${error instanceof Error ? error.message : String(error)}` },
      controllerId: null,
      counts: { files: 0, events: 0, signedPdfs: 0, notices: 0, emails: 0, webhooks: 0, bodiesHidingSecret: 0, checkpoints: 0 },
      publicKey: null,
    };
  }
  return verifyBundleFiles(files, options);
}

/** The failure in one line, as the CLI and the page show it. */
export function describeFailure(failure: BundleFailure): string {
  const where = [failure.file ? `file ${failure.file}` : null, failure.streamSeq !== null ? `event ${failure.streamSeq}` : null].filter(Boolean).join(", ");
  return `${failure.check}${where ? ` (${where})` : ""}: ${failure.message}`;
}
