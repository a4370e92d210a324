import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Zip, ZipDeflate, ZipPassThrough, zipSync } from "fflate";
import fc from "fast-check";
import canonicalize from "canonicalize";
import { canonicalEvent, computeEventHash, GENESIS_HASH, type ChainedEvent } from "../evidence-chain.ts";
import { eventLine } from "./event-line.ts";
import { jsSha256, jsSha256Options, jsSha256Stream } from "./js-sha256.ts";
import {
  agreementPdf,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  deletionCertificatePdf,
  EVENTS,
  MANIFEST,
  noticeContent,
  noticeEmail,
  noticeWebhook,
  type BundleEvent,
  type Manifest,
} from "./layout.ts";
import { blobAccess, describeFailure, sha256Hex, StreamChecker, verifyBundle, verifyBundleFiles, type BundleFailure } from "./verify.ts";

const sha = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const enc = new TextEncoder();
const C = "00000000-0000-4000-8000-00000000000c";
const STREAM = `controller:${C}`;
const AGREEMENT = "00000000-0000-4000-8000-0000000000a1";
const NOTICE = "00000000-0000-4000-8000-0000000000b1";
const EMAIL = "00000000-0000-4000-8000-0000000000d1";
const HOOK = "00000000-0000-4000-8000-0000000000d2";
const CERTIFICATE = "00000000-0000-4000-8000-0000000000e1";
const CASE = "00000000-0000-4000-8000-0000000000f1";
const REPORT = `attachments/case-${CASE}/00000000-0000-4000-8000-0000000000f2/Maatregelen.pdf`;
const pdf = enc.encode("%PDF-1.7 the signed agreement\n%%EOF");
const certificate = enc.encode("%PDF-1.7 deletion certificate C-7-1\n%%EOF");
const measuresReport = enc.encode("%PDF-1.7 measures report\n%%EOF");
const content = canonicalize({ kind: "breach_notice", round: 1, facts: "Een laptop is gestolen." }) as string;
const body = "Beste klant,\n\nEr is een inbreuk.\n";
const webhookBody = JSON.stringify({ type: "notice.breach_notice", data: { noticeId: NOTICE } });

const chained = (e: BundleEvent): ChainedEvent => ({
  stream: e.stream,
  streamSeq: e.streamSeq,
  occurredAt: new Date(e.occurredAt),
  type: e.type,
  actorKind: e.actor.kind,
  actorId: e.actor.id,
  actorLabel: e.actor.label,
  controllerId: e.controllerId,
  subjectType: e.subject.type,
  subjectId: e.subject.id,
  data: e.data,
  prevHash: e.prevHash,
});

/** A line as the server writes it (version 2). */
const line = (e: BundleEvent) => eventLine({ ...chained(e), seq: e.seq, hash: e.hash });

