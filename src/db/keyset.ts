import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { rows, type Db } from "./engine.ts";

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
 * first page: a row comparison, which an index on the key serves. Every part of a key goes the
 * same way (an index walked backwards serves a descending one).
 */
export function afterKey(keys: readonly SortKey[], after: readonly string[] | undefined): SQL | undefined {
  if (after === undefined) {
    return undefined;
  }
  if (after.length !== keys.length) {
    throw new Error(`a cursor of ${after.length} values for a key of ${keys.length}`);
  }
  const descending = keys[0]?.descending === true;
  if (!keys.every((k) => (k.descending === true) === descending)) {
    throw new Error("a keyset key goes one way");
  }
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

/**
 * `controllerId` is a customer whose name or number contains `text`: a condition on the list's own
 * table, so the page is chosen from that table alone (by its own index) before anything is joined.
 * In the processor's scope the customers are found by controllers_matching (migration 0021: their
 * trigram indexes, which row-level security keeps ILIKE from; 215 ms at 100,000 customers by
 * ILIKE); in a customer's scope, or none, that function answers nothing and its own row is matched
 * as it is (the branch's scope test is a one-time filter: the branch not taken reads no row).
 */
export function ofCustomerMatching(controllerId: SQLWrapper, text: string): SQL {
  return sql`${controllerId} in (select controllers_matching(${containsPattern(text.toLowerCase())})
    union all select c.id from controllers c where coalesce(current_setting('art28.scope', true), '') <> 'processor'
      and ${customerMatches({ name: sql`c.name`, customerNumber: sql`c.customer_number` }, text)})`;
}

/** The most rows a list counts: beyond it the answer says "more than" (a count reads every row it counts). */
export const COUNT_LIMIT = 10_000;

/**
 * How many rows of `table` meet `condition`, counting no further than COUNT_LIMIT: `exact` is false
 * when there are more.
 */
export async function countUpTo(db: Db, table: SQLWrapper, condition: SQL | undefined, limit = COUNT_LIMIT): Promise<{ total: number; exact: boolean }> {
  const [found] = await rows<{ n: number | string }>(
    db,
    sql`select count(*) as n from (select 1 from ${table} where ${condition ?? sql`true`} limit ${limit + 1}) counted`,
  );
  const n = Number(found?.n ?? 0);
  return { total: Math.min(n, limit), exact: n <= limit };
}

/**
 * Whether a page of a list of `size` customers (an incident's affected ones, a change's
 * recipients), by name, is better found by walking every customer by name (controllers_name_number)
 * and keeping those on the list, than by sorting the list: when the list holds at least a twentieth
 * of all customers, a page of 100 is met within some 2,000 customers walked. The planner cannot
 * choose this itself: row-level security's filter hides how many rows a scope sees.
 */
export async function walkCustomersByName(db: Db, size: number): Promise<boolean> {
  if (size < 1_000) {
    return false;
  }
  const [estimate] = await rows<{ n: number | string }>(db, sql`select reltuples as n from pg_class where relname = 'controllers' and relkind = 'r'`);
  let customers = Number(estimate?.n ?? -1);
  if (!(customers > 0)) {
    const [counted] = await rows<{ n: number | string }>(db, sql`select count(*) as n from controllers`);
    customers = Number(counted?.n ?? 0);
  }
  return size * 20 >= customers;
}
