import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { inScope } from "../../db/scope.ts";
import { contacts, controllers, events, notices, obligations } from "../../db/schema/index.ts";
import { eq } from "drizzle-orm";
import { verifyChain } from "../evidence/index.ts";
import { loadDemo } from "./demo.ts";

// The demo's privacy contacts (art. 4.4) in every state of the yearly confirmation, written by the sweep.

let t: TestApp;
let ms = 0;

before(async () => {
  t = await createTestApp(new Date());
  const start = performance.now();
  await inScope(t.database.db, { kind: "processor" }, (tx) => loadDemo(tx, t.clock, 12));
  ms = performance.now() - start;
});
after(() => t.close());

test("the demo has contacts asked, reminded and stale, each with its notices, duty and evidence", async (context) => {
  const rows = await t.database.db
    .select({ number: controllers.customerNumber, contact: contacts })
    .from(contacts)
    .innerJoin(controllers, eq(controllers.id, contacts.controllerId));
  const state = (n: string) => {
    const row = rows.find((r) => r.number === n)?.contact;
    assert.ok(row, n);
    return { asked: row.confirmationRequestedAt !== null, reminded: row.confirmationRemindedAt !== null, stale: row.staleSince !== null };
  };
  assert.deepEqual(state("C0001"), { asked: false, reminded: false, stale: false });
  assert.deepEqual(state("C0003"), { asked: true, reminded: false, stale: false });
  assert.deepEqual(state("C0004"), { asked: true, reminded: false, stale: false });
  assert.deepEqual(state("C0005"), { asked: true, reminded: true, stale: false });
  assert.deepEqual(state("C0006"), { asked: true, reminded: true, stale: true });
  assert.equal(rows.filter((r) => r.contact.confirmationDueAt === null).length, 0, "every contact has its next request scheduled");
  const kinds = (await t.database.db.select().from(notices)).map((n) => n.kind);
  assert.equal(kinds.filter((k) => k === "contact_confirmation").length, 6, "4 requests and 2 reminders");
  assert.equal(kinds.filter((k) => k === "contact_stale").length, 1);
  assert.equal((await t.database.db.select().from(obligations).where(eq(obligations.kind, "contact_confirmation"))).length, 4);
  assert.equal((await t.database.db.select().from(events).where(eq(events.type, "contact.marked_stale"))).length, 1);
  assert.equal((await verifyChain(t.database.db)).ok, true);
  context.diagnostic(`demo with 12 customers loaded in ${Math.round(ms)} ms`);
});
