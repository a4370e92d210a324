import { createHash } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createGzip, gunzip } from "node:zlib";
import { unzipSync, Zip, ZipPassThrough } from "fflate";
import { Type, type Static } from "typebox";
import { Value } from "typebox/value";
import type { SnapshotHeader } from "../db/snapshot.ts";
import { CommandError } from "./remote.ts";

// The backup file of an embedded data folder (`art28 backup`), a ZIP archive an operator can open
// with any unzip:
//   manifest.json      what it is: format, Art28 version, last migration, the dump's size and SHA-256, when
//   files/<name>       the data folder's own files (the checkpoint signing key, the session secret)
//   pglite.tar.gz      PGlite's dump of its folder (a tarball), gzipped
// Written to FILE.tmp, synced, then renamed: FILE is a whole backup or absent. `readBackup` checks all
// of it before a restore touches any folder.

export const BACKUP_FORMAT = "art28-backup";
export const BACKUP_FORMAT_VERSION = 1;
const DATABASE_ENTRY = "pglite.tar.gz";

const Sha256 = Type.String({ pattern: "^[0-9a-f]{64}$" });
const Manifest = Type.Object({
  format: Type.Literal(BACKUP_FORMAT),
  formatVersion: Type.Integer({ minimum: 1 }),
  art28Version: Type.String(),
  createdAt: Type.String(),
  engine: Type.Literal("pglite"),
  pgliteVersion: Type.String(),
  /** The last migration applied to the dumped database. */
  migration: Type.Object({ tag: Type.Union([Type.String(), Type.Null()]), when: Type.Number(), count: Type.Integer({ minimum: 0 }) }),
  /** The dump as PGlite wrote it (the tarball inside pglite.tar.gz). */
  database: Type.Object({ file: Type.Literal(DATABASE_ENTRY), bytes: Type.Integer({ minimum: 0 }), sha256: Sha256 }),
  files: Type.Array(Type.Object({ name: Type.String({ pattern: "^[A-Za-z0-9._-]+$" }), bytes: Type.Integer({ minimum: 0 }), sha256: Sha256 })),
  /** Which process made the dump: `art28 serve` while it ran, or `art28 backup` on a folder nobody held. */
  takenBy: Type.String(),
});
export type BackupManifest = Static<typeof Manifest>;

/** A file of the data folder that goes with its database. */
export interface FolderFile {
  name: string;
  bytes: Uint8Array;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** This build's version (package.json). */
export function art28Version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return manifest.version ?? "unknown";
}

/**
 * Writes a backup: the dump as it streams in (its bytes checked against the header's size and
 * SHA-256 on the way, gzipped into the archive), the folder's files, and the manifest. FILE.tmp first,
 * synced, then renamed to FILE; on any failure FILE.tmp is removed and FILE left as it was.
 */
export async function writeBackup(
  file: string,
  header: SnapshotHeader,
  dump: AsyncIterable<Uint8Array> | Readable,
  files: FolderFile[],
  takenBy: string,
): Promise<{ manifest: BackupManifest; bytesWritten: number }> {
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    art28Version: art28Version(),
    createdAt: header.takenAt,
    engine: "pglite",
    pgliteVersion: header.pgliteVersion,
    migration: header.migration,
    database: { file: DATABASE_ENTRY, bytes: header.bytes, sha256: header.sha256 },
    files: files.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
    takenBy,
  };
  const temporary = `${file}.tmp`;
  let fd: number;
  try {
    fd = openSync(temporary, "w", 0o600);
  } catch (error) {
    throw new CommandError(`cannot write ${temporary}: ${(error as Error).message}`);
  }
  let written = 0;
  try {
    const archive: { error: Error | null; finished: boolean } = { error: null, finished: false };
    // fflate calls back synchronously as entries are pushed; each chunk goes straight to the file.
    const zip = new Zip((error, chunk, final) => {
      if (error) {
        archive.error = error;
        return;
      }
      writeSync(fd, chunk);
      written += chunk.length;
      archive.finished = final;
    });
    const stored = (name: string, bytes: Uint8Array) => {
      const entry = new ZipPassThrough(name);
      zip.add(entry);
      entry.push(bytes, true);
    };
    stored("manifest.json", new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
    for (const f of files) {
      stored(`files/${f.name}`, f.bytes);
    }
    // Stored as it is: pglite.tar.gz is compressed already (zlib, off this thread).
    const database = new ZipPassThrough(DATABASE_ENTRY);
    zip.add(database);
    const hash = createHash("sha256");
    let received = 0;
    await pipeline(
      dump,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          received += chunk.length;
          done(null, chunk);
        },
      }),
      createGzip(),
      async function (compressed: AsyncIterable<Buffer>) {
        for await (const chunk of compressed) {
          database.push(chunk);
        }
      },
    );
    const got = hash.digest("hex");
    if (received !== header.bytes || got !== header.sha256) {
      throw new CommandError(
        `the dump arrived damaged (${received} of ${header.bytes} bytes, SHA-256 ${got} where ${header.sha256} was announced); nothing was written to ${file}`,
      );
    }
    database.push(new Uint8Array(0), true);
    zip.end();
    if (archive.error) {
      throw archive.error;
    }
    if (!archive.finished) {
      throw new Error("the archive did not end");
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(temporary, file);
    syncFolder(dirname(file));
  } catch (error) {
    if (fd !== -1) {
      closeSync(fd);
    }
    rmSync(temporary, { force: true });
    throw error;
  }
  return { manifest, bytesWritten: written };
}

