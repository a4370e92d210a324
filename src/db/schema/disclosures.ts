import { index, pgTable, primaryKey, serial, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { notices } from "./notices.ts";
import { obligations } from "./obligations.ts";

/** The kind of authority that ordered a disclosure, as the transparency report groups them. */
export const AUTHORITY_KINDS = ["police", "prosecutor", "court", "tax", "regulator", "intelligence", "other"] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

/** art. 9.2: what the processor decided to do with an order: pending until decided. */
export const DISCLOSURE_DECISIONS = ["pending", "comply", "comply_in_part", "contest"] as const;
export type DisclosureDecision = (typeof DISCLOSURE_DECISIONS)[number];

/** A gag order: none, until a date, or until lifted (by the authority or a court). */
export const GAG_KINDS = ["none", "until_date", "until_lifted"] as const;
export type GagKind = (typeof GAG_KINDS)[number];

/**
 * art. 9.2: an order of an authority to disclose personal data the processor holds for its
 * customers. The processor's own record: row-level security lets no customer's scope see it, nor
 * the concerned customers (which a gag may forbid telling). `gag_ended_at` is when the gag ended
 * (its date passed, or staff recorded it lifted): the customers' 24-hour duties start then.
 */
export const disclosureOrders = pgTable(
  "disclosure_orders",
  {
    id: id(),
    /** Shown as VB-0001 (verstrekkingsbevel). */
    number: serial("number").notNull().unique(),
    authority: text("authority").notNull(),
    authorityKind: text("authority_kind").$type<AuthorityKind>().notNull(),
    legalBasis: text("legal_basis").notNull(),
    receivedAt: instant("received_at").notNull(),
    /** What data the order asks for. */
    dataRequested: text("data_requested").notNull(),
    decision: text("decision").$type<DisclosureDecision>().notNull().default("pending"),
    reasoning: text("reasoning"),
    decidedAt: instant("decided_at"),
    decidedBy: uuid("decided_by").references(() => users.id),
    disclosedWhat: text("disclosed_what"),
    disclosedAt: instant("disclosed_at"),
    gag: text("gag").$type<GagKind>().notNull(),
    gagUntil: instant("gag_until"),
    gagEndedAt: instant("gag_ended_at"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [index("disclosure_orders_received").on(t.receivedAt), index("disclosure_orders_gag_due").on(t.gag, t.gagUntil)],
);

/** A customer whose data an order concerns; its duty to be told (once the gag allows) and the notice that met it. */
export const disclosureOrderCustomers = pgTable(
  "disclosure_order_customers",
  {
    orderId: uuid("order_id")
      .notNull()
      .references(() => disclosureOrders.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    obligationId: uuid("obligation_id").references(() => obligations.id),
    noticeId: uuid("notice_id").references(() => notices.id),
    notifiedAt: instant("notified_at"),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.controllerId] }), index("disclosure_order_customers_controller").on(t.controllerId)],
);

export const GAG_EFFORT_RESULTS = ["pending", "refused", "narrowed", "lifted"] as const;
export type GagEffortResult = (typeof GAG_EFFORT_RESULTS)[number];

/** The practice SCC 2021/914 clause 15.1(b) asks: each effort to have a gag lifted or narrowed, and its result. */
export const disclosureGagEfforts = pgTable(
  "disclosure_gag_efforts",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => disclosureOrders.id, { onDelete: "cascade" }),
    at: instant("at").notNull(),
    action: text("action").notNull(),
    result: text("result").$type<GagEffortResult>().notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("disclosure_gag_efforts_order").on(t.orderId, t.at)],
);

/**
 * art. 9.2 binds "een Partij": the customer telling the processor that it is legally obliged to
 * disclose the processor's confidential information. The customer's own row (tenant security).
 */
export const disclosureStatements = pgTable(
  "disclosure_statements",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    authority: text("authority").notNull(),
    legalBasis: text("legal_basis").notNull(),
    /** Which of the processor's confidential information it must disclose. */
    information: text("information").notNull(),
    /** When it must disclose (if known). */
    dueAt: instant("due_at"),
    note: text("note"),
    statedBy: uuid("stated_by").references(() => users.id),
    statedByName: text("stated_by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("disclosure_statements_controller").on(t.controllerId, t.createdAt)],
);
