import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, unique, uuid } from "drizzle-orm/pg-core";
import type { BreachFactKey, StoredNoticeFacts } from "../../domain/breach-notice.ts";
import { users } from "./auth.ts";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { notices } from "./notices.ts";
import { obligations } from "./obligations.ts";

/** GDPR art. 33(5) / art. 6.2: what the processor decided an incident is, and whether to notify. */
export type IncidentDecision = "pending" | "notify" | "no_notify";
/** The risk to the people whose data are involved (GDPR art. 33(1), 34(1)). */
export type IncidentRisk = "none" | "unlikely" | "risk" | "high";
export type NoticeStage = "initial" | "follow_up" | "final";

/**
 * A security incident in the register (GDPR art. 33(5)): every one stays, breach or not. Its
 * discovery instant starts the 48-hour clock (art. 6.1) of every customer it affects. `facts` are
 * the art. 6.2 facts shared by every affected customer's notice (per-customer ones are on
 * incident_customers); `decision` is the latest assessment's.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: id(),
    /** Shown as INC-0001: a register is numbered. */
    number: serial("number").notNull().unique(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** When it started; with ended_at, the period. Null while not known. */
    startedAt: instant("started_at"),
    endedAt: instant("ended_at"),
    ongoing: boolean("ongoing").notNull().default(false),
    discoveredAt: instant("discovered_at").notNull(),
    /** How the processor discovered it (monitoring alert, a customer's report, ...). */
    discoveryHow: text("discovery_how").notNull(),
    systems: jsonb("systems").$type<string[]>().notNull(),
    serviceIds: jsonb("service_ids").$type<string[]>().notNull(),
    subprocessorIds: jsonb("subprocessor_ids").$type<string[]>().notNull(),
    decision: text("decision").$type<IncidentDecision>().notNull().default("pending"),
    facts: jsonb("facts").$type<StoredNoticeFacts>().notNull(),
    /** Whether a customer's notice may say how many customers the breach affects. */
    discloseCount: boolean("disclose_count").notNull().default(false),
    status: text("status").$type<"open" | "closed">().notNull().default("open"),
    closedAt: instant("closed_at"),
    closedBy: uuid("closed_by").references(() => users.id),
    closingSummary: text("closing_summary"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  // The register newest discovery first (keyset: discovered_at, number).
  (t) => [index("incidents_discovered_number").on(t.discoveredAt, t.number)],
);

/**
 * One assessment of an incident; a revision adds a row, so every earlier decision stays with its
 * reasoning and who took it. The incident's decision is the newest row's.
 */
export const incidentAssessments = pgTable(
  "incident_assessments",
  {
    id: id(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    personalData: boolean("personal_data").notNull(),
    /** art. 6.1: a breach "only when a leak really happened". */
    breach: boolean("breach").notNull(),
    confidentiality: boolean("confidentiality").notNull(),
    integrity: boolean("integrity").notNull(),
    availability: boolean("availability").notNull(),
    risk: text("risk").$type<IncidentRisk>().notNull(),
    decision: text("decision").$type<Exclude<IncidentDecision, "pending">>().notNull(),
    reasoning: text("reasoning").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedByName: text("decided_by_name").notNull(),
    decidedAt: instant("decided_at").notNull(),
  },
  (t) => [unique("incident_assessments_revision").on(t.incidentId, t.revision)],
);

/** Why Art28 proposed a customer: the services and sub-processors of the incident it takes. */
export interface AffectedBecause {
  serviceIds: string[];
  subprocessorIds: string[];
}

/**
 * A customer affected by an incident: its own art. 6.2 facts (counts, data kinds, ...) over the
 * shared ones, and its 48-hour duty (an obligation from the discovery instant).
 */
export const incidentCustomers = pgTable(
  "incident_customers",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    /** proposed: from the services and sub-processors; manual: added by the officer. */
    source: text("source").$type<"proposed" | "manual">().notNull(),
    because: jsonb("because").$type<AffectedBecause>().notNull(),
    facts: jsonb("facts").$type<StoredNoticeFacts>().notNull(),
    obligationId: uuid("obligation_id").references(() => obligations.id),
    addedAt: instant("added_at").notNull(),
    addedBy: uuid("added_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.controllerId] }), index("incident_customers_controller").on(t.controllerId)],
);

/**
 * A breach notice as sent to one customer: the facts exactly as they were (merged shared and own),
 * and which of them changed since this customer's previous notice (GDPR art. 33(4): in phases).
 */
export const breachNotices = pgTable(
  "breach_notices",
  {
    id: id(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => notices.id),
    sequence: integer("sequence").notNull(),
    stage: text("stage").$type<NoticeStage>().notNull(),
    facts: jsonb("facts").$type<StoredNoticeFacts>().notNull(),
    changed: jsonb("changed").$type<BreachFactKey[]>().notNull(),
    /** What the officer wrote for this round (e.g. what is new, or the closing summary). */
    message: text("message"),
    sentAt: instant("sent_at").notNull(),
    sentBy: uuid("sent_by").references(() => users.id),
  },
  (t) => [unique("breach_notices_sequence").on(t.incidentId, t.controllerId, t.sequence), index("breach_notices_controller").on(t.controllerId, t.sentAt)],
);
