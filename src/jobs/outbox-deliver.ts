import { evidenceRecipient } from "../domain/evidence-recipient.ts";
import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../domain/clock.ts";
import type { Db } from "../db/engine.ts";
import { noticeLink, type ProcessorContext } from "../modules/notices/context.ts";
import { renderNotice } from "../modules/notices/render.ts";
import { hideSecrets, hideSecretsInHtml, secretFields, secretUnusable, secretValues, withoutSecrets } from "../modules/notices/secrets.ts";
import { noticeReference } from "../domain/notice-reference.ts";
import { endpointGone, failDelivery, holdDelivery, recordFailedTry, type DeliveryRef } from "./delivery-outcomes.ts";
import { classifyMailError, composeMail, MailSendError, type MailAddress, type Mailer, type MailMessage } from "./mailer.ts";
import type { DeliveryOutcome, Settlement } from "./outbox-session.ts";
import type { ClaimedDelivery } from "./outbox-sql.ts";
import { postWebhook } from "./webhook-client.ts";
import type { LatestCheckpoint } from "../modules/checkpoints/index.ts";
import { SECRET_HIDDEN_HEADER } from "../domain/evidence-bundle/layout.ts";

// One claimed delivery: render it, send it, and say what to record (the batch records it: see
// outbox-session.ts). See outbox-worker.ts for why this is exactly once, and its one window.

export type { DeliveryOutcome };

/** A tried delivery: what to record, and whether the relay itself failed (not this recipient: the batch stops). */
export interface Tried {
  settlement: Settlement;
  relayFailed: boolean;
}

export interface DeliverDeps {
  clock: Clock;
  /** null: no SMTP relay configured, email is held in the outbox. */
  mailer: Mailer | null;
  from: MailAddress;
  processor: ProcessorContext;
  /** ART28_PUBLIC_URL without a trailing slash. */
  portalUrl: string;
  webhookTimeoutMs: number;
  /** The latest published checkpoint, which every email and webhook carries (modules/checkpoints). */
  checkpoint?: () => Promise<LatestCheckpoint | null>;
}

const CHECKPOINT_WORDS = { nl: "Laatste controlepunt van het bewijslogboek", en: "Latest checkpoint of the evidence log" } as const;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function ref(d: ClaimedDelivery): DeliveryRef {
  return {
    id: d.id,
    noticeId: d.noticeId,
    noticeKind: d.notice.kind,
    controllerId: d.controllerId,
    channel: d.channel,
    recipient: d.recipient,
    recipientRole: d.recipientRole,
    messageId: d.messageId,
    attempts: d.attempts,
  };
}

export async function deliver(delivery: ClaimedDelivery, deps: DeliverDeps): Promise<Tried> {
  return delivery.channel === "email" ? deliverEmail(delivery, deps) : deliverWebhook(delivery, deps);
}

const recorded = (delivery: ClaimedDelivery, write: (tx: Db) => Promise<DeliveryOutcome>, relayFailed = false): Tried => ({
  settlement: { delivery, write },
  relayFailed,
});

/** A payload that cannot be turned into a message is not retried: it would fail the same way. */
function unsendable(d: ClaimedDelivery, deps: DeliverDeps, reason: string): Tried {
  return recorded(d, async (tx) => {
    await failDelivery(tx, deps.clock, ref(d), { attempts: d.attempts, reason, aboutRecipient: false });
    return "failed";
  });
}

