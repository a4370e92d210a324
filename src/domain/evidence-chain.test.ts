import { test } from "node:test";
import assert from "node:assert/strict";
import canonicalize from "canonicalize";
import { canonicalEvent, ChainVerifier, computeEventHash, GENESIS_HASH, type ChainedEvent } from "./evidence-chain.ts";

const base: ChainedEvent = {
  stream: "controller:00000000-0000-4000-8000-00000000000a",
  streamSeq: 1,
  occurredAt: new Date("2026-03-29T01:30:00.123Z"),
  type: "agreement.signed_by_customer",
  actorKind: "customer",
  actorId: "00000000-0000-4000-8000-000000000001",
  actorLabel: 'Anna "de" Vries <anna@klant.example>',
  controllerId: "00000000-0000-4000-8000-00000000000a",
  subjectType: "agreement",
  subjectId: "00000000-0000-4000-8000-0000000000ff",
  data: { typedName: "Anna de Vries", ip: "127.0.0.1" },
  prevHash: GENESIS_HASH,
};

/** The general form, as any JCS implementation would write it from the exported event. */
function reference(e: ChainedEvent): string {
  return (
    canonicalize({
      v: 1,
      stream: e.stream,
      streamSeq: e.streamSeq,
      occurredAt: e.occurredAt.toISOString(),
      type: e.type,
      actor: { kind: e.actorKind, id: e.actorId, label: e.actorLabel },
      controllerId: e.controllerId,
      subject: { type: e.subjectType, id: e.subjectId },
      data: e.data,
      prevHash: e.prevHash,
    }) ?? ""
  );
}

test("the canonical form is byte-for-byte what a general JCS implementation writes", () => {
  const variants: ChainedEvent[] = [
    base,
    { ...base, actorId: null, controllerId: null, subjectType: null, subjectId: null, actorKind: "system", actorLabel: "Art28" },
    { ...base, actorLabel: "Zoë \u2028 \u0007 \\ / émoji 😀", data: { z: 1, a: [3, 2.5, -0, 1e21, 1e-7], nested: { b: null, a: true, é: "x" } } },
    { ...base, streamSeq: 123456, type: "x\ny", data: {} },
  ];
  for (const event of variants) {
    assert.equal(canonicalEvent(event), reference(event));
  }
});

test("the verifier accepts a chain and names the first altered event", () => {
  const chain: (ChainedEvent & { seq: number; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= 3; i++) {
    const event = { ...base, streamSeq: i, data: { n: i }, prevHash: prev };
    prev = computeEventHash(event);
    chain.push({ ...event, seq: i, hash: prev });
  }
  const ok = new ChainVerifier();
  assert.ok(chain.every((e) => ok.add(e)));
  const tampered = new ChainVerifier();
  const [first, second, third] = chain;
  assert.ok(first && second && third);
  tampered.add(first);
  assert.equal(tampered.add({ ...second, data: { n: 99 } }), false);
  assert.equal(tampered.firstBroken?.streamSeq, 2);
  assert.match(tampered.firstBroken?.reason ?? "", /altered/);
});
