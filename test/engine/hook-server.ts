import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

// A webhook receiver on 127.0.0.1 (random port): answers each path as the test says, keeps every request.

export interface HookRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HookServer {
  url(path: string): string;
  requests: HookRequest[];
  /** The status to answer for a path's n-th request (1-based); 200 when not set. */
  answer: (path: string, n: number) => number;
  close(): Promise<void>;
}

export async function startHookServer(): Promise<HookServer> {
  const seen = new Map<string, number>();
  const hooks: HookServer = { url: () => "", requests: [], answer: () => 200, close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const n = (seen.get(path) ?? 0) + 1;
      seen.set(path, n);
      hooks.requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = hooks.answer(path, n);
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : `no (${status})`);
    });
  });
  // Never close an idle kept-alive socket from this side: a client reusing it at that instant gets a
  // reset (a real receiver's timing, but it would make a test's first try fail at random).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hooks.url = (path) => `http://127.0.0.1:${port}${path}`;
  hooks.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return hooks;
}
