/**
 * `npm run bench:verify`: the check `art28 verify --bundle` runs on a bundle's events (the pure
 * module, src/domain/evidence-bundle/verify.ts: parse each line, put it in canonical form, SHA-256
 * (node:crypto's, as the CLI gives it), check position, link and hash) over 1,000,000 synthetic events of one customer's
 * stream, against a bare SHA-256 loop (node:crypto) over the same canonical bytes, in the same run.
 * The events are made chunk by chunk (outside the timings), so memory stays bounded. Prints events/s
 * of both and, as its last line, `ratio: N` (Art28's rate ÷ the bare loop's).
 * BENCH_EVENTS sets the number of events.
 */
import { createHash } from "node:crypto";
import { canonicalEvent, computeEventHash, GENESIS_HASH, type ChainedEvent } from "../../src/domain/evidence-chain.ts";
import type { BundleEvent } from "../../src/domain/evidence-bundle/layout.ts";
import { StreamChecker } from "../../src/domain/evidence-bundle/verify.ts";

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CHUNK = 10_000;
const BATCH = 512;
const STREAM = "controller:00000000-0000-4000-8000-00000000000c";
const TYPES = ["notice.queued", "notice.sent", "agreement.viewed", "contact.confirmed", "staff.viewed_personal_data"];
const print = (line: string) => process.stdout.write(`${line}\n`);

let prev = GENESIS_HASH;
let seq = 0;
const start = Date.UTC(2026, 0, 1);

/** The next chunk of the stream: its lines as in events.jsonl, and each event's canonical bytes. */
function chunk(n: number): { lines: string[]; canonical: Uint8Array[] } {
  const encoder = new TextEncoder();
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
    const hash = computeEventHash(event);
    const line: BundleEvent = {
      seq,
      stream: event.stream,
      streamSeq: event.streamSeq,
      occurredAt: event.occurredAt.toISOString(),
      type: event.type,
      actor: { kind: "system", id: null, label: "Art28" },
      controllerId: event.controllerId,
      subject: { type: event.subjectType, id: event.subjectId },
      data: event.data,
      prevHash: prev,
      hash,
    };
    prev = hash;
    lines.push(JSON.stringify(line));
    canonical.push(encoder.encode(canonicalEvent(event)));
  }
  return { lines, canonical };
}

// As `art28 verify --bundle` runs it: node:crypto's SHA-256 given to the pure module.
const checker = new StreamChecker(
  STREAM,
  "events.jsonl",
  () => false,
  (data) => createHash("sha256").update(data).digest("hex"),
);
let art28Ms = 0;
let bareMs = 0;
let bytes = 0;
let sink = 0;
for (let done = 0; done < TOTAL; done += CHUNK) {
  const { lines, canonical } = chunk(Math.min(CHUNK, TOTAL - done));
  let started = performance.now();
  for (let i = 0; i < lines.length; i += BATCH) {
    await checker.addLines(lines.slice(i, i + BATCH), done + i + 1);
  }
  art28Ms += performance.now() - started;
  started = performance.now();
  for (const data of canonical) {
    sink ^= createHash("sha256").update(data).digest()[0] as number;
    bytes += data.length;
  }
  bareMs += performance.now() - started;
}
if (checker.count !== TOTAL || checker.lastHash !== prev) {
  throw new Error(`the checker saw ${checker.count} of ${TOTAL} events`);
}
const art28Rate = (TOTAL / art28Ms) * 1000;
const bareRate = (TOTAL / bareMs) * 1000;
print(`events: ${TOTAL} (${(bytes / TOTAL).toFixed(0)} canonical bytes each on average; checksum ${sink})`);
print(
  `art28 verify (bundle events: parse, canonical form, SHA-256, position, link, hash): ${(art28Ms / 1000).toFixed(2)} s, ${Math.round(art28Rate)} events/s`,
);
print(`bare SHA-256 loop (node:crypto) over the same canonical bytes: ${(bareMs / 1000).toFixed(2)} s, ${Math.round(bareRate)} events/s`);
print(`ratio: ${(art28Rate / bareRate).toFixed(2)}`);
