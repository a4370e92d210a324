/**
 * The most rows one statement reads or writes. The embedded engine (PGlite) runs each statement in
 * the event loop's own thread, so one statement over 5,000 rows held every request, timer and
 * signal for up to half a second; at 1,000 rows a statement takes well under 100 ms, and requests
 * and liveness checks are still answered during a 60,000-customer import or a 10,000-customer
 * fan-out. On PostgreSQL the extra statements cost a round trip each (≈ 0.4 ms).
 */
export const ROWS_PER_STATEMENT = 1_000;

/**
 * Waits for the next turn of the event loop. Long work (an import, a fan-out) awaits it between
 * batches: a chain of promises that settle at once never lets requests, timers or signals in.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `items` in consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