async function deliverEmail(d: ClaimedDelivery, deps: DeliverDeps): Promise<Tried> {
  // A single-use link that was removed or has expired is not sent (notices/secrets.ts).
  const unusable = secretUnusable(d.notice.data, deps.clock.now());
  if (unusable) {
    return unsendable(d, deps, `the e-mail was not sent: ${unusable}`);
  }
  let rendered;
  try {
    rendered = renderNotice(d.notice.data, d.locale, {
      ...deps.processor,
      portalUrl: deps.portalUrl,
      noticeUrl: noticeLink(deps.portalUrl, { id: d.noticeId, staffRoles: d.notice.staffRoles }),
      reference: noticeReference(d.notice.number, d.notice.createdAt),
      recipientName: d.recipientName,
      customerName: d.customerName,
    });
  } catch (error) {
    return unsendable(d, deps, `the notice could not be rendered: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The latest checkpoint in the footer and a header: the recipient's mailbox witnesses the log's state.
  const checkpoint = (await deps.checkpoint?.()) ?? null;
  if (checkpoint) {
    const line = `${CHECKPOINT_WORDS[d.locale]}: ${checkpoint.number} ${checkpoint.root}`;
    rendered = {
      ...rendered,
      text: `${rendered.text}\n-- \n${line}\n`,
      html: rendered.html.replace(/(<\/body>)|$/i, `<p style="font-size:11px;color:#666">${line}</p>$1`),
    };
  }
  // The hash is of the message itself; what is stored shows a placeholder instead of a secret.
  const bodySha256 = sha256(rendered.text);
  const secrets = secretValues(d.notice.data);
  const stored = { subject: hideSecrets(rendered.subject, secrets, d.locale), body: hideSecrets(rendered.text, secrets, d.locale) };
  if (!deps.mailer) {
    return recorded(d, async (tx) => {
      await holdDelivery(tx, deps.clock, ref(d), { ...stored, bodySha256 });
      return "held";
    });
  }
  const message: MailMessage = {
    from: deps.from,
    to: { name: d.recipientName, address: d.recipient },
    replyTo: deps.processor.processorEmail && deps.processor.processorEmail !== deps.from.address ? deps.processor.processorEmail : null,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: d.messageId,
    // RFC 3834: no out-of-office replies to a notice; the notice id for whoever reads the headers.
    headers: {
      "Auto-Submitted": "auto-generated",
      "X-Art28-Notice": d.noticeId,
      ...(checkpoint ? { "X-Art28-Checkpoint": `${checkpoint.number} ${checkpoint.root}` } : {}),
    },
    date: deps.clock.now(),
    baseBoundary: randomBytes(8).toString("hex"),
  };
  let accepted;
  try {
    accepted = await deps.mailer.send(message);
  } catch (error) {
    const failure = error instanceof MailSendError ? error : classifyMailError(error);
    const write = (tx: Db) =>
      recordFailedTry(tx, deps.clock, ref(d), {
        outcome: failure.responseCode === null ? "error" : "refused",
        response: failure.response,
        httpStatus: null,
        durationMs: failure.durationMs,
        permanent: failure.permanent,
        aboutRecipient: failure.aboutRecipient,
      });
    return recorded(d, write, !failure.aboutRecipient);
  }
  // The relay has the message. From here to the batch's COMMIT: in doubt (outbox-worker.ts).
  // Kept: the message as the relay received it, and its hash in the event. A single-use link's
  // secret is not kept: the copy kept is composed alike (same Date, boundaries and headers) with
  // the secret replaced and says so in a header; the event holds the hash of both.
  const messageSha256 = sha256(accepted.raw);
  const keptMessage =
    secrets.length === 0
      ? accepted.raw
      : await composeMail({
          ...message,
          subject: stored.subject,
          text: stored.body,
          html: hideSecretsInHtml(message.html, secrets, d.locale),
          headers: { ...message.headers, [SECRET_HIDDEN_HEADER]: "yes" },
        });
  const keptMessageSha256 = secrets.length === 0 ? null : sha256(keptMessage);
  return {
    settlement: {
      delivery: d,
      sent: {
        at: deps.clock.now(),
        ...stored,
        bodySha256,
        message: keptMessage,
        requestHeaders: null,
        response: accepted.response,
        httpStatus: null,
        durationMs: accepted.durationMs,
        eventData: {
          channel: "email",
          recipient: evidenceRecipient(d.recipientRole, d.recipient),
          role: d.recipientRole,
          messageId: d.messageId,
          attempt: d.attempts + 1,
          // The server's answer may quote the address: not for a data subject (evidence-recipient.ts).
          ...(d.recipientRole === "data_subject" ? {} : { response: accepted.response }),
          bodySha256,
          messageSha256,
          ...(keptMessageSha256 ? { keptMessageSha256 } : {}),
        },
        scrubFields: secretFields(d.notice.data),
      },
    },
    relayFailed: false,
  };
}

async function deliverWebhook(d: ClaimedDelivery, deps: DeliverDeps): Promise<Tried> {
  const endpoint = d.endpoint;
  if (!endpoint || !d.webhookEndpointId || endpoint.disabledAt) {
    return unsendable(d, deps, "the webhook endpoint is disabled");
  }
  const endpointId = d.webhookEndpointId;
  // The body is the same on every try (its timestamp is the notice's), so its hash is stable; the
  // webhook-timestamp header is the time of the try, on the wall clock the receiver checks it by.
  // A single-use link's secret goes to its recipient's e-mail only, never to a webhook.
  const checkpoint = (await deps.checkpoint?.()) ?? null;
  const body = JSON.stringify({
    type: `notice.${d.notice.kind}`,
    timestamp: d.notice.createdAt.toISOString(),
    data: { noticeId: d.noticeId, controllerId: d.controllerId, createdAt: d.notice.createdAt.toISOString(), ...withoutSecrets(d.notice.data) },
    // The latest published checkpoint: the receiver's log witnesses the evidence log's state.
    ...(checkpoint ? { checkpoint } : {}),
  });
  const result = await postWebhook(
    endpoint.url,
    { id: d.messageId, timestamp: Math.floor(Date.now() / 1000), body, secret: endpoint.secret },
    deps.webhookTimeoutMs,
  );
  if (result.outcome === "delivered") {
    const bodySha256 = sha256(body);
    return {
      settlement: {
        delivery: d,
        sent: {
          at: deps.clock.now(),
          subject: `notice.${d.notice.kind}`,
          body,
          bodySha256,
          message: null,
          requestHeaders: result.requestHeaders,
          response: result.responseSnippet,
          httpStatus: result.status,
          durationMs: result.durationMs,
          eventData: {
            channel: "webhook",
            recipient: endpoint.url,
            role: d.recipientRole,
            messageId: d.messageId,
            attempt: d.attempts + 1,
            httpStatus: result.status,
            bodySha256,
            // What the receiver checks the signature by: the bundle's copy of the headers must match.
            ...(result.requestHeaders
              ? { webhookTimestamp: result.requestHeaders["webhook-timestamp"], webhookSignature: result.requestHeaders["webhook-signature"] }
              : {}),
          },
          scrubFields: secretFields(d.notice.data),
        },
      },
      relayFailed: false,
    };
  }
  if (result.outcome === "gone") {
    return recorded(d, async (tx) => {
      await endpointGone(tx, deps.clock, ref(d), endpointId, { status: result.status, response: result.responseSnippet, durationMs: result.durationMs });
      return "failed";
    });
  }
  const response = result.status === null ? result.error : `HTTP ${result.status} ${result.responseSnippet}`;
  return recorded(d, (tx) =>
    recordFailedTry(tx, deps.clock, ref(d), {
      outcome: result.status === null ? "error" : "refused",
      response,
      httpStatus: result.status,
      durationMs: result.durationMs,
      permanent: false,
      aboutRecipient: false,
      requestHeaders: result.requestHeaders,
    }),
  );
}
