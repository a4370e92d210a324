import type { RecipientRole } from "../../domain/evidence-recipient.ts";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { StaffRole } from "./auth.ts";
import { users } from "./auth.ts";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";

/**
 * Each notice kind's data, declared by the module that sends it (module augmentation):
 *
 *     declare module "../../db/schema/notices.ts" {
 *       interface NoticeKinds { breach_notice: BreachNotice }
 *     }
 *
 * The core names no kind; the union of the declared ones types the `kind` and `data` columns.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modules
export interface NoticeKinds {}
export type NoticeKind = keyof NoticeKinds & string;
export type NoticeData = NoticeKinds[keyof NoticeKinds];

/**
 * A notice: what the processor tells a customer (or its own staff). Written in the same transaction
 * as the act that causes it (transactional outbox); its deliveries carry it to each recipient. The
 * notice itself is the portal inbox entry.
 */
export const notices = pgTable(
  "notices",
  {
    id: id(),
    /** Numbers notices in the order written: the readable reference people quote (`N-2026-000123`, `noticeReference`). */
    number: bigserial("number", { mode: "number" }).notNull().unique(),
    /** The customer told; null for a notice to the processor's own staff. */
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "cascade" }),
    /** For staff notices: the roles whose users receive it. */
    staffRoles: jsonb("staff_roles").$type<StaffRole[]>(),
    kind: text("kind").$type<NoticeKind>().notNull(),
    data: jsonb("data").$type<NoticeData>().notNull(),
    /** What the notice is about, e.g. ("subprocessor_change", id). */
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    requiresAck: boolean("requires_ack").notNull().default(false),
    createdAt: createdAt(),
    /** First opened in the portal, and by whom. */
    openedAt: instant("opened_at"),
    openedBy: uuid("opened_by").references(() => users.id),
    acknowledgedAt: instant("acknowledged_at"),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
  },
  (t) => [
    // The inboxes' order and keyset (modules/notices listNotices): a customer's, and the staff's.
    index("notices_controller_created").on(t.controllerId, t.createdAt, t.id),
    index("notices_staff_created")
      .on(t.createdAt, t.id)
      .where(sql`${t.staffRoles} IS NOT NULL`),
    index("notices_subject").on(t.subjectType, t.subjectId),
  ],
);

export const DELIVERY_STATUSES = ["pending", "sent", "held", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One notice on its way to one recipient over one channel. The worker claims a pending row
 * (FOR UPDATE SKIP LOCKED), sends it, and marks it in the same transaction, so a notice is sent
 * once however many workers run and wherever one is killed.
 *  - pending: to be sent at next_attempt_at (first try, or a retry after a refusal or bounce)
 *  - sent:    accepted by the SMTP server / a 2xx from the webhook endpoint
 *  - held:    email with no SMTP configured (embedded mode): kept in the outbox the back-office shows
 *  - failed:  the last try failed; the contact is marked failing and people are told
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: id(),
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "cascade" }),
    channel: text("channel").$type<"email" | "webhook">().notNull(),
    /** Email: the address; webhook: the endpoint URL at the time of writing. */
    recipient: text("recipient").notNull(),
    recipientName: text("recipient_name"),
    /** Who the recipient is: privacy_contact, owner, staff, endpoint, user (about its account), data_subject (evidence names it by hash only). */
    recipientRole: text("recipient_role").$type<RecipientRole>().notNull(),
    locale: text("locale").$type<"nl" | "en">().notNull(),
    webhookEndpointId: uuid("webhook_endpoint_id").references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    /** Email Message-ID (stable across retries) or webhook-id. */
    messageId: text("message_id").notNull(),
    /** The message as sent, for the evidence bundle. */
    subject: text("subject"),
    body: text("body"),
    bodySha256: text("body_sha256"),
    sentAt: instant("sent_at"),
    bouncedAt: instant("bounced_at"),
    failedAt: instant("failed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("deliveries_due")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("deliveries_notice").on(t.noticeId),
    index("deliveries_controller").on(t.controllerId, t.createdAt),
    index("deliveries_message_id").on(t.messageId),
    // The outbox's order and keyset (modules/notices listDeliveries): all, by status, a webhook's log.
    index("deliveries_created").on(t.createdAt, t.id),
    index("deliveries_status_created").on(t.status, t.createdAt, t.id),
    index("deliveries_endpoint_created")
      .on(t.webhookEndpointId, t.createdAt, t.id)
      .where(sql`${t.webhookEndpointId} IS NOT NULL`),
  ],
);

/** Every try of a delivery: the delivery log a customer sees for its webhooks, and staff for email. */
export const deliveryAttempts = pgTable(
  "delivery_attempts",
  {
    id: id(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: instant("at").notNull(),
    outcome: text("outcome").$type<"sent" | "refused" | "error" | "bounced">().notNull(),
    /** SMTP reply or HTTP status line, truncated. */
    response: text("response"),
    httpStatus: integer("http_status"),
    durationMs: integer("duration_ms"),
    /**
     * The e-mail exactly as handed to the relay (RFC 5322, as the relay received it), on the try the
     * relay took. A notice carrying a single-use link keeps a copy composed alike with the secret
     * replaced (its notice.sent event holds the hash of each). Null before migration 0023.
     */
    message: text("message"),
    /** A webhook try's request headers as sent, its webhook-timestamp and webhook-signature included. */
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>(),
  },
  (t) => [index("delivery_attempts_delivery").on(t.deliveryId, t.attempt)],
);

/** A customer's webhook endpoint (Standard Webhooks: signed with its secret). */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** "whsec_" + base64 of 32 random bytes. */
    secret: text("secret").notNull(),
    createdAt: createdAt(),
    disabledAt: instant("disabled_at"),
  },
  (t) => [index("webhook_endpoints_controller").on(t.controllerId)],
);
