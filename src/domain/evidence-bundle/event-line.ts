// One line of a bundle's events.jsonl, written and read. The server writes each event as its hash
// and global number followed by the members of its canonical form (evidence-canonical.ts):
//
//   {"hash":"<hex>","seq":<n>,"actor":{…},"controllerId":…,"data":{…},…,"type":…,"v":1}
//
// so the bytes from `"actor"` to the end, opened with `{`, are exactly what the hash covers. The
// verifier reads such a line on its bytes (`scanEventLine`): when every value in it is provably in
// RFC 8785 form, it hashes those bytes as they lie, without parsing JSON or canonicalising again.
// Any other line, or a value it cannot prove canonical here (a non-ASCII key, a \u escape other than a
// control character's, a number it would have to reformat), goes the general way: JSON.parse and
// canonicalEvent. Both ways accept exactly the same events. Pure, and free of Node.
import { canonicalEvent, type ChainedEvent } from "../evidence-canonical.ts";

/** A stream's name as the literal its lines carry (its JSON string). */
export const streamLiteral = (stream: string): Literal => lit(JSON.stringify(stream));

/** The line the server writes for an event (without its newline). */
export function eventLine(event: ChainedEvent & { seq: number; hash: string }): string {
  // canonicalEvent opens with `{"actor":`: its members follow the hash and the number.
  return `{"hash":${JSON.stringify(event.hash)},"seq":${event.seq},${canonicalEvent(event).slice(1)}`;
}

const HEAD = lit('{"hash":"');
const SEQ = lit('","seq":');
const ACTOR = lit(',"actor":{"id":');
const KIND = lit(',"kind":');
const LABEL = lit(',"label":');
const CONTROLLER = lit('},"controllerId":');
const DATA = lit(',"data":');
const OCCURRED = lit(',"occurredAt":"');
const PREV = lit('","prevHash":"');
const STREAM = lit('","stream":');
const STREAM_SEQ = lit(',"streamSeq":');
const SUBJECT = lit(',"subject":{"id":');
const SUBJECT_TYPE = lit(',"type":');
const TYPE = lit('},"type":');
const TAIL = lit(',"v":1}');

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const MAX_DEPTH = 64;

/**
 * Where the parts of a line lie, as `scanEventLine` found them: one object reused line after line
 * (the verifier reads a million lines; it allocates nothing per line on this path).
 */
export class EventLineScan {
  /** The index after the line's closing brace (where its newline is). */
  end = 0;
  /** The index of the comma before "actor": with `{` in its place, [content, end) is the canonical form. */
  content = 0;
  /**
   * Where the 64 characters of the event's hash and of its predecessor's lie: not read here, the
   * caller compares them with the hashes it computed (so equal ones are hex digits).
   */
  hashAt = 0;
  prevHashAt = 0;
  streamSeq = 0;
  /** The type's JSON string, quotes included. */
  typeStart = 0;
  typeEnd = 0;
}

/**
 * A literal to match (at least four bytes): its bytes as little-endian 32-bit words at `offsets`, the
 * last word ending at its end (overlapping the one before), so it is matched four bytes at a time.
 */
export interface Literal {
  length: number;
  offsets: Int32Array;
  words: Int32Array;
}

function lit(text: string): Literal {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length < 4) {
    throw new Error(`a literal of ${bytes.length} bytes cannot be matched four at a time`);
  }
  const n = Math.ceil(bytes.length / 4);
  const offsets = Int32Array.from({ length: n }, (_, k) => Math.min(k * 4, bytes.length - 4));
  const data = new DataView(bytes.buffer);
  return { length: bytes.length, offsets, words: offsets.map((at) => data.getInt32(at, true)) };
}

/**
 * The view over the buffer being read (four bytes compared at a time), made once per buffer (it
 * holds on to the last buffer read until the next). Out-of-range reads never happen: every literal
 * is bounds-checked, and a byte past the end reads `undefined`, which no test accepts.
 */
let viewOf: Uint8Array | null = null;
let view: DataView = new DataView(new ArrayBuffer(0));

function literal(b: Uint8Array, i: number, text: Literal): number {
  if (i + text.length > b.length) {
    return -1;
  }
  const offsets = text.offsets;
  const words = text.words;
  for (let k = 0; k < words.length; k++) {
    if (view.getInt32(i + (offsets[k] as number), true) !== words[k]) {
      return -1;
    }
  }
  return i + text.length;
}

