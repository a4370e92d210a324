import { boolean, check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { instant } from "./columns.ts";

/** The processor running this installation: one row (id = 1). */
export const processor = pgTable(
  "processor",
  {
    id: integer("id").primaryKey().default(1),
    name: text("name").notNull(),
    kvk: text("kvk"),
    address: text("address"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country").notNull().default("NL"),
    /** art. 13.2: the court of the processor's seat. */
    court: text("court").notNull(),
    timeZone: text("time_zone").notNull().default("Europe/Amsterdam"),
    privacyEmail: text("privacy_email"),
    /** art. 12.1: countersign every customer signature automatically. */
    autoCountersign: boolean("auto_countersign").notNull().default(false),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [check("processor_single_row", sql`${t.id} = 1`)],
);
