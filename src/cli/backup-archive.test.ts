import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { strToU8, unzipSync, zipSync } from "fflate";
import type { SnapshotHeader } from "../db/snapshot.ts";
import { readBackup, writeBackup } from "./backup-archive.ts";

// The backup file's format by itself: what `art28 restore` refuses, and why, before it touches a
// folder. The commands on real data folders are tested in test/lifecycle/backup.test.ts.

const root = mkdtempSync(join(tmpdir(), "art28-archive-"));
after(() => rmSync(root, { recursive: true, force: true }));

// Compressible like a database folder, not so much that the archive is tiny.
const dump = Buffer.concat([randomBytes(64 * 1024), Buffer.alloc(512 * 1024, 7), randomBytes(64 * 1024)]);
const header: SnapshotHeader = {
  bytes: dump.length,
  sha256: createHash("sha256").update(dump).digest("hex"),
  migration: { tag: "0020_checkpoints", when: 1796654250819, count: 21 },
  pgliteVersion: "0.5.16",
  takenAt: "2026-12-07T10:00:00.000Z",
};
const key = { name: "checkpoint-key.pem", bytes: strToU8("-----BEGIN PRIVATE KEY-----\n…\n") };

async function written(name: string): Promise<string> {
  const file = join(root, name);
  await writeBackup(file, header, Readable.from([dump.subarray(0, 1000), dump.subarray(1000)]), [key], "test");
  return file;
}

test("a backup reads back whole: its manifest, the dump and the folder's files; only its owner may read it", async () => {
  const file = await written("whole.zip");
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(existsSync(`${file}.tmp`), false);
  const read = await readBackup(file);
  assert.deepEqual(Buffer.from(read.dump), dump);
  assert.deepEqual(read.files, [key]);
  assert.equal(read.manifest.format, "art28-backup");
  assert.equal(read.manifest.database.sha256, header.sha256);
  assert.equal(read.manifest.migration.tag, "0020_checkpoints");
  assert.equal(read.manifest.createdAt, header.takenAt);
  // An operator can read the manifest with any unzip.
  const entries = unzipSync(new Uint8Array(readFileSync(file)));
  assert.deepEqual(Object.keys(entries), ["manifest.json", "files/checkpoint-key.pem", "pglite.tar.gz"]);
});

test("a dump that arrives short or different is not written, and an older file of that name stays", async () => {
  const file = join(root, "short.zip");
  writeFileSync(file, "the backup of yesterday");
  await assert.rejects(
    writeBackup(file, header, Readable.from([dump.subarray(0, 5000)]), [], "test"),
    /the dump arrived damaged \(5000 of \d+ bytes, SHA-256 [0-9a-f]{64} where [0-9a-f]{64} was announced\); nothing was written/,
  );
  const other = Buffer.from(dump);
  other[10] = (other[10] ?? 0) ^ 1;
  await assert.rejects(writeBackup(file, header, Readable.from([other]), [], "test"), /the dump arrived damaged/);
  assert.equal(readFileSync(file, "utf8"), "the backup of yesterday");
  assert.equal(existsSync(`${file}.tmp`), false);
});

test("a file cut off is refused as damaged or incomplete", async () => {
  const bytes = readFileSync(await written("cut.zip"));
  for (const keep of [bytes.length - 10, Math.floor(bytes.length / 2), 100]) {
    const cut = join(root, `cut-${keep}.zip`);
    writeFileSync(cut, bytes.subarray(0, keep));
    await assert.rejects(readBackup(cut), (error: Error) => {
      assert.match(
        error.message,
        /is damaged or incomplete \(cut off while it was written or copied\?\): its ZIP archive cannot be read .*Nothing was restored/,
      );
      return true;
    });
  }
});

test("a changed byte in the database is refused by its SHA-256 (or by gzip's own check)", async () => {
  const bytes = readFileSync(await written("flip.zip"));
  // The name is in the manifest first, then in the entry's own header: 200 bytes on is its data.
  const name = Buffer.from("pglite.tar.gz");
  const at = bytes.indexOf(name, bytes.indexOf(name) + 1) + 200;
  const flipped = Buffer.from(bytes);
  flipped[at] = (flipped[at] ?? 0) ^ 0xff;
  const file = join(root, "flipped.zip");
  writeFileSync(file, flipped);
  await assert.rejects(readBackup(file), /is damaged: its database (is \d+ bytes with SHA-256|\(pglite.tar.gz\) cannot be decompressed)/);
});

test("a file that is no Art28 backup says so: not a ZIP, a ZIP without manifest, a newer format", async () => {
  const text = join(root, "notes.txt");
  writeFileSync(text, "not a backup\n");
  await assert.rejects(readBackup(text), /notes\.txt is not an Art28 backup: `art28 backup` writes a ZIP archive, and this file is none/);

  const bundle = join(root, "bundle.zip");
  writeFileSync(bundle, zipSync({ "events.jsonl": strToU8("{}\n") }));
  await assert.rejects(readBackup(bundle), /bundle\.zip is a ZIP archive but not an Art28 backup: it has no manifest\.json/);

  const entries = unzipSync(new Uint8Array(readFileSync(await written("v1.zip"))));
  const manifest = JSON.parse(new TextDecoder().decode(entries["manifest.json"])) as Record<string, unknown>;
  const newer = join(root, "v2.zip");
  writeFileSync(newer, zipSync({ ...entries, "manifest.json": strToU8(JSON.stringify({ ...manifest, formatVersion: 2 })) }));
  await assert.rejects(readBackup(newer), /was written by a newer Art28 \(backup format 2; this one reads format 1\)/);

  const missing = join(root, "missing.txt");
  await assert.rejects(readBackup(missing), /cannot read .*missing\.txt: ENOENT/);
});
