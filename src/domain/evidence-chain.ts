import { createHash } from "node:crypto";
import { canonicalEvent, type ChainedEvent } from "./evidence-canonical.ts";

export { canonicalEvent, type ActorKind, type ChainedEvent } from "./evidence-canonical.ts";

/** The hash a stream starts from. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * SHA-256 over the RFC 8785 canonical JSON of the event and its predecessor's hash. Anyone can
 * recompute it from an exported event with any JCS implementation: nothing here is Art28-specific.
 */
export function computeEventHash(event: ChainedEvent): string {
  return createHash("sha256").update(canonicalEvent(event)).digest("hex");
}

export interface BrokenLink {
  seq: number | null;
  stream: string;
  streamSeq: number | null;
  reason: string;
}

export interface StreamHead {
  lastSeq: number;
  lastHash: string;
}

/**
 * Verifies events stream by stream, fed in any number of batches in global order. Each event must
 * follow its predecessor in its stream (seq + 1, prevHash = predecessor's hash) and carry the hash
 * of its own content. `finish` compares the last event of every stream with the recorded heads,
 * which catches a deleted tail.
 */
export class ChainVerifier {
  readonly heads = new Map<string, StreamHead>();
  count = 0;
  firstBroken: BrokenLink | null = null;

  add(event: ChainedEvent & { seq: number; hash: string }): boolean {
    if (this.firstBroken) {
      return false;
    }
    this.count += 1;
    const head = this.heads.get(event.stream) ?? { lastSeq: 0, lastHash: GENESIS_HASH };
    const at = { seq: event.seq, stream: event.stream, streamSeq: event.streamSeq };
    if (event.streamSeq !== head.lastSeq + 1) {
      this.firstBroken = { ...at, reason: `expected stream position ${head.lastSeq + 1}, found ${event.streamSeq} (an event is missing)` };
    } else if (event.prevHash !== head.lastHash) {
      this.firstBroken = { ...at, reason: "its previous-hash does not match the hash of the event before it" };
    } else if (computeEventHash(event) !== event.hash) {
      this.firstBroken = { ...at, reason: "its content does not match its hash (the event was altered)" };
    } else {
      this.heads.set(event.stream, { lastSeq: event.streamSeq, lastHash: event.hash });
      return true;
    }
    return false;
  }

  /** Checks the recorded stream heads against what the events showed. */
  finish(recordedHeads: Iterable<{ stream: string } & StreamHead>): BrokenLink | null {
    if (this.firstBroken) {
      return this.firstBroken;
    }
    for (const recorded of recordedHeads) {
      const seen = this.heads.get(recorded.stream);
      if (!seen || seen.lastSeq !== recorded.lastSeq || seen.lastHash !== recorded.lastHash) {
        this.firstBroken = {
          seq: null,
          stream: recorded.stream,
          streamSeq: seen?.lastSeq ?? 0,
          reason: `the stream's recorded head is event ${recorded.lastSeq}, but the log ends at ${seen?.lastSeq ?? 0} (events were removed)`,
        };
        return this.firstBroken;
      }
    }
    return null;
  }
}

export function controllerStream(controllerId: string): string {
  return `controller:${controllerId}`;
}
export const PROCESSOR_STREAM = "processor";