/** Whether the 64 bytes at `at` of the buffer last scanned are the hex digits `hex` (a hash just computed). */
export function isHex(b: Uint8Array, at: number, hex: string): boolean {
  if (viewOf !== b || hex.length !== 64) {
    return false;
  }
  for (let k = 0; k < 64; k += 4) {
    const word = hex.charCodeAt(k) | (hex.charCodeAt(k + 1) << 8) | (hex.charCodeAt(k + 2) << 16) | (hex.charCodeAt(k + 3) << 24);
    if (view.getInt32(at + k, true) !== word) {
      return false;
    }
  }
  return true;
}

/** Whether the 64 bytes at `a` and at `c` of the buffer last scanned are the same (a hash and the next line's previous-hash). */
export function sameHash(b: Uint8Array, a: number, c: number): boolean {
  if (viewOf !== b) {
    return false;
  }
  for (let k = 0; k < 64; k += 4) {
    if (view.getInt32(a + k, true) !== view.getInt32(c + k, true)) {
      return false;
    }
  }
  return true;
}

/**
 * Skips four bytes at a time while none needs a look of its own inside a JSON string: none below
 * 0x20, none from 0x80, no quote, no backslash (exact word tests: a flagged word is read bytewise).
 */
function plainRun(b: Uint8Array, i: number): number {
  const limit = b.length - 4;
  while (i <= limit) {
    const x = view.getInt32(i, true);
    const q = x ^ 0x22222222;
    const s = x ^ 0x5c5c5c5c;
    if ((((x - 0x20202020) & ~x) | x | ((q - 0x01010101) & ~q) | ((s - 0x01010101) & ~s)) & 0x80808080) {
      return i;
    }
    i += 4;
  }
  return i;
}

/** A positive integer as JSON.stringify writes it (no sign, no leading zero, exact): its end, or -1. */
function positive(b: Uint8Array, i: number, out: { value: number }): number {
  let c = b[i] as number;
  if (!(c >= 49 && c <= 57)) {
    return -1;
  }
  let value = 0;
  const start = i;
  while (c >= 48 && c <= 57) {
    value = value * 10 + (c - 48);
    c = b[++i] as number;
  }
  if (i - start > 15) {
    return -1;
  }
  out.value = value;
  return i;
}

/** Each byte's class inside a JSON string: 0 plain printable ASCII, 1 quote, 2 backslash, 3 control, 4 not ASCII. */
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  CLASS[c] = c === QUOTE ? 1 : c === BACKSLASH ? 2 : c < 0x20 ? 3 : c >= 0x80 ? 4 : 0;
}

/**
 * A JSON string exactly as JSON.stringify writes it (RFC 8785 §3.2.2.2): no escape but \" \\ \b \f
 * \n \r \t and \u00xx (lowercase) for the other control characters; everything else raw, as valid
 * UTF-8 (no overlong form, no surrogate). Returns the index after the closing quote, or -1.
 */
function string(b: Uint8Array, i: number): number {
  i = plainRun(b, i + 1);
  for (;;) {
    let kind = CLASS[b[i] as number];
    while (kind === 0) {
      kind = CLASS[b[++i] as number];
    }
    if (kind === 1) {
      return i + 1;
    }
    if (kind === 2) {
      const e = b[i + 1];
      if (e === QUOTE || e === BACKSLASH || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        i += 2;
        continue;
      }
      if (e !== 117 || b[i + 2] !== 48 || b[i + 3] !== 48) {
        return -1;
      }
      const high = (b[i + 4] as number) - 48;
      const l = b[i + 5] as number;
      const low = l >= 48 && l <= 57 ? l - 48 : l >= 97 && l <= 102 ? l - 87 : -1;
      const code = high * 16 + low;
      // Only a control character without a short escape is written \u00xx.
      if ((high !== 0 && high !== 1) || low < 0 || code === 8 || code === 9 || code === 10 || code === 12 || code === 13) {
        return -1;
      }
      i += 6;
      continue;
    }
    if (kind !== 4) {
      return -1; // a raw control character (a newline ends the line), or past the end
    }
    const c = b[i] as number;
    const c1 = b[i + 1] as number;
    if ((c1 & 0xc0) !== 0x80) {
      return -1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0) || ((b[i + 2] as number) & 0xc0) !== 0x80) {
        return -1;
      }
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90) || ((b[i + 2] as number) & 0xc0) !== 0x80 || ((b[i + 3] as number) & 0xc0) !== 0x80) {
        return -1;
      }
      i += 4;
    } else {
      return -1;
    }
  }
}

