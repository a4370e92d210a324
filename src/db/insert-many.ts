import { getTableColumns, getTableName, sql, type InferInsertModel } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./engine.ts";
import { batches } from "./batches.ts";

/**
 * Inserts many rows with one array parameter per column (`INSERT … SELECT * FROM unnest($1::t[], …)`):
 * a fan-out to ten thousand customers costs a few statements and almost no query building. Every
 * row must give the same columns (the first row's keys); a missing value is NULL, not the column's
 * default. Values are mapped by each column's own driver mapping (dates, JSON), as Drizzle would.
 */
export async function insertMany<T extends PgTable>(tx: Db, table: T, rows: InferInsertModel<T>[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0] as object).filter((key) => key in columns);
  for (const chunk of batches(rows as Record<string, unknown>[])) {
    const arrays = keys.map((key) => {
      const column = columns[key] as PgColumn;
      const type = column.getSQLType();
      const values = chunk.map((row) => {
        const value = row[key];
        if (value === undefined || value === null) {
          return null;
        }
        const mapped = column.mapToDriverValue(value);
        // jsonb goes through text: node-postgres would otherwise turn a JS array into a PG array.
        return type === "jsonb" ? (typeof mapped === "string" ? mapped : JSON.stringify(mapped)) : mapped;
      });
      return sql`${sql.param(values)}::${sql.raw(type === "jsonb" ? "text" : type)}[]`;
    });
    const names = keys.map((key) => sql.identifier((columns[key] as PgColumn).name));
    const selected = keys.map((key, index) => {
      const type = (columns[key] as PgColumn).getSQLType();
      return type === "jsonb" ? sql.raw(`c${index}::jsonb`) : sql.raw(`c${index}`);
    });
    await tx.execute(sql`insert into ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)})
      select ${sql.join(selected, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(keys.map((_, index) => `c${index}`).join(", "))})`);
  }
}
