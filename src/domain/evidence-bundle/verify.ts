// Checks an evidence bundle with nothing but its own bytes: no database, no network. Pure, and free
// of Node: `art28 verify --bundle` and the trust site's page in the customer's browser run this same
// code. The ZIP is read from its central directory one entry at a time (zip-reader.ts), events.jsonl
// line by line as it inflates (stream-checker.ts): memory stays bounded however big the bundle. Each
// file is read once; SHA-256 is WebCrypto's unless the caller gives a synchronous one.
import { unzipSync } from "fflate";
import type { BundleCheckpoints } from "./checkpoint.ts";
import { checkCheckpoints } from "./check-checkpoints.ts";
import { fail, Failed, type BundleCheck, type BundleFailure } from "./failure.ts";
import {
  agreementPdf,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  CHECKPOINTS,
  deletionCertificatePdf,
  EVENTS,
  MANIFEST,
  noticeContent,
  SECRET_HIDDEN_HEADER,
  threadFiles,
  type BundleEvent,
  type BundleWebhook,
  type Manifest,
} from "./layout.ts";
import { sha256Hex, StreamChecker, type SyncSha256 } from "./stream-checker.ts";
import { blobAccess, bytesAccess, entryParts, windowedAccess, zipEntries, ZipError, type RandomAccess } from "./zip-reader.ts";

export { GENESIS, sha256Hex, StreamChecker, type SyncSha256 } from "./stream-checker.ts";
export { describeFailure, type BundleCheck, type BundleFailure } from "./failure.ts";
export { blobAccess, bytesAccess, type RandomAccess } from "./zip-reader.ts";

export interface BundleReport {
  ok: boolean;
  failure: BundleFailure | null;
  controllerId: string | null;
  counts: {
    files: number;
    events: number;
    signedPdfs: number;
    notices: number;
    emails: number;
    webhooks: number;
    bodiesHidingSecret: number;
    deletionCertificates: number;
    measuresReports: number;
    checkpoints: number;
  };
  /** The key that signed the checkpoints (base64), to compare with the one the processor publishes. */
  publicKey: string | null;
}

/** An incremental SHA-256 (lowercase hex) of a file read in parts. */
export interface Sha256Stream {
  update(data: Uint8Array): void;
  digest(): string;
}

export interface VerifyOptions {
  /** A synchronous SHA-256 (`art28 verify --bundle` gives node:crypto's, the trust site's page @noble/hashes'); WebCrypto's otherwise. */
  sha256?: SyncSha256;
  /** An incremental one: events.jsonl is then hashed as it is read, never held whole. */
  sha256Stream?: () => Sha256Stream;
  /** The processor's published Ed25519 public key (base64); when given, the bundle's must be it. */
  publicKey?: string;
}

/** A bundle's files: their names in the ZIP's order, and each one's bytes in parts. */
export interface BundleFiles {
  names: string[];
  parts(name: string): AsyncIterable<Uint8Array>;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const isHash = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);

/** Reads a bundle's ZIP into its files (names → bytes), all in memory: for tests and small tools. */
export function readBundleZip(zip: Uint8Array): Map<string, Uint8Array> {
  const files = unzipSync(zip);
  return new Map(Object.entries(files).filter(([name]) => !name.endsWith("/")));
}

function filesOfMap(files: Map<string, Uint8Array>): BundleFiles {
  return {
    names: [...files.keys()],
    parts: async function* (name) {
      const bytes = files.get(name);
      if (bytes) {
        yield bytes;
      }
    },
  };
}

