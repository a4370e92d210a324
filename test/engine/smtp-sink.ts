import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server on 127.0.0.1 (random port) for the engine tests: it accepts, refuses or defers
// recipients as a test tells it, and keeps what it received.

export interface ReceivedMail {
  to: string;
  messageId: string;
  raw: Buffer;
}

/** How the server answers RCPT TO for an address: null accepts; a number is the refusal's code. */
export type RcptRule = (address: string, tries: number) => null | { code: number; message: string };

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** How many messages each Message-ID arrived as. */
  perMessageId: Map<string, number>;
  rule: RcptRule;
  /**
   * When set and it returns a promise, RCPT TO is answered only once that promise settles: the
   * client waits inside its SMTP transaction (a test holds a worker there to kill it).
   */
  gate: ((address: string) => Promise<void> | null) | null;
  parse(mail: ReceivedMail): Promise<ParsedMail>;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;

export async function startSmtpSink(): Promise<SmtpSink> {
  const tries = new Map<string, number>();
  const sink: SmtpSink = {
    url: "",
    port: 0,
    received: [],
    perMessageId: new Map(),
    rule: () => null,
    gate: null,
    parse: (mail) => simpleParser(mail.raw),
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const answer = () => {
        const n = (tries.get(to) ?? 0) + 1;
        tries.set(to, n);
        const refusal = sink.rule(to, n);
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        callback();
      };
      const held = sink.gate?.(to);
      if (held) {
        void held.then(answer);
        return;
      }
      answer();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const head = raw.subarray(0, raw.indexOf("\r\n\r\n") + 1 || raw.length).toString("utf8");
        const messageId = MESSAGE_ID.exec(head)?.[1] ?? "";
        for (const rcpt of session.envelope.rcptTo) {
          sink.received.push({ to: rcpt.address.toLowerCase(), messageId, raw });
        }
        sink.perMessageId.set(messageId, (sink.perMessageId.get(messageId) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  sink.port = port;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
