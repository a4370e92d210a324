// How notices and deliveries leave the API: the fields a caller may see, the notice's readable
// reference, and each delivery's status in words (a held email is "held, not sent", never "sent").
import { iso } from "../../http/schemas.ts";
import { noticeReference } from "../../domain/notice-reference.ts";
import type { DeliveryStatus } from "../../db/schema/index.ts";
import { noticeKindLabel } from "./kind-registry.ts";
import { noticeTitle } from "./render.ts";
import type { deliveriesOf, findDelivery, findNotice } from "./queries.ts";
import { noticeWords } from "./words.ts";
import { hideSecrets, renderableData, secretValues } from "./secrets.ts";

type NoticeRow = NonNullable<Awaited<ReturnType<typeof findNotice>>>;
type DeliveryRow = Pick<
  Awaited<ReturnType<typeof deliveriesOf>>[number],
  "id" | "channel" | "recipient" | "recipientRole" | "status" | "attempts" | "lastError" | "sentAt" | "failedAt" | "nextAttemptAt"
>;
type DeliveryDetailRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

/** A delivery's status as people read it, and for a held one why it was not sent. */
export function deliveryStatusText(status: DeliveryStatus) {
  return {
    statusLabel: noticeWords.deliveryStatus[status],
    statusNote: status === "held" ? noticeWords.heldExplanation : null,
  };
}

export const noticeListItem = (notice: NoticeRow, locale: "nl" | "en") => ({
  id: notice.id,
  reference: noticeReference(notice.number, notice.createdAt),
  controllerId: notice.controllerId,
  kind: notice.kind,
  kindLabel: noticeKindLabel(notice.kind),
  audience: notice.staffRoles ? ("staff" as const) : ("customer" as const),
  // A secret never shows, not even in a title (notices/secrets.ts).
  title: hideSecrets(noticeTitle(renderableData(notice.data), locale), [], locale),
  subjectType: notice.subjectType,
  subjectId: notice.subjectId,
  requiresAck: notice.requiresAck,
  createdAt: notice.createdAt.toISOString(),
  openedAt: iso(notice.openedAt),
  acknowledgedAt: iso(notice.acknowledgedAt),
});

export const deliverySummary = (d: DeliveryRow) => ({
  id: d.id,
  channel: d.channel,
  recipient: d.recipient,
  recipientRole: d.recipientRole,
  status: d.status,
  ...deliveryStatusText(d.status),
  attempts: d.attempts,
  lastError: d.lastError,
  sentAt: iso(d.sentAt),
  failedAt: iso(d.failedAt),
  nextAttemptAt: d.nextAttemptAt.toISOString(),
});

/** A delivery's subject as the API shows it: a secret of its notice replaced by the placeholder. */
export const shownSubject = (d: Pick<DeliveryDetailRow, "subject" | "noticeData">, locale: "nl" | "en") =>
  d.subject === null ? null : hideSecrets(d.subject, secretValues(d.noticeData), locale);

export const deliveryDetail = (d: DeliveryDetailRow, locale: "nl" | "en") => ({
  ...deliverySummary(d),
  noticeId: d.noticeId,
  noticeReference: noticeReference(d.noticeNumber, d.noticeCreatedAt),
  controllerId: d.controllerId,
  kind: d.kind,
  kindLabel: noticeKindLabel(d.kind),
  messageId: d.messageId,
  subject: shownSubject(d, locale),
  body: d.body === null ? null : hideSecrets(d.body, secretValues(d.noticeData), locale),
  bodySha256: d.bodySha256,
  createdAt: d.createdAt.toISOString(),
  attemptsLog: d.attemptsLog.map((a) => ({
    attempt: a.attempt,
    at: a.at.toISOString(),
    outcome: a.outcome,
    response: a.response,
    httpStatus: a.httpStatus,
    durationMs: a.durationMs,
  })),
});
