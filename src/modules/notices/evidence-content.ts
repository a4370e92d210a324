// What the evidence bundle (modules/evidence) shows of a notice: its content as hashed into its
// notice.queued event, and its portal text. Single-use links never: the content is the data
// without secrets, the text shows the placeholder.
import canonicalize from "canonicalize";
import { createHash } from "node:crypto";
import type { NoticeData } from "../../db/schema/index.ts";
import { noticeReference } from "../../domain/notice-reference.ts";
import type { Locale } from "../../domain/text.ts";
import { noticeLink, type ProcessorContext } from "./context.ts";
import { renderNotice } from "./render.ts";
import { hideSecrets, renderableData, secretFields, withoutSecrets } from "./secrets.ts";

/** A notice's content: its data without secrets, as RFC 8785 JSON (what never changes, not even when a secret is removed). */
export function noticeContentJson(data: NoticeData): string {
  return canonicalize(withoutSecrets(data)) ?? "{}";
}

/** The SHA-256 of noticeContentJson, which the notice.queued event records. */
export function noticeContentSha256(data: NoticeData): string {
  return createHash("sha256").update(noticeContentJson(data), "utf8").digest("hex");
}

/** The notice's text as the portal shows it, in one language. */
export function noticePortalText(
  notice: { id: string; number: number; createdAt: Date; data: NoticeData; staffRoles: unknown },
  locale: Locale,
  context: ProcessorContext & { portalUrl: string },
): string {
  const rendered = renderNotice(renderableData(notice.data), locale, {
    ...context,
    noticeUrl: noticeLink(context.portalUrl, notice),
    reference: noticeReference(notice.number, notice.createdAt),
    recipientName: null,
    customerName: null,
  });
  return `${hideSecrets(rendered.subject, [], locale)}\n\n${hideSecrets(rendered.text, [], locale)}`;
}

/** Whether the notice's kind carries a single-use link: its stored email body shows a placeholder, not the text sent (whose hash the evidence has). */
export function noticeHidesSecret(data: NoticeData): boolean {
  return secretFields(data).length > 0;
}
