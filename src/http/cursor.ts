import { Type } from "typebox";
import { invalid } from "./errors.ts";
import { httpWords } from "./words.ts";

// A keyset cursor: where the next page of a list starts (the sort key of the last row shown),
// opaque to the client: base64url of a JSON array of strings. A list answers `next` with it.

/** The query parameter a keyset list takes: `next` of the page before. */
export const Cursor = Type.String({ maxLength: 1400, pattern: "^[A-Za-z0-9_-]{1,1400}$", description: "`next` of the page before (keyset)" });

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
