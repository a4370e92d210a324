import { Type } from "typebox";
import type { KeyKind } from "../db/keyset.ts";
import { invalid } from "./errors.ts";
import { Int } from "./schemas.ts";
import { httpWords } from "./words.ts";

// A keyset cursor: where the next page of a list starts (the sort key of the last row shown),
// opaque to the client: base64url of a JSON array of strings. A list answers `next` with it.

/** The query parameter a keyset list takes: `next` of the page before. */
export const Cursor = Type.String({ maxLength: 1400, pattern: "^[A-Za-z0-9_-]{1,1400}$", description: "`next` of the page before (keyset)" });

/** The `next` a keyset list answers. */
export const NextCursor = Type.Union([Type.String(), Type.Null()], { description: "`after` of the next page; null on the last" });

/** Whether a list's `total` is the count of all its rows (db/keyset.ts countUpTo). */
export const TotalExact = Type.Boolean({ description: "false when the list stopped counting at 10,000 and has more: `total` is then 10,000" });

/** The field a list's cursor is named by in a 400. */
export const AFTER_FIELD = "querystring.after";

/** The cursor after a row with these sort-key values. */
export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** The `count` sort-key values in `cursor`, or a 400 naming `field`. */
export function decodeCursor(cursor: string, field: string, count: number): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid(field, httpWords.badCursor);
  }
  if (!Array.isArray(values) || values.length !== count || !values.every((v) => typeof v === "string")) {
    throw invalid(field, httpWords.badCursor);
  }
  return values as string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Whether `value` is one the database takes as a value of this kind (db/keyset.ts's `keyText` writes them). */
function fits(kind: KeyKind, value: string): boolean {
  switch (kind) {
    case "uuid":
      return UUID.test(value);
    case "instant": {
      // The calendar must agree too: 2026-02-30 is refused here rather than by the database.
      const millis = `${value.slice(0, 23)}Z`;
      const date = new Date(millis);
      return INSTANT.test(value) && !Number.isNaN(date.getTime()) && date.toISOString() === millis;
    }
    case "integer":
      return /^-?\d{1,18}$/.test(value);
    case "text":
      // NUL and the like never reach a query.
      return value.length <= 400 && !/[\u0000-\u001f\u007f]/.test(value);
  }
}

/**
 * The sort-key values of a keyset list's cursor, each checked against its kind (a cursor the list
 * did not give is a 400 naming `querystring.after`, never a database error); undefined for the
 * first page.
 */
export function decodeKeyset(cursor: string | undefined, kinds: readonly KeyKind[]): string[] | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const values = decodeCursor(cursor, AFTER_FIELD, kinds.length);
  if (!values.every((v, i) => fits(kinds[i] ?? "text", v))) {
    throw invalid(AFTER_FIELD, httpWords.badCursor);
  }
  return values;
}

/**
 * A page of a keyset list from the `limit + 1` rows read after the cursor: the first `limit`, and
 * `next` (the key of the last one) only when there was one more, so the last page says so.
 */
export function keysetPage<T extends { key: readonly string[] }>(found: readonly T[], limit: number): { items: T[]; next: string | null } {
  const items = found.slice(0, limit);
  const last = items.at(-1);
  return { items, next: found.length > limit && last ? encodeCursor(last.key) : null };
}

/** The query of a keyset list: `after` (the `next` of the page before) and `limit`. */
export const keysetQuery = (limit: { default: number; maximum: number }) => ({
  after: Type.Optional(Cursor),
  limit: Int(1, limit.maximum, { default: limit.default }),
});

/**
 * A list answered as a bare array (as it was before it had pages) says where its next page is in a
 * `Link` header (RFC 8288, rel="next"): the same URL with `after` set, so old callers keep their array.
 */
export const NEXT_LINK_HEADER = {
  link: Type.String({ description: 'RFC 8288: `<the same URL with after=…>; rel="next"` when there is a next page (keyset)' }),
};

/** The `Link` header value for the next page of the list at `url` (path and query), or null on the last page. */
export function nextLink(url: string, next: string | null): string | null {
  if (next === null) {
    return null;
  }
  const [path = "", query = ""] = url.split("?", 2);
  const params = new URLSearchParams(query);
  params.set("after", next);
  return `<${path}?${params.toString()}>; rel="next"`;
}

/**
 * A page of a list answered as a bare array: the first `limit` of the `limit + 1` rows read, the
 * next page's URL in the reply's Link header when there is one (nextLink).
 */
export function arrayPage<T extends { key: readonly string[] }>(
  reply: { header: (name: string, value: string) => unknown },
  url: string,
  found: readonly T[],
  limit: number,
): T[] {
  const { items, next } = keysetPage(found, limit);
  const link = nextLink(url, next);
  if (link) {
    void reply.header("link", link);
  }
  return items;
}
