import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { claimDataFolder, DataFolderInUseError } from "../db/data-folder.ts";
import { openDatabase, type Database } from "../db/engine.ts";
import { isFreshDataFolder } from "../db/pglite-template.ts";
import { appliedMigration, describeSnapshot, migrationJournal, type MigrationMark, type SnapshotHeader } from "../db/snapshot.ts";
import { verifyChain, type VerifyResult } from "../modules/evidence/verify-chain.ts";
import { readBackup, writeBackup, type BackupManifest, type FolderFile } from "./backup-archive.ts";
import { snapshotThroughSocket } from "./backup-socket.ts";
import { embeddedDatabaseFolder } from "./config.ts";
import { CommandError } from "./remote.ts";

// `art28 backup FILE` and `art28 restore FILE` for the embedded database. On PostgreSQL the server's
// own tools do it (pg_dump, pg_restore: docs/DEPLOYMENT.md); these commands say so.

/** The data folder's files that belong with its database: restored with it, replaced by --force. */
const FOLDER_FILES = ["checkpoint-key.pem", "session.secret"];
/** What the folder holds besides: the database folder, its owner record and backup socket. */
const FOLDER_OWN = ["pglite", "pglite.owner", "pglite.sock"];

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function refuseOnPostgres(command: "backup" | "restore"): void {
  if (!process.env.DATABASE_URL) {
    return;
  }
  throw new CommandError(
    command === "backup"
      ? 'with DATABASE_URL the database is PostgreSQL, and PostgreSQL makes its own backups: pg_dump --format=custom --file=FILE "$DATABASE_URL" (docs/DEPLOYMENT.md, Backups). Nothing was written.'
      : 'with DATABASE_URL the database is PostgreSQL: restore a pg_dump with pg_restore --no-owner --dbname="$DATABASE_URL" FILE into an empty database (docs/DEPLOYMENT.md, Backups). Nothing was changed.',
  );
}

function folderFiles(dataDir: string): FolderFile[] {
  return FOLDER_FILES.filter((name) => existsSync(join(dataDir, name))).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dataDir, name))) }));
}

export interface BackupSummary {
  file: string;
  manifest: BackupManifest;
  bytesWritten: number;
  seconds: number;
}

/**
 * `art28 backup FILE`: a consistent dump of the embedded database with the folder's own files. When
 * no process holds the folder, this one opens it and dumps; when `art28 serve` holds it, the server
 * makes the dump between transactions and streams it here (backup-socket.ts). Any other holder
 * (a verify, an import) is waited for: the refusal says so.
 */
export async function backupCommand(dataDir: string, file: string): Promise<BackupSummary> {
  refuseOnPostgres("backup");
  const started = performance.now();
  const target = resolve(file);
  const folder = embeddedDatabaseFolder(dataDir);
  if (isFreshDataFolder(folder)) {
    throw new CommandError(`${dataDir} holds no Art28 database (no ${join(folder, "PG_VERSION")}): there is nothing to back up. Nothing was written.`);
  }
  let database: Database | null = null;
  try {
    database = await openDatabase({ engine: "pglite", dataDir: folder, shownAs: dataDir, command: "backup", template: null });
  } catch (error) {
    const owner = error instanceof DataFolderInUseError ? error.owner : null;
    if (owner?.command !== "serve" || owner.backupSocket === null) {
      throw error;
    }
    const who = `art28 serve (pid ${owner.pid})`;
    const remote = await snapshotThroughSocket(owner.backupSocket, who);
    const written = await writeBackup(target, remote.header, remote.body, folderFiles(dataDir), `art28 serve (pid ${owner.pid}) while it ran`);
    return { file: target, ...written, seconds: (performance.now() - started) / 1000 };
  }
  let dump: { header: SnapshotHeader; bytes: Uint8Array };
  try {
    const snapshot = database.snapshot;
    if (snapshot === null) {
      throw new Error("the embedded database has no snapshot");
    }
    dump = await describeSnapshot(database.db, await snapshot());
  } finally {
    // The folder is free again as soon as the dump is in memory.
    await database.close();
  }
  const written = await writeBackup(target, dump.header, Readable.from([dump.bytes]), folderFiles(dataDir), "art28 backup (the folder was not in use)");
  return { file: target, ...written, seconds: (performance.now() - started) / 1000 };
}

export interface RestoreSummary {
  manifest: BackupManifest;
  /** The migration the database has now (after migrating forward). */
  migration: MigrationMark;
  verification: VerifyResult;
  /** Seconds to read, check and load the backup; to migrate; to verify the evidence. */
  seconds: { load: number; migrate: number; verify: number };
}

/** What is in a data folder that a restore would replace (its lock and socket files aside). */
function occupied(dataDir: string, folder: string): string[] {
  const entries = existsSync(dataDir) ? readdirSync(dataDir).filter((name) => !FOLDER_OWN.includes(name)) : [];
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    entries.unshift("pglite/ (a database)");
  }
  return entries;
}

