import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { nextTurn } from "./batches.ts";
import { MIGRATIONS_FOLDER, rows, type Db } from "./engine.ts";
import { pgliteVersion } from "./pglite-template.ts";

// What a backup of the embedded database says about itself, so a restore can refuse a file it
// cannot use before it touches a folder: the dump's size and SHA-256, the last migration applied
// to the dumped database, and the PGlite that wrote it. The dump itself is `Database.snapshot()`.

export interface MigrationMark {
  /** drizzle-kit's tag of the last migration applied (`0020_checkpoints`); null if this build's journal does not know it. */
  tag: string | null;
  /** Its journal time (drizzle's `created_at`), which orders migrations. */
  when: number;
  /** How many migrations are applied. */
  count: number;
}

export interface SnapshotHeader {
  bytes: number;
  /** SHA-256 of the dump (PGlite's tarball), hex. */
  sha256: string;
  migration: MigrationMark;
  pgliteVersion: string;
  takenAt: string;
}

interface JournalEntry {
  tag: string;
  when: number;
}

/** This build's migrations, oldest first (drizzle-kit's journal). */
export function migrationJournal(folder = MIGRATIONS_FOLDER): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries.map((entry) => ({ tag: entry.tag, when: entry.when }));
}

/** The last migration applied to a database, as drizzle's migrator recorded it. */
export async function appliedMigration(db: Db): Promise<MigrationMark> {
  const [row] = await rows<{ n: number; last: string | number | null }>(
    db,
    sql`select count(*)::int as n, max(created_at) as last from drizzle.__drizzle_migrations`,
  );
  const when = Number(row?.last ?? 0);
  return { tag: migrationJournal().find((entry) => entry.when === when)?.tag ?? null, when, count: Number(row?.n ?? 0) };
}

/** SHA-256 of a large buffer, a few megabytes per turn of the event loop (a server keeps answering). */
export async function sha256InTurns(bytes: Uint8Array, chunk = 4 * 1024 * 1024): Promise<string> {
  const hash = createHash("sha256");
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    hash.update(bytes.subarray(offset, offset + chunk));
    await nextTurn();
  }
  return hash.digest("hex");
}

/** A snapshot's bytes and what a backup's manifest says of them. */
export async function describeSnapshot(db: Db, snapshot: Blob): Promise<{ header: SnapshotHeader; bytes: Uint8Array }> {
  const takenAt = new Date().toISOString();
  const bytes = new Uint8Array(await snapshot.arrayBuffer());
  return {
    header: { bytes: bytes.length, sha256: await sha256InTurns(bytes), migration: await appliedMigration(db), pgliteVersion: pgliteVersion(), takenAt },
    bytes,
  };
}
