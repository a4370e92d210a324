import { chmodSync, rmSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { relative, resolve } from "node:path";
import { Readable } from "node:stream";
import type { Logger } from "pino";
import type { Database } from "../db/engine.ts";
import { describeSnapshot, type SnapshotHeader } from "../db/snapshot.ts";
import { CommandError } from "./remote.ts";

// While `art28 serve` holds an embedded data folder, nothing else may read PGlite's files: they
// change under a reader's feet. So the server makes the dump itself, in its own process, between
// transactions (Database.snapshot), and streams it to `art28 backup` over a Unix socket beside the
// folder (<folder>.sock, named in the owner record). The socket is the owner's alone (mode 0600): who
// may connect could read the folder anyway; nothing of it is reachable over the network.
//
// The exchange: the client sends `snapshot\n`; the server answers one JSON line,
// `{"ok":true,"header":{…}}` followed by exactly header.bytes bytes of PGlite's tarball, or
// `{"ok":false,"message":"…"}`.

/** The longest socket path the kernel takes (sun_path: 108 bytes on Linux, 104 on macOS, with its NUL). */
const SOCKET_PATH_MAX = 103;
const REQUEST = "snapshot";
const ANSWER_LINE_MAX = 64 * 1024;

/** The path to bind or connect: the absolute one, or the one relative to the working folder when that is short enough. */
function socketAddress(path: string): string | null {
  const candidates = [path, relative(process.cwd(), path)].filter((p) => p !== "" && Buffer.byteLength(p) <= SOCKET_PATH_MAX);
  return candidates.sort((a, b) => a.length - b.length)[0] ?? null;
}

export interface BackupListener {
  path: string;
  /** Stops taking requests and waits for the dump in progress, if any, to be sent. */
  close(): Promise<void>;
}

type Snapshotter = Pick<Database, "db" | "snapshot">;

/**
 * Listens on `path` for `art28 backup`; null (with a warning) where it cannot: a path too long for
 * a socket. One dump at a time, each held in memory while it is sent.
 */
export async function listenForBackups(
  database: Snapshotter,
  socketPath: string,
  log: Pick<Logger, "info" | "warn" | "error">,
): Promise<BackupListener | null> {
  // Recorded absolute in the owner record: `art28 backup` may run from another working folder.
  const path = resolve(socketPath);
  const address = socketAddress(path);
  const snapshot = database.snapshot;
  if (snapshot === null) {
    return null; // PostgreSQL: pg_dump makes its backups
  }
  if (address === null) {
    log.warn(`no backup socket: its path ${path} is longer than a socket's ${SOCKET_PATH_MAX} bytes; \`art28 backup\` needs this server stopped`);
    return null;
  }
  // A socket left by a process killed with -9: this process holds the folder now, so it is stale.
  rmSync(path, { force: true });
  let queue: Promise<void> = Promise.resolve();
  let closing = false;
  // Connected and not yet asking: closed at once when the server stops.
  const idle = new Set<Socket>();
  const refuse = (socket: Socket, message: string) => socket.end(`${JSON.stringify({ ok: false, message })}\n`);
  const server = createServer((socket) => {
    idle.add(socket);
    socket.once("close", () => idle.delete(socket));
    socket.on("error", (error) => log.warn(`backup socket: ${error.message}`));
    socket.setTimeout(30_000, () => socket.destroy());
    let request = "";
    const onData = (chunk: Buffer) => {
      request += chunk.toString("utf8");
      if (!request.includes("\n")) {
        if (request.length > 100) {
          socket.destroy();
        }
        return;
      }
      socket.off("data", onData);
      idle.delete(socket);
      if (request.trimEnd() !== REQUEST) {
        refuse(socket, `unknown request ${JSON.stringify(request.trimEnd().slice(0, 40))}`);
      } else if (closing) {
        refuse(socket, "the server is stopping");
      } else {
        // The dump may take longer than a request line is given; the send has its own limit.
        socket.setTimeout(0);
        queue = queue.then(() => sendSnapshot(socket));
      }
    };
    socket.on("data", onData);
  });
  const sendSnapshot = async (socket: Socket): Promise<void> => {
    if (socket.destroyed) {
      return;
    }
    let sending: { header: SnapshotHeader; bytes: Uint8Array };
    const started = performance.now();
    try {
      sending = await describeSnapshot(database.db, await snapshot());
    } catch (error) {
      log.error({ err: error }, "backup: the dump failed");
      refuse(socket, `the server could not make the dump: ${(error as Error).message}`);
      return;
    }
    const { header, bytes } = sending;
    const ms = Math.round(performance.now() - started);
    log.info({ bytes: header.bytes, sha256: header.sha256, ms }, `backup: a dump of ${(header.bytes / 1e6).toFixed(1)} MB made in ${ms} ms for art28 backup`);
    // A reader that stops reading for a minute is dropped: the dump is held in memory until sent.
    socket.setTimeout(60_000, () => socket.destroy());
    socket.write(`${JSON.stringify({ ok: true, header })}\n`);
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.end(bytes);
    });
  };
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // The socket is created with this process's umask: 0077 for that instant, so it is never open to others.
    const umask = process.umask(0o077);
    try {
      server.listen(address, () => {
        server.off("error", reject);
        resolve();
      });
    } finally {
      process.umask(umask);
    }
  });
  chmodSync(path, 0o600);
  server.on("error", (error) => log.error({ err: error }, "backup socket"));
  return {
    path,
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of idle) {
        socket.destroy();
      }
      await queue;
      await closed;
    },
  };
}