/** Chains events as the server does (node:crypto), so the pure verifier's hashing is held to the same bytes. */
function chain(inputs: { type: string; data: Record<string, unknown>; subject?: { type: string; id: string } }[], from = GENESIS_HASH): BundleEvent[] {
  let prev = from;
  return inputs.map((input, i) => {
    const occurredAt = new Date(Date.UTC(2026, 2, 28, 9, 0, i));
    const base: ChainedEvent = {
      stream: STREAM,
      streamSeq: i + 1,
      occurredAt,
      type: input.type,
      actorKind: "system",
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
    { type: "agreement.offered", data: { n: 1, nested: { ü: "é", list: [1, 2.5] }, text: 'tab\there, "quoted", \u0001 and 🙂' } },
    { type: "agreement.signed_by_customer", data: { documentSha256: sha(pdf) }, subject: { type: "agreement", id: AGREEMENT } },
    { type: "notice.queued", data: { kind: "breach_notice", audience: "customer", contentSha256: sha(content) }, subject: { type: "notice", id: NOTICE } },
    { type: "notice.sent", data: { channel: "email", messageId: "<n1@art28>", bodySha256: sha(body) }, subject: { type: "notice", id: NOTICE } },
    { type: "notice.sent", data: { channel: "webhook", messageId: "msg_1", bodySha256: sha(webhookBody) }, subject: { type: "notice", id: NOTICE } },
    {
      type: "ending.certificate_issued",
      data: { certificateId: CERTIFICATE, reference: "E-7", number: 1, kind: "final", sha256: sha(certificate) },
      subject: { type: "agreement_ending", id: "00000000-0000-4000-8000-0000000000e0" },
    },
    { type: "case.measures_answered", data: { report: { fileName: "Maatregelen.pdf", sha256: sha(measuresReport) } }, subject: { type: "case", id: CASE } },
  ]);
}

interface Options {
  change?: (files: Map<string, Uint8Array>) => void;
  head?: Manifest["head"];
  /** The events file as written; by default each event as the server writes its line. */
  eventsFile?: string;
  version?: number;
}

function files(events: BundleEvent[], options: Options = {}): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  out.set(EVENTS, enc.encode(options.eventsFile ?? events.map(line).join("\n") + "\n"));
  out.set(agreementPdf(AGREEMENT), pdf);
  out.set(noticeContent(NOTICE), enc.encode(content));
  out.set(noticeEmail(NOTICE, EMAIL), enc.encode(`Message-ID: <n1@art28>\r\nSubject: Inbreuk\r\n\r\n${body}`));
  out.set(noticeWebhook(NOTICE, HOOK), enc.encode(JSON.stringify({ url: "https://x.example/h", headers: { "webhook-id": "msg_1" }, body: webhookBody })));
  out.set(deletionCertificatePdf(CERTIFICATE), certificate);
  out.set(REPORT, measuresReport);
  const last = events.at(-1);
  options.change?.(out);
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    version: options.version ?? BUNDLE_VERSION,
    controllerId: C,
    stream: STREAM,
    madeAt: "2026-03-28T10:00:00.000Z",
    head: options.head ?? { lastSeq: last?.streamSeq ?? 0, lastHash: last?.hash ?? GENESIS_HASH },
    files: [...out].map(([path, bytes]) => ({ path, sha256: sha(bytes), bytes: bytes.length })),
  };
  out.set(MANIFEST, enc.encode(JSON.stringify(manifest)));
  return out;
}

// WebCrypto's (the default), node:crypto's (the CLI's), and the browser's: @noble/hashes, one-shot and incremental.
const both = [{}, { sha256: sha }, jsSha256Options()];
const where = (failure: BundleFailure | null) => failure && [failure.check, failure.file, failure.streamSeq];

