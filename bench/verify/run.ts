/**
 * `npm run bench:verify`: the check `art28 verify --bundle` runs on a bundle's events.jsonl (the pure
 * module's StreamChecker, src/domain/evidence-bundle/stream-checker.ts, with node:crypto's one-shot
 * `hash` as the CLI gives it: lines split on bytes, each line's canonical part proven RFC 8785 where
 * it lies, SHA-256, position, link and hash) over 1,000,000 synthetic events of one customer's
 * stream, written as the server writes them and fed in 64 KiB parts as they come out of the ZIP,
 * against a bare SHA-256 loop (the same node:crypto `hash`) over the same canonical bytes, in the
 * same run. The events are made chunk by chunk (outside the timings), so memory stays bounded.
 * Prints events/s of both, the whole file's SHA-256 (the manifest check) apart, and as its last line
 * `ratio: N` (Art28's rate ÷ the bare loop's). BENCH_EVENTS sets the number of events.
 */
import { createHash, hash } from "node:crypto";
import { canonicalEvent, computeEventHash, GENESIS_HASH, type ChainedEvent } from "../../src/domain/evidence-chain.ts";
import { eventLine } from "../../src/domain/evidence-bundle/event-line.ts";
import { StreamChecker } from "../../src/domain/evidence-bundle/verify.ts";

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CHUNK = 10_000;
const PART = 64 * 1024;
const STREAM = "controller:00000000-0000-4000-8000-00000000000c";
const TYPES = ["notice.queued", "notice.sent", "agreement.viewed", "contact.confirmed", "staff.viewed_personal_data"];
const print = (line: string) => process.stdout.write(`${line}\n`);

let prev = GENESIS_HASH;
let seq = 0;
const start = Date.UTC(2026, 0, 1);
const encoder = new TextEncoder();

/** The next chunk of the stream: its bytes as in events.jsonl, and each event's canonical bytes. */
function chunk(n: number): { file: Uint8Array; canonical: Uint8Array[] } {
  const lines: string[] = [];
  const canonical: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    seq += 1;
    const event: ChainedEvent = {
      stream: STREAM,
      streamSeq: seq,
      occurredAt: new Date(start + seq * 1000),
      type: TYPES[seq % TYPES.length] as string,
      actorKind: "system",
      actorId: null,
      actorLabel: "Art28",
      controllerId: "00000000-0000-4000-8000-00000000000c",
      subjectType: "notice",
      subjectId: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
      data: { channel: "email", messageId: `<n${seq}@art28>`, bodySha256: "ab".repeat(32), attempt: 1, role: "privacy_contact" },
      prevHash: prev,
    };
    const eventHash = computeEventHash(event);
    prev = eventHash;
    lines.push(eventLine({ ...event, seq, hash: eventHash }));
    canonical.push(encoder.encode(canonicalEvent(event)));
  }
  return { file: encoder.encode(lines.join("\n") + "\n"), canonical };
}

// As `art28 verify --bundle` runs it: node:crypto's one-shot SHA-256 given to the pure module.
const checker = new StreamChecker(STREAM, "events.jsonl", { sha256: (data) => hash("sha256", data) });
const whole = createHash("sha256");
let art28Ms = 0;
let bareMs = 0;
let wholeMs = 0;
let bytes = 0;
let fileBytes = 0;
let sink = 0;
for (let done = 0; done < TOTAL; done += CHUNK) {
  const { file, canonical } = chunk(Math.min(CHUNK, TOTAL - done));
  let started = performance.now();
  for (let i = 0; i < file.length; i += PART) {
    await checker.push(file.subarray(i, i + PART));
  }
  art28Ms += performance.now() - started;
  started = performance.now();
  for (const data of canonical) {
    sink ^= hash("sha256", data).charCodeAt(0);
    bytes += data.length;
  }
  bareMs += performance.now() - started;
  started = performance.now();
  whole.update(file);
  wholeMs += performance.now() - started;
  fileBytes += file.length;
}
let started = performance.now();
await checker.end();
art28Ms += performance.now() - started;
if (checker.count !== TOTAL || checker.lastHash !== prev) {
  throw new Error(`the checker saw ${checker.count} of ${TOTAL} events`);
}
started = performance.now();
sink ^= whole.digest()[0] as number;
wholeMs += performance.now() - started;
const art28Rate = (TOTAL / art28Ms) * 1000;
const bareRate = (TOTAL / bareMs) * 1000;
print(`events: ${TOTAL} (${(bytes / TOTAL).toFixed(0)} canonical bytes each, ${(fileBytes / TOTAL).toFixed(0)} bytes a line; checksum ${sink})`);
print(
  `art28 verify (bundle events: lines on bytes, canonical check, SHA-256, position, link, hash): ${(art28Ms / 1000).toFixed(2)} s, ${Math.round(art28Rate)} events/s`,
);
print(`bare SHA-256 loop (node:crypto hash) over the same canonical bytes: ${(bareMs / 1000).toFixed(2)} s, ${Math.round(bareRate)} events/s`);
print(`(apart: events.jsonl's own SHA-256 for the manifest, ${(fileBytes / 1e6).toFixed(0)} MB: ${(wholeMs / 1000).toFixed(2)} s)`);
print(`ratio: ${(art28Rate / bareRate).toFixed(2)}`);