/** A dump made by the server that owns the folder, as it streams in. */
export interface RemoteSnapshot {
  header: SnapshotHeader;
  body: Readable;
}

/** Asks `art28 serve` on its backup socket for a dump; `who` names it in messages. */
export async function snapshotThroughSocket(path: string, who: string): Promise<RemoteSnapshot> {
  const address = socketAddress(path);
  if (address === null) {
    throw new CommandError(`cannot reach ${who}: its backup socket's path ${path} is too long`);
  }
  const socket = connect(address);
  socket.setTimeout(120_000, () => socket.destroy(new Error(`no answer within 120 s`)));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", (error) => reject(new CommandError(`cannot reach ${who} on its backup socket ${path}: ${error.message}`)));
  });
  socket.write(`${REQUEST}\n`);
  const chunks = socket[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  let newline = -1;
  try {
    while (newline === -1) {
      const next = await chunks.next();
      if (next.done) {
        throw new Error("the server closed the connection without an answer");
      }
      head = Buffer.concat([head, next.value]);
      newline = head.indexOf(0x0a);
      if (newline === -1 && head.length > ANSWER_LINE_MAX) {
        throw new Error("the server's answer is not what art28 serve sends");
      }
    }
  } catch (error) {
    socket.destroy();
    throw new CommandError(`${who} did not make the dump: ${(error as Error).message}`);
  }
  let answer: { ok: true; header: SnapshotHeader } | { ok: false; message: string };
  try {
    answer = JSON.parse(head.subarray(0, newline).toString("utf8")) as typeof answer;
  } catch {
    socket.destroy();
    throw new CommandError(`${who} answered on its backup socket with something that is not art28 serve's answer`);
  }
  if (!answer.ok) {
    socket.destroy();
    throw new CommandError(`${who} did not make the dump: ${answer.message}`);
  }
  const rest = head.subarray(newline + 1);
  async function* body(): AsyncGenerator<Buffer> {
    if (rest.length > 0) {
      yield rest;
    }
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw new CommandError(`the connection to ${who} broke off during the dump: ${(error as Error).message}`);
      }
      if (next.done) {
        return;
      }
      yield next.value;
    }
  }
  return { header: answer.header, body: Readable.from(body()) };
}
