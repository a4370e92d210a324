import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, type StaffRole } from "./auth.ts";
import { id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";

/**
 * art. 2.3, 9.1: the confidentiality statement staff confirm before they see any customer's data,
 * versioned; a new version asks every staff user to confirm again.
 */
export const confidentialityStatements = pgTable("confidentiality_statements", {
  id: id(),
  version: integer("version").notNull().unique(),
  textNl: text("text_nl").notNull(),
  textEn: text("text_en").notNull(),
  /** SHA-256 of the two texts as published (the evidence names it). */
  sha256: text("sha256").notNull(),
  note: text("note"),
  publishedAt: instant("published_at").notNull().defaultNow(),
  publishedBy: text("published_by").notNull(),
});

/** A staff user's confirmation of one version of the statement (evidence: `confidentiality.confirmed`). */
export const confidentialityConfirmations = pgTable(
  "confidentiality_confirmations",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    statementId: uuid("statement_id")
      .notNull()
      .references(() => confidentialityStatements.id),
    confirmedAt: instant("confirmed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.statementId] })],
);

/** art. 9.1 "break glass": support staff's time-limited access to a customer not assigned to them, with its reason. */
export const breakGlassGrants = pgTable(
  "break_glass_grants",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    grantedAt: instant("granted_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [index("break_glass_grants_user").on(t.userId, t.expiresAt), index("break_glass_grants_controller").on(t.controllerId, t.grantedAt)],
);

/** Why a staff user could see a customer's data. */
export type AccessWhy = "role" | "assignment" | "break_glass";

/**
 * Who of the processor looked at a customer's personal data (art. 9.1): one row per staff user,
 * customer, record and minute. The customer reads its own rows (row-level security).
 */
export const accessLog = pgTable(
  "access_log",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The staff user's name and role when they looked (kept if the user goes). */
    userName: text("user_name").notNull(),
    staffRole: text("staff_role").$type<StaffRole>().notNull(),
    /** What was seen: a code of the route's declaration (http/personal-data.ts) and the record's id. */
    what: text("what").notNull(),
    recordId: uuid("record_id").notNull(),
    why: text("why").$type<AccessWhy>().notNull(),
    /** The break-glass reason, when that is why. */
    reason: text("reason"),
    grantId: uuid("grant_id").references(() => breakGlassGrants.id, { onDelete: "set null" }),
    at: instant("at").notNull(),
    /** `at` to the minute: at most one row per user, customer, record and minute. */
    minute: instant("minute").notNull(),
  },
  (t) => [
    uniqueIndex("access_log_once_a_minute").on(t.userId, t.controllerId, t.what, t.recordId, t.minute),
    // The log's order and keyset (modules/access listAccessLog): one customer's, and everyone's.
    index("access_log_controller").on(t.controllerId, t.at, t.id),
    index("access_log_at").on(t.at, t.id),
  ],
);
