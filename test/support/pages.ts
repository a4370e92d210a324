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

/**
 * Every page of the list at `url` (which has its filters and a small `limit`), following the
 * cursors; the rows of each page by `field` (default: the array itself, or `items`). Fails if a
 * page is empty but for the first, or there are more than `maxPages`.
 */
export async function walk<T>(get: Get, url: string, field?: string, maxPages = 100): Promise<T[][]> {
  const pages: T[][] = [];
  let after: string | null = null;
  do {
    const answer = await get(`${url}${url.includes("?") ? "&" : "?"}${after ? `after=${after}` : ""}`);
    assert.equal(answer.statusCode, 200, answer.body);
    const body = answer.json<unknown>();
    const rows = (Array.isArray(body) ? body : (body as Record<string, unknown>)[field ?? "items"]) as T[];
    assert.ok(Array.isArray(rows), `rows in ${field ?? "items"}`);
    assert.ok(rows.length > 0 || pages.length === 0, "a page after a cursor is never empty: the page before knew there was more");
    pages.push(rows);
    after = nextOf(answer);
    assert.ok(pages.length <= maxPages, "the list ends");
  } while (after !== null);
  return pages;
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
