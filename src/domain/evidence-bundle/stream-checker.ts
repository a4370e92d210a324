// Checks a customer's stream as a bundle's events.jsonl holds it, fed in parts of any size (as a
// ZIP entry inflates): each event's position, its link to the event before, and its hash. Pure, and
// free of Node.
//
// With a synchronous SHA-256 (the CLI gives node:crypto's) a line is checked where it lies: when
// `scanEventLine` proves its canonical part is RFC 8785 as written, those bytes are hashed as they
// are, with no JSON parsing and no string made. Any other line is parsed and put in canonical form
// (canonicalEvent), as is every line that fails a check, so the failure is named the same way
// whichever path saw it. Without one, WebCrypto's digest is used, a batch of lines at a time.
import { canonicalEvent } from "../evidence-canonical.ts";
import { EventLineScan, isHex, sameHash, scanEventLine, streamLiteral } from "./event-line.ts";
import { fail, Failed, type BundleFailure } from "./failure.ts";
import type { BundleEvent } from "./layout.ts";

export const GENESIS = "0".repeat(64);

/**
 * A synchronous SHA-256 (lowercase hex) a caller may give instead of WebCrypto's: in Node, WebCrypto's
 * digest costs tens of microseconds a call, node:crypto's `hash` about one.
 */
export type SyncSha256 = (data: Uint8Array | string) => string;

export interface StreamCheckerOptions {
  /** The events later checks need, by type or position: parsed and given to `onKept`. */
  keepTypes?: ReadonlySet<string>;
  keepSeqs?: ReadonlySet<number>;
  onKept?: (event: BundleEvent) => void;
  sha256?: SyncSha256;
}

/** One line read the general way, waiting for its hash (WebCrypto's) or checked at once. */
interface Parsed {
  line: number;
  failure: BundleFailure | null;
  stream: string;
  streamSeq: number;
  prevHash: string;
  hash: string;
  /** What the hash covers. */
  input: Uint8Array | string;
  /** The event, when a later check needs it. */
  event: BundleEvent | null;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();
const isHash = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
/** The longest line taken: a file without newlines is not read whole into memory. */
const MAX_LINE = 64 * 1024 * 1024;
const BATCH = 512;

/** SHA-256 (WebCrypto) as lowercase hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let out = "";
  for (let i = 0; i < digest.length; i++) {
    out += HEX[digest[i] as number];
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** ASCII bytes as a string (a hash's hex digits). */
function ascii(b: Uint8Array, start: number, length: number): string {
  let out = "";
  for (let k = start; k < start + length; k++) {
    out += String.fromCharCode(b[k] as number);
  }
  return out;
}

export class StreamChecker {
  lastSeq = 0;
  lastHash = GENESIS;
  count = 0;
  /** The line being read (1-based), for the failures that name a line. */
  private line = 1;
  private carry: Uint8Array | null = null;
  /** Where the last event's hash lies, when it was checked in place: the next line's link is compared with those bytes. */
  private lastHashIn: Uint8Array | null = null;
  private lastHashAt = 0;
  private pending: Parsed[] = [];
  private readonly scan = new EventLineScan();
  private readonly streamBytes;
  private readonly keepTypes: Uint8Array[];
  private readonly keepTypeNames: ReadonlySet<string>;
  private readonly keepSeqs: ReadonlySet<number>;
  private readonly onKept: (event: BundleEvent) => void;
  private readonly sha256: SyncSha256 | undefined;
  readonly stream: string;
  private readonly file: string;

  constructor(stream: string, file: string, options: StreamCheckerOptions = {}) {
    this.stream = stream;
    this.file = file;
    this.streamBytes = streamLiteral(stream);
    this.keepTypeNames = options.keepTypes ?? new Set();
    this.keepTypes = [...this.keepTypeNames].map((type) => encoder.encode(JSON.stringify(type)));
    this.keepSeqs = options.keepSeqs ?? new Set();
    this.onKept = options.onKept ?? (() => {});
    this.sha256 = options.sha256;
  }

  /** The next part of the file. */
  async push(part: Uint8Array): Promise<void> {
    let start = 0;
    if (this.carry) {
      const newline = part.indexOf(10);
      if (newline < 0) {
        this.carry = concat(this.carry, part);
        if (this.carry.length > MAX_LINE) {
          fail("event-format", this.file, null, `line ${this.line} is longer than ${MAX_LINE} bytes`);
        }
        return;
      }
      const joined = concat(this.carry, part.subarray(0, newline + 1));
      this.carry = null;
      await this.lines(joined, 0, joined.length);
      start = newline + 1;
    }
    const last = part.lastIndexOf(10);
    if (last >= start) {
      await this.lines(part, start, last + 1);
      start = last + 1;
    }
    if (start < part.length) {
      this.carry = part.slice(start);
    }
  }

  /** The end of the file (its last line needs no newline). */
  async end(): Promise<void> {
    if (this.carry) {
      const joined = concat(this.carry, Uint8Array.of(10));
      this.carry = null;
      await this.lines(joined, 0, joined.length);
    }
    await this.flush();
  }

  /** The lines of b[start, end), which ends with a newline. */
  private async lines(b: Uint8Array, start: number, end: number): Promise<void> {
    const sha256 = this.sha256;
    const scan = this.scan;
    let i = start;
    while (i < end) {
      if (b[i] === 10) {
        i++;
        this.line++;
        continue;
      }
      if (sha256) {
        if (!(scanEventLine(b, i, this.streamBytes, scan) && this.checkInPlace(b, i, scan, sha256))) {
          // Not provably canonical as written, or a check failed: the general way decides and names it.
          const newline = b.indexOf(10, i);
          const parsed = this.parse(b.subarray(i, newline));
          this.check(parsed, parsed.failure ? "" : sha256(parsed.input));
          scan.end = newline;
        }
      } else {
        this.pending.push(this.prepare(b, i, scan));
        if (this.pending.length >= BATCH) {
          await this.flush();
        }
      }
      i = scan.end + 1;
      this.line++;
    }
  }

