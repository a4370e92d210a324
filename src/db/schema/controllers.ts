import type { AnnexContent } from "../../domain/annex.ts";
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, instant } from "./columns.ts";
import { services } from "./catalogue.ts";

/** A customer of the processor: the controller (verwerkingsverantwoordelijke). */
export const controllers = pgTable(
  "controllers",
  {
    id: id(),
    /** The billing system's customer number: the key imports match on. */
    customerNumber: text("customer_number").notNull().unique(),
    name: text("name").notNull(),
    kvk: text("kvk"),
    address: text("address"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country").notNull().default("NL"),
    locale: text("locale").$type<"nl" | "en">().notNull().default("nl"),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  // The staff list's order and keyset (modules/controllers listControllers).
  (t) => [index("controllers_name_number").on(t.name, t.customerNumber)],
);

/** The services a controller takes (Annex 1A) and what it pays for each (art. 11.1 cap). */
export const controllerServices = pgTable(
  "controller_services",
  {
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    monthlyFeeCents: integer("monthly_fee_cents").notNull().default(0),
    since: instant("since").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.controllerId, t.serviceId] }), index("controller_services_service").on(t.serviceId)],
);

/**
 * The domain names a customer uses (its websites and e-mail), by which a data subject's request
 * that reaches the processor (art. 8.1) finds the customer it is about. Lower case, without
 * "www." (example.nl). One name may be a customer's once; two customers may name the same one
 * (a reseller and its client): then staff choose.
 */
export const controllerDomains = pgTable(
  "controller_domains",
  {
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.controllerId, t.domain] }), index("controller_domains_domain").on(t.domain)],
);

/** art. 4.4: the controller's DPO or privacy contact, kept current by the controller. */
export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .unique()
      .references(() => controllers.id, { onDelete: "cascade" }),
    role: text("role").$type<"dpo" | "privacy_contact">().notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    updatedAt: instant("updated_at").notNull().defaultNow(),
    confirmedAt: instant("confirmed_at"),
    /** Set when delivery to this address failed after the last try (art. 4.4: keep it current). */
    failingSince: instant("failing_since"),
    failingReason: text("failing_reason"),
    // art. 4.4, the yearly confirmation (modules/contacts): one cycle at a time; a confirmation or a
    // change clears them all and schedules the next request.
    /** When the customer is next asked to confirm; null until the sweep (or a confirmation) schedules it. */
    confirmationDueAt: instant("confirmation_due_at"),
    /** When it was asked in the current cycle; null when not asked since the last confirmation. */
    confirmationRequestedAt: instant("confirmation_requested_at"),
    /** When the reminder of the current cycle goes, and when it went. */
    confirmationRemindAt: instant("confirmation_remind_at"),
    confirmationRemindedAt: instant("confirmation_reminded_at"),
    /** The end of the period to confirm (the customer's obligation's due instant); after it the contact is stale. */
    confirmationStaleAt: instant("confirmation_stale_at"),
    staleSince: instant("stale_since"),
  },
  (t) => [
    index("contacts_confirmation_due")
      .on(t.confirmationDueAt)
      .where(sql`${t.confirmationRequestedAt} IS NULL`),
    index("contacts_confirmation_remind")
      .on(t.confirmationRemindAt)
      .where(sql`${t.confirmationRemindedAt} IS NULL`),
    index("contacts_confirmation_stale")
      .on(t.confirmationStaleAt)
      .where(sql`${t.staleSince} IS NULL`),
    // The contacts that need attention, the longest first (modules/contacts listAttention's key).
    index("contacts_attention").on(sql`coalesce(least(${t.staleSince}, ${t.failingSince}), ${t.confirmationRequestedAt}, ${t.updatedAt})`, t.id),
  ],
);

/** Snapshot of a controller's Annex 1 per version; a change of services makes a new version. */
export type AnnexSnapshot = AnnexContent;

export const annexVersions = pgTable(
  "annex_versions",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: jsonb("content").$type<AnnexSnapshot>().notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("annex_versions_controller_version").on(t.controllerId, t.version)],
);