/** The files of a ZIP as its central directory lists them (directories left out); a name twice is refused. */
async function filesOfZip(file: RandomAccess): Promise<BundleFiles> {
  const entries = new Map<string, Awaited<ReturnType<typeof zipEntries>>[number]>();
  for (const entry of await zipEntries(file)) {
    if (entry.name.endsWith("/")) {
      continue;
    }
    if (entries.has(entry.name)) {
      throw new ZipError(`${entry.name} is in the ZIP twice`);
    }
    entries.set(entry.name, entry);
  }
  return {
    names: [...entries.keys()],
    parts: (name) => {
      const entry = entries.get(name);
      return entry ? entryParts(file, entry) : (async function* () {})();
    },
  };
}

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) {
    return parts[0] as Uint8Array;
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The body of an .eml: everything after the first empty line; and its headers. */
function splitEmail(message: string): { headers: string; body: string } {
  const at = message.indexOf("\r\n\r\n");
  return at === -1 ? { headers: message, body: "" } : { headers: message.slice(0, at), body: message.slice(at + 4) };
}

function header(headers: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(headers);
  return match ? (match[1] as string).trim() : null;
}

const eventTypesKept = new Set([
  "agreement.signed_by_customer",
  "notice.queued",
  "notice.sent",
  "notice.held",
  "notice.replayed",
  "ending.certificate_issued",
  "case.measures_answered",
]);

const AGREEMENT_PDF = /^agreements\/([^/]+)\/agreement\.pdf$/;
const NOTICE_CONTENT = /^notices\/([^/]+)\/content\.json$/;
const EMAIL = /^notices\/[^/]+\/deliveries\/[^/]+\.eml$/;
const WEBHOOK = /^notices\/[^/]+\/deliveries\/[^/]+\.webhook\.json$/;
const CERTIFICATE = /^deletion-certificates\/([^/]+)\.pdf$/;
const CASE_FILE = /^(attachments\/case-[^/]+\/)/;

/** What the events recorded of the files: each hash with the event that recorded it. */
interface Recorded {
  hash: string;
  seq: number;
}

/**
 * Verifies a bundle's files: every file against the manifest's SHA-256 and none unlisted; every
 * event's hash and the chain's continuity up to the recorded head; each signed PDF against the hash
 * in its signature event, each notice's content against its notice.queued event, each email's and
 * webhook's body against its notice.sent (or held) event, each deletion certificate against its
 * ending.certificate_issued event, each measures report sent in a case against case.measures_answered;
 * the checkpoints. Names the first failure; a file that is not the
 * manifest's comes before any check of what it holds.
 */
export async function verifyBundleFiles(files: Map<string, Uint8Array> | BundleFiles, options: VerifyOptions = {}): Promise<BundleReport> {
  const source = files instanceof Map ? filesOfMap(files) : files;
  const counts: BundleReport["counts"] = {
    files: 0,
    events: 0,
    signedPdfs: 0,
    notices: 0,
    emails: 0,
    webhooks: 0,
    bodiesHidingSecret: 0,
    deletionCertificates: 0,
    measuresReports: 0,
    checkpoints: 0,
  };
  let publicKey: string | null = null;
  let controllerId: string | null = null;
  const sync = options.sha256;
  const hashOf = async (data: Uint8Array | string) => (sync ? sync(data) : sha256Hex(data));
  let reading: string | null = null;
  const read = async (name: string) => {
    reading = name;
    const parts: Uint8Array[] = [];
    for await (const part of source.parts(name)) {
      parts.push(part);
    }
    return join(parts);
  };
  // The first failure of a check on what a file holds: named once every file is known to be the manifest's.
  let deferred: BundleFailure | null = null;
  const content = async (check: () => Promise<void> | void) => {
    if (deferred) {
      return;
    }
    try {
      await check();
    } catch (error) {
      if (!(error instanceof Failed)) {
        throw error;
      }
      deferred = error.failure;
    }
  };
  try {
    // 1. The manifest; every file it lists present, none unlisted.
    const names = new Set(source.names);
    if (!names.has(MANIFEST)) {
      fail("manifest", MANIFEST, null, "manifest.json is missing from the bundle");
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(decoder.decode(await read(MANIFEST))) as Manifest;
    } catch (error) {
      if (error instanceof ZipError) {
        throw error;
      }
      return fail("manifest", MANIFEST, null, "manifest.json is not JSON in UTF-8");
    }
    if (
      manifest?.format !== BUNDLE_FORMAT ||
      !Array.isArray(manifest.files) ||
      !manifest.head ||
      typeof manifest.stream !== "string" ||
      manifest.files.some((entry) => typeof entry?.path !== "string" || typeof entry.sha256 !== "string")
    ) {
      fail("manifest", MANIFEST, null, "manifest.json is not an Art28 evidence bundle's manifest");
    }
    if (!(typeof manifest.version === "number" && manifest.version >= 1 && manifest.version <= BUNDLE_VERSION)) {
      fail("manifest", MANIFEST, null, `the bundle's format version is ${String(manifest.version)}; this verifier reads versions 1 to ${BUNDLE_VERSION}`);
    }
    controllerId = manifest.controllerId;
    const listed = new Map<string, string>();
    for (const entry of manifest.files) {
      if (listed.has(entry.path)) {
        fail("manifest", MANIFEST, null, `manifest.json lists ${entry.path} twice`);
      }
      listed.set(entry.path, entry.sha256);
      if (!names.has(entry.path)) {
        fail("file-hash", entry.path, null, `${entry.path} is listed in the manifest but missing from the bundle`);
      }
    }
    for (const name of names) {
      if (name !== MANIFEST && !listed.has(name)) {
        fail("file-unlisted", name, null, `${name} is in the bundle but not in the manifest`);
      }
    }
    const changed = (name: string) => fail("file-hash", name, null, `${name} does not match its SHA-256 in the manifest (the file was changed)`);

    // 2. The checkpoints first: the events they committed to are kept for their check.
    let checkpoints: BundleCheckpoints | null = null;
    if (names.has(CHECKPOINTS)) {
      const bytes = await read(CHECKPOINTS);
      if ((await hashOf(bytes)) !== listed.get(CHECKPOINTS)) {
        changed(CHECKPOINTS);
      }
      try {
        checkpoints = JSON.parse(decoder.decode(bytes)) as BundleCheckpoints;
      } catch {
        await content(() => fail("checkpoint", CHECKPOINTS, null, "checkpoints.json is not JSON in UTF-8"));
      }
    }
    const committed = new Set(
      Array.isArray(checkpoints?.checkpoints) ? checkpoints.checkpoints.flatMap((c) => (typeof c?.leaf?.lastSeq === "number" ? [c.leaf.lastSeq] : [])) : [],
    );

    // 3. The events: every hash, every link, up to the head the log recorded; as they inflate.
    if (!names.has(EVENTS)) {
      fail("event-format", EVENTS, null, "events.jsonl is missing from the bundle");
    }
    const signed = new Map<string, Recorded>();
    const queued = new Map<string, Recorded>();
    const certificates = new Map<string, Recorded>();
    // Per Message-ID / webhook-id: the hashes its notice.sent (or held) events recorded: of the text,
    // of the message as handed to the relay (and its copy kept without a single-use secret), and a
    // webhook's timestamp and signature headers.
    const bodies = new Map<string, { hashes: Set<string>; messages: Set<string>; signatures: Set<string>; seq: number }>();
    const committedHashes = new Map<number, string>();
    const reports: (Recorded & { folder: string })[] = [];
    const kept = (event: BundleEvent) => {
      const at = { seq: event.streamSeq };
      if (committed.has(event.streamSeq)) {
        committedHashes.set(event.streamSeq, event.hash);
      }
      const id = event.subject?.id;
      if (event.type === "agreement.signed_by_customer" && id) {
        signed.set(id, { hash: String(event.data.documentSha256), ...at });
      } else if (event.type === "ending.certificate_issued" && typeof event.data.certificateId === "string" && isHash(event.data.sha256)) {
        certificates.set(event.data.certificateId, { hash: event.data.sha256, ...at });
      } else if (event.type === "case.measures_answered" && id) {
        const report = event.data.report as { sha256?: unknown } | undefined;
        if (isHash(report?.sha256)) {
          reports.push({ folder: threadFiles("case", id), hash: report.sha256, ...at });
        }
      }
      if (event.type === "notice.queued" && id && event.data.audience === "customer" && isHash(event.data.contentSha256)) {
        queued.set(id, { hash: event.data.contentSha256, ...at });
      } else if (typeof event.data.messageId === "string" && isHash(event.data.bodySha256)) {
        const entry = bodies.get(event.data.messageId) ?? { hashes: new Set<string>(), messages: new Set<string>(), signatures: new Set<string>(), ...at };
        entry.hashes.add(event.data.bodySha256);
        for (const message of [event.data.messageSha256, event.data.keptMessageSha256]) {
          if (isHash(message)) {
            entry.messages.add(message);
          }
        }
        if (typeof event.data.webhookSignature === "string") {
          entry.signatures.add(`${String(event.data.webhookTimestamp)} ${event.data.webhookSignature}`);
        }
        bodies.set(event.data.messageId, entry);
      }
    };
    const checker = new StreamChecker(manifest.stream, EVENTS, {
      keepTypes: eventTypesKept,
      keepSeqs: committed,
      onKept: kept,
      ...(sync ? { sha256: sync } : {}),
    });
    const held: Uint8Array[] = [];
    const whole = options.sha256Stream?.() ?? null;
    reading = EVENTS;
    for await (const part of source.parts(EVENTS)) {
      if (whole) {
        whole.update(part);
      } else {
        held.push(part);
      }
      await content(() => checker.push(part));
    }
    await content(() => checker.end());
    if ((whole ? whole.digest() : await hashOf(join(held))) !== listed.get(EVENTS)) {
      changed(EVENTS);
    }
    held.length = 0;
    counts.events = checker.count;
    await content(() => {
      if (checker.lastSeq !== manifest.head.lastSeq || checker.lastHash !== manifest.head.lastHash) {
        fail(
          "stream-head",
          EVENTS,
          checker.lastSeq,
          `the stream's recorded head is event ${manifest.head.lastSeq}, but the events end at event ${checker.lastSeq} (events were removed or added)`,
        );
      }
    });

    // 4. Every other file, one at a time: against the manifest, then against the event that recorded it.
    const seen = new Set<string>();
    const caseFiles = new Set<string>();
    const against = (check: BundleCheck, name: string, recorded: Recorded, hash: string, what: string) => {
      if (hash !== recorded.hash) {
        fail(check, name, recorded.seq, `${name} is not ${what} in event ${recorded.seq}`);
      }
      seen.add(name);
    };
    for (const name of source.names) {
      if (name === MANIFEST || name === EVENTS || name === CHECKPOINTS) {
        continue;
      }
      const bytes = await read(name);
      const hash = await hashOf(bytes);
      if (hash !== listed.get(name)) {
        changed(name);
      }
      const caseFile = CASE_FILE.exec(name);
      if (caseFile) {
        caseFiles.add(`${caseFile[1] as string}${hash}`);
      }
      await content(async () => {
        let match: RegExpExecArray | null;
        if ((match = AGREEMENT_PDF.exec(name))) {
          const recorded = signed.get(match[1] as string);
          if (!recorded) {
            fail("signed-pdf", name, null, `${name} has no signature event in the stream`);
          }
          against("signed-pdf", name, recorded as Recorded, hash, "the PDF whose hash was signed");
          counts.signedPdfs += 1;
        } else if ((match = NOTICE_CONTENT.exec(name))) {
          const recorded = queued.get(match[1] as string);
          if (recorded) {
            against("notice-content", name, recorded, hash, "the content whose hash was recorded (notice.queued)");
            counts.notices += 1;
          }
        } else if ((match = CERTIFICATE.exec(name))) {
          const recorded = certificates.get(match[1] as string);
          if (!recorded) {
            fail("deletion-certificate", name, null, `${name} has no ending.certificate_issued event in the stream`);
          }
          against("deletion-certificate", name, recorded as Recorded, hash, "the certificate whose hash was recorded when it was issued");
          counts.deletionCertificates += 1;
        } else if (EMAIL.test(name)) {
          let text: string;
          try {
            text = decoder.decode(bytes);
          } catch {
            return fail("email-body", name, null, `${name} is not UTF-8 text`);
          }
          const { headers, body } = splitEmail(text);
          const messageId = header(headers, "Message-ID");
          const sent = messageId ? bodies.get(messageId) : undefined;
          if (!sent) {
            fail("email-body", name, null, `${name}: no notice.sent or notice.held event records the Message-ID ${messageId ?? "(none)"}`);
          } else if (sent.messages.size > 0) {
            // Kept as handed to the relay: the whole message, headers and every part, is checked.
            if (!sent.messages.has(hash)) {
              fail(
                "email-body",
                name,
                sent.seq,
                `${name}: the message is not the one handed to the relay, whose hash was recorded when it was sent (event ${sent.seq})`,
              );
            }
            if (header(headers, SECRET_HIDDEN_HEADER) === "yes") {
              counts.bodiesHidingSecret += 1;
            }
          } else if (header(headers, SECRET_HIDDEN_HEADER) === "yes") {
            counts.bodiesHidingSecret += 1;
          } else if (!sent.hashes.has(await hashOf(body))) {
            fail("email-body", name, sent.seq, `${name}: the text is not the one whose hash was recorded when it was sent (event ${sent.seq})`);
          }
          counts.emails += 1;
        } else if (WEBHOOK.test(name)) {
          let webhook: BundleWebhook;
          try {
            webhook = JSON.parse(decoder.decode(bytes)) as BundleWebhook;
          } catch {
            return fail("webhook-body", name, null, `${name} is not JSON in UTF-8`);
          }
          const messageId = webhook?.headers?.["webhook-id"];
          const sent = messageId ? bodies.get(messageId) : undefined;
          if (!sent) {
            fail("webhook-body", name, null, `${name}: no notice.sent event records the webhook-id ${messageId ?? "(none)"}`);
          } else if (!sent.hashes.has(await hashOf(String(webhook.body)))) {
            fail("webhook-body", name, sent.seq, `${name}: the payload is not the one whose hash was recorded when it was sent (event ${sent.seq})`);
          } else if (
            sent.signatures.size > 0 &&
            !sent.signatures.has(`${String(webhook.headers["webhook-timestamp"])} ${String(webhook.headers["webhook-signature"])}`)
          ) {
            fail(
              "webhook-body",
              name,
              sent.seq,
              `${name}: the webhook-timestamp and webhook-signature headers are not the ones recorded when it was sent (event ${sent.seq})`,
            );
          }
          counts.webhooks += 1;
        }
      });
    }
    if (deferred) {
      throw new Failed(deferred);
    }
    counts.files = manifest.files.length;

    // 5. What the events recorded and the bundle lacks.
    for (const [id, recorded] of signed) {
      if (!seen.has(agreementPdf(id))) {
        fail("signed-pdf", agreementPdf(id), recorded.seq, `the PDF signed in event ${recorded.seq} is missing from the bundle`);
      }
    }
    for (const [id, recorded] of queued) {
      if (!seen.has(noticeContent(id))) {
        fail("notice-content", noticeContent(id), recorded.seq, `the content of the notice written in event ${recorded.seq} is missing from the bundle`);
      }
    }
    for (const [id, recorded] of certificates) {
      if (!seen.has(deletionCertificatePdf(id))) {
        fail(
          "deletion-certificate",
          deletionCertificatePdf(id),
          recorded.seq,
          `the deletion certificate issued in event ${recorded.seq} is missing from the bundle`,
        );
      }
    }

    for (const report of reports) {
      if (!caseFiles.has(`${report.folder}${report.hash}`)) {
        fail(
          "measures-report",
          report.folder,
          report.seq,
          `the measures report that answered the case in event ${report.seq} is not among the case's files in the bundle (no file has the SHA-256 the event recorded)`,
        );
      }
      counts.measuresReports += 1;
    }

    // 6. Checkpoints: each signed by one key, chained to the one before, consistent with it, and
    // including the stream's head as the events show it today.
    if (checkpoints) {
      publicKey = checkpoints.publicKey;
      await checkCheckpoints(checkpoints, manifest.stream, committedHashes, { ...options, hashOf });
      counts.checkpoints = checkpoints.checkpoints.length;
    }
    return { ok: true, failure: null, controllerId, counts, publicKey };
  } catch (error) {
    if (error instanceof Failed) {
      return { ok: false, failure: error.failure, controllerId, counts, publicKey };
    }
    if (error instanceof ZipError) {
      return { ok: false, failure: { check: "zip", file: reading, streamSeq: null, message: error.message }, controllerId, counts, publicKey };
    }
    throw error;
  }
}

/**
 * Verifies a bundle's ZIP: bytes in memory, or a file read at offsets (node:fs in the CLI, a dropped
 * File in the browser, see `blobAccess`), one entry at a time.
 */
export async function verifyBundle(zip: Uint8Array | RandomAccess, options: VerifyOptions = {}): Promise<BundleReport> {
  let files: BundleFiles;
  try {
    files = await filesOfZip(zip instanceof Uint8Array ? bytesAccess(zip) : windowedAccess(zip));
  } catch (error) {
    if (!(error instanceof ZipError)) {
      throw error;
    }
    return {
      ok: false,
      failure: { check: "zip", file: null, streamSeq: null, message: `not a readable ZIP file: ${error.message}` },
      controllerId: null,
      counts: {
        files: 0,
        events: 0,
        signedPdfs: 0,
        notices: 0,
        emails: 0,
        webhooks: 0,
        bodiesHidingSecret: 0,
        deletionCertificates: 0,
        measuresReports: 0,
        checkpoints: 0,
      },
      publicKey: null,
    };
  }
  return verifyBundleFiles(files, options);
}

/** A dropped File (or any Blob) read in slices. */
export const verifyBundleBlob = (blob: Blob, options: VerifyOptions = {}) => verifyBundle(blobAccess(blob), options);
