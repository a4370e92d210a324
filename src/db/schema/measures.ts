import { boolean, customType, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import type { Annex2Changes, Annex2Measure, MeasureTheme } from "../../domain/annex2.ts";
import { users } from "./auth.ts";
import { createdAt, id, instant } from "./columns.ts";
import { obligations } from "./obligations.ts";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export { MEASURE_THEMES, type MeasureTheme } from "../../domain/annex2.ts";
/** "implemented" is a measure in place; only those are in Annex 2 and on the trust page. */
export const MEASURE_STATUSES = ["planned", "implemented", "retired"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Annex 2: technical and organisational measures (art. 7.1), a living register. */
export const measures = pgTable("measures", {
  id: id(),
  code: text("code").notNull().unique(),
  theme: text("theme").$type<MeasureTheme>().notNull().default("organisational"),
  categoryNl: text("category_nl").notNull(),
  categoryEn: text("category_en").notNull(),
  titleNl: text("title_nl").notNull(),
  titleEn: text("title_en").notNull(),
  descriptionNl: text("description_nl").notNull(),
  descriptionEn: text("description_en").notNull(),
  /** The staff member who answers for the measure. */
  ownerUserId: uuid("owner_user_id").references(() => users.id),
  status: text("status").$type<MeasureStatus>().notNull().default("implemented"),
  reviewIntervalMonths: integer("review_interval_months").notNull().default(12),
  /** The last review's instant (measure_reviews holds them all). */
  lastReviewedAt: instant("last_reviewed_at"),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: createdAt(),
});

/** A review of a measure: when, by whom, what was found; whether it met its review duty in time. */
export const measureReviews = pgTable(
  "measure_reviews",
  {
    id: id(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    reviewedAt: instant("reviewed_at").notNull(),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    note: text("note").notNull(),
    /** The review duty this review met, and whether in time (null: none was open). */
    obligationId: uuid("obligation_id").references(() => obligations.id),
    inTime: boolean("in_time"),
    createdAt: createdAt(),
  },
  (t) => [index("measure_reviews_measure").on(t.measureId, t.reviewedAt)],
);

/** Evidence that a measure works (a policy, a test report, a screenshot): staff only. */
export const measureEvidence = pgTable(
  "measure_evidence",
  {
    id: id(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: instant("uploaded_at").notNull(),
  },
  (t) => [index("measure_evidence_measure").on(t.measureId)],
);

/** A published Annex 2 (art. 7.1): the same for every customer; an agreement keeps the one it was signed on. */
export const annex2Versions = pgTable(
  "annex2_versions",
  {
    id: id(),
    version: integer("version").notNull(),
    measures: jsonb("measures").$type<Annex2Measure[]>().notNull(),
    changes: jsonb("changes").$type<Annex2Changes>().notNull(),
    note: text("note").notNull().default(""),
    publishedAt: instant("published_at").notNull(),
    publishedBy: uuid("published_by").references(() => users.id),
  },
  (t) => [unique("annex2_versions_version").on(t.version)],
);