describe("the bundle verifier (pure)", () => {
  test("WebCrypto's SHA-256 gives node:crypto's hex", async () => {
    assert.equal(await sha256Hex("abc"), sha("abc"));
    assert.equal(await sha256Hex(new Uint8Array(0)), sha(""));
  });

  test("the browser's SHA-256 in JavaScript gives node:crypto's hex, of UTF-8 text and of bytes in any parts", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 300 }), fc.nat(300), (text, bytes, cut) => {
        assert.equal(jsSha256(text), sha(text));
        assert.equal(jsSha256(bytes), sha(bytes));
        const whole = jsSha256Stream();
        whole.update(bytes.subarray(0, cut));
        whole.update(bytes.subarray(cut));
        assert.equal(whole.digest(), sha(bytes));
      }),
      { seed: 14 },
    );
  });

  test("a whole bundle passes, zipped and unzipped, with WebCrypto or a given SHA-256", async () => {
    for (const options of both) {
      const report = await verifyBundle(zipSync(Object.fromEntries(files(sampleEvents()))), options);
      assert.equal(report.failure, null);
      assert.deepEqual(report.counts, {
        files: 7,
        events: 7,
        signedPdfs: 1,
        notices: 1,
        emails: 1,
        webhooks: 1,
        bodiesHidingSecret: 0,
        deletionCertificates: 1,
        measuresReports: 1,
        checkpoints: 0,
      });
      assert.equal((await verifyBundleFiles(files(sampleEvents()), options)).failure, null);
    }
  });

  test("a line holds the event's canonical form as written: its hash is SHA-256 of `{` and the line after the number", () => {
    for (const event of sampleEvents()) {
      const text = line(event);
      const match = /^\{"hash":"([0-9a-f]{64})","seq":\d+,(.*)$/s.exec(text);
      assert.ok(match, text);
      assert.equal(`{${match[2]}`, canonicalEvent(chained(event)));
      assert.equal(sha(`{${match[2]}`), match[1]);
      assert.deepEqual(JSON.parse(text), { ...event, v: 1 }, "the line is the event's JSON");
    }
  });

  test("a version 1 bundle (each line the event's JSON, in any key order) still verifies", async () => {
    const eventsFile = sampleEvents()
      .map((e) => JSON.stringify(e))
      .join("\n");
    for (const options of both) {
      assert.equal((await verifyBundleFiles(files(sampleEvents(), { eventsFile, version: 1 }), options)).failure, null);
    }
  });

  test("an altered event is named by its position and the hash check, with WebCrypto or a given SHA-256", async () => {
    const events = sampleEvents();
    (events[0] as BundleEvent).data = { n: 2, nested: { ü: "é", list: [1, 2.5] } };
    for (const options of both) {
      const report = await verifyBundleFiles(files(events), options);
      assert.deepEqual(where(report.failure), ["event-hash", EVENTS, 1]);
    }
  });

  test("content bytes that are not RFC 8785, hashed as they stand and chained on, fail the hash check", async () => {
    const [good] = chain([{ type: "agreement.offered", data: { a: [0, 2.5, -3, 1e21], b: "x\ty/z", c: { d: null, e: true }, é: "ü" } }]);
    const ascii = chain([{ type: "agreement.offered", data: { a: [0, 2.5, -3, 1e21], b: "x\ty/z", c: { d: null, e: true } } }])[0] as BundleEvent;
    // Then: whether the changed form still holds the event's values (then it is an authentic event
    // written otherwise, which verifies with the hash of its canonical form), and the check named.
    const forms: [BundleEvent, string, string, boolean?, string?][] = [
      [ascii, '"c":{"d":null,"e":true}', '"c":{"e":true,"d":null}'],
      [ascii, '"a":[0,2.5,-3,1e+21],"b"', '"b":"x\\ty/z","a":[0,2.5,-3,1e+21],"b"'],
      [ascii, '"b":"x\\ty/z"', '"b":"x\\ty/z","b":"x\\ty/z"'],
      [ascii, "[0,2.5", "[0.0,2.5"],
      [ascii, "2.5,-3", "2.50,-3"],
      [ascii, "-3,1e+21", "-3,1E+21"],
      [ascii, "-3,1e+21", "-3,1000000000000000000000"],
      [ascii, "[0,", "[-0,"],
      [ascii, '"label":"Art28"', '"label":"\\u0041rt28"'],
      [ascii, '"x\\ty/z"', '"x\\u0009y/z"'],
      [ascii, '"x\\ty/z"', '"x\\ty\\/z"'],
      [ascii, '"kind":"system"', '"kind": "system"'],
      [ascii, ',"v":1}', ',"v":1 }'],
      [ascii, "2026-03-28T", "2026-02-29T", false],
      [ascii, "2026-03-28T", "2026-04-31T", false],
      [ascii, "2026-03-28T", "2026-13-28T", false, "event-format"],
      [ascii, "T09:00:00", "T24:00:00", false],
      [ascii, "T09:00:00", "T09:60:00", false, "event-format"],
      [good as BundleEvent, '"é":"ü"', '"\\u00e9":"ü"'],
      [good as BundleEvent, '"é":"ü"', '"é":"\\u00fc"'],
    ];
    for (const [event, from, to, sameValues = true, check = "event-hash"] of forms) {
      const canonical = line(event);
      assert.ok(canonical.includes(from), from);
      const form = canonical.replace(from, to);
      const cut = /^\{"hash":"[0-9a-f]{64}","seq":\d+,/.exec(form)?.[0] ?? "";
      const hash = sha(`{${form.slice(cut.length)}`);
      const forged = form.replace(event.hash, hash);
      assert.notEqual(JSON.stringify(JSON.parse(forged)), null, "still JSON");
      const second = chain([{ type: "agreement.viewed", data: {} }], hash).map((e) => ({ ...e, streamSeq: 2 }))[0] as BundleEvent;
      second.hash = computeEventHash(chained(second));
      const eventsFile = `${forged}\n${line(second)}\n`;
      for (const options of both) {
        const report = await verifyBundleFiles(files([event, second], { eventsFile, change: dropFilesOfLaterEvents }), options);
        assert.deepEqual(where(report.failure), [check, EVENTS, 1], to);
      }
      if (!sameValues) {
        continue;
      }
      // The same values with the hash of their canonical form: an authentic event in another JSON form, as before.
      const authentic = `${form}\n${line({ ...second, prevHash: event.hash, hash: computeEventHash({ ...chained(second), prevHash: event.hash }) })}\n`;
      const head = { lastSeq: 2, lastHash: computeEventHash({ ...chained(second), prevHash: event.hash }) };
      for (const options of both) {
        assert.equal(
          (await verifyBundleFiles(files([event, second], { eventsFile: authentic, head, change: dropFilesOfLaterEvents }), options)).failure,
          null,
          to,
        );
      }
    }
  });

  test("bytes that are not UTF-8 in an event, hashed as they stand, fail as not UTF-8", async () => {
    const event = chain([{ type: "agreement.offered", data: { a: "b" } }])[0] as BundleEvent;
    const text = line(event);
    const at = enc.encode(text.slice(0, text.indexOf('Art28"') + 3)).length;
    const invalid = [
      [0xc3, 0x41],
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x80, 0x80, 0x80],
      [0x80],
      [0xff],
      [0xe2, 0x82],
    ];
    for (const bytes of invalid) {
      const original = enc.encode(text);
      const changed = Uint8Array.from([...original.subarray(0, at), ...bytes, ...original.subarray(at)]);
      const start = text.indexOf(',"actor"');
      const canonicalPart = Uint8Array.from([123, ...changed.subarray(start + 1)]);
      const forged = Uint8Array.from([...enc.encode(`{"hash":"${sha(canonicalPart)}"`), ...changed.subarray(enc.encode(`{"hash":"${event.hash}"`).length)]);
      for (const options of both) {
        const checker = new StreamChecker(STREAM, EVENTS, options);
        await assert.rejects(
          async () => {
            await checker.push(forged);
            await checker.end();
          },
          (error: { failure?: BundleFailure }) => error.failure?.check === "event-format" && /not JSON in UTF-8/.test(error.failure.message),
          bytes.join(","),
        );
      }
    }
  });

  test("an authentic event written in another JSON form verifies: the hash covers its values' canonical form, as before", async () => {
    const events = sampleEvents();
    const eventsFile = events.map((e, i) => (i === 0 ? line(e).replace('"n":1,', '"n":1.0,').replace(",", ", ") : line(e))).join("\n");
    for (const options of both) {
      assert.equal((await verifyBundleFiles(files(events, { eventsFile }), options)).failure, null);
    }
  });

  test("the fast path and the general way agree on every event, and on every one-byte change to its line, rehashed or not", async () => {
    const key = fc.oneof(fc.string({ unit: "grapheme-ascii", maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 }));
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 2, stringUnit: "binary" }));
    const data = fc.dictionary(key, value, { maxKeys: 6 });
    const change = fc.record({
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      how: fc.constantFrom("replace", "insert", "delete"),
      rehash: fc.boolean(),
    });
    /** The general way, as an independent reader would: parse, canonicalise, hash. */
    const reference = (bytes: Uint8Array): boolean => {
      try {
        const parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as BundleEvent;
        return (
          parsed.stream === STREAM &&
          parsed.streamSeq === 1 &&
          parsed.prevHash === GENESIS_HASH &&
          typeof parsed.data === "object" &&
          !!parsed.actor &&
          !!parsed.subject &&
          sha(canonicalEvent(chained(parsed))) === parsed.hash
        );
      } catch {
        return false;
      }
    };
    const check = async (bytes: Uint8Array, options: { sha256?: typeof sha }) => {
      const checker = new StreamChecker(STREAM, EVENTS, options);
      try {
        await checker.push(bytes);
        await checker.end();
        return checker.count === 1;
      } catch {
        return false;
      }
    };
    const rehashed = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(data, change, async (input, { at, byte, how, rehash }) => {
        let event: BundleEvent | undefined;
        try {
          [event] = chain([{ type: "notice.sent", data: input as Record<string, unknown> }]);
        } catch {
          fc.pre(false); // a lone surrogate has no canonical form: no event is made of it
        }
        const original = enc.encode(line(event as BundleEvent));
        assert.equal(await check(original, { sha256: sha }), true);
        assert.equal(await check(original, {}), true);
        // One byte changed in the canonical part (a newline would make two lines: a space instead).
        const start = new TextDecoder().decode(original).indexOf(',"actor"') + 1;
        const i = start + (at % (original.length - start));
        const b = byte === 10 ? 32 : byte;
        const body = [...original.subarray(start)];
        if (how === "replace") {
          body[i - start] = b;
        } else if (how === "insert") {
          body.splice(i - start, 0, b);
        } else {
          body.splice(i - start, 1);
        }
        const canonicalPart = Uint8Array.from([123, ...body]);
        // A forger's move: the hash recomputed over the changed bytes as they stand.
        const hash = rehash ? sha(canonicalPart) : (event as BundleEvent).hash;
        const changed = Uint8Array.from([...enc.encode(`{"hash":"${hash}","seq":100,`), ...body]);
        const expected = reference(changed);
        if (rehash) {
          rehashed[expected ? "accepted" : "refused"] += 1;
        }
        assert.equal(await check(changed, { sha256: sha }), expected);
        assert.equal(await check(changed, {}), expected);
      }),
      { numRuns: 400 },
    );
    assert.ok(rehashed.accepted > 0 && rehashed.refused > 0, "rehashed changes both canonical (another event) and not");
  });

  test("events.jsonl in parts of any size reads the same, line by line", async () => {
    const bytes = enc.encode(sampleEvents().map(line).join("\n") + "\n");
    for (const size of [1, 7, 64, 1000]) {
      for (const options of both) {
        const checker = new StreamChecker(STREAM, EVENTS, options);
        for (let i = 0; i < bytes.length; i += size) {
          await checker.push(bytes.subarray(i, i + size));
        }
        await checker.end();
        assert.equal(checker.count, 7);
        assert.equal(checker.lastHash, sampleEvents().at(-1)?.hash);
      }
    }
  });

  test("two swapped events break the position check at the first of them", async () => {
    const events = sampleEvents();
    [events[1], events[2]] = [events[2] as BundleEvent, events[1] as BundleEvent];
    for (const options of both) {
      const report = await verifyBundleFiles(files(events), options);
      assert.equal(report.failure?.check, "event-position");
      assert.equal(report.failure?.streamSeq, 3);
    }
  });

  test("a removed tail is found against the recorded head", async () => {
    const all = sampleEvents();
    const last = all.at(-1) as BundleEvent;
    const kept = all.slice(0, 3);
    const report = await verifyBundleFiles(
      files(kept, {
        head: { lastSeq: last.streamSeq, lastHash: last.hash },
        change: (m) => {
          m.delete(deletionCertificatePdf(CERTIFICATE));
          m.delete(noticeEmail(NOTICE, EMAIL));
          m.delete(noticeWebhook(NOTICE, HOOK));
        },
      }),
    );
    assert.equal(report.failure?.check, "stream-head");
    assert.equal(report.failure?.streamSeq, 3);
  });

  test("a relinked forgery (new hashes all through) fails the link to the kept events", async () => {
    const events = sampleEvents();
    (events[3] as BundleEvent).prevHash = "f".repeat(64);
    for (const options of both) {
      assert.equal((await verifyBundleFiles(files(events), options)).failure?.check, "event-link");
    }
  });

  test("a replaced file is caught by the manifest, before what it holds is checked", async () => {
    const bundle = files(sampleEvents());
    bundle.set(agreementPdf(AGREEMENT), enc.encode("%PDF another"));
    bundle.set(EVENTS, enc.encode("not an event\n"));
    const report = await verifyBundleFiles(bundle);
    assert.deepEqual(where(report.failure), ["file-hash", EVENTS, null]);
    bundle.set(EVENTS, files(sampleEvents()).get(EVENTS) as Uint8Array);
    assert.deepEqual(where((await verifyBundleFiles(bundle)).failure), ["file-hash", agreementPdf(AGREEMENT), null]);
  });

  test("a replaced PDF with its manifest entry changed to match fails against the signature event", async () => {
    const report = await verifyBundleFiles(files(sampleEvents(), { change: (m) => m.set(agreementPdf(AGREEMENT), enc.encode("%PDF another")) }));
    assert.deepEqual(where(report.failure), ["signed-pdf", agreementPdf(AGREEMENT), 2]);
    assert.match(
      describeFailure(report.failure ?? { check: "zip", file: null, streamSeq: null, message: "" }),
      /signed-pdf \(file agreements\/.+\/agreement\.pdf, event 2\)/,
    );
  });

  test("a deletion certificate replaced (its manifest entry changed to match), missing, or not recorded is named", async () => {
    for (const options of both) {
      const replaced = await verifyBundleFiles(
        files(sampleEvents(), { change: (m) => m.set(deletionCertificatePdf(CERTIFICATE), enc.encode("%PDF-1.7 all was deleted\n%%EOF")) }),
        options,
      );
      assert.deepEqual(where(replaced.failure), ["deletion-certificate", deletionCertificatePdf(CERTIFICATE), 6]);
      assert.match(replaced.failure?.message ?? "", /is not the certificate whose hash was recorded when it was issued in event 6/);
    }
    const missing = await verifyBundleFiles(files(sampleEvents(), { change: (m) => m.delete(deletionCertificatePdf(CERTIFICATE)) }));
    assert.deepEqual(where(missing.failure), ["deletion-certificate", deletionCertificatePdf(CERTIFICATE), 6]);
    const other = deletionCertificatePdf("00000000-0000-4000-8000-0000000000e9");
    const unrecorded = await verifyBundleFiles(files(sampleEvents(), { change: (m) => m.set(other, certificate) }));
    assert.deepEqual(where(unrecorded.failure), ["deletion-certificate", other, null]);
  });

  test("a measures report sent in a case, replaced with its manifest entry changed to match, is named against case.measures_answered", async () => {
    const replaced = await verifyBundleFiles(files(sampleEvents(), { change: (m) => m.set(REPORT, enc.encode("%PDF-1.7 no measures\n%%EOF")) }));
    assert.deepEqual(where(replaced.failure), ["measures-report", `attachments/case-${CASE}/`, 7]);
    const missing = await verifyBundleFiles(files(sampleEvents(), { change: (m) => m.delete(REPORT) }));
    assert.equal(missing.failure?.check, "measures-report");
  });

  test("a notice's changed text fails against notice.queued; an email's and a webhook's against notice.sent", async () => {
    const changed = await verifyBundleFiles(
      files(sampleEvents(), { change: (m) => m.set(noticeContent(NOTICE), enc.encode(content.replace("gestolen", "gevonden"))) }),
    );
    assert.deepEqual(changed.failure && [changed.failure.check, changed.failure.streamSeq], ["notice-content", 3]);
    const email = await verifyBundleFiles(
      files(sampleEvents(), { change: (m) => m.set(noticeEmail(NOTICE, EMAIL), enc.encode(`Message-ID: <n1@art28>\r\n\r\nGeen inbreuk.\n`)) }),
    );
    assert.deepEqual(email.failure && [email.failure.check, email.failure.streamSeq], ["email-body", 4]);
    const hook = await verifyBundleFiles(
      files(sampleEvents(), {
        change: (m) => m.set(noticeWebhook(NOTICE, HOOK), enc.encode(JSON.stringify({ url: "u", headers: { "webhook-id": "msg_1" }, body: "{}" }))),
      }),
    );
    assert.deepEqual(hook.failure && [hook.failure.check, hook.failure.streamSeq], ["webhook-body", 5]);
    const garbled = await verifyBundleFiles(files(sampleEvents(), { change: (m) => m.set(noticeWebhook(NOTICE, HOOK), enc.encode("{not json")) }));
    assert.deepEqual(where(garbled.failure), ["webhook-body", noticeWebhook(NOTICE, HOOK), null]);
  });

  test("a file not in the manifest, a missing manifest, and bytes that are no ZIP are named", async () => {
    const extra = files(sampleEvents());
    extra.set("notes.txt", enc.encode("added"));
    assert.deepEqual([(await verifyBundleFiles(extra)).failure?.check, (await verifyBundleFiles(extra)).failure?.file], ["file-unlisted", "notes.txt"]);
    const none = files(sampleEvents());
    none.delete(MANIFEST);
    assert.equal((await verifyBundleFiles(none)).failure?.check, "manifest");
    assert.equal((await verifyBundle(enc.encode("not a zip"))).failure?.check, "zip");
    const future = await verifyBundleFiles(files(sampleEvents(), { version: BUNDLE_VERSION + 1 }));
    assert.match(future.failure?.message ?? "", /format version is 3/);
  });

  test("a ZIP written as a stream (data descriptors, a name in UTF-8) reads from its central directory, in memory or as a Blob", async () => {
    const bundle = files(sampleEvents(), { change: (m) => m.set("attachments/case-1/a/Verklaring één.txt", enc.encode("één")) });
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      assert.equal(error, null);
      parts.push(chunk);
    });
    for (const [name, bytes] of bundle) {
      const entry = name.endsWith(".pdf") ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      entry.push(bytes, true);
    }
    zip.end();
    const blob = new Blob(parts as Uint8Array<ArrayBuffer>[]);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    for (const options of both) {
      assert.equal((await verifyBundle(bytes, options)).failure, null);
      assert.equal((await verifyBundle(blobAccess(blob), options)).failure, null);
    }
  });

  test("a damaged entry and a name twice in the ZIP are named as ZIP failures", async () => {
    const bundle = files(sampleEvents());
    const zip = zipSync(Object.fromEntries(bundle), { level: 6 });
    // Damage the deflated bytes of events.jsonl (its data starts after its 30-byte local header and name).
    const damaged = zip.slice();
    for (let i = 30 + EVENTS.length + 8; i < 30 + EVENTS.length + 40; i++) {
      damaged[i] = 0xff;
    }
    const report = await verifyBundle(damaged, { sha256: sha });
    assert.deepEqual(report.failure && [report.failure.check, report.failure.file], ["zip", EVENTS]);
    // An entry that inflates to more than its directory says, small (inflated at once) or big (as a stream).
    const big = new Uint8Array(400_000);
    for (let i = 0; i < big.length; i += 65_536) {
      crypto.getRandomValues(big.subarray(i, i + 65_536)); // incompressible: more than 256 KiB deflated, so read as a stream
    }
    for (const name of [noticeContent(NOTICE), "attachments/case-1/a/big.bin"]) {
      const withBig = files(sampleEvents(), { change: (m) => m.set("attachments/case-1/a/big.bin", big) });
      const lying = zipSync(Object.fromEntries(withBig), { level: 6 });
      const view = new DataView(lying.buffer);
      const at = new TextDecoder("latin1").decode(lying).lastIndexOf(name) - 46;
      assert.equal(view.getUint32(at, true), 0x02014b50, "the directory entry");
      view.setUint32(at + 24, view.getUint32(at + 24, true) - 1, true);
      for (const options of both) {
        const short = await verifyBundle(lying, options);
        assert.deepEqual(short.failure && [short.failure.check, short.failure.file], ["zip", name]);
        assert.match(short.failure?.message ?? "", /inflates to \d+ bytes, its directory says/);
      }
    }
    // The same name twice: a reader that takes the last would see another file than one that takes the first.
    const two = zipSync({ "x.txt": enc.encode("1"), "y.txt": enc.encode("2") });
    const same = Uint8Array.from(new TextDecoder("latin1").decode(two).replaceAll("y.txt", "x.txt"), (c) => c.charCodeAt(0));
    const sameReport = await verifyBundle(same);
    assert.equal(sameReport.failure?.check, "zip");
    assert.match(sameReport.failure?.message ?? "", /x\.txt is in the ZIP twice/);
  });
});

/** The files whose events a two-event chain does not have. */
function dropFilesOfLaterEvents(m: Map<string, Uint8Array>): void {
  for (const name of [
    agreementPdf(AGREEMENT),
    noticeContent(NOTICE),
    noticeEmail(NOTICE, EMAIL),
    noticeWebhook(NOTICE, HOOK),
    deletionCertificatePdf(CERTIFICATE),
  ]) {
    m.delete(name);
  }
}
