import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

// Art28 as an operator runs it: `bin/art28` processes on 127.0.0.1, started, signalled and killed.

export const BIN = fileURLToPath(new URL("../../bin/art28", import.meta.url));

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") {
    throw new Error("no port");
  }
  return address.port;
}

export interface Running {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal) once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface Served extends Running {
  url: string;
}

/** How long a process may take to be ready before it is killed (a test that fails leaves none behind). */
const READY_BOUND_MS = 180_000;

/** `art28 <args>`; resolves once its output includes `ready`, rejects with its output if it exits first or is not ready in time. */
async function startArt28(args: string[], env: NodeJS.ProcessEnv, ready: string): Promise<Running> {
  const child = spawn(BIN, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const bound = setTimeout(() => child.kill("SIGKILL"), READY_BOUND_MS);
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = () => {
        if (text.includes(ready)) {
          child.stdout?.off("data", onData);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      void exited.then(({ code, signal }) => reject(new Error(`art28 ${args.join(" ")} exited (${code ?? signal}) before "${ready}":\n${text}`)));
    });
  } finally {
    clearTimeout(bound);
  }
  return { child, output: () => text, exited };
}

/** `art28 serve` on a free port; resolves once it listens, rejects with its output if it exits first. */
export async function startServe(dataDir: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<Served> {
  const port = await freePort();
  const running = await startArt28(["--data", dataDir, "serve", "--port", String(port), ...args], { LOG_LEVEL: "warn", ...env }, "Art28 is running at");
  return { ...running, url: `http://127.0.0.1:${port}` };
}

/** `art28 worker` (env: DATABASE_URL, ART28_SMTP_URL, …); resolves once it delivers, rejects with its output if it exits first. */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<Running> {
  return startArt28(["worker"], { ...env, LOG_LEVEL: "info" }, "outbox worker started");
}

/** Signals a process and resolves with how it ended; SIGKILL after `timeoutMs` (then the answer says so). */
export async function stopProcess(
  running: Running,
  signal: NodeJS.Signals,
  timeoutMs = 20_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill(signal);
  }
  const force = setTimeout(() => running.child.kill("SIGKILL"), timeoutMs);
  try {
    return await running.exited;
  } finally {
    clearTimeout(force);
  }
}

/** A CLI command run to its end. */
export function art28(dataDir: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const run = spawnSync(BIN, ["--data", dataDir, ...args], { env, encoding: "utf8", timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, without blocking this process (so a server it started keeps being driven). */
export function art28Async(dataDir: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(BIN, ["--data", dataDir, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (status) => resolve({ status, stdout, stderr })));
}

/** The administrator's password that a first start without --demo prints. */
export function firstRunPassword(output: string): { email: string; password: string } {
  const match = /First run: log in as (\S+) with password (\S+)/.exec(output);
  if (!match?.[1] || !match[2]) {
    throw new Error(`no first-run password in:\n${output}`);
  }
  return { email: match[1], password: match[2] };
}

export interface WebLogin {
  /** The session cookie, as a Cookie header. */
  cookie: string;
  csrfToken: string;
  kind: "staff" | "customer";
}

/** Logs in over HTTP (staff also confirm the confidentiality statement, as on a first visit): a cookie session. */
export async function login(url: string, credentials: { email: string; password: string }): Promise<WebLogin> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 200) {
    throw new Error(`login ${response.status}: ${await response.text()}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken, kind } = (await response.json()) as { csrfToken: string; kind: "staff" | "customer" };
  if (kind === "staff") {
    await confirmStatement(url, cookie, csrfToken);
  }
  return { cookie, csrfToken, kind };
}

/** Logs in over HTTP and creates an API token acting as that user. */
export async function apiToken(url: string, credentials: { email: string; password: string }): Promise<string> {
  const { cookie, csrfToken } = await login(url, credentials);
  // Creating a token is a sensitive change: it needs a step-up in the session first.
  const stepUp = await fetch(`${url}/api/v1/auth/step-up`, {
    method: "POST",
    headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
    body: JSON.stringify({ password: credentials.password }),
  });
  if (stepUp.status !== 204) {
    throw new Error(`step-up ${stepUp.status}: ${await stepUp.text()}`);
  }
  const created = await fetch(`${url}/api/v1/tokens`, {
    method: "POST",
    headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
    body: JSON.stringify({ name: "test" }),
  });
  const { token } = (await created.json()) as { token: string };
  return token;
}

/**
 * Staff confirm the confidentiality statement before they see customer data (art. 2.3, 9.1), as a
 * person does on their first visit to the back-office; a token of theirs acts on it.
 */
async function confirmStatement(url: string, cookie: string, csrfToken: string): Promise<void> {
  const current = await fetch(`${url}/api/v1/confidentiality-statement`, { headers: { cookie } });
  if (current.status !== 200) {
    throw new Error(`confidentiality statement ${current.status}: ${await current.text()}`);
  }
  const { statement } = (await current.json()) as { statement: { version: number } };
  const confirmed = await fetch(`${url}/api/v1/confidentiality-statement/confirmation`, {
    method: "POST",
    headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
    body: JSON.stringify({ version: statement.version }),
  });
  if (confirmed.status !== 200) {
    throw new Error(`confirmation ${confirmed.status}: ${await confirmed.text()}`);
  }
}
