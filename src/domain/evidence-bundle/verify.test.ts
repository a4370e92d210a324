import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import canonicalize from "canonicalize";
import { computeEventHash, GENESIS_HASH } from "../evidence-chain.ts";
import { agreementPdf, BUNDLE_FORMAT, EVENTS, MANIFEST, noticeContent, noticeEmail, noticeWebhook, type BundleEvent, type Manifest } from "./layout.ts";
import { describeFailure, sha256Hex, verifyBundle, verifyBundleFiles } from "./verify.ts";

const sha = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const enc = new TextEncoder();
const C = "00000000-0000-4000-8000-00000000000c";
const STREAM = `controller:${C}`;
const AGREEMENT = "00000000-0000-4000-8000-0000000000a1";
const NOTICE = "00000000-0000-4000-8000-0000000000b1";
const EMAIL = "00000000-0000-4000-8000-0000000000d1";
const HOOK = "00000000-0000-4000-8000-0000000000d2";
const pdf = enc.encode("%PDF-1.7 the signed agreement\n%%EOF");
const content = canonicalize({ kind: "breach_notice", round: 1, facts: "Een laptop is gestolen." }) as string;
const body = "Beste klant,\n\nEr is een inbreuk.\n";
const webhookBody = JSON.stringify({ type: "notice.breach_notice", data: { noticeId: NOTICE } });

/** Chains events as the server does (node:crypto), so the pure verifier's WebCrypto hashing is held to the same bytes. */
function chain(inputs: { type: string; data: Record<string, unknown>; subject?: { type: string; id: string } }[]): BundleEvent[] {
  let prev = GENESIS_HASH;
  return inputs.map((input, i) => {
    const occurredAt = new Date(Date.UTC(2026, 2, 28, 9, 0, i));
    const base = {
      stream: STREAM,
      streamSeq: i + 1,
      occurredAt,
      type: input.type,
      actorKind: "system" as const,
      actorId: null,
      actorLabel: "Art28",
      controllerId: C,
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      data: input.data,
      prevHash: prev,
    };
    const hash = computeEventHash(base);
    prev = hash;
    return {
      seq: 100 + i,
      stream: STREAM,
      streamSeq: i + 1,
      occurredAt: occurredAt.toISOString(),
      type: input.type,
      actor: { kind: "system", id: null, label: "Art28" },
      controllerId: C,
      subject: { type: base.subjectType, id: base.subjectId },
      data: input.data,
      prevHash: base.prevHash,
      hash,
    };
  });
}

function sampleEvents(): BundleEvent[] {
  return chain([
    { type: "agreement.offered", data: { n: 1, nested: { ü: "é", list: [1, 2.5] } } },
    { type: "agreement.signed_by_customer", data: { documentSha256: sha(pdf) }, subject: { type: "agreement", id: AGREEMENT } },
    { type: "notice.queued", data: { kind: "breach_notice", audience: "customer", contentSha256: sha(content) }, subject: { type: "notice", id: NOTICE } },
    { type: "notice.sent", data: { channel: "email", messageId: "<n1@art28>", bodySha256: sha(body) }, subject: { type: "notice", id: NOTICE } },
    { type: "notice.sent", data: { channel: "webhook", messageId: "msg_1", bodySha256: sha(webhookBody) }, subject: { type: "notice", id: NOTICE } },
  ]);
}

function files(events: BundleEvent[], change: (files: Map<string, Uint8Array>) => void = () => {}, head?: Manifest["head"]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  out.set(EVENTS, enc.encode(events.map((e) => JSON.stringify(e)).join("\n") + "\n"));
  out.set(agreementPdf(AGREEMENT), pdf);
  out.set(noticeContent(NOTICE), enc.encode(content));
  out.set(noticeEmail(NOTICE, EMAIL), enc.encode(`Message-ID: <n1@art28>\r\nSubject: Inbreuk\r\n\r\n${body}`));
  out.set(noticeWebhook(NOTICE, HOOK), enc.encode(JSON.stringify({ url: "https://x.example/h", headers: { "webhook-id": "msg_1" }, body: webhookBody })));
  const last = events.at(-1);
  const manifest = (m: Map<string, Uint8Array>): Manifest => ({
    format: BUNDLE_FORMAT,
    version: 1,
    controllerId: C,
    stream: STREAM,
    madeAt: "2026-03-28T10:00:00.000Z",
    head: head ?? { lastSeq: last?.streamSeq ?? 0, lastHash: last?.hash ?? GENESIS_HASH },
    files: [...m].map(([path, bytes]) => ({ path, sha256: sha(bytes), bytes: bytes.length })),
  });
  change(out);
  out.set(MANIFEST, enc.encode(JSON.stringify(manifest(out))));
  return out;
}

