import { customType, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../../domain/text.ts";
import type { TransferMechanism } from "../../domain/transfers.ts";
import { users } from "./auth.ts";
import { services } from "./catalogue.ts";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { notices } from "./notices.ts";
import { obligations } from "./obligations.ts";

/** What a sub-processor change does (art. 5.2). */
export type SubprocessorChangeKind = "add" | "replace" | "remove" | "relocate";
/** How an objection ends (art. 5.3). */
export type ObjectionOutcome = "withdrawn" | "resolved" | "customer_leaves";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * art. 5: a sub-processor the processor engages (or proposes to).
 *  - proposed: named in an announced change that has not taken effect
 *  - active:   engaged; listed on the trust page and in the customers' Annex 1
 *  - removed:  no longer engaged
 */
export const subprocessors = pgTable("subprocessors", {
  id: id(),
  name: text("name").notNull(),
  activity: jsonb("activity").$type<LocalizedText>().notNull(),
  website: text("website"),
  status: text("status").$type<"proposed" | "active" | "removed">().notNull(),
  /** art. 5.3: the contract on file, which a customer may ask to read. */
  contractFileName: text("contract_file_name"),
  contractMediaType: text("contract_media_type"),
  contractSha256: text("contract_sha256"),
  contractBytes: bytea("contract_bytes"),
  contractUploadedAt: instant("contract_uploaded_at"),
  createdAt: createdAt(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

/** art. 3.1: where a sub-processor processes data, and on what ground if outside the EEA. */
export const subprocessorLocations = pgTable(
  "subprocessor_locations",
  {
    id: id(),
    subprocessorId: uuid("subprocessor_id")
      .notNull()
      .references(() => subprocessors.id, { onDelete: "cascade" }),
    country: text("country").notNull(),
    city: text("city"),
    mechanism: text("mechanism").$type<TransferMechanism>(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("subprocessor_locations_subprocessor").on(t.subprocessorId)],
);

/** Which services use which sub-processors: the path from a change to the customers it touches. */
export const serviceSubprocessors = pgTable(
  "service_subprocessors",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    subprocessorId: uuid("subprocessor_id")
      .notNull()
      .references(() => subprocessors.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.subprocessorId] }), index("service_subprocessors_subprocessor").on(t.subprocessorId)],
);

/** What a change will do, fixed at announcement. */
export interface ChangePlan {
  /** add/replace: the services that will use the (new) sub-processor. */
  serviceIds: string[];
  /** relocate: the locations after the move. */
  locations?: { country: string; city: string | null; mechanism: TransferMechanism | null }[];
}

/**
 * art. 5.2: an intended change, announced to every customer whose services it touches before it
 * takes effect.
 */
export const subprocessorChanges = pgTable(
  "subprocessor_changes",
  {
    id: id(),
    kind: text("kind").$type<SubprocessorChangeKind>().notNull(),
    /** add: the proposed one; replace: the new one; remove/relocate: the one concerned. */
    subprocessorId: uuid("subprocessor_id")
      .notNull()
      .references(() => subprocessors.id),
    /** replace: the one that goes. */
    replacesId: uuid("replaces_id").references(() => subprocessors.id),
    plan: jsonb("plan").$type<ChangePlan>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    status: text("status").$type<"announced" | "effective" | "withdrawn">().notNull(),
    announcedAt: instant("announced_at").notNull(),
    announcedBy: uuid("announced_by").references(() => users.id),
    /** The latest objection window end over the affected customers. */
    windowClosesAt: instant("window_closes_at").notNull(),
    /** Set by staff; never before window_closes_at. */
    effectiveAt: instant("effective_at"),
    appliedAt: instant("applied_at"),
    withdrawnAt: instant("withdrawn_at"),
    withdrawnReason: text("withdrawn_reason"),
    affectedCount: integer("affected_count").notNull().default(0),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  // Newest announcement first, of a status or of all (keyset: announced_at, id).
  (t) => [index("subprocessor_changes_status").on(t.status, t.announcedAt, t.id), index("subprocessor_changes_announced").on(t.announcedAt, t.id)],
);

/** One affected customer of a change: its notice and its own objection window. */
export const changeRecipients = pgTable(
  "change_recipients",
  {
    changeId: uuid("change_id")
      .notNull()
      .references(() => subprocessorChanges.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => notices.id),
    obligationId: uuid("obligation_id")
      .notNull()
      .references(() => obligations.id),
    windowEndsAt: instant("window_ends_at").notNull(),
    templateVersion: integer("template_version"),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.controllerId] }), index("change_recipients_controller").on(t.controllerId)],
);

/** A customer's reasoned, written objection (art. 5.2), which opens a consultation. */
export const objections = pgTable(
  "objections",
  {
    id: id(),
    changeId: uuid("change_id")
      .notNull()
      .references(() => subprocessorChanges.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    submittedAt: instant("submitted_at").notNull(),
    submittedBy: uuid("submitted_by").references(() => users.id),
    status: text("status").$type<"open" | ObjectionOutcome>().notNull().default("open"),
    outcomeNote: text("outcome_note"),
    outcomeAt: instant("outcome_at"),
    outcomeBy: uuid("outcome_by").references(() => users.id),
  },
  (t) => [
    unique("objections_change_controller").on(t.changeId, t.controllerId),
    index("objections_controller").on(t.controllerId),
    // The objections list's order and keyset (modules/subprocessors listObjections).
    index("objections_submitted").on(t.submittedAt, t.id),
  ],
);
