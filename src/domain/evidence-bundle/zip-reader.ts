// Reading a bundle's ZIP from its central directory, one entry at a time and each in parts, so a
// bundle of any size is checked in bounded memory. The file is read through `RandomAccess`: node:fs
// in the CLI, a dropped File's slices in the browser, or bytes in memory. A small entry inflates at
// once (fflate); a big one as a stream, with the platform's DecompressionStream ("deflate-raw": zlib
// in Node, the browser's own), else fflate's Inflate. Pure, and free of Node.
import { Inflate, inflateSync } from "fflate";

/** A file read at any offset. */
export interface RandomAccess {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export const bytesAccess = (bytes: Uint8Array): RandomAccess => ({
  size: bytes.length,
  read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
});

export const blobAccess = (blob: Blob): RandomAccess => ({
  size: blob.size,
  read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
});

/**
 * Reads ahead in windows of `window` bytes: the entries of a bundle lie one after the other, so
 * thousands of small files take a read per window, not two each.
 */
export function windowedAccess(file: RandomAccess, window = 1 << 20): RandomAccess {
  let at = 0;
  let held: Uint8Array = new Uint8Array(0);
  return {
    size: file.size,
    read: async (offset, length) => {
      if (offset >= at && offset + length <= at + held.length) {
        return held.subarray(offset - at, offset - at + length);
      }
      if (length >= window) {
        return file.read(offset, length);
      }
      held = await file.read(offset, Math.min(window, file.size - offset));
      at = offset;
      return held.subarray(0, length);
    },
  };
}

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

const u16 = (b: Uint8Array, i: number) => (b[i] as number) | ((b[i + 1] as number) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");

/** The entries the ZIP's central directory lists, in its order. */
export async function zipEntries(file: RandomAccess): Promise<ZipEntry[]> {
  const tailLength = Math.min(file.size, 22 + 0xffff);
  const tail = await file.read(file.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    throw new ZipError("no end of central directory record");
  }
  const count = u16(tail, end + 10);
  const size = u32(tail, end + 12);
  const offset = u32(tail, end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipError("ZIP64 archives are not read");
  }
  if (offset + size > file.size) {
    throw new ZipError("the central directory lies outside the file");
  }
  const directory = await file.read(offset, size);
  const entries: ZipEntry[] = [];
  let i = 0;
  for (let n = 0; n < count; n++) {
    if (i + 46 > directory.length || u32(directory, i) !== 0x02014b50) {
      throw new ZipError("the central directory is damaged");
    }
    const flags = u16(directory, i + 8);
    const method = u16(directory, i + 10);
    const nameLength = u16(directory, i + 28);
    const nameBytes = directory.subarray(i + 46, i + 46 + nameLength);
    let name: string;
    try {
      name = flags & 0x800 ? utf8.decode(nameBytes) : latin1.decode(nameBytes);
    } catch {
      throw new ZipError("an entry's name is not UTF-8");
    }
    if (flags & 1) {
      throw new ZipError(`${name} is encrypted`);
    }
    if (method !== 0 && method !== 8) {
      throw new ZipError(`${name} is compressed with method ${method} (only stored and deflated are read)`);
    }
    const entry = { name, method, compressedSize: u32(directory, i + 20), size: u32(directory, i + 24), offset: u32(directory, i + 42) };
    if (entry.offset + 30 + entry.compressedSize > file.size) {
      throw new ZipError(`${name} lies outside the file`);
    }
    entries.push(entry);
    i += 46 + nameLength + u16(directory, i + 30) + u16(directory, i + 32);
  }
  return entries;
}

const PART = 1 << 20;
/** Up to this size (compressed) an entry is inflated in one go: a stream per small file costs more than the file. */
const SMALL = 256 * 1024;

async function* compressed(file: RandomAccess, start: number, length: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < length; at += PART) {
    yield await file.read(start + at, Math.min(PART, length - at));
  }
}

/** The DEFLATE stream inflated by the platform (zlib in Node, the browser's own). */
async function* inflateNative(parts: AsyncIterable<Uint8Array>, stream: DecompressionStream): AsyncGenerator<Uint8Array> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Feeding ends in the error that stopped it, if any: a damaged entry errors the stream on both sides.
  const feeding = (async () => {
    for await (const part of parts) {
      await writer.write(part as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
    return null;
  })().catch((error: unknown) => error);
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      yield value;
    }
  } finally {
    if (!finished) {
      // Stopped early (a check failed, or the entry is damaged): the rest is not inflated. The
      // error that stopped it is the one that counts, not what cancelling an errored stream says.
      await reader.cancel().catch((error: unknown) => error);
    }
  }
  const error = await feeding;
  if (error) {
    throw error;
  }
}

async function* inflateWhole(parts: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  const all: Uint8Array[] = [];
  for await (const part of parts) {
    all.push(part);
  }
  let data = all[0] ?? new Uint8Array(0);
  if (all.length > 1) {
    data = new Uint8Array(all.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of all) {
      data.set(part, at);
      at += part.length;
    }
  }
  // One byte more than the directory says: fflate stops where its buffer ends, so an entry that
  // inflates to more shows as one byte too long rather than cut to the size it claims.
  yield inflateSync(data, { out: new Uint8Array(size + 1) });
}

async function* inflateJs(parts: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  const inflate = new Inflate((data) => out.push(data));
  for await (const part of parts) {
    inflate.push(part);
    yield* out;
    out = [];
  }
  inflate.push(new Uint8Array(0), true);
  yield* out;
}

function decompressionStream(): DecompressionStream | null {
  try {
    return typeof DecompressionStream === "function" ? new DecompressionStream("deflate-raw") : null;
  } catch {
    return null; // a browser without "deflate-raw": fflate does it
  }
}

/** An entry's bytes, in parts; its size is checked against the directory's. */
export async function* entryParts(file: RandomAccess, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const header = await file.read(entry.offset, 30);
  if (header.length < 30 || u32(header, 0) !== 0x04034b50) {
    throw new ZipError(`${entry.name} has no local header`);
  }
  const start = entry.offset + 30 + u16(header, 26) + u16(header, 28);
  if (start + entry.compressedSize > file.size) {
    throw new ZipError(`${entry.name} lies outside the file`);
  }
  const raw = compressed(file, start, entry.compressedSize);
  const small = entry.method === 8 && entry.compressedSize <= SMALL;
  const native = entry.method === 8 && !small ? decompressionStream() : null;
  const parts = entry.method === 0 ? raw : small ? inflateWhole(raw, entry.size) : native ? inflateNative(raw, native) : inflateJs(raw);
  let size = 0;
  try {
    for await (const part of parts) {
      size += part.length;
      yield part;
    }
  } catch (error) {
    throw error instanceof ZipError ? error : new ZipError(`${entry.name} cannot be inflated: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (size !== entry.size) {
    throw new ZipError(`${entry.name} inflates to ${size} bytes, its directory says ${entry.size}`);
  }
}
