// The evidence bundle's layout: what the server writes (src/modules/evidence-bundle/bundle.ts) and what the
// verifier reads (verify.ts). Pure, and free of Node: the trust site's browser verifier imports it.

export const BUNDLE_FORMAT = "art28-evidence-bundle";
/**
 * 2: events.jsonl lines hold the event's canonical form as written (event-line.ts), and the deletion
 * certificates are in. The verifier reads version 1 too.
 */
export const BUNDLE_VERSION = 2;

export const MANIFEST = "manifest.json";
export const EVENTS = "events.jsonl";
export const README = "README.txt";
export const CHECKPOINTS = "checkpoints.json";

/**
 * One line of events.jsonl: an event with everything its hash covers, its hash and its global number
 * (written as event-line.ts says: hash and number first, then the canonical form's members).
 */
export interface BundleEvent {
  seq: number;
  stream: string;
  streamSeq: number;
  occurredAt: string;
  type: string;
  actor: { kind: "staff" | "customer" | "system" | "api"; id: string | null; label: string };
  controllerId: string | null;
  subject: { type: string | null; id: string | null };
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** The canonical form's version (always 1 so far). */
  v?: number;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  version: number;
  controllerId: string;
  stream: string;
  madeAt: string;
  /** The stream's head as the log recorded it when the bundle was made: the last event must be this one. */
  head: { lastSeq: number; lastHash: string };
  files: ManifestFile[];
}

/** Where an agreement's signed PDF lies; its hash is in the agreement.signed_by_customer event. */
export const agreementPdf = (agreementId: string) => `agreements/${agreementId}/agreement.pdf`;
/** A notice's content (its data without secrets, RFC 8785 JSON); its hash is in the notice.queued event. */
export const noticeContent = (noticeId: string) => `notices/${noticeId}/content.json`;
/** An email as handed to the relay; its body's hash is in the notice.sent (or notice.held) event. */
export const noticeEmail = (noticeId: string, deliveryId: string) => `notices/${noticeId}/deliveries/${deliveryId}.eml`;
/** A webhook as posted: headers and body; the body's hash is in the notice.sent event. */
export const noticeWebhook = (noticeId: string, deliveryId: string) => `notices/${noticeId}/deliveries/${deliveryId}.webhook.json`;

/**
 * A deletion certificate as issued (art. 12.4), in the customer's language: its SHA-256 is `sha256` in
 * the ending.certificate_issued event that names it (`certificateId`).
 */
export const deletionCertificatePdf = (certificateId: string) => `deletion-certificates/${certificateId}.pdf`;
/** What the certificate stated when issued (its content, kind, number, language, SHA-256). */
export const deletionCertificateAbout = (certificateId: string) => `deletion-certificates/${certificateId}.json`;

/**
 * The files exchanged in a case or consultation thread. A measures report that answered the
 * customer's question is one of its case's: its SHA-256 is `report.sha256` in case.measures_answered.
 */
export const threadFiles = (subjectType: string, subjectId: string) => `attachments/${subjectType}-${subjectId}/`;

/** The header an .eml carries when its stored body shows a placeholder for a single-use link (not the sent text). */
export const SECRET_HIDDEN_HEADER = "X-Art28-Body-Hides-Secret";

/** A webhook delivery as the bundle keeps it. */
export interface BundleWebhook {
  url: string;
  headers: Record<string, string>;
  /** The body exactly as posted. */
  body: string;
}
