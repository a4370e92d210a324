import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, statSync, ftruncateSync, writeSync, fsyncSync } from "node:fs";
import { hostname } from "node:os";
import { tryLock } from "fs-native-extensions";

// PGlite takes no lock on its folder, and two processes writing one folder destroy it. Art28 guards
// it with an operating-system lock (Linux: an open-file-description lock; macOS: flock) on a file
// beside the folder. The kernel holds it for as long as the owning process lives, whatever that
// process is busy with, and drops it the moment the process dies: there is no age after which a
// live owner's claim goes stale, and no wait after a kill -9. The same file holds the owner record,
// so a refused command can say who owns the folder, since when, and where it can be reached.

/** Who holds a data folder, as written in its owner file. */
export interface FolderOwner {
  pid: number;
  /** The Art28 command that holds it: `serve`, `verify`, `import customers`, `migrate`. */
  command: string;
  host: string;
  /** When the claim was taken (ISO 8601, UTC). */
  since: string;
  /** Where a running `serve` answers, so other commands can go through its API. */
  url: string | null;
  /** The local socket on which a running `serve` makes a consistent dump for `art28 backup` (backup-socket.ts). */
  backupSocket: string | null;
  /** Set by a clean stop; absent after a kill -9, a crash or a power cut. */
  stoppedAt: string | null;
}

export class DataFolderInUseError extends Error {
  readonly dataDir: string;
  readonly owner: FolderOwner | null;
  /** The command that was refused. */
  readonly command: string;
  constructor(dataDir: string, owner: FolderOwner | null, command: string, shownAs = dataDir) {
    const who = owner ? `\`art28 ${owner.command}\` (pid ${owner.pid} on ${owner.host}, since ${owner.since})` : "another process";
    super(`The data folder ${shownAs} is in use by ${who}. Only one process may open it at a time.`);
    this.dataDir = dataDir;
    this.owner = owner;
    this.command = command;
  }
}

export interface FolderClaim {
  readonly owner: FolderOwner;
  /** The previous owner, when it ended without a clean stop. */
  readonly previousUnclean: FolderOwner | null;
  /** Records where this process answers (serve, once listening), and its backup socket if it has one. */
  announce(url: string, backupSocket?: string | null): void;
  /** Marks the stop as clean and gives the folder up. */
  release(): void;
}

export interface ClaimOptions {
  command: string;
  /** The folder as the user named it (--data), when the claimed one lies inside it. */
  shownAs?: string;
  /** Called once if the claim is lost (its file replaced by another owner's): stop writing. */
  onLost?: (reason: string) => void;
  /** Called when the owner file was removed while held, and has been written again. */
  onWarning?: (message: string) => void;
  /** How often the owner file is checked (ms). */
  checkEveryMs?: number;
}

/** The owner file of a data folder: a sibling, so the folder itself stays PGlite's alone. */
export function ownerFileOf(dataDir: string): string {
  return `${dataDir}.owner`;
}

/**
 * Where `serve` listens for `art28 backup` (a Unix socket beside the folder, like the owner file, so
 * only who may read the folder may connect).
 */
export function backupSocketOf(dataDir: string): string {
  return `${dataDir}.sock`;
}

/** Reads a folder's owner record without claiming it (null when none was ever written). */
export function readOwner(dataDir: string): FolderOwner | null {
  try {
    return parseOwner(readFileSync(ownerFileOf(dataDir), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return null;
    }
    throw error;
  }
}

function parseOwner(text: string): FolderOwner | null {
  if (text.trim() === "") {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<FolderOwner>;
    return typeof value.pid === "number" && typeof value.since === "string"
      ? {
          pid: value.pid,
          command: value.command ?? "?",
          host: value.host ?? "?",
          since: value.since,
          url: value.url ?? null,
          backupSocket: value.backupSocket ?? null,
          stoppedAt: value.stoppedAt ?? null,
        }
      : null;
  } catch {
    // A record cut off by a crash in the middle of writing it: its owner is gone all the same.
    return null;
  }
}

function write(fd: number, owner: FolderOwner): void {
  const bytes = Buffer.from(`${JSON.stringify(owner, null, 2)}\n`);
  ftruncateSync(fd, 0);
  writeSync(fd, bytes, 0, bytes.length, 0);
  fsyncSync(fd);
}

/**
 * Takes the data folder for this process, or throws DataFolderInUseError naming its owner. Never
 * waits: a live owner keeps it until it stops, a dead one has already lost it to the kernel.
 */
export function claimDataFolder(dataDir: string, options: ClaimOptions): FolderClaim {
  mkdirSync(dataDir, { recursive: true });
  const path = ownerFileOf(dataDir);
  let fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
  if (!tryLock(fd)) {
    const owner = parseOwner(readFileSync(fd, "utf8"));
    closeSync(fd);
    throw new DataFolderInUseError(dataDir, owner, options.command, options.shownAs);
  }
  const previous = parseOwner(readFileSync(fd, "utf8"));
  const owner: FolderOwner = {
    pid: process.pid,
    command: options.command,
    host: hostname(),
    since: new Date().toISOString(),
    url: null,
    backupSocket: null,
    stoppedAt: null,
  };
  write(fd, owner);

  // The lock lives on the file, not on its name: if the file is removed, a new process would lock a
  // new file of the same name. Check the name still points at our file; write it again if it was
  // removed, and stop if another process has put its own there.
  let released = false;
  const reclaim = (): boolean => {
    let again: number;
    try {
      again = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        return false; // another process made it first
      }
      throw error;
    }
    if (!tryLock(again)) {
      closeSync(again);
      return false;
    }
    write(again, owner);
    closeSync(fd);
    fd = again;
    return true;
  };
  const check = () => {
    if (released) {
      return;
    }
    try {
      const held = fstatSync(fd);
      let named: ReturnType<typeof statSync> | undefined;
      try {
        named = statSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
          throw error;
        }
      }
      if (named && named.ino === held.ino && named.dev === held.dev) {
        return;
      }
      if (!named && reclaim()) {
        options.onWarning?.(`the owner file ${path} was removed while this process held the folder; it has been written again`);
        return;
      }
      released = true;
      clearInterval(timer);
      options.onLost?.(`the owner file ${path} was replaced by another process's: this process no longer owns ${dataDir}`);
    } catch (error) {
      released = true;
      clearInterval(timer);
      options.onLost?.(`the owner file ${path} can no longer be checked (${(error as Error).message})`);
    }
  };
  const timer = setInterval(check, options.checkEveryMs ?? 1_000);
  timer.unref();

  return {
    owner,
    previousUnclean: previous && previous.stoppedAt === null ? previous : null,
    announce(url, backupSocket = null) {
      owner.url = url;
      owner.backupSocket = backupSocket;
      if (!released) {
        write(fd, owner);
      }
    },
    release() {
      if (released) {
        return;
      }
      released = true;
      clearInterval(timer);
      write(fd, { ...owner, stoppedAt: new Date().toISOString() });
      // Closing the descriptor drops the lock. The file stays: removing it would let two processes
      // lock two different files of the same name.
      closeSync(fd);
    },
  };
}
