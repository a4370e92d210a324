import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { rows } from "../../db/engine.ts";
import { rejectsMatching } from "../../../test/support/assertions.ts";
import { fixedClock } from "../../domain/clock.ts";
import { inScope } from "../../db/scope.ts";
import { events } from "../../db/schema/index.ts";
import { recordEvents, SYSTEM_ACTOR, type EventInput } from "./record-events.ts";
import { verifyChain } from "./verify-chain.ts";

const clock = fixedClock(new Date("2026-03-28T09:00:00Z"));
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

describe("the evidence chain", () => {
  test("appends per stream and verifies", async () => {
    await inScope(database.db, { kind: "processor" }, (tx) =>
      recordEvents(tx, clock, [
        { type: "template.published", actor: SYSTEM_ACTOR, controllerId: null, data: { version: 1 } },
        { type: "agreement.offered", actor: SYSTEM_ACTOR, controllerId: A, data: { n: 1 } },
        { type: "agreement.offered", actor: SYSTEM_ACTOR, controllerId: B, data: { n: 1 } },
        { type: "agreement.viewed", actor: SYSTEM_ACTOR, controllerId: A, data: { nested: { ü: "é", list: [1, 2.5] } } },
      ]),
    );
    const rows = await database.db.select().from(events).orderBy(events.seq);
    assert.deepEqual(
      rows.map((r) => [r.stream, r.streamSeq]),
      [
        ["processor", 1],
        [`controller:${A}`, 1],
        [`controller:${B}`, 1],
        [`controller:${A}`, 2],
      ],
    );
    assert.equal(rows[3]?.prevHash, rows[1]?.hash, "A's second event links to A's first");
    const result = await verifyChain(database.db);
    assert.deepEqual(result, { ok: true, events: 4, streams: 3, firstBroken: null });
  });

  test("a customer cannot write into another customer's stream", async () => {
    await rejectsMatching(
      inScope(database.db, { kind: "controller", controllerId: A }, (tx) =>
        recordEvents(tx, clock, [{ type: "contact.changed", actor: SYSTEM_ACTOR, controllerId: B }]),
      ),
      /row-level security/,
    );
  });

  test("the log refuses updates and deletes", async () => {
    await rejectsMatching(database.db.execute(sql`update events set type = 'x'`), /append-only/);
    await rejectsMatching(database.db.execute(sql`delete from events`), /append-only/);
  });

  test("an edit by hand is found, and named by its first broken link", async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table events disable trigger events_append_only`);
      await tx.execute(sql`update events set data = '{"n": 2}' where stream = ${`controller:${B}`} and stream_seq = 1`);
      await tx.execute(sql`alter table events enable trigger events_append_only`);
    });
    const result = await verifyChain(database.db);
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.stream, `controller:${B}`);
    assert.equal(result.firstBroken?.streamSeq, 1);
    assert.match(result.firstBroken?.reason ?? "", /altered/);
  });

  test("more events and streams than one statement takes are chained across the batches", async () => {
    const fresh = await createTestDatabase();
    try {
      // 1,300 customers' streams and the processor's, each with events on both sides of a batch boundary.
      const ids = Array.from({ length: 1_300 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
      const inputs: EventInput[] = [...ids, ...ids.slice(0, 700)].map((controllerId, n) => ({
        type: "agreement.viewed" as const,
        actor: SYSTEM_ACTOR,
        controllerId,
        data: { n },
      }));
      inputs.splice(999, 0, { type: "processor.changed", actor: SYSTEM_ACTOR, controllerId: null, data: { n: -1 } });
      inputs.push({ type: "processor.changed", actor: SYSTEM_ACTOR, controllerId: null, data: { n: -2 } });
      await inScope(fresh.db, { kind: "processor" }, (tx) => recordEvents(tx, clock, inputs));
      const result = await verifyChain(fresh.db);
      assert.deepEqual(result, { ok: true, events: 2_002, streams: 1_301, firstBroken: null });
      const [second] = await rows(fresh.db, sql`select stream_seq from events where stream = ${`controller:${ids[5]}`} order by stream_seq desc limit 1`);
      assert.deepEqual(second, { stream_seq: 2 });
    } finally {
      await fresh.close();
    }
  });

  test("an event type that no module declared is refused by the type check", () => {
    // @ts-expect-error a typo of "agreement.signed_by_customer": tsc fails on this line's absence of an error
    const typo: EventInput["type"] = "agreement.signed_by_custmer";
    const declared: EventInput["type"] = "agreement.signed_by_customer";
    assert.notEqual(typo, declared);
  });

  test("a removed tail is found through the stream heads", async () => {
    const fresh = await createTestDatabase();
    try {
      await inScope(fresh.db, { kind: "processor" }, (tx) =>
        recordEvents(
          tx,
          clock,
          [1, 2, 3].map((n) => ({ type: "agreement.viewed" as const, actor: SYSTEM_ACTOR, controllerId: A, data: { n } })),
        ),
      );
      await fresh.db.transaction(async (tx) => {
        await tx.execute(sql`alter table events disable trigger events_append_only`);
        await tx.execute(sql`delete from events where stream_seq = 3`);
        await tx.execute(sql`alter table events enable trigger events_append_only`);
      });
      const result = await verifyChain(fresh.db);
      assert.equal(result.ok, false);
      assert.match(result.firstBroken?.reason ?? "", /removed/);
    } finally {
      await fresh.close();
    }
  });
});