  /** A scanned line checked where it lies; false when any check fails (the caller then names it). */
  private checkInPlace(b: Uint8Array, start: number, scan: EventLineScan, sha256: SyncSha256): boolean {
    if (scan.streamSeq !== this.lastSeq + 1) {
      return false;
    }
    const prev = scan.prevHashAt;
    if (this.lastHashIn === b) {
      if (!sameHash(b, prev, this.lastHashAt)) {
        return false;
      }
    } else {
      const last = this.lastHash;
      for (let k = 0; k < 64; k++) {
        if (b[prev + k] !== last.charCodeAt(k)) {
          return false;
        }
      }
    }
    // The canonical form is the line from the comma before "actor" with `{` in that comma's place.
    const content = scan.content;
    let hash: string;
    b[content] = 123;
    try {
      // A view made directly: TypedArray.prototype.subarray's species lookup costs twice as much.
      hash = sha256(new Uint8Array(b.buffer, b.byteOffset + content, scan.end - content));
    } finally {
      b[content] = 44;
    }
    const at = scan.hashAt;
    if (!isHex(b, at, hash)) {
      return false;
    }
    this.lastSeq = scan.streamSeq;
    this.lastHash = hash;
    this.lastHashIn = b;
    this.lastHashAt = at;
    this.count += 1;
    if (this.keeps(b, scan)) {
      this.onKept(JSON.parse(decoder.decode(b.subarray(start, scan.end))) as BundleEvent);
    }
    return true;
  }

  private keeps(b: Uint8Array, scan: EventLineScan): boolean {
    if (this.keepSeqs.has(scan.streamSeq)) {
      return true;
    }
    const length = scan.typeEnd - scan.typeStart;
    next: for (const type of this.keepTypes) {
      if (type.length !== length) {
        continue;
      }
      for (let k = 0; k < length; k++) {
        if (b[scan.typeStart + k] !== type[k]) {
          continue next;
        }
      }
      return true;
    }
    return false;
  }

  /** A line for a batch hashed by WebCrypto: scanned when it can be, otherwise parsed. */
  private prepare(b: Uint8Array, start: number, scan: EventLineScan): Parsed {
    if (scanEventLine(b, start, this.streamBytes, scan)) {
      const hash = ascii(b, scan.hashAt, 64);
      const prevHash = ascii(b, scan.prevHashAt, 64);
      if (isHash(hash) && isHash(prevHash)) {
        const input = b.slice(scan.content, scan.end);
        input[0] = 123;
        const event = this.keeps(b, scan) ? (JSON.parse(decoder.decode(b.subarray(start, scan.end))) as BundleEvent) : null;
        return { line: this.line, failure: null, stream: this.stream, streamSeq: scan.streamSeq, prevHash, hash, input, event };
      }
    }
    const newline = b.indexOf(10, start);
    scan.end = newline;
    return this.parse(b.subarray(start, newline));
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const hashes = await Promise.all(batch.map((parsed) => (parsed.failure ? "" : sha256Hex(parsed.input))));
    for (let i = 0; i < batch.length; i++) {
      this.check(batch[i] as Parsed, hashes[i] as string);
    }
  }

  /** A line read the general way: JSON, the shape of an event, and its canonical form. */
  private parse(bytes: Uint8Array): Parsed {
    const line = this.line;
    const parsed: Parsed = { line, failure: null, stream: "", streamSeq: 0, prevHash: "", hash: "", input: "", event: null };
    const failed = (streamSeq: number | null, message: string) => {
      parsed.failure = { check: "event-format", file: this.file, streamSeq, message };
      return parsed;
    };
    let event: BundleEvent;
    try {
      event = JSON.parse(decoder.decode(bytes)) as BundleEvent;
    } catch {
      return failed(null, `line ${line} is not JSON in UTF-8`);
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
      return failed(seqAt, `line ${line} is not an event with content, hash and previous hash`);
    }
    try {
      parsed.input = canonicalEvent({
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
      return failed(seqAt, `line ${line}: the event's content cannot be put in canonical form`);
    }
    parsed.stream = event.stream;
    parsed.streamSeq = event.streamSeq;
    parsed.prevHash = event.prevHash;
    parsed.hash = event.hash;
    parsed.event = event;
    return parsed;
  }

  /** Position, link and hash, in that order; the first that fails is named. */
  private check(parsed: Parsed, hash: string): void {
    if (parsed.failure) {
      throw new Failed(parsed.failure);
    }
    const seq = parsed.streamSeq;
    if (parsed.stream !== this.stream) {
      fail("event-stream", this.file, seq, `event ${seq} belongs to stream ${parsed.stream}, not to this bundle's ${this.stream}`);
    }
    if (seq !== this.lastSeq + 1) {
      fail("event-position", this.file, seq, `expected event ${this.lastSeq + 1} of the stream, found event ${seq} (an event is missing or out of order)`);
    }
    if (parsed.prevHash !== this.lastHash) {
      fail("event-link", this.file, seq, `event ${seq}'s previous-hash is not the hash of event ${this.lastSeq}`);
    }
    if (hash !== parsed.hash) {
      fail("event-hash", this.file, seq, `event ${seq}'s content does not match its hash (the event was altered)`);
    }
    this.lastSeq = seq;
    this.lastHash = hash;
    this.lastHashIn = null;
    this.count += 1;
    const event = parsed.event;
    if (event && (this.keepSeqs.has(seq) || this.keepTypeNames.has(event.type))) {
      this.onKept(event);
    }
  }
}
