import type { Transporter } from "nodemailer";

// Email out through one SMTP relay (ART28_SMTP_URL, e.g. smtp://user:pass@relay:587). Pooled: one
// connection by default, kept open between messages (a new connection per message would cost a
// handshake each; more connections were not faster on the machines measured, see STACK.md).

export interface MailAddress {
  name: string | null;
  address: string;
}

export interface MailMessage {
  from: MailAddress;
  to: MailAddress;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, "<…@…>": stable across retries (deliveries.message_id). */
  messageId: string;
  headers?: Record<string, string>;
  /** The Date header (default: now). */
  date?: Date;
  /** The shared part of the multipart boundaries (default: random), so two compositions can match. */
  baseBoundary?: string;
}

export interface MailAccepted {
  /** The relay's reply to the message, e.g. "250 2.0.0 Ok: queued as 4F2…". */
  response: string;
  durationMs: number;
  /** The message exactly as handed to the relay (RFC 5322; 7-bit, nodemailer encodes every part). */
  raw: string;
}

/**
 * A message the relay did not accept. permanent: a 5xx reply (trying again will most likely give
 * the same answer); otherwise temporary (4xx, connection refused or lost, a timeout).
 * aboutRecipient: the refusal concerned this recipient or this message (RCPT TO, DATA), not the
 * relay itself (connection, TLS, login, MAIL FROM), which is our problem, never the customer's.
 */
export class MailSendError extends Error {
  readonly permanent: boolean;
  readonly aboutRecipient: boolean;
  readonly responseCode: number | null;
  /** The relay's reply or the network error, for the delivery log. */
  readonly response: string;
  readonly durationMs: number;
  constructor(message: string, details: { permanent: boolean; aboutRecipient: boolean; responseCode: number | null; response: string; durationMs: number }) {
    super(message);
    this.name = "MailSendError";
    this.permanent = details.permanent;
    this.aboutRecipient = details.aboutRecipient;
    this.responseCode = details.responseCode;
    this.response = details.response;
    this.durationMs = details.durationMs;
  }
}

export interface Mailer {
  /** Resolves once the relay accepted the message (250); rejects with a MailSendError otherwise. */
  send(message: MailMessage): Promise<MailAccepted>;
  close(): void;
}

export interface MailerOptions {
  /** Pooled connections to the relay (default 1; the URL's ?maxConnections= wins). */
  maxConnections?: number;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/** A pooled SMTP transport for `url` (smtp:// or smtps://, credentials in the URL). */
export function createMailer(url: string, options: MailerOptions = {}): Mailer {
  // nodemailer is loaded with the first message (a web process that sends none need not hold it).
  let transport: Promise<Transporter> | null = null;
  const transportOf = () =>
    (transport ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: options.maxConnections ?? 1,
        maxMessages: Infinity,
        connectionTimeout: options.connectionTimeoutMs ?? 10_000,
        greetingTimeout: options.greetingTimeoutMs ?? 10_000,
        socketTimeout: options.socketTimeoutMs ?? 30_000,
      }),
    ));
  return {
    async send(message) {
      const started = performance.now();
      // Composed here and handed over as is, so what is kept as evidence is byte for byte what the
      // relay received (nodemailer would otherwise compose it again inside sendMail).
      const raw = await composeMail(message);
      try {
        const info = await (await transportOf()).sendMail({ envelope: { from: message.from.address, to: [message.to.address] }, raw });
        return { response: String(info.response ?? ""), durationMs: Math.round(performance.now() - started), raw };
      } catch (error) {
        throw classifyMailError(error, Math.round(performance.now() - started));
      }
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}

/** The message as RFC 5322 text, composed by nodemailer's MailComposer (text and HTML alternatives). */
export async function composeMail(message: MailMessage): Promise<string> {
  const { default: MailComposer } = await import("nodemailer/lib/mail-composer");
  const composer = new MailComposer({
    from: formatAddress(message.from),
    to: formatAddress(message.to),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    date: message.date ?? new Date(),
    headers: message.headers ?? {},
    ...(message.baseBoundary ? { baseBoundary: message.baseBoundary } : {}),
  });
  // Line ends as SMTP carries them (RFC 5321): the transport would turn a bare LF into CRLF on the way.
  return (await composer.compile().build()).toString("utf8").replace(/\r?\n/g, "\r\n");
}

/** Sorts a nodemailer failure into permanent / temporary and recipient / relay. */
export function classifyMailError(error: unknown, durationMs = 0): MailSendError {
  const e = (error ?? {}) as { message?: string; code?: string; responseCode?: number; response?: string; command?: string };
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600;
  const aboutRecipient = e.code === "EENVELOPE" && e.command !== "MAIL FROM" ? true : e.code === "EMESSAGE" || e.command === "DATA" || e.command === "RCPT TO";
  const message = e.message ?? String(error);
  const response = (e.response ?? (e.code ? `${e.code}: ${message}` : message)).slice(0, 500);
  return new MailSendError(message, { permanent, aboutRecipient, responseCode, response, durationMs });
}

/**
 * The sender: ART28_MAIL_FROM when set (the relay may only let through a domain it signs for),
 * else the processor's privacy address (where replies about a notice belong), else a local one.
 */
export function fromAddress(processor: { name: string; privacyEmail: string | null }, env: NodeJS.ProcessEnv = process.env): MailAddress {
  const address = env.ART28_MAIL_FROM?.trim() || processor.privacyEmail || "art28@localhost";
  return { name: processor.name, address };
}

function formatAddress(address: MailAddress): { name: string; address: string } | string {
  return address.name ? { name: address.name, address: address.address } : address.address;
}
