/**
 * Notices that carry a secret (a single-use link: an invitation, a password reset; the kind declares
 * `secret` in kind-registry.ts). The rule:
 *  - Only the e-mail to the recipient shows the link. Every API answer that shows such a notice's
 *    data, its rendered text, or a delivery's subject or body shows a placeholder in the reader's
 *    language instead, to every role, admins included.
 *  - The secret stays in the notice's data only while the outbox may still need it to render the
 *    e-mail: the worker removes it in the transaction that marks the delivery sent (outbox-sql.ts),
 *    unless another e-mail of the notice is still to go out. A delivery's stored body never holds
 *    it (held and sent bodies are stored with the placeholder; the hash is of the message itself).
 *  - A secret still there when its link expires (`until`: a held e-mail, a failed one) is removed
 *    by the sweep (scrubExpiredSecrets). A link that was used is then dead already (single use);
 *    its stored secret goes at the expiry at the latest (an hour for a reset, days for an invitation).
 *  - A delivery whose secret is gone or expired is not sent, and is not replayed: ask for a new link.
 */
import type { Db } from "../../db/engine.ts";
import type { NoticeData } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Locale } from "../../domain/text.ts";
import { noticeKindOf, secretNoticeKinds } from "./kind-registry.ts";
import { removeExpiredSecrets } from "./queries.ts";
import { noticeWords } from "./words.ts";

/** Stands in for a secret when a notice is rendered for the API; URL-safe, so it stays inside its link. */
const STAND_IN = "ART28-SINGLE-USE-LINK-HIDDEN";

type Data = Record<string, unknown>;

function secretOf(data: NoticeData) {
  return noticeKindOf(data.kind).secret;
}

/** The data fields that hold the kind's secret (none for most kinds). */
export function secretFields(data: NoticeData): readonly string[] {
  return secretOf(data)?.fields ?? [];
}

/** The secret values the stored data still holds. */
export function secretValues(data: NoticeData): string[] {
  const values = secretFields(data).map((field) => (data as unknown as Data)[field]);
  return values.filter((value): value is string => typeof value === "string" && value.length > 0);
}

/**
 * Why an e-mail of this notice must not be sent (any more), or null: its secret was removed, or its
 * link has expired.
 */
export function secretUnusable(data: NoticeData, now: Date): string | null {
  const secret = secretOf(data);
  if (!secret) {
    return null;
  }
  if (secretValues(data).length < secret.fields.length) {
    return "its single-use link was removed (sent, used or expired)";
  }
  const until = Date.parse(String((data as unknown as Data)[secret.until]));
  return Number.isFinite(until) && until <= now.getTime() ? "its single-use link expired before it was sent" : null;
}

/** The data without its secret fields (a webhook's payload). */
export function withoutSecrets(data: NoticeData): Data {
  const copy: Data = { ...(data as unknown as Data) };
  for (const field of secretFields(data)) {
    delete copy[field];
  }
  return copy;
}

/** The data as the API shows it: each secret field holds the placeholder. */
export function shownData(data: NoticeData, locale: Locale): Data {
  return replaceFields(data, noticeWords.secretLink[locale]);
}

/** The data to render a notice from for the API: the secret replaced by a stand-in that hideSecrets removes. */
export function renderableData(data: NoticeData): NoticeData {
  return replaceFields(data, STAND_IN) as unknown as NoticeData;
}

function replaceFields(data: NoticeData, value: string): Data {
  const copy: Data = { ...(data as unknown as Data) };
  for (const field of secretFields(data)) {
    copy[field] = value;
  }
  return copy;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A text with every link (or word) that holds one of the secrets, or the API's stand-in, replaced by
 * the placeholder in `locale`; a placeholder stored in the other language is put in `locale` too.
 */
export function hideSecrets(text: string, secrets: readonly string[], locale: Locale): string {
  const placeholder = noticeWords.secretLink[locale];
  let out = text;
  for (const secret of [...secrets, STAND_IN]) {
    out = out.replace(new RegExp(`[^\\s"'<>()\\[\\]]*${escapeRegExp(secret)}[^\\s"'<>()\\[\\]]*`, "g"), placeholder);
  }
  for (const stored of Object.values(noticeWords.secretLink)) {
    out = out.replaceAll(stored, placeholder);
  }
  return out;
}

/** The same for HTML: a link to the secret becomes the placeholder as text, not a link. */
export function hideSecretsInHtml(html: string, secrets: readonly string[], locale: Locale): string {
  const placeholder = escapeHtml(noticeWords.secretLink[locale]);
  let out = html;
  for (const secret of [...secrets, STAND_IN]) {
    const pattern = escapeRegExp(secret);
    out = out.replace(new RegExp(`<a\\b[^>]*${pattern}[^>]*>[\\s\\S]*?</a>`, "g"), `<span>${placeholder}</span>`);
  }
  return hideSecrets(out, secrets, locale);
}

/**
 * The sweep's step: removes the secrets whose links have expired from the notices that still hold
 * them (a held e-mail, a failed one). Their deliveries' bodies never held them.
 */
export async function scrubExpiredSecrets(tx: Db, clock: Clock): Promise<number> {
  let scrubbed = 0;
  for (const kind of secretNoticeKinds()) {
    const secret = kind.secret;
    if (!secret || secret.fields.length === 0) {
      continue;
    }
    scrubbed += await removeExpiredSecrets(tx, kind.kind, secret.fields, secret.until, clock.now());
  }
  return scrubbed;
}
