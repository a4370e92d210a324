import { index, integer, jsonb, pgTable, serial, text, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { bytea, createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { obligations } from "./obligations.ts";

/** Who deletes a line's data: the processor in its own systems, or a sub-processor (art. 5.3 flowing down). */
export const DELETION_PARTIES = ["processor", "subprocessor"] as const;
export type DeletionParty = (typeof DELETION_PARTIES)[number];

/** In what capacity the processor keeps held data (art. 12.4): as controller (its own invoices) or still as processor. */
export const HOLD_CAPACITIES = ["controller", "processor"] as const;
export type HoldCapacity = (typeof HOLD_CAPACITIES)[number];

export const CERTIFICATE_KINDS = ["final", "supplementary"] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/**
 * art. 12.2: the end of a customer's agreement, when its last service ended (import, API or
 * back-office). One per customer. The deletion plan is due `plan_due_at` (template parameter
 * `deletionPlanDays` after the end); the portal stays readable until `portal_closes_at`
 * (`portalReadableDays`), when the sweep closes the customer's users (`portal_closed_at`).
 */
export const agreementEndings = pgTable(
  "agreement_endings",
  {
    id: id(),
    /** Shown as BE-0001 (beëindiging). */
    number: serial("number").notNull().unique(),
    controllerId: uuid("controller_id")
      .notNull()
      .unique()
      .references(() => controllers.id, { onDelete: "cascade" }),
    endedAt: instant("ended_at").notNull(),
    /** How the last service ended: "import (…)", "services changed in the back-office", … */
    source: text("source").notNull(),
    /** The services taken until the end (codes), from which the plan was derived. */
    services: jsonb("services").$type<string[]>().notNull(),
    templateVersion: integer("template_version"),
    planDueAt: instant("plan_due_at").notNull(),
    planObligationId: uuid("plan_obligation_id").references(() => obligations.id),
    portalClosesAt: instant("portal_closes_at").notNull(),
    portalClosedAt: instant("portal_closed_at"),
    /** When the last line was confirmed (the final certificate). */
    completedAt: instant("completed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("agreement_endings_portal").on(t.portalClosesAt), index("agreement_endings_ended").on(t.endedAt, t.id)],
);

/** art. 12.2: one line of a deletion plan: a system (the processor's service, or a sub-processor) and a data category. */
export const deletionLines = pgTable(
  "deletion_lines",
  {
    id: id(),
    endingId: uuid("ending_id")
      .notNull()
      .references(() => agreementEndings.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    sortOrder: integer("sort_order").notNull(),
    party: text("party").$type<DeletionParty>().notNull(),
    /** The service (processor) or sub-processor (its id) the system is. */
    systemCode: text("system_code").notNull(),
    systemNl: text("system_nl").notNull(),
    systemEn: text("system_en").notNull(),
    categoryCode: text("category_code").notNull(),
    categoryNl: text("category_nl").notNull(),
    categoryEn: text("category_en").notNull(),
    /** When the data were deleted, how, and who confirmed it. */
    deletedAt: instant("deleted_at"),
    method: text("method"),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    confirmedByName: text("confirmed_by_name"),
    confirmedAt: instant("confirmed_at"),
    /** A sub-processor's own confirmation of deletion (art. 5.3), as received. */
    attachmentName: text("attachment_name"),
    attachmentMediaType: text("attachment_media_type"),
    attachmentSha256: text("attachment_sha256"),
    attachmentBytes: bytea("attachment_bytes"),
    attachmentAt: instant("attachment_at"),
  },
  (t) => [unique("deletion_lines_line").on(t.endingId, t.party, t.systemCode, t.categoryCode), index("deletion_lines_controller").on(t.controllerId)],
);

/** art. 12.4: data the processor must keep by law after the end: what, on what ground, in what capacity, until when. */
export const legalHolds = pgTable(
  "legal_holds",
  {
    id: id(),
    endingId: uuid("ending_id")
      .notNull()
      .references(() => agreementEndings.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    data: text("data").notNull(),
    legalGround: text("legal_ground").notNull(),
    capacity: text("capacity").$type<HoldCapacity>().notNull(),
    /** The last day the data must be kept (YYYY-MM-DD, the processor's zone); `endsAt` its end as an instant. */
    endsOn: text("ends_on").notNull(),
    endsAt: instant("ends_at").notNull(),
    /** The sweep's reminder that the hold ended and its data are to be deleted. */
    remindedAt: instant("reminded_at"),
    /** The held data deleted: when, how, who. */
    deletedAt: instant("deleted_at"),
    method: text("method"),
    releasedBy: uuid("released_by").references(() => users.id),
    releasedByName: text("released_by_name"),
    releasedAt: instant("released_at"),
    createdBy: uuid("created_by").references(() => users.id),
    createdByName: text("created_by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("legal_holds_due").on(t.endsAt), index("legal_holds_controller").on(t.controllerId)],
);

/** What a certificate states, fixed when issued (rendered in nl or en from it). */
export interface CertificateContent {
  reference: string;
  customerName: string;
  customerNumber: string;
  endedAt: string;
  lines: {
    party: DeletionParty;
    system: { nl: string; en: string };
    category: { nl: string; en: string };
    deletedAt: string;
    method: string;
    confirmedByName: string;
    attachmentSha256: string | null;
  }[];
  holds: { data: string; legalGround: string; capacity: HoldCapacity; endsOn: string; deletedAt: string | null; method: string | null }[];
}

/** A deletion certificate (art. 12.2): the final one when every line is confirmed; a supplementary one when a hold ends. */
export const deletionCertificates = pgTable(
  "deletion_certificates",
  {
    id: id(),
    endingId: uuid("ending_id")
      .notNull()
      .references(() => agreementEndings.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    kind: text("kind").$type<CertificateKind>().notNull(),
    holdId: uuid("hold_id").references(() => legalHolds.id),
    content: jsonb("content").$type<CertificateContent>().notNull(),
    /** The customer's language; `sha256` is of the PDF in it, the one its `ending.certificate_issued` event recorded. */
    locale: text("locale").$type<"nl" | "en">().notNull(),
    sha256: text("sha256").notNull(),
    /**
     * The PDF in `locale` as issued, stored in the transaction that issued it: what the download and the
     * evidence bundle give. Null for a certificate issued before the PDF was stored (the column added later), which
     * is rendered again from `content` (Typst: the same content gives the same bytes).
     */
    pdf: bytea("pdf"),
    issuedAt: instant("issued_at").notNull(),
  },
  (t) => [unique("deletion_certificates_number").on(t.endingId, t.number), index("deletion_certificates_controller").on(t.controllerId)],
);
