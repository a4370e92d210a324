import { index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import type { AgreementDocument, TemplateParameters, TemplateText } from "../../domain/agreement-document.ts";
import { bytea, createdAt, id, instant } from "./columns.ts";
import { annexVersions, controllers } from "./controllers.ts";
import { users } from "./auth.ts";
import { annex2Versions } from "./measures.ts";

/** A published version of the agreement template (art. 12.3: changes need both parties' consent). */
export const templateVersions = pgTable("template_versions", {
  id: id(),
  version: integer("version").notNull().unique(),
  parameters: jsonb("parameters").$type<TemplateParameters>().notNull(),
  notes: text("notes").notNull().default(""),
  publishedAt: instant("published_at").notNull().defaultNow(),
  publishedBy: uuid("published_by").references(() => users.id),
});

export const templateTexts = pgTable(
  "template_texts",
  {
    templateVersionId: uuid("template_version_id")
      .notNull()
      .references(() => templateVersions.id),
    locale: text("locale").$type<"nl" | "en">().notNull(),
    text: jsonb("text").$type<TemplateText>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateVersionId, t.locale] })],
);

export const AGREEMENT_STATUSES = ["offered", "signed_by_customer", "in_force", "superseded", "withdrawn"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** One controller's agreement on one template version. */
export const agreements = pgTable(
  "agreements",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    templateVersionId: uuid("template_version_id")
      .notNull()
      .references(() => templateVersions.id),
    /** The annex the offer currently shows; frozen at the customer's signature. */
    annexVersionId: uuid("annex_version_id")
      .notNull()
      .references(() => annexVersions.id),
    /** The Annex 2 version the customer signed (art. 7.1); null before signing and for agreements signed before Annex 2 had versions. */
    annex2VersionId: uuid("annex2_version_id").references(() => annex2Versions.id),
    locale: text("locale").$type<"nl" | "en">().notNull(),
    status: text("status").$type<AgreementStatus>().notNull(),
    offeredAt: instant("offered_at").notNull(),
    /** SHA-256 of the exact PDF the controller signed, and the PDF itself. */
    documentSha256: text("document_sha256"),
    documentPdf: bytea("document_pdf"),
    /** The document model that produced that PDF: re-rendering it gives the same bytes. */
    documentJson: jsonb("document_json").$type<AgreementDocument>(),
    customerSignedAt: instant("customer_signed_at"),
    processorSignedAt: instant("processor_signed_at"),
    /** art. 12.1: the date of the last signature. */
    effectiveAt: instant("effective_at"),
    supersededAt: instant("superseded_at"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("agreements_controller_template").on(t.controllerId, t.templateVersionId),
    // The list's order (newest offer first, modules/agreements listAgreements), whole and by status.
    index("agreements_offered").on(t.offeredAt, t.id),
    index("agreements_status_offered").on(t.status, t.offeredAt, t.id),
  ],
);

export const signatures = pgTable(
  "signatures",
  {
    id: id(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    party: text("party").$type<"controller" | "processor">().notNull(),
    method: text("method").$type<"user" | "policy">().notNull(),
    userId: uuid("user_id").references(() => users.id),
    typedName: text("typed_name").notNull(),
    function: text("function").notNull(),
    consentText: text("consent_text").notNull(),
    documentSha256: text("document_sha256").notNull(),
    signedAt: instant("signed_at").notNull(),
    ip: text("ip"),
    /** Where `ip` came from: the connection ("socket") or a configured proxy's X-Forwarded-For ("forwarded"); null before this was recorded. */
    ipSource: text("ip_source").$type<"socket" | "forwarded">(),
    /** The configured proxy that forwarded the request, when ipSource is "forwarded". */
    proxyIp: text("proxy_ip"),
    userAgent: text("user_agent"),
  },
  (t) => [unique("signatures_agreement_party").on(t.agreementId, t.party)],
);
