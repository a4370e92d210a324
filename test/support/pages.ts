// Walking a keyset list (issue 16) the way a caller does: follow `next` (an answer with `items`) or
// the Link header's rel="next" (a list answered as a bare array) until the last page.
import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import { encodeCursor } from "../../src/http/cursor.ts";

type Get = (url: string) => Promise<LightMyRequestResponse>;

/** The `after` of the next page an answer names, from its body's `next` or its Link header. */
export function nextOf(answer: LightMyRequestResponse): string | null {
  const body = answer.json<unknown>();
  if (Array.isArray(body)) {
    const link = answer.headers.link;
    if (typeof link !== "string") {
      return null;
    }
    const target = /^<([^>]*)>; rel="next"$/.exec(link)?.[1];
    assert.ok(target, `a Link header names the next page: ${link}`);
    return new URL(target, "http://localhost").searchParams.get("after");
  }
  return (body as { next: string | null }).next;
}

/** The answer of a keyset list that counts its rows: a page of them, the next page's cursor. */
export interface Page<T> {
  /** Every row's count, stopped at 10,000 unless totalExact. */
  total: number;
  totalExact: boolean;
  items: T[];
  next: string | null;
}

export interface WalkOptions {
  /** The rows' field in an answer that is not an array (default `items`). */
  field?: string;
  maxPages?: number;
  /** Checks each page's whole answer (its count, say) as it is read. */
  each?: (answer: LightMyRequestResponse) => void;
}

/**
 * Every page of the list at `url` (which has its filters and a small `limit`), following the
 * cursors; the rows of each page (the array answered, or its `field`). Fails if a page is empty
 * but for the first, or there are more than `maxPages` (default 100).
 */
export async function walk<T>(get: Get, url: string, options: WalkOptions = {}): Promise<T[][]> {
  const { field = "items", maxPages = 100 } = options;
  const pages: T[][] = [];
  let after: string | null = null;
  do {
    const answer = await get(`${url}${url.includes("?") ? "&" : "?"}${after ? `after=${after}` : ""}`);
    assert.equal(answer.statusCode, 200, answer.body);
    options.each?.(answer);
    const body = answer.json<unknown>();
    const rows = (Array.isArray(body) ? body : (body as Record<string, unknown>)[field]) as T[];
    assert.ok(Array.isArray(rows), `rows in ${field}`);
    assert.ok(rows.length > 0 || pages.length === 0, "a page after a cursor is never empty: the page before knew there was more");
    pages.push(rows);
    after = nextOf(answer);
    assert.ok(pages.length <= maxPages, "the list ends");
  } while (after !== null);
  return pages;
}

/** What a walk of a whole list must hold: `count` rows, each once by `key`, in the order of `by`. */
export interface EachOnce<T> {
  count: number;
  key: (row: T) => unknown;
  /** The sort key as text that sorts as the list does (ISO instants do). */
  by: (row: T) => string;
  /** Largest first (newest first), rather than smallest. */
  descending?: boolean;
}

/** `rows` are `count` rows, each once by `key`, in the order of `by`. */
export function assertEachOnce<T>(rows: readonly T[], expected: EachOnce<T>): void {
  assert.equal(rows.length, expected.count, "every row");
  assert.equal(new Set(rows.map(expected.key)).size, expected.count, "each once");
  const order = rows.map(expected.by);
  const sorted = [...order].sort();
  assert.deepEqual(order, expected.descending ? sorted.reverse() : sorted, expected.descending ? "largest first" : "smallest first");
}

/** Walks the list at `url` (see walk) and checks what paging it must keep: every row, each once, in order (assertEachOnce). */
export async function walkEach<T>(get: Get, url: string, expected: EachOnce<T>, options: WalkOptions = {}): Promise<T[][]> {
  const pages = await walk<T>(get, url, options);
  assertEachOnce(pages.flat(), expected);
  return pages;
}

/**
 * The first page of the counted list at `url` (with its `limit`): it counts all `total` rows
 * exactly, holds the first `limit` of them, and names a next page only when there are more.
 */
export async function assertFirstPage(get: Get, url: string, total: number, field = "items"): Promise<void> {
  const answer = await get(url);
  assert.equal(answer.statusCode, 200, answer.body);
  const page = answer.json<Record<string, unknown>>();
  const limit = Number(new URL(url, "http://localhost").searchParams.get("limit"));
  assert.ok(limit > 0, `${url} names its limit`);
  assert.deepEqual(
    [page.total, page.totalExact, (page[field] as unknown[] | undefined)?.length, page.next !== null],
    [total, true, Math.min(limit, total), limit < total],
    url,
  );
}

/** Cursors no list gave: not base64url JSON, too long, a key of another length, values that are not of the key's kinds. */
export const BAD_CURSORS = [
  "abc",
  "!!",
  "x".repeat(1401),
  encodeCursor([]),
  encodeCursor(["a", "b", "c", "d", "e", "f"]),
  encodeCursor(["2026-02-30T00:00:00.000000Z", "00000000-0000-0000-0000-00000000000g"]),
  encodeCursor(["not a date", "nor an id"]),
  Buffer.from('{"a":1}').toString("base64url"),
];

/** Each bad cursor is a 400 naming querystring.after, never a 5xx. */
export async function assertBadCursorsRefused(get: Get, url: string): Promise<void> {
  for (const bad of BAD_CURSORS) {
    const answer = await get(`${url}${url.includes("?") ? "&" : "?"}after=${encodeURIComponent(bad)}`);
    assert.equal(answer.statusCode, 400, `${bad}: ${answer.body}`);
    assert.match(answer.body, /querystring\.after/, bad);
  }
}

/** `limit` below 1 or above `maximum` is a 400 naming querystring.limit; `maximum` itself is taken. */
export async function assertLimitBounds(get: Get, url: string, maximum: number): Promise<void> {
  const sep = url.includes("?") ? "&" : "?";
  for (const limit of [0, maximum + 1]) {
    const answer = await get(`${url}${sep}limit=${limit}`);
    assert.equal(answer.statusCode, 400, `limit=${limit}: ${answer.body}`);
    assert.match(answer.body, /querystring\.limit/, `limit=${limit}`);
  }
  assert.equal((await get(`${url}${sep}limit=${maximum}`)).statusCode, 200, `limit=${maximum} is taken`);
}

/**
 * The query checks every keyset list makes: a bad cursor and a limit out of 1 to `maximum` are
 * 400s (assertBadCursorsRefused, assertLimitBounds), and so is each of `refused` (a parameter and
 * a value it does not take), naming querystring.<parameter>.
 */
export async function assertQueryChecked(get: Get, url: string, maximum: number, refused: Record<string, string> = {}): Promise<void> {
  await assertBadCursorsRefused(get, url);
  await assertLimitBounds(get, url, maximum);
  for (const [parameter, value] of Object.entries(refused)) {
    const answer = await get(`${url}${url.includes("?") ? "&" : "?"}${parameter}=${encodeURIComponent(value)}`);
    assert.equal(answer.statusCode, 400, `${parameter}=${value}: ${answer.body}`);
    assert.match(answer.body, new RegExp(`querystring\\.${parameter}\\b`), `${parameter}=${value}`);
  }
}
