import { Type } from "typebox";
import { Cursor } from "../../http/cursor.ts";
import { Instant, Int, Line, NullableInstant, Localized, Page, Text, Uuid } from "../../http/schemas.ts";

/**
 * A page of a list: `limit` rows after `after` (keyset; the answer's `next`). `page` and `pageSize`
 * are the offset pages the lists had before, still taken: `page` is ignored after a cursor, `limit`
 * wins over `pageSize`.
 */
export const Paging = {
  after: Type.Optional(Cursor),
  limit: Type.Optional(Int(1, 200, { description: "rows per page; default 50" })),
  page: Type.Optional(Page),
  pageSize: Type.Optional(Int(1, 200, { default: 50 })),
};

/** The rows per page and the offset a Paging query asks for. */
export function pageOf(query: { limit?: number | undefined; page?: number | undefined; pageSize?: number | undefined }) {
  const limit = query.limit ?? query.pageSize ?? 50;
  return { limit, offset: ((query.page ?? 1) - 1) * limit };
}

export const InboxQuery = Type.Object({
  ...Paging,
  unread: Type.Optional(Type.Boolean()),
  kind: Type.Optional(Line(100, { description: "one kind of notice" })),
  q: Type.Optional(Line(100, { description: "a notice's reference (N-2026-000123, or its number), or its customer's name or number" })),
  /** Staff: the notices of one customer (its inbox as the customer sees it). */
  controllerId: Type.Optional(Uuid),
});

/** A webhook endpoint's delivery log, a page at a time. */
export const DeliveryLogQuery = Type.Object({ ...Paging });

export const DeliverySummary = Type.Object({
  id: Uuid,
  channel: Type.Enum(["email", "webhook"]),
  recipient: Type.String(),
  recipientRole: Type.String(),
  status: Type.Enum(["pending", "sent", "held", "failed"]),
  /** The status in words: a held email (no SMTP configured) is "held, not sent", never "sent". */
  statusLabel: Localized,
  /** Why a held email did not go out (null for the other statuses). */
  statusNote: Type.Union([Localized, Type.Null()]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  sentAt: NullableInstant,
  failedAt: NullableInstant,
  nextAttemptAt: Instant,
});

/** A notice's readable reference, N-<year>-<number> (e.g. N-2026-000123), quoted in its e-mails. */
const NoticeReference = Type.String({ pattern: "^N-[0-9]{4}-[0-9]{6,}$", examples: ["N-2026-000123"] });

export const NoticeListItem = Type.Object({
  id: Uuid,
  reference: NoticeReference,
  controllerId: Type.Union([Uuid, Type.Null()]),
  kind: Type.String(),
  /** The kind in words, from the module that defines it. */
  kindLabel: Localized,
  /** Who the notice is to: the customer (portal inbox) or the processor's staff (back-office inbox). */
  audience: Type.Enum(["customer", "staff"]),
  title: Type.String(),
  subjectType: Type.Union([Type.String(), Type.Null()]),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  requiresAck: Type.Boolean(),
  createdAt: Instant,
  openedAt: NullableInstant,
  acknowledgedAt: NullableInstant,
});

export const NoticeDetail = Type.Object({
  ...NoticeListItem.properties,
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  deliveries: Type.Array(DeliverySummary),
});

export const AttemptOut = Type.Object({
  attempt: Type.Integer(),
  at: Instant,
  outcome: Type.String(),
  response: Type.Union([Type.String(), Type.Null()]),
  httpStatus: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
});

export const DeliveryDetail = Type.Object({
  ...DeliverySummary.properties,
  noticeId: Uuid,
  noticeReference: NoticeReference,
  controllerId: Type.Union([Uuid, Type.Null()]),
  kind: Type.String(),
  /** The kind in words, from the module that defines it. */
  kindLabel: Localized,
  messageId: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.Union([Type.String(), Type.Null()]),
  bodySha256: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  attemptsLog: Type.Array(AttemptOut),
});

export const OutboxQuery = Type.Object({
  ...Paging,
  status: Type.Optional(Type.Enum(["pending", "sent", "held", "failed"])),
  channel: Type.Optional(Type.Enum(["email", "webhook"])),
  q: Type.Optional(Line(200)),
});

export const OutboxItem = Type.Object({
  ...DeliverySummary.properties,
  noticeId: Uuid,
  noticeReference: NoticeReference,
  controllerId: Type.Union([Uuid, Type.Null()]),
  customerName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  /** The kind in words, from the module that defines it. */
  kindLabel: Localized,
  subject: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});

export const BounceBody = Type.Object({
  messageId: Line(300, { minLength: 3, description: "the Message-ID of the bounced email, with or without <>" }),
  reason: Text(2000, { minLength: 1 }),
});

export const WebhookEndpointBody = Type.Object({
  url: Type.String({ format: "uri", maxLength: 2000, description: "https://… (http:// only for localhost)" }),
  description: Type.Optional(Line(200)),
});

export const WebhookEndpointOut = Type.Object({
  id: Uuid,
  controllerId: Uuid,
  url: Type.String(),
  description: Type.String(),
  createdAt: Instant,
  disabledAt: NullableInstant,
});

export const WebhookEndpointCreated = Type.Object({
  ...WebhookEndpointOut.properties,
  /** Shown once: verify the webhook-signature header with it (Standard Webhooks). */
  secret: Type.String(),
});