/** A string or null. */
function stringOrNull(b: Uint8Array, i: number): number {
  if (b[i] === QUOTE) {
    return string(b, i);
  }
  return b[i] === 110 && b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108 ? i + 4 : -1;
}

/**
 * An object key this fast path can order: printable ASCII, no escape (then byte order is UTF-16
 * code-unit order, RFC 8785 §3.2.3). Any other key sends the line the general way.
 */
function key(b: Uint8Array, i: number): number {
  i = plainRun(b, i + 1);
  let kind = CLASS[b[i] as number];
  while (kind === 0) {
    kind = CLASS[b[++i] as number];
  }
  return kind === 1 ? i + 1 : -1;
}

/** Whether the key at [a, aEnd) sorts strictly before the one at [c, cEnd). */
function before(b: Uint8Array, a: number, aEnd: number, c: number, cEnd: number): boolean {
  const n = Math.min(aEnd - a, cEnd - c);
  for (let k = 0; k < n; k++) {
    const x = b[a + k] as number;
    const y = b[c + k] as number;
    if (x !== y) {
      return x < y;
    }
  }
  return aEnd - a < cEnd - c;
}

/** A number as ECMAScript's Number-to-String writes it (RFC 8785 §3.2.2.3). */
function number(b: Uint8Array, i: number): number {
  const start = i;
  if (b[i] === 45) {
    i++;
  }
  let c = b[i] as number;
  if (c === 48) {
    c = b[++i] as number;
  } else if (c >= 49 && c <= 57) {
    do {
      c = b[++i] as number;
    } while (c >= 48 && c <= 57);
  } else {
    return -1;
  }
  const integer = c !== 46 && c !== 101 && c !== 69;
  if (integer && i - start <= 15 && !(b[start] === 45 && b[start + 1] === 48)) {
    return i; // an integer of up to 15 digits is exact and written as it is; "-0" is written "0"
  }
  if (c === 46) {
    c = b[++i] as number;
    if (!(c >= 48 && c <= 57)) {
      return -1;
    }
    do {
      c = b[++i] as number;
    } while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    c = b[++i] as number;
    if (c === 43 || c === 45) {
      c = b[++i] as number;
    }
    if (!(c >= 48 && c <= 57)) {
      return -1;
    }
    do {
      c = b[++i] as number;
    } while (c >= 48 && c <= 57);
  }
  let text = "";
  for (let k = start; k < i; k++) {
    text += String.fromCharCode(b[k] as number);
  }
  return String(Number(text)) === text ? i : -1;
}

function value(b: Uint8Array, i: number, depth: number): number {
  const c = b[i] as number;
  if (c === QUOTE) {
    return string(b, i);
  }
  if (c === 123) {
    return object(b, i, depth);
  }
  if (c === 91) {
    return array(b, i, depth);
  }
  if (c === 116) {
    return b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101 ? i + 4 : -1;
  }
  if (c === 102) {
    return b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101 ? i + 5 : -1;
  }
  if (c === 110) {
    return b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108 ? i + 4 : -1;
  }
  return c === 45 || (c >= 48 && c <= 57) ? number(b, i) : -1;
}

/** An object in RFC 8785 form: no whitespace, keys in strictly ascending order (so none twice). */
function object(b: Uint8Array, i: number, depth: number): number {
  if (depth > MAX_DEPTH) {
    return -1;
  }
  i++;
  if (b[i] === 125) {
    return i + 1;
  }
  let last = -1;
  let lastEnd = -1;
  for (;;) {
    if (b[i] !== QUOTE) {
      return -1;
    }
    const end = key(b, i);
    if (end < 0 || (last >= 0 && !before(b, last, lastEnd, i + 1, end - 1)) || b[end] !== 58) {
      return -1;
    }
    last = i + 1;
    lastEnd = end - 1;
    i = value(b, end + 1, depth + 1);
    if (i < 0) {
      return -1;
    }
    if (b[i] === 125) {
      return i + 1;
    }
    if (b[i] !== 44) {
      return -1;
    }
    i++;
  }
}

