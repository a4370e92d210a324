import type { Server } from "node:http";
import type { Socket } from "node:net";

export interface Connections {
  /** Closes every connection with no request in flight now, and each other one once its last response is out. */
  closeIdle(): void;
  /** Ends every connection at once, requests in flight or not (the stop deadline). */
  closeAll(): void;
}

/**
 * Counts the requests in flight on each connection, so a stop can close all connections that have
 * none. Node's closeIdleConnections() leaves a connection that has not sent a request yet open (it
 * counts as waiting for headers): a browser's pre-opened connection or a load balancer's TCP check
 * held a stop for ever. Fastify's own close waits for the requests in flight.
 */
export function trackConnections(server: Server): Connections {
  const inFlight = new Map<Socket, number>();
  let stopping = false;
  server.on("connection", (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  server.on("request", (request, response) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once("close", () => {
      const left = Math.max(0, (inFlight.get(socket) ?? 1) - 1);
      inFlight.set(socket, left);
      if (stopping && left === 0) {
        // Flushes what is still buffered for this response, then closes.
        socket.destroySoon();
      }
    });
  });
  return {
    closeIdle() {
      stopping = true;
      for (const [socket, requests] of inFlight) {
        if (requests === 0) {
          socket.destroySoon();
        }
      }
    },
    closeAll() {
      stopping = true;
      for (const socket of inFlight.keys()) {
        socket.destroy();
      }
    },
  };
}