/** Refuses a backup whose database has a migration this build does not know: it was made by a newer Art28. */
function refuseNewer(manifest: BackupManifest, file: string): void {
  const journal = migrationJournal();
  const last = journal.at(-1);
  const known = manifest.migration.tag !== null && journal.some((entry) => entry.tag === manifest.migration.tag);
  if (!known || (last !== undefined && manifest.migration.when > last.when)) {
    throw new CommandError(
      `${file} holds a database of a newer Art28 (${manifest.art28Version}, migration ${manifest.migration.tag ?? manifest.migration.when}; ` +
        `this one knows up to ${last?.tag ?? "none"}): restore it with that version or a newer one. Nothing was changed.`,
    );
  }
}

/**
 * `art28 restore FILE`: into an empty or new data folder only (a folder with a database or keys
 * needs --force, and a folder another process holds is refused whatever the flags). The file is
 * checked whole before the folder is touched; the database is loaded, migrated forward when the
 * backup is older, its evidence chain verified as `art28 verify` does, and the folder released.
 * A load or migration that fails leaves the folder empty again.
 */
export async function restoreCommand(
  dataDir: string,
  file: string,
  options: { force: boolean },
  onProgress?: (events: number) => void,
): Promise<RestoreSummary> {
  refuseOnPostgres("restore");
  const started = performance.now();
  const contents = await readBackup(file);
  refuseNewer(contents.manifest, file);
  const folder = embeddedDatabaseFolder(dataDir);
  // Held from here to the end: no serve may start on the folder while it is half restored.
  const claim = claimDataFolder(folder, { command: "restore", shownAs: dataDir });
  let database: Database | null = null;
  // With --force what was there is set aside, and put back if the restore fails.
  const aside = (name: string) => join(dataDir, `${name}.before-restore`);
  const setAside: string[] = [];
  const undo = () => {
    for (const name of ["pglite", ...FOLDER_FILES]) {
      rmSync(join(dataDir, name), { recursive: true, force: true });
    }
    for (const name of setAside) {
      renameSync(aside(name), join(dataDir, name));
    }
  };
  try {
    const there = occupied(dataDir, folder);
    if (there.length > 0) {
      if (!options.force) {
        throw new CommandError(
          `${dataDir} is not empty (it holds ${there.join(", ")}): restore into an empty or new folder (--data DIR), or add --force to replace its database${
            there.some((name) => FOLDER_FILES.includes(name)) ? " and keys" : ""
          }. Nothing was changed.`,
        );
      }
      for (const name of ["pglite", ...FOLDER_FILES]) {
        if (existsSync(join(dataDir, name))) {
          rmSync(aside(name), { recursive: true, force: true });
          renameSync(join(dataDir, name), aside(name));
          setAside.push(name);
        }
      }
    }
    try {
      database = await openDatabase({
        engine: "pglite",
        dataDir: folder,
        claim,
        restore: new Blob([contents.dump]),
        template: null,
        command: "restore",
      });
    } catch (error) {
      throw new CommandError(
        `the database in ${file} could not be loaded (written by PGlite ${contents.manifest.pgliteVersion}): ${(error as Error).message}. ` +
          (setAside.length > 0 ? "What the folder held is back in place." : "The folder was left empty."),
      );
    }
    for (const f of contents.files) {
      writeFileSync(join(dataDir, f.name), f.bytes, { mode: 0o600 });
    }
    const loaded = performance.now();
    await database.migrate();
    const migration = await appliedMigration(database.db);
    const migrated = performance.now();
    const verification = await verifyChain(database.db, (done) => onProgress?.(done));
    const verified = performance.now();
    await database.close();
    database = null;
    for (const name of setAside) {
      rmSync(aside(name), { recursive: true, force: true });
    }
    claim.release();
    return {
      manifest: contents.manifest,
      migration,
      verification,
      seconds: { load: (loaded - started) / 1000, migrate: (migrated - loaded) / 1000, verify: (verified - migrated) / 1000 },
    };
  } catch (error) {
    // A load, migration or verification that failed: the folder is as it was, not half restored.
    if (database) {
      await database.close();
    }
    if (setAside.length > 0 || database) {
      undo();
    }
    claim.release();
    throw error;
  }
}

export function describeBackup(summary: BackupSummary): string {
  const m = summary.manifest;
  return (
    `wrote ${summary.file}: ${megabytes(summary.bytesWritten)} (a database of ${megabytes(m.database.bytes)}, SHA-256 ${m.database.sha256}; ` +
    `migration ${m.migration.tag ?? m.migration.when}; made by ${m.takenBy}) in ${summary.seconds.toFixed(1)} s\n`
  );
}

export function describeRestore(dataDir: string, file: string, summary: RestoreSummary): string {
  const m = summary.manifest;
  const forward = summary.migration.count - m.migration.count;
  return (
    `restored ${file} into ${dataDir}: the database of ${m.createdAt} (Art28 ${m.art28Version}, made by ${m.takenBy})` +
    (forward > 0 ? `, migrated forward by ${forward} (to ${summary.migration.tag ?? summary.migration.when})` : "") +
    (m.files.length > 0 ? `, with ${m.files.map((f) => f.name).join(" and ")}` : "") +
    ` in ${(summary.seconds.load + summary.seconds.migrate).toFixed(1)} s\n`
  );
}