function array(b: Uint8Array, i: number, depth: number): number {
  if (depth > MAX_DEPTH) {
    return -1;
  }
  i++;
  if (b[i] === 93) {
    return i + 1;
  }
  for (;;) {
    i = value(b, i, depth + 1);
    if (i < 0) {
      return -1;
    }
    if (b[i] === 93) {
      return i + 1;
    }
    if (b[i] !== 44) {
      return -1;
    }
    i++;
  }
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two decimal digits at i as a number; -1000 when either is not a digit. */
function two(b: Uint8Array, i: number): number {
  const x = (b[i] as number) - 48;
  const y = (b[i + 1] as number) - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1000;
}

/** An instant as Date.prototype.toISOString writes it (years 0000–9999): `YYYY-MM-DDTHH:mm:ss.sssZ`. */
function isoInstant(b: Uint8Array, i: number): number {
  if (b[i + 4] !== 45 || b[i + 7] !== 45 || b[i + 10] !== 84 || b[i + 13] !== 58 || b[i + 16] !== 58 || b[i + 19] !== 46 || b[i + 23] !== 90) {
    return -1;
  }
  const century = two(b, i);
  const decade = two(b, i + 2);
  const year = century * 100 + decade;
  const month = two(b, i + 5);
  const day = two(b, i + 8);
  const ms = two(b, i + 20) + two(b, i + 21);
  if (century < 0 || decade < 0 || month < 1 || month > 12 || day < 1 || ms < 0 || two(b, i + 11) > 23 || two(b, i + 14) > 59 || two(b, i + 17) > 59) {
    return -1;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] as number);
  return day <= days && two(b, i + 11) >= 0 && two(b, i + 14) >= 0 && two(b, i + 17) >= 0 ? i + 24 : -1;
}

const seqOut = { value: 0 };

/**
 * Reads the line that starts at `i` on its bytes. True when it is a line as the server writes it, of
 * the stream `stream` (its JSON string's bytes), every value in its canonical part provably RFC 8785,
 * followed by a newline: `scan` then says where its parts lie, and [scan.content, scan.end) with `{`
 * for its first byte is the canonical form. False means only "not provable here": the caller reads
 * the line the general way, which also names what is wrong with it.
 *
 * The buffer must hold a newline after the line (no byte of a valid line is 10: the scan stops there).
 */
export function scanEventLine(b: Uint8Array, i: number, stream: Literal, scan: EventLineScan): boolean {
  if (viewOf !== b) {
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    viewOf = b;
  }
  if ((i = literal(b, i, HEAD)) < 0) {
    return false;
  }
  scan.hashAt = i;
  if ((i = literal(b, i + 64, SEQ)) < 0 || (i = positive(b, i, seqOut)) < 0) {
    return false;
  }
  scan.content = i;
  if ((i = literal(b, i, ACTOR)) < 0 || (i = stringOrNull(b, i)) < 0) {
    return false;
  }
  if ((i = literal(b, i, KIND)) < 0 || b[i] !== QUOTE || (i = string(b, i)) < 0) {
    return false;
  }
  if ((i = literal(b, i, LABEL)) < 0 || b[i] !== QUOTE || (i = string(b, i)) < 0) {
    return false;
  }
  if ((i = literal(b, i, CONTROLLER)) < 0 || (i = stringOrNull(b, i)) < 0) {
    return false;
  }
  if ((i = literal(b, i, DATA)) < 0 || b[i] !== 123 || (i = object(b, i, 0)) < 0) {
    return false;
  }
  if ((i = literal(b, i, OCCURRED)) < 0 || (i = isoInstant(b, i)) < 0 || (i = literal(b, i, PREV)) < 0) {
    return false;
  }
  scan.prevHashAt = i;
  if ((i = literal(b, i + 64, STREAM)) < 0 || (i = literal(b, i, stream)) < 0) {
    return false;
  }
  if ((i = literal(b, i, STREAM_SEQ)) < 0 || (i = positive(b, i, seqOut)) < 0) {
    return false;
  }
  scan.streamSeq = seqOut.value;
  if ((i = literal(b, i, SUBJECT)) < 0 || (i = stringOrNull(b, i)) < 0 || (i = literal(b, i, SUBJECT_TYPE)) < 0 || (i = stringOrNull(b, i)) < 0) {
    return false;
  }
  if ((i = literal(b, i, TYPE)) < 0) {
    return false;
  }
  scan.typeStart = i;
  if (b[i] !== QUOTE || (i = string(b, i)) < 0) {
    return false;
  }
  scan.typeEnd = i;
  if ((i = literal(b, i, TAIL)) < 0 || b[i] !== NEWLINE) {
    return false;
  }
  scan.end = i;
  return true;
}
