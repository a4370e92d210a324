// The evidence bundle: one customer's evidence as a ZIP, written as it is read. Events come in
// keyset pages of its stream, each page its own short transaction under the reader's row-level
// security, and leave as compressed chunks before the next page is read: a customer with 100,000
// events downloads in bounded memory. The layout is src/domain/evidence-bundle/layout.ts; the
// verifier (same folder) checks a bundle with nothing but its bytes.
import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { Db } from "../../db/engine.ts";
import { inScope, type Scope } from "../../db/scope.ts";
import type { Clock } from "../../domain/clock.ts";
import { controllerStream, GENESIS_HASH } from "../../domain/evidence-chain.ts";
import { eventLine } from "../../domain/evidence-bundle/event-line.ts";
import {
  agreementPdf,
  BUNDLE_FORMAT,
  CHECKPOINTS,
  BUNDLE_VERSION,
  deletionCertificateAbout,
  deletionCertificatePdf,
  EVENTS,
  MANIFEST,
  noticeContent,
  noticeEmail,
  noticeWebhook,
  README,
  SECRET_HIDDEN_HEADER,
  type BundleEvent,
  type BundleWebhook,
  type Manifest,
  type ManifestFile,
} from "../../domain/evidence-bundle/layout.ts";
import { checkpointKey, checkpointsForStream } from "../checkpoints/index.ts";
import { issuedCertificatePdf } from "../ending/index.ts";
import { loadProcessorContext, noticeContentJson, noticeHidesSecret, noticePortalText, publicUrl } from "../notices/index.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import {
  attemptsOf,
  breachNoticesAfter,
  bundleController,
  customerDeliveriesOf,
  customerNoticesAfter,
  deletionCertificatesAfter,
  signaturesOf,
  signedAgreementsAfter,
  streamEventsAfter,
  streamHead,
  subjectRequestFilesAfter,
  threadAttachmentsAfter,
} from "./queries.ts";
import { bundleReadme } from "./bundle-readme.ts";

const EVENT_PAGE = 2_000;
const FILE_PAGE = 20;
const NOTICE_PAGE = 200;
const FIRST_ID = "00000000-0000-0000-0000-000000000000";

const encoder = new TextEncoder();

/** Writes ZIP entries to `out`, each file's SHA-256 on the way, waiting whenever `out` is full. */
class BundleWriter {
  readonly files: ManifestFile[] = [];
  private readonly zip: Zip;
  private failed: Error | null = null;
  private readonly out: Writable;

  constructor(out: Writable) {
    this.out = out;
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failed = error;
        return;
      }
      out.write(chunk);
      if (final) {
        out.end();
      }
    });
  }

  /** Waits until the reader has taken what was written; stops the work if the download was abandoned. */
  async drain(): Promise<void> {
    if (this.failed) {
      throw this.failed;
    }
    if (this.out.destroyed) {
      throw new Error("the download was abandoned");
    }
    if (this.out.writableNeedDrain) {
      // One listener pair, removed once either fires: a race of two `once` left the loser's listeners
      // on the stream, thousands of them on a big bundle.
      const out = this.out;
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off("drain", done);
          out.off("close", done);
          resolve();
        };
        out.on("drain", done);
        out.on("close", done);
      });
    }
  }

  /** A file given in parts (compressed, unless `stored`). */
  open(path: string, stored = false) {
    const entry = stored ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    this.zip.add(entry);
    const hash = createHash("sha256");
    let bytes = 0;
    return {
      push: (part: Uint8Array | string) => {
        const data = typeof part === "string" ? encoder.encode(part) : part;
        hash.update(data);
        bytes += data.length;
        entry.push(data, false);
      },
      close: () => {
        entry.push(new Uint8Array(0), true);
        if (path !== MANIFEST) {
          this.files.push({ path, sha256: hash.digest("hex"), bytes });
        }
      },
    };
  }

  async file(path: string, data: Uint8Array | string, stored = false): Promise<void> {
    const entry = this.open(path, stored);
    entry.push(data);
    entry.close();
    await this.drain();
  }

  end(): void {
    this.zip.end();
  }
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/**
 * One line of events.jsonl: its hash and number, then its canonical form's members as they are
 * hashed (domain/evidence-bundle/event-line.ts), so the verifier hashes the bytes as they lie. Data
 * that has no canonical form (it cannot have been hashed) is written as plain JSON: the verifier names it.
 */
