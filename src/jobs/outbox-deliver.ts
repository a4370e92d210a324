import { evidenceRecipient } from "../domain/evidence-recipient.ts";
import { createHash } from "node:crypto";
import type { Clock } from "../domain/clock.ts";
import { SYSTEM_ACTOR } from "../modules/evidence/record-events.ts";
import { noticeLink, type ProcessorContext } from "../modules/notices/context.ts";
import { renderNotice } from "../modules/notices/render.ts";
import { hideSecrets, secretFields, secretUnusable, secretValues, withoutSecrets } from "../modules/notices/secrets.ts";
import { noticeReference } from "../domain/notice-reference.ts";
import { endpointGone, failDelivery, holdDelivery, recordFailedTry, type DeliveryRef } from "./delivery-outcomes.ts";
import { classifyMailError, MailSendError, type MailAddress, type Mailer, type MailMessage } from "./mailer.ts";
import type { Claim } from "./outbox-session.ts";
import { sentWrite, type ClaimedDelivery } from "./outbox-sql.ts";
import { postWebhook } from "./webhook-client.ts";
import type { LatestCheckpoint } from "../modules/checkpoints/index.ts";

// One claimed delivery: render it, send it, settle it. See outbox-worker.ts for why this is
// exactly once, and its one window.

export type DeliveryOutcome = "sent" | "held" | "retry" | "failed";

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

export async function deliverClaim(claim: Claim, deps: DeliverDeps): Promise<DeliveryOutcome> {
  return claim.delivery.channel === "email" ? deliverEmail(claim, deps) : deliverWebhook(claim, deps);
}

/** A payload that cannot be turned into a message is not retried: it would fail the same way. */
async function unsendable(claim: Claim, deps: DeliverDeps, reason: string): Promise<DeliveryOutcome> {
  const d = claim.delivery;
  await claim.settle((tx) => failDelivery(tx.db, deps.clock, ref(d), { attempts: d.attempts, reason, aboutRecipient: false }));
  return "failed";
}

async function deliverEmail(claim: Claim, deps: DeliverDeps): Promise<DeliveryOutcome> {
  const d = claim.delivery;
  // A single-use link that was removed or has expired is not sent (notices/secrets.ts).
  const unusable = secretUnusable(d.notice.data, deps.clock.now());
  if (unusable) {
    return unsendable(claim, deps, `the e-mail was not sent: ${unusable}`);
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
    return unsendable(claim, deps, `the notice could not be rendered: ${error instanceof Error ? error.message : String(error)}`);
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
    await claim.settle((tx) => holdDelivery(tx.db, deps.clock, ref(d), { ...stored, bodySha256 }));
    return "held";
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
  };
  let accepted;
  try {
    accepted = await deps.mailer.send(message);
  } catch (error) {
    const failure = error instanceof MailSendError ? error : classifyMailError(error);
    return claim.settle((tx) =>
      recordFailedTry(tx.db, deps.clock, ref(d), {
        outcome: failure.responseCode === null ? "error" : "refused",
        response: failure.response,
        httpStatus: null,
        durationMs: failure.durationMs,
        permanent: failure.permanent,
        aboutRecipient: failure.aboutRecipient,
      }),
    );
  }
  // The relay has the message. From here to the COMMIT: only in-memory work and one socket write.
  const at = deps.clock.now();
  return claim.settle(async (tx) => {
    await tx.commitSent(
      sentWrite(
        d,
        tx.head,
        {
          at,
          ...stored,
          bodySha256,
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
          },
          scrubFields: secretFields(d.notice.data),
        },
        SYSTEM_ACTOR,
      ),
    );
    return "sent" as const;
  });
}

async function deliverWebhook(claim: Claim, deps: DeliverDeps): Promise<DeliveryOutcome> {
  const d = claim.delivery;
  const endpoint = d.endpoint;
  if (!endpoint || !d.webhookEndpointId || endpoint.disabledAt) {
    return unsendable(claim, deps, "the webhook endpoint is disabled");
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
    const at = deps.clock.now();
    const bodySha256 = sha256(body);
    return claim.settle(async (tx) => {
      await tx.commitSent(
        sentWrite(
          d,
          tx.head,
          {
            at,
            subject: `notice.${d.notice.kind}`,
            body,
            bodySha256,
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
            },
            scrubFields: secretFields(d.notice.data),
          },
          SYSTEM_ACTOR,
        ),
      );
      return "sent" as const;
    });
  }
  if (result.outcome === "gone") {
    await claim.settle((tx) =>
      endpointGone(tx.db, deps.clock, ref(d), endpointId, { status: result.status, response: result.responseSnippet, durationMs: result.durationMs }),
    );
    return "failed";
  }
  const response = result.status === null ? result.error : `HTTP ${result.status} ${result.responseSnippet}`;
  return claim.settle((tx) =>
    recordFailedTry(tx.db, deps.clock, ref(d), {
      outcome: result.status === null ? "error" : "refused",
      response,
      httpStatus: result.status,
      durationMs: result.durationMs,
      permanent: false,
      aboutRecipient: false,
    }),
  );
}