describe("the bundle verifier (pure)", () => {
  test("WebCrypto's SHA-256 gives node:crypto's hex", async () => {
    assert.equal(await sha256Hex("abc"), sha("abc"));
    assert.equal(await sha256Hex(new Uint8Array(0)), sha(""));
  });

  test("a whole bundle passes, zipped and unzipped", async () => {
    const report = await verifyBundle(zipSync(Object.fromEntries(files(sampleEvents()))));
    assert.equal(report.failure, null);
    assert.deepEqual(report.counts, { files: 5, events: 5, signedPdfs: 1, notices: 1, emails: 1, webhooks: 1, bodiesHidingSecret: 0, checkpoints: 0 });
  });

  test("an altered event is named by its position and the hash check, with WebCrypto or a given SHA-256", async () => {
    const events = sampleEvents();
    (events[0] as BundleEvent).data = { n: 2, nested: { ü: "é", list: [1, 2.5] } };
    for (const options of [{}, { sha256: sha }]) {
      const report = await verifyBundleFiles(files(events), options);
      assert.deepEqual(report.failure && { ...report.failure, message: "" }, { check: "event-hash", file: EVENTS, streamSeq: 1, message: "" });
    }
    assert.equal((await verifyBundleFiles(files(sampleEvents()), { sha256: sha })).failure, null);
  });

  test("two swapped events break the position check at the first of them", async () => {
    const events = sampleEvents();
    [events[1], events[2]] = [events[2] as BundleEvent, events[1] as BundleEvent];
    const report = await verifyBundleFiles(files(events));
    assert.equal(report.failure?.check, "event-position");
    assert.equal(report.failure?.streamSeq, 3);
  });

  test("a removed tail is found against the recorded head", async () => {
    const all = sampleEvents();
    const last = all.at(-1) as BundleEvent;
    const report = await verifyBundleFiles(files(all.slice(0, 3), undefined, { lastSeq: last.streamSeq, lastHash: last.hash }));
    assert.equal(report.failure?.check, "stream-head");
    assert.equal(report.failure?.streamSeq, 3);
  });

  test("a relinked forgery (new hashes all through) fails the link to the kept events", async () => {
    const events = sampleEvents();
    (events[3] as BundleEvent).prevHash = "f".repeat(64);
    assert.equal((await verifyBundleFiles(files(events))).failure?.check, "event-link");
  });

  test("a replaced file is caught by the manifest", async () => {
    const bundle = files(sampleEvents());
    bundle.set(agreementPdf(AGREEMENT), enc.encode("%PDF another"));
    const report = await verifyBundleFiles(bundle);
    assert.deepEqual(report.failure && [report.failure.check, report.failure.file], ["file-hash", agreementPdf(AGREEMENT)]);
  });

  test("a replaced PDF with its manifest entry changed to match fails against the signature event", async () => {
    const report = await verifyBundleFiles(files(sampleEvents(), (m) => m.set(agreementPdf(AGREEMENT), enc.encode("%PDF another"))));
    assert.deepEqual(report.failure && [report.failure.check, report.failure.file, report.failure.streamSeq], ["signed-pdf", agreementPdf(AGREEMENT), 2]);
    assert.match(
      describeFailure(report.failure ?? { check: "zip", file: null, streamSeq: null, message: "" }),
      /signed-pdf \(file agreements\/.+\/agreement\.pdf, event 2\)/,
    );
  });

  test("a notice's changed text fails against notice.queued; an email's and a webhook's against notice.sent", async () => {
    const changed = await verifyBundleFiles(files(sampleEvents(), (m) => m.set(noticeContent(NOTICE), enc.encode(content.replace("gestolen", "gevonden")))));
    assert.deepEqual(changed.failure && [changed.failure.check, changed.failure.streamSeq], ["notice-content", 3]);
    const email = await verifyBundleFiles(
      files(sampleEvents(), (m) => m.set(noticeEmail(NOTICE, EMAIL), enc.encode(`Message-ID: <n1@art28>\r\n\r\nGeen inbreuk.\n`))),
    );
    assert.deepEqual(email.failure && [email.failure.check, email.failure.streamSeq], ["email-body", 4]);
    const hook = await verifyBundleFiles(
      files(sampleEvents(), (m) =>
        m.set(noticeWebhook(NOTICE, HOOK), enc.encode(JSON.stringify({ url: "u", headers: { "webhook-id": "msg_1" }, body: "{}" }))),
      ),
    );
    assert.deepEqual(hook.failure && [hook.failure.check, hook.failure.streamSeq], ["webhook-body", 5]);
  });

  test("a file not in the manifest, a missing manifest, and bytes that are no ZIP are named", async () => {
    const extra = files(sampleEvents());
    extra.set("notes.txt", enc.encode("added"));
    assert.deepEqual([(await verifyBundleFiles(extra)).failure?.check, (await verifyBundleFiles(extra)).failure?.file], ["file-unlisted", "notes.txt"]);
    const none = files(sampleEvents());
    none.delete(MANIFEST);
    assert.equal((await verifyBundleFiles(none)).failure?.check, "manifest");
    assert.equal((await verifyBundle(enc.encode("not a zip"))).failure?.check, "zip");
  });
});