/** Makes a rename in `folder` durable (the directory's entry synced too). */
function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface BackupContents {
  manifest: BackupManifest;
  /** PGlite's dump, checked against the manifest's size and SHA-256. */
  dump: Uint8Array<ArrayBuffer>;
  files: FolderFile[];
}

/**
 * Reads and checks a backup file whole: a ZIP archive with a manifest this build understands, and
 * every part matching the manifest's size and SHA-256. Throws a CommandError that says what is wrong
 * with the file (not a backup, made by a newer Art28, cut off, damaged).
 */
export async function readBackup(file: string): Promise<BackupContents> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) {
    throw new CommandError(`${file} is not an Art28 backup: \`art28 backup\` writes a ZIP archive, and this file is none`);
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new CommandError(
      `${file} is damaged or incomplete (cut off while it was written or copied?): its ZIP archive cannot be read (${(error as Error).message}). Nothing was restored; use another backup.`,
    );
  }
  const manifestBytes = entries["manifest.json"];
  if (!manifestBytes) {
    throw new CommandError(`${file} is a ZIP archive but not an Art28 backup: it has no manifest.json`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    throw new CommandError(`${file} is damaged: its manifest.json is not JSON`);
  }
  const format = (parsed as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (format.format !== BACKUP_FORMAT) {
    throw new CommandError(`${file} is a ZIP archive but not an Art28 backup: its manifest.json is not of format ${BACKUP_FORMAT}`);
  }
  if (typeof format.formatVersion === "number" && format.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new CommandError(
      `${file} was written by a newer Art28 (backup format ${format.formatVersion}; this one reads format ${BACKUP_FORMAT_VERSION}): restore it with that version or a newer one`,
    );
  }
  if (!Value.Check(Manifest, parsed)) {
    const first = [...Value.Errors(Manifest, parsed)][0];
    throw new CommandError(
      `${file} is damaged: its manifest.json is not as \`art28 backup\` writes it (${first?.instancePath || "/"} ${first?.message ?? ""})`,
    );
  }
  const manifest = parsed;
  const compressed = entries[DATABASE_ENTRY];
  if (!compressed) {
    throw new CommandError(`${file} is damaged: it has no ${DATABASE_ENTRY}`);
  }
  let dump: Uint8Array<ArrayBuffer>;
  try {
    dump = new Uint8Array(await promisify(gunzip)(compressed));
  } catch (error) {
    throw new CommandError(`${file} is damaged: its database (${DATABASE_ENTRY}) cannot be decompressed (${(error as Error).message})`);
  }
  const got = sha256(dump);
  if (dump.length !== manifest.database.bytes || got !== manifest.database.sha256) {
    throw new CommandError(
      `${file} is damaged: its database is ${dump.length} bytes with SHA-256 ${got}, the manifest says ${manifest.database.bytes} bytes with ${manifest.database.sha256}`,
    );
  }
  const files: FolderFile[] = [];
  for (const expected of manifest.files) {
    const content = entries[`files/${expected.name}`];
    if (!content || content.length !== expected.bytes || sha256(content) !== expected.sha256) {
      throw new CommandError(`${file} is damaged: files/${expected.name} is missing or differs from its SHA-256 in the manifest`);
    }
    files.push({ name: expected.name, bytes: content });
  }
  return { manifest, dump, files };
}
