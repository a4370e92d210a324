import { createHmac, randomBytes } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isLocalName, isNonPublicAddress, localWebhooksAllowed } from "../domain/webhook-address.ts";

// Art28's own Standard Webhooks sender (https://www.standardwebhooks.com): each POST carries
// webhook-id, webhook-timestamp and webhook-signature, so a customer verifies it with any
// Standard Webhooks library and drops repeats by webhook-id (delivery is at least once: a
// worker that dies after the customer's 2xx but before it records the 2xx tries again).

const SECRET_PREFIX = "whsec_";
const SNIPPET_CHARS = 500;

/** A new endpoint secret: "whsec_" + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

/**
 * The webhook-signature header value: "v1," + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`,
 * keyed with the secret's base64-decoded bytes.
 */
export function signatureFor(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  if (key.length === 0) {
    throw new Error("the webhook secret is empty");
  }
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export interface WebhookMessage {
  /** webhook-id: stable across retries (deliveries.message_id), so a receiver can drop repeats. */
  id: string;
  /** When this try is made, in whole seconds since the epoch (the receiver checks it for replays). */
  timestamp: number;
  /** The exact JSON text that is signed and sent. */
  body: string;
  secret: string;
}

/**
 * What a try came to. delivered: a 2xx. gone: 410, the receiver asks to stop (the endpoint is
 * disabled). retry: any other status, a redirect (not followed: the signed URL is the one the
 * customer registered), a network error or a timeout.
 */
export type WebhookResult = (
  | { outcome: "delivered" | "gone" | "retry"; status: number; responseSnippet: string; durationMs: number }
  | { outcome: "retry"; status: null; error: string; durationMs: number }
) & {
  /** The request's headers as sent (signature and timestamp included); null when none was sent. */
  requestHeaders: Record<string, string> | null;
};

/** The Standard Webhooks headers of one try. */
export function webhookHeaders(message: WebhookMessage): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Art28-Webhooks/1",
    "webhook-id": message.id,
    "webhook-timestamp": String(message.timestamp),
    "webhook-signature": signatureFor(message.secret, message.id, message.timestamp, message.body),
  };
}

/** Posts one signed message and classifies the answer; never throws for a network problem. */
export async function postWebhook(url: string, message: WebhookMessage, timeoutMs = 10_000): Promise<WebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let requestHeaders: Record<string, string> | null = null;
  try {
    const refusal = await nonPublicTarget(url);
    if (refusal) {
      return { outcome: "retry", status: null, error: refusal, durationMs: elapsed(), requestHeaders };
    }
    requestHeaders = webhookHeaders(message);
    const response = await fetch(url, {
      method: "POST",
      headers: requestHeaders,
      body: message.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseSnippet = await readSnippet(response);
    const status = response.status;
    const outcome = status >= 200 && status < 300 ? "delivered" : status === 410 ? "gone" : "retry";
    return { outcome, status, responseSnippet, durationMs: elapsed(), requestHeaders };
  } catch (error) {
    return { outcome: "retry", status: null, error: describeFetchError(error, timeoutMs), durationMs: elapsed(), requestHeaders };
  }
}

/**
 * Checked again at each send, since a name can point elsewhere by now (webhook-address.ts). What
 * remains is a name that changes between this lookup and fetch's own (DNS rebinding within
 * seconds); the endpoint's answer is then still cut to 500 characters in the log.
 */
async function nonPublicTarget(raw: string): Promise<string | null> {
  if (localWebhooksAllowed()) {
    return null;
  }
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  if (isLocalName(host)) {
    return `refused: ${host} is a local name`;
  }
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true }).catch(() => []);
  const inside = addresses.find((a) => isNonPublicAddress(a.address));
  return inside ? `refused: ${host} resolves to ${inside.address}, which is not on the public internet` : null;
}

/** The first 500 characters of the answer, without reading a huge body to the end. */
async function readSnippet(response: Response): Promise<string> {
  if (!response.body) {
    return "";
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < SNIPPET_CHARS) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    // Stop reading; the rest of the body is not ours to wait for.
    await reader.cancel().catch((error: unknown) => {
      text += text.length < SNIPPET_CHARS ? ` [body not read to the end: ${String(error)}]` : "";
    });
  }
  return text.slice(0, SNIPPET_CHARS);
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") {
      return `no answer within ${timeoutMs} ms`;
    }
    const cause = error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : "";
    return `${error.message}${cause}`.slice(0, SNIPPET_CHARS);
  }
  return String(error).slice(0, SNIPPET_CHARS);
}
