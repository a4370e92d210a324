import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, serial, text, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { obligations } from "./obligations.ts";
import { billingExports } from "./cases.ts";

/** art. 10.2: a request for an audit: requested, or refused for want of a concrete, reasoned suspicion. */
export const AUDIT_STATUSES = ["requested", "refused"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** The two parties of an audit (art. 10): the processor's staff, or the customer. */
export const AUDIT_SIDES = ["processor", "customer"] as const;
export type AuditSide = (typeof AUDIT_SIDES)[number];

/** art. 10.1: an expert proposed by one side, accepted by the other, or replaced by a later proposal. */
export const EXPERT_STATUSES = ["proposed", "accepted", "superseded"] as const;
export type ExpertStatus = (typeof EXPERT_STATUSES)[number];

/** art. 10.4: who carries out an action after a finding. */
export const ACTION_CARRIERS = ["processor", "customer", "both"] as const;
export type ActionCarrier = (typeof ACTION_CARRIERS)[number];

/** art. 10.3: who asked for information: the customer, or the expert (recorded by either side). */
export const INFORMATION_ASKERS = ["customer", "expert"] as const;
export type InformationAsker = (typeof INFORMATION_ASKERS)[number];

/**
 * art. 10: a customer's audit of the processor, on a concrete, written, reasoned suspicion of misuse
 * (10.2). Confidential (9.1): its rows are the customer's own under row-level security, and the
 * routes admit only the admin, the privacy officer, and the customer's owner and privacy contact.
 * `earliest_at` is the start of the 14th calendar day after the written notice (`requested_at`).
 */
export const audits = pgTable(
  "audits",
  {
    id: id(),
    /** Shown as AU-<year>-0001. */
    number: serial("number").notNull().unique(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    requestedAt: instant("requested_at").notNull(),
    requestedByName: text("requested_by_name").notNull(),
    earliestAt: instant("earliest_at").notNull(),
    status: text("status").$type<AuditStatus>().notNull().default("requested"),
    refusal: text("refusal"),
    refusedAt: instant("refused_at"),
    refusedByName: text("refused_by_name"),
    /** The agreed expert (audit_experts.id). */
    expertId: uuid("expert_id"),
    /** The proposed or agreed date of the audit, who proposed it, and when the other side agreed. */
    dateAt: instant("date_at"),
    dateProposedBy: text("date_proposed_by").$type<AuditSide>(),
    dateAgreedAt: instant("date_agreed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("audits_controller").on(t.controllerId, t.requestedAt)],
);

/** art. 10.1: an expert proposed by one side: name, firm and the confidentiality undertaking (a file with its SHA-256). */
export const auditExperts = pgTable(
  "audit_experts",
  {
    id: id(),
    auditId: uuid("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    side: text("side").$type<AuditSide>().notNull(),
    name: text("name").notNull(),
    firm: text("firm").notNull(),
    fileId: uuid("file_id").notNull(),
    status: text("status").$type<ExpertStatus>().notNull().default("proposed"),
    proposedByName: text("proposed_by_name").notNull(),
    proposedAt: instant("proposed_at").notNull(),
    decidedAt: instant("decided_at"),
    decidedByName: text("decided_by_name"),
  },
  (t) => [index("audit_experts_audit").on(t.auditId)],
);

/** Files of an audit, kept byte for byte with their SHA-256: an expert's undertaking, an answer's attachments. */
export const auditFiles = pgTable(
  "audit_files",
  {
    id: id(),
    auditId: uuid("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    /** The information request an attachment answers; null for an undertaking. */
    informationRequestId: uuid("information_request_id"),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedByName: text("uploaded_by_name").notNull(),
    uploadedAt: instant("uploaded_at").notNull(),
  },
  (t) => [index("audit_files_audit").on(t.auditId)],
);

/** art. 10.3: a request for information, the processor's duty due 14 calendar days later, and its answer. */
export const auditInformationRequests = pgTable(
  "audit_information_requests",
  {
    id: id(),
    auditId: uuid("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    askedBy: text("asked_by").$type<InformationAsker>().notNull(),
    question: text("question").notNull(),
    askedByName: text("asked_by_name").notNull(),
    askedAt: instant("asked_at").notNull(),
    obligationId: uuid("obligation_id").references(() => obligations.id),
    dueAt: instant("due_at").notNull(),
    answer: text("answer"),
    answeredAt: instant("answered_at"),
    answeredByName: text("answered_by_name"),
    inTime: boolean("in_time"),
  },
  (t) => [index("audit_information_requests_audit").on(t.auditId)],
);

/** art. 10.4: a finding, recorded by one side and assessed jointly: the other side agrees to its assessment. */
export const auditFindings = pgTable(
  "audit_findings",
  {
    id: id(),
    auditId: uuid("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    assessment: text("assessment").notNull(),
    side: text("side").$type<AuditSide>().notNull(),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: instant("recorded_at").notNull(),
    agreedAt: instant("agreed_at"),
    agreedByName: text("agreed_by_name"),
  },
  (t) => [index("audit_findings_audit").on(t.auditId)],
);

/** art. 10.4: an action on a finding: who carries it out, its owner, and its due date on the obligation engine. */
export const auditActions = pgTable(
  "audit_actions",
  {
    id: id(),
    auditId: uuid("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    findingId: uuid("finding_id")
      .notNull()
      .references(() => auditFindings.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    carriedBy: text("carried_by").$type<ActionCarrier>().notNull(),
    owner: text("owner").notNull(),
    /** The local due date (YYYY-MM-DD); the duty ends at its last moment in the processor's zone. */
    dueDate: text("due_date").notNull(),
    dueAt: instant("due_at").notNull(),
    obligationId: uuid("obligation_id").references(() => obligations.id),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: instant("recorded_at").notNull(),
    doneAt: instant("done_at"),
    doneByName: text("done_by_name"),
    inTime: boolean("in_time"),
  },
  (t) => [index("audit_actions_audit").on(t.auditId)],
);

/** art. 10.5: the audit's costs, borne by the customer: each a billable item, exported once. */
export const auditCosts = pgTable(
  "audit_costs",
  {
    id: id(),
    auditId: uuid("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    /** The local date the cost was made (YYYY-MM-DD). */
    costDate: text("cost_date").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("EUR"),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: instant("recorded_at").notNull(),
    exportId: uuid("export_id").references(() => billingExports.id),
  },
  (t) => [
    index("audit_costs_audit").on(t.auditId),
    index("audit_costs_recorded").on(t.recordedAt, t.id),
    index("audit_costs_export")
      .on(t.exportId, t.recordedAt, t.id)
      .where(sql`${t.exportId} IS NOT NULL`),
  ],
);
