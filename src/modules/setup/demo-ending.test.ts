import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { session } from "../../../test/support/sessions.ts";
import { inScope } from "../../db/scope.ts";
import { verifyChain } from "../evidence/index.ts";
import { seedDemoEnding } from "./demo-ending.ts";

// The demo's end of an agreement (art. 12.2, 12.4): ended twelve days ago, its plan half confirmed,
// one sub-processor's confirmation attached, a seven-year legal hold, no certificate yet.

let t: TestApp;
before(async () => {
  t = await createTestApp(new Date("2026-11-30T10:00:00Z"));
});
after(async () => {
  await t.close();
});

test("the demo's ended customer has a partly confirmed plan and a legal hold, and its portal shows it", async () => {
  const officer = await createStaff(t.database.db, "privacy_officer");
  const c = await createCustomer(t.database.db, t.clock, { name: "Zeilschool Zeta", services: ["domain-registration", "colocation"] });
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    seedDemoEnding(tx, t.clock, { actor: { kind: "staff", id: officer.id, label: "officer" }, userId: officer.id, name: "Priya de Vries" }, c.controllerId),
  );
  const owner = await session(t.app, c.owner.email);
  const response = await owner.get(`/api/v1/controllers/${c.controllerId}/ending`);
  assert.equal(response.statusCode, 200, response.body);
  const { ending } = response.json<{
    ending: {
      endedAt: string;
      lines: { confirmedAt: string | null }[];
      holds: { legalGround: string; endsOn: string }[];
      certificates: unknown[];
      returnPossible: boolean;
    };
  }>();
  assert.equal(ending.endedAt, "2026-11-18T10:00:00.000Z", "twelve days ago");
  const confirmed = ending.lines.filter((l) => l.confirmedAt !== null).length;
  assert.ok(confirmed > 0 && confirmed < ending.lines.length, `partly confirmed: ${confirmed} of ${ending.lines.length}`);
  assert.deepEqual(
    ending.holds.map((h) => [h.endsOn, /art\. 52/.test(h.legalGround)]),
    [["2033-12-31", true]],
  );
  assert.deepEqual(ending.certificates, []);
  assert.equal(ending.returnPossible, false);
  assert.equal((await verifyChain(t.database.db)).ok, true);
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    seedDemoEnding(tx, t.clock, { actor: { kind: "system", id: null, label: "x" }, userId: officer.id, name: "x" }, undefined),
  );
});