function bundleEventLine(row: Awaited<ReturnType<typeof streamEventsAfter>>[number]): string {
  try {
    return eventLine(row);
  } catch {
    const event: BundleEvent = {
      seq: row.seq,
      stream: row.stream,
      streamSeq: row.streamSeq,
      occurredAt: row.occurredAt.toISOString(),
      type: row.type,
      actor: { kind: row.actorKind, id: row.actorId, label: row.actorLabel },
      controllerId: row.controllerId,
      subject: { type: row.subjectType, id: row.subjectId },
      data: row.data,
      prevHash: row.prevHash,
      hash: row.hash,
    };
    return JSON.stringify(event);
  }
}

/** An RFC 5322 header value: one line, non-ASCII as an RFC 2047 encoded word. */
function headerValue(value: string): string {
  const line = value.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(line) ? line : `=?UTF-8?B?${Buffer.from(line, "utf8").toString("base64")}?=`;
}

export interface BundleSource {
  db: Db;
  clock: Clock;
  /** The reader's row-level security: the customer's own, or the processor's for staff. */
  scope: Scope;
  controllerId: string;
  controllerName: string;
  /** The head of the stream when the bundle was made: the events are written up to it. */
  head: { lastSeq: number; lastHash: string };
  /** Which address sent the emails (the From of each .eml). */
  from: string;
}

/**
 * Making a bundle is evidence: recorded on the customer's stream before the bundle is read, so the
 * bundle holds its own event; returns the customer and the head to write up to (null: not found,
 * or not the reader's under row-level security).
 */
export async function recordBundleMade(tx: Db, clock: Clock, actor: EventActor, controllerId: string) {
  const controller = await bundleController(tx, controllerId);
  if (!controller) {
    return null;
  }
  const stream = controllerStream(controllerId);
  const before = await streamHead(tx, stream);
  await recordEvent(tx, clock, { type: "evidence.bundle_made", actor, controllerId, data: { upToEvent: (before?.lastSeq ?? 0) + 1 } });
  const head = await streamHead(tx, stream);
  return { controller, head: { lastSeq: head?.lastSeq ?? 0, lastHash: head?.lastHash ?? "" } };
}

/** The address the emails went from, as each .eml's From names it. */
export async function mailFrom(db: Db): Promise<string> {
  const context = await loadProcessorContext(db);
  return `${context.processorName} <${process.env.ART28_MAIL_FROM?.trim() || context.processorEmail || "art28@localhost"}>`;
}

