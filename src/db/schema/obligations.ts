import { boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { LocalizedText } from "../../domain/text.ts";
import type { ClockUnit } from "../../domain/legal-time.ts";
import { users, type StaffRole } from "./auth.ts";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";

export const OBLIGATION_STATUSES = ["open", "met", "lapsed", "cancelled"] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/**
 * A clock from the agreement, running for one customer: who must act, by when, and whether it was
 * met in time. Its due instant comes from the legal-time module and the clock of the agreement
 * version the customer signed.
 *  - duty:   someone must act by due_at (the processor: answer, notify); passing it escalates
 *  - window: someone may act until due_at (the customer: object); it closes, nothing escalates
 */
export const obligations = pgTable(
  "obligations",
  {
    id: id(),
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    nature: text("nature").$type<"duty" | "window">().notNull(),
    /** Who must (or may) act. */
    party: text("party").$type<"processor" | "controller">().notNull(),
    /** The staff roles that answer for it and receive its escalation. */
    responsibleRoles: jsonb("responsible_roles").$type<StaffRole[]>().notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    /** The article and clock it runs on, e.g. art. 5.2, 14 cd from template version 1. */
    article: text("article").notNull(),
    clockUnit: text("clock_unit").$type<ClockUnit>().notNull(),
    clockAmount: integer("clock_amount").notNull(),
    templateVersion: integer("template_version"),
    zone: text("zone").notNull(),
    triggerAt: instant("trigger_at").notNull(),
    dueAt: instant("due_at").notNull(),
    reminders: jsonb("reminders").$type<string[]>().notNull(),
    /** The next reminder the sweep sends; null when none is left. */
    nextReminderAt: instant("next_reminder_at"),
    status: text("status").$type<ObligationStatus>().notNull().default("open"),
    metAt: instant("met_at"),
    metInTime: boolean("met_in_time"),
    escalatedAt: instant("escalated_at"),
    closedAt: instant("closed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("obligations_open_due")
      .on(t.dueAt)
      .where(sql`${t.status} = 'open'`),
    index("obligations_reminder")
      .on(t.nextReminderAt)
      .where(sql`${t.status} = 'open' AND ${t.nextReminderAt} IS NOT NULL`),
    index("obligations_controller").on(t.controllerId, t.dueAt),
    // The deadlines list's order and keyset (modules/obligations listObligations) by status.
    index("obligations_status_due").on(t.status, t.dueAt, t.id),
    index("obligations_subject").on(t.subjectType, t.subjectId),
  ],
);

/** A user's iCalendar feed: the URL carries a secret token; only its SHA-256 is stored. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});
