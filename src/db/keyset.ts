import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

// Keyset pagination in SQL: a list is ordered by a key that is unique per row (its last part is the
// row's id), a page is the first `limit` rows after the key of the last row shown. An index on the
// key makes every page as cheap as the first, at any depth (an offset reads and drops the rows before).

/** The kinds of value a sort key has; a cursor's values are checked against them (http/cursor.ts). */
export type KeyKind = "instant" | "uuid" | "text" | "integer";

/** One part of a list's order. */
export interface SortKey {
  expr: SQLWrapper;
  kind: KeyKind;
  descending?: boolean;
}

const CASTS: Record<KeyKind, string> = { instant: "timestamptz", uuid: "uuid", text: "text", integer: "bigint" };

const typed = (key: SortKey, value: string): SQL => sql`${value}::${sql.raw(CASTS[key.kind])}`;

/**
 * The condition "after the row with these key values" in the order of `keys`, or undefined for the
 * first page. One direction throughout is a row comparison, which an index on the key serves.
 */
export function afterKey(keys: readonly SortKey[], after: readonly string[] | undefined): SQL | undefined {
  if (after === undefined) {
    return undefined;
  }
  if (after.length !== keys.length) {
    throw new Error(`a cursor of ${after.length} values for a key of ${keys.length}`);
  }
  const descending = keys[0]?.descending === true;
  if (keys.every((k) => (k.descending === true) === descending)) {
    const left = sql.join(
      keys.map((k) => sql`${k.expr}`),
      sql`, `,
    );
    const right = sql.join(
      keys.map((k, i) => typed(k, after[i] ?? "")),
      sql`, `,
    );
    return descending ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
  }
  // Mixed directions: k1 beyond v1, or k1 = v1 and (k2 beyond v2, or ...).
  const beyond = (i: number): SQL => {
    const key = keys[i];
    if (key === undefined) {
      return sql`false`;
    }
    const value = typed(key, after[i] ?? "");
    const strictly = key.descending ? sql`${key.expr} < ${value}` : sql`${key.expr} > ${value}`;
    return i === keys.length - 1 ? strictly : sql`(${strictly} or (${key.expr} = ${value} and ${beyond(i + 1)}))`;
  };
  return beyond(0);
}

/** The ORDER BY of `keys`. */
export function keyOrder(keys: readonly SortKey[]): SQL {
  return sql.join(
    keys.map((k) => (k.descending ? sql`${k.expr} desc` : sql`${k.expr} asc`)),
    sql`, `,
  );
}

/**
 * A row's key as text, to select beside the row (`key: keyText(keys)`): an instant to the
 * microsecond in UTC (a JavaScript Date would drop the microseconds PostgreSQL keeps, and the next
 * page would repeat or skip rows), the rest as their text.
 */
export function keyText(keys: readonly SortKey[]): SQL<string[]> {
  const parts = keys.map((k) => (k.kind === "instant" ? sql`to_char(${k.expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : sql`(${k.expr})::text`));
  return sql<string[]>`array[${sql.join(parts, sql`, `)}]::text[]`;
}

/** The ILIKE pattern "contains `text`", its own `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A customer's name or customer number contains `text` (a list's search `q`); `customer` is the controllers row. */
export function customerMatches(customer: { name: SQLWrapper; customerNumber: SQLWrapper }, text: string): SQL {
  const pattern = containsPattern(text);
  return sql`(${customer.name} ilike ${pattern} or ${customer.customerNumber} ilike ${pattern})`;
}
