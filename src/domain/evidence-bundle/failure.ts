// What a bundle's verification reports when a check fails: the check, the file and the event.
// Pure, and free of Node.

/** Which check failed. */
export type BundleCheck =
  | "zip"
  | "manifest"
  | "file-hash"
  | "file-unlisted"
  | "event-format"
  | "event-stream"
  | "event-position"
  | "event-link"
  | "event-hash"
  | "stream-head"
  | "signed-pdf"
  | "notice-content"
  | "email-body"
  | "webhook-body"
  | "deletion-certificate"
  | "measures-report"
  | "checkpoint";

export interface BundleFailure {
  check: BundleCheck;
  /** The bundle's file where it failed. */
  file: string | null;
  /** The event's position in the customer's stream, when an event is concerned. */
  streamSeq: number | null;
  message: string;
}

/** A failed check, thrown to end the work that found it. */
export class Failed extends Error {
  readonly failure: BundleFailure;
  constructor(failure: BundleFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

export const fail = (check: BundleCheck, file: string | null, streamSeq: number | null, message: string): never => {
  throw new Failed({ check, file, streamSeq, message });
};

/** The failure in one line, as the CLI and the page show it. */
export function describeFailure(failure: BundleFailure): string {
  const where = [failure.file ? `file ${failure.file}` : null, failure.streamSeq !== null ? `event ${failure.streamSeq}` : null].filter(Boolean).join(", ");
  return `${failure.check}${where ? ` (${where})` : ""}: ${failure.message}`;
}
