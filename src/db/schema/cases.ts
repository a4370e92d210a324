import { bigserial, boolean, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./auth.ts";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { obligations } from "./obligations.ts";

/**
 * A case: a customer's request the agreement promises an answer to (art. 2.4 DPIA help, and the
 * kinds after it), with its clock, thread, estimate, time and costs, and outcome.
 *  - open:      asked; the processor's answer is due (its obligation)
 *  - estimated: an estimate waits for the customer's consent
 *  - accepted:  the customer accepted the estimate; billable work may be logged
 *  - declined:  the customer declined the estimate; ended without billable work
 *  - closed:    ended with an outcome (and a deliverable, where the kind has one)
 */
export const CASE_STATUSES = ["open", "estimated", "accepted", "declined", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const cases = pgTable(
  "cases",
  {
    id: id(),
    /** Numbers the readable reference, V-<year of asking>-<number>. */
    number: bigserial("number", { mode: "number" }).notNull().unique(),
    kind: text("kind").notNull(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** The kind's request fields, as the customer gave them (validated by the kind's schema). */
    request: jsonb("request").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<CaseStatus>().notNull().default("open"),
    askedBy: uuid("asked_by").references(() => users.id),
    askedByName: text("asked_by_name").notNull(),
    askedAt: instant("asked_at").notNull(),
    obligationId: uuid("obligation_id").references(() => obligations.id),
    outcome: text("outcome"),
    outcomeNote: text("outcome_note"),
    closedAt: instant("closed_at"),
    closedBy: uuid("closed_by").references(() => users.id),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  // Newest question first, of a customer, of a status or of all (keyset: asked_at, id).
  (t) => [
    index("cases_controller").on(t.controllerId, t.askedAt, t.id),
    index("cases_status").on(t.status, t.askedAt, t.id),
    index("cases_asked").on(t.askedAt, t.id),
  ],
);

/** How an estimate prices the work: hours × an hourly rate, or a fixed price. */
export type EstimateMethod = "hourly" | "fixed";

/** art. 2.4 "redelijke kosten": the processor's estimate, which the customer accepts or declines before billable work. */
export const caseEstimates = pgTable(
  "case_estimates",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    method: text("method").$type<EstimateMethod>().notNull(),
    /** hourly: hours in hundredths (1.5 h = 150). */
    hoursHundredths: integer("hours_hundredths"),
    hourlyRateCents: integer("hourly_rate_cents"),
    totalCents: integer("total_cents").notNull(),
    currency: text("currency").notNull().default("EUR"),
    description: text("description").notNull(),
    status: text("status").$type<"proposed" | "accepted" | "declined" | "superseded">().notNull(),
    proposedAt: instant("proposed_at").notNull(),
    proposedBy: uuid("proposed_by").references(() => users.id),
    decidedAt: instant("decided_at"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedByName: text("decided_by_name"),
  },
  (t) => [index("case_estimates_case").on(t.caseId, t.proposedAt)],
);

/**
 * Time and cost logged against a case; a billable one becomes a billable item when its case is
 * finished (billable_at), and is exported once. An item voided after its export is not edited: a
 * credit line (negative, credits_id naming it) goes out in the next export.
 */
export const caseEntries = pgTable(
  "case_entries",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    type: text("type").$type<"time" | "cost" | "credit">().notNull(),
    description: text("description").notNull(),
    /** The day the work was done (YYYY-MM-DD, the processor's zone). */
    workDate: text("work_date").notNull(),
    minutes: integer("minutes"),
    rateCents: integer("rate_cents"),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("EUR"),
    billable: boolean("billable").notNull(),
    /** The accepted estimate a billable entry is consented under. */
    estimateId: uuid("estimate_id").references(() => caseEstimates.id),
    /** A credit line: the exported item it cancels. */
    creditsId: uuid("credits_id"),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => users.id),
    /** When it became a billable item (its case finished; a credit line: when written). */
    billableAt: instant("billable_at"),
    voidedAt: instant("voided_at"),
    voidedBy: uuid("voided_by").references(() => users.id),
    voidReason: text("void_reason"),
    exportId: uuid("export_id").references(() => billingExports.id),
  },
  (t) => [
    index("case_entries_case").on(t.caseId, t.createdAt),
    index("case_entries_unexported")
      .on(t.billableAt)
      .where(sql`${t.exportId} IS NULL AND ${t.billable}`),
    // The billable items' orders (keyset): a period's, one export's.
    index("case_entries_billable")
      .on(t.billableAt, t.id)
      .where(sql`${t.billable}`),
    index("case_entries_export")
      .on(t.exportId, t.billableAt, t.id)
      .where(sql`${t.exportId} IS NOT NULL`),
  ],
);

/** One export of billable items to the billing system: which period, when, by whom. */
export const billingExports = pgTable(
  "billing_exports",
  {
    id: id(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    itemCount: integer("item_count").notNull(),
    totalCents: integer("total_cents").notNull(),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => users.id),
    createdByName: text("created_by_name").notNull(),
  },
  // Newest export first (keyset: created_at, id).
  (t) => [index("billing_exports_created").on(t.createdAt, t.id)],
);

/**
 * A written instruction to process for another purpose (art. 1.2, GDPR 28(3)(a)) that the processor
 * accepted: the purpose it adds to its customer's Annex 1 (1B) for the services it names, from its
 * date. Either a purpose of the catalogue (term_code) or one in the customer's words (the labels).
 * Refused and warned-against instructions stay in their case only.
 */
export const instructedPurposes = pgTable(
  "instructed_purposes",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    caseId: uuid("case_id")
      .notNull()
      .unique()
      .references(() => cases.id, { onDelete: "cascade" }),
    /** Its code in Annex 1: the catalogue purpose's, or instruction-<case reference>. */
    code: text("code").notNull(),
    termCode: text("term_code"),
    labelNl: text("label_nl").notNull(),
    labelEn: text("label_en").notNull(),
    /** The codes of the services it is for. */
    services: text("services").array().notNull(),
    /** The day it applies from (YYYY-MM-DD, the processor's zone). */
    effectiveFrom: text("effective_from").notNull(),
    /** The case's readable reference (V-2026-12), which Annex 1 names. */
    reference: text("reference").notNull(),
    acceptedAt: instant("accepted_at").notNull(),
    acceptedBy: uuid("accepted_by").references(() => users.id),
  },
  (t) => [unique("instructed_purposes_code").on(t.controllerId, t.code)],
);

/** The figures of an estimate as evidence and API show them. */
export interface EstimateFigures {
  method: EstimateMethod;
  hoursHundredths: number | null;
  hourlyRateCents: number | null;
  totalCents: number;
  currency: string;
  description: string;
}