/** Writes the bundle to `out` and ends it. */
export async function writeBundle(source: BundleSource, out: Writable): Promise<void> {
  const { db, scope, controllerId } = source;
  const stream = controllerStream(controllerId);
  const writer = new BundleWriter(out);
  const read = <T>(work: (tx: Db) => Promise<T>) => inScope(db, scope, work);

  // 1. The stream, up to the head recorded when the bundle was made.
  const events = writer.open(EVENTS);
  let after = 0;
  while (after < source.head.lastSeq) {
    const page = await read((tx) => streamEventsAfter(tx, stream, after, Math.min(EVENT_PAGE, source.head.lastSeq - after)));
    if (page.length === 0) {
      break; // fewer events than the head says: the verifier names it
    }
    events.push(page.map(bundleEventLine).join("\n") + "\n");
    after = page.at(-1)?.streamSeq ?? after;
    await writer.drain();
  }
  events.close();

  // The published checkpoints, each with the inclusion proof of this stream's head at that time.
  await writer.file(CHECKPOINTS, json(await checkpointsForStream(db, stream, checkpointKey(), source.head.lastSeq)));

  // 2. The agreements as signed.
  for (let afterId = FIRST_ID; ;) {
    const page = await read((tx) => signedAgreementsAfter(tx, controllerId, afterId, FILE_PAGE));
    const signed = await read((tx) =>
      signaturesOf(
        tx,
        page.map((a) => a.id),
      ),
    );
    for (const agreement of page) {
      const { documentPdf, documentJson, ...about } = agreement;
      if (documentPdf) {
        await writer.file(agreementPdf(agreement.id), documentPdf, true);
      }
      await writer.file(`agreements/${agreement.id}/document.json`, json(documentJson));
      await writer.file(`agreements/${agreement.id}/agreement.json`, json(about));
      await writer.file(`agreements/${agreement.id}/signatures.json`, json(signed.filter((s) => s.agreementId === agreement.id)));
    }
    if (page.length < FILE_PAGE) {
      break;
    }
    afterId = page.at(-1)?.id ?? afterId;
  }

  // 3. The notices as sent: content, portal text, each delivery as sent and its attempts.
  const context = { ...(await loadProcessorContext(db)), portalUrl: publicUrl() };
  for (let afterNumber = 0; ;) {
    const page = await read((tx) => customerNoticesAfter(tx, controllerId, afterNumber, NOTICE_PAGE));
    const ids = page.map((n) => n.id);
    const sent = await read((tx) => customerDeliveriesOf(tx, ids));
    const attempts = await read((tx) =>
      attemptsOf(
        tx,
        sent.map((d) => d.id),
      ),
    );
    for (const notice of page) {
      const folder = `notices/${notice.id}`;
      const { data, ...about } = notice;
      await writer.file(noticeContent(notice.id), noticeContentJson(data));
      await writer.file(`${folder}/notice.json`, json({ ...about, kind: notice.kind }));
      for (const locale of ["nl", "en"] as const) {
        let text: string;
        try {
          text = noticePortalText({ ...notice, staffRoles: null }, locale, context);
        } catch (error) {
          text = `(${error instanceof Error ? error.message : String(error)})`;
        }
        await writer.file(`${folder}/portal.${locale}.txt`, text);
      }
      for (const delivery of sent.filter((d) => d.noticeId === notice.id)) {
        const { body, ...summary } = delivery;
        const tries = attempts.filter((a) => a.deliveryId === delivery.id);
        const asSent = tries.find((a) => a.outcome === "sent");
        await writer.file(
          `${folder}/deliveries/${delivery.id}.json`,
          json({ ...summary, attempts: tries.map(({ message, ...attempt }) => ({ ...attempt, messageKept: message !== null })) }),
        );
        if (body === null) {
          continue; // not sent (yet): nothing was handed over
        }
        if (delivery.channel === "email" && asSent?.message) {
          // The message exactly as the relay received it (or its copy without a single-use secret).
          await writer.file(noticeEmail(notice.id, delivery.id), asSent.message);
        } else if (delivery.channel === "email") {
          // Sent before messages were kept (migration 0023): the text as sent, under headers made again.
          const hidesSecret = noticeHidesSecret(data);
          const headers = [
            `Message-ID: ${delivery.messageId}`,
            `Date: ${(delivery.sentAt ?? delivery.createdAt).toUTCString()}`,
            `From: ${headerValue(source.from)}`,
            `To: ${headerValue(delivery.recipientName ? `${delivery.recipientName} <${delivery.recipient}>` : delivery.recipient)}`,
            `Subject: ${headerValue(delivery.subject ?? "")}`,
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "Auto-Submitted: auto-generated",
            `X-Art28-Notice: ${notice.id}`,
            ...(hidesSecret ? [`${SECRET_HIDDEN_HEADER}: yes`] : []),
          ];
          await writer.file(noticeEmail(notice.id, delivery.id), `${headers.join("\r\n")}\r\n\r\n${body}`);
        } else {
          const webhook: BundleWebhook = {
            url: delivery.recipient,
            // The headers as sent (signature included); before migration 0023 they were not kept.
            headers: asSent?.requestHeaders ?? { "content-type": "application/json", "webhook-id": delivery.messageId },
            body,
          };
          await writer.file(noticeWebhook(notice.id, delivery.id), json(webhook));
        }
      }
    }
    if (page.length < NOTICE_PAGE) {
      break;
    }
    afterNumber = page.at(-1)?.number ?? afterNumber;
  }

  // 4. What the customer received: breach notices' facts as sent, files of forwarded requests, and
  // the files exchanged in its cases and consultations.
  for (let afterId = FIRST_ID; ;) {
    const page = await read((tx) => breachNoticesAfter(tx, controllerId, afterId, NOTICE_PAGE));
    for (const notice of page) {
      await writer.file(`breach-notices/${notice.id}.json`, json(notice));
    }
    if (page.length < NOTICE_PAGE) {
      break;
    }
    afterId = page.at(-1)?.id ?? afterId;
  }
  const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]+/gu, "_").slice(0, 120) || "file";
  for (let afterId = FIRST_ID; ;) {
    const page = await read((tx) => threadAttachmentsAfter(tx, controllerId, afterId, FILE_PAGE));
    for (const file of page) {
      const { bytes, ...about } = file;
      const folder = `attachments/${file.subjectType}-${file.subjectId}/${file.id}`;
      await writer.file(`${folder}/${safeName(file.fileName)}`, bytes);
      await writer.file(`${folder}/about.json`, json(about));
    }
    if (page.length < FILE_PAGE) {
      break;
    }
    afterId = page.at(-1)?.id ?? afterId;
  }
  for (let afterId = FIRST_ID; ;) {
    const page = await read((tx) => subjectRequestFilesAfter(tx, controllerId, afterId, FILE_PAGE));
    for (const file of page) {
      const { bytes, ...about } = file;
      const folder = `subject-requests/${file.requestId}/${file.id}`;
      await writer.file(`${folder}/${safeName(file.fileName)}`, bytes);
      await writer.file(`${folder}/about.json`, json(about));
    }
    if (page.length < FILE_PAGE) {
      break;
    }
    afterId = page.at(-1)?.id ?? afterId;
  }

  // The deletion certificates (art. 12.4), in the customer's language as issued: the PDF stored when
  // it was issued, whose SHA-256 its ending.certificate_issued event recorded (the verifier checks
  // it). One issued before PDFs were stored is rendered again from the content fixed then
  // (`pdfStored: false` in its .json); the same content gives the same bytes.
  for (let afterId = FIRST_ID; ;) {
    const page = await read((tx) => deletionCertificatesAfter(tx, controllerId, afterId, FILE_PAGE));
    for (const { pdf: stored, ...certificate } of page) {
      const pdf = await read((tx) => issuedCertificatePdf(tx, { ...certificate, pdf: stored }));
      await writer.file(deletionCertificatePdf(certificate.id), pdf, true);
      await writer.file(deletionCertificateAbout(certificate.id), json({ ...certificate, pdfStored: stored !== null }));
    }
    if (page.length < FILE_PAGE) {
      break;
    }
    afterId = page.at(-1)?.id ?? afterId;
  }

  // 5. The README, then the manifest of every file.
  await writer.file(README, bundleReadme(source.controllerName, source.head.lastSeq));
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    controllerId,
    stream,
    madeAt: source.clock.now().toISOString(),
    head: source.head.lastSeq === 0 ? { lastSeq: 0, lastHash: GENESIS_HASH } : source.head,
    files: writer.files,
  };
  await writer.file(MANIFEST, json(manifest));
  writer.end();
}
