import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { bytea, createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { obligations } from "./obligations.ts";

/** The rights of GDPR art. 15–22 a data subject may invoke. */
export const SUBJECT_RIGHTS = ["access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decisions"] as const;
export type SubjectRight = (typeof SUBJECT_RIGHTS)[number];

/** How the request reached the processor: its public form, or recorded by staff from a letter, call or e-mail. */
export const SUBJECT_REQUEST_SOURCES = ["web_form", "email", "letter", "phone", "other"] as const;
export type SubjectRequestSource = (typeof SUBJECT_REQUEST_SOURCES)[number];

/**
 *  - unconfirmed: sent through the form, its e-mail address not yet confirmed: no one sees it
 *  - received:    confirmed (or recorded by staff): the duty to forward runs; staff find the customer
 *  - forwarded:   told to the customer concerned, who acknowledges it and records what it did
 *  - not_ours:    it concerns none of the processor's customers; the requester was told so
 *  - closed:      the customer recorded its outcome
 */
export const SUBJECT_REQUEST_STATUSES = ["unconfirmed", "received", "forwarded", "not_ours", "closed"] as const;
export type SubjectRequestStatus = (typeof SUBJECT_REQUEST_STATUSES)[number];

/** What the customer did with a forwarded request. */
export const SUBJECT_REQUEST_OUTCOMES = ["handled", "not_ours", "forwarded_elsewhere"] as const;
export type SubjectRequestOutcome = (typeof SUBJECT_REQUEST_OUTCOMES)[number];

/** What the requester wrote: personal data, erased a retention period after the request ends. */
export interface SubjectRequestContent {
  name: string;
  email: string | null;
  phone: string | null;
  /** The organisation, website or e-mail domain the requester thinks holds its data, as typed. */
  organisation: string;
  website: string | null;
  message: string;
}

/**
 * A data subject's request that reached the processor (art. 8.1): forwarded to the customer it
 * concerns on a working-day clock. Its content (the requester's personal data) is seen only by the
 * processor's privacy staff and, once forwarded, the customer concerned; it is erased a period
 * after the end (content and files null, erased_at set); the skeleton (dates, right, source,
 * outcome) stays for the statistics.
 */
export const subjectRequests = pgTable(
  "subject_requests",
  {
    id: id(),
    /** Numbers the readable reference, B-<year of receipt>-<number>. */
    number: bigserial("number", { mode: "number" }).notNull().unique(),
    source: text("source").$type<SubjectRequestSource>().notNull(),
    right: text("right").$type<SubjectRight>().notNull(),
    /** The requester's language (its e-mails). */
    locale: text("locale").$type<"nl" | "en">().notNull(),
    status: text("status").$type<SubjectRequestStatus>().notNull(),
    content: jsonb("content").$type<SubjectRequestContent>(),
    /** SHA-256 of the canonical content (and its files' hashes): the evidence keeps this, never the content. */
    contentSha256: text("content_sha256").notNull(),
    receivedAt: instant("received_at").notNull(),
    /** The form's confirmation link: only its SHA-256, until it is used or expires. */
    confirmTokenSha256: text("confirm_token_sha256"),
    confirmExpiresAt: instant("confirm_expires_at"),
    confirmedAt: instant("confirmed_at"),
    /** The network the form came from (IPv4 /24, IPv6 /48), for the flood limit; erased with the content. */
    network: text("network"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    /** The processor's duty to forward it (art. 8.1), from confirmation or recording. */
    obligationId: uuid("obligation_id").references(() => obligations.id),
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "set null" }),
    forwardedAt: instant("forwarded_at"),
    forwardedBy: uuid("forwarded_by").references(() => users.id),
    /** Whether the requester was told its request went to the organisation responsible (art. 8.1, "may"). */
    requesterTold: boolean("requester_told").notNull().default(false),
    outcome: text("outcome").$type<SubjectRequestOutcome>(),
    outcomeNote: text("outcome_note"),
    outcomeAt: instant("outcome_at"),
    outcomeBy: uuid("outcome_by").references(() => users.id),
    closedAt: instant("closed_at"),
    /** When the content is erased: the end plus the retention period. */
    eraseAfter: instant("erase_after"),
    erasedAt: instant("erased_at"),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // The list's orders, newest first (keyset): all requests, one status's, a customer's.
    index("subject_requests_received")
      .on(t.receivedAt, t.id)
      .where(sql`${t.status} <> 'unconfirmed'`),
    index("subject_requests_status").on(t.status, t.receivedAt, t.id),
    index("subject_requests_controller").on(t.controllerId, t.receivedAt, t.id),
    index("subject_requests_network").on(t.network, t.receivedAt),
  ],
);

/** A file of a request as received (the letter, the e-mail), with its SHA-256; erased with the content. */
export const subjectRequestFiles = pgTable(
  "subject_request_files",
  {
    id: id(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => subjectRequests.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("subject_request_files_request").on(t.requestId)],
);

/**
 * A ticket for the public form: handed out when the form is shown, spent by one submission made
 * no sooner than a few seconds later (a person reads and types; a script posts at once).
 */
export const formTickets = pgTable("form_tickets", {
  id: id(),
  issuedAt: instant("issued_at").notNull(),
  usedAt: instant("used_at"),
});

export type SubjectRequestRow = typeof subjectRequests.$inferSelect;
