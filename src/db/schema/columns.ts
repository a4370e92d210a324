import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

/** Instants are stored in UTC (timestamptz) and read as JS Dates. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => instant("created_at").notNull().defaultNow();
export const id = () => uuid("id").primaryKey().defaultRandom();

/** Binary content (a PDF, an attachment) as bytes. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
