import { boolean, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns.ts";

export type TermKind = "purpose" | "data_category" | "subject_category";

/** Vocabulary of Annex 1B (purposes), 1C (data categories) and 1D (data-subject categories). */
export const terms = pgTable(
  "terms",
  {
    id: id(),
    kind: text("kind").$type<TermKind>().notNull(),
    code: text("code").notNull(),
    labelNl: text("label_nl").notNull(),
    labelEn: text("label_en").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [unique("terms_kind_code").on(t.kind, t.code)],
);

/** Annex 1A: the processor's services. */
export const services = pgTable("services", {
  id: id(),
  code: text("code").notNull().unique(),
  nameNl: text("name_nl").notNull(),
  nameEn: text("name_en").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
  createdAt: createdAt(),
});

/** Which purposes and categories a service involves (art. 1.1, 1.2). */
export const serviceTerms = pgTable(
  "service_terms",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    termId: uuid("term_id")
      .notNull()
      .references(() => terms.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.termId] })],
);
