import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { session, staffSession } from "../../../test/support/sessions.ts";
import { inScope } from "../../db/scope.ts";
import { verifyChain } from "../evidence/index.ts";
import { seedDemoClaims } from "./demo-claims.ts";

// The demo's liability (art. 11): a ledger for every customer, one late notice of default awaiting the
// customer's confirmation of the proposed cure date, and one claim whose cap comes from the ledger.

let t: TestApp;
before(async () => {
  t = await createTestApp(new Date("2026-11-30T10:00:00Z"));
});
after(async () => {
  await t.close();
});

test("the demo's ledger, notice of default and claim are in realistic states, visible to their customer", async () => {
  const officer = await createStaff(t.database.db, "privacy_officer");
  const [a, b] = await Promise.all(["Alfa", "Beta"].map((name) => createCustomer(t.database.db, t.clock, { name })));
  assert.ok(a && b);
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    seedDemoClaims(tx, t.clock, { kind: "staff", id: officer.id, label: "officer" }, [a.controllerId, b.controllerId], {
      controllerId: b.controllerId,
      ownerEmail: b.owner.email,
    }),
  );
  const privacy = await staffSession(t, "privacy_officer");
  const ledger = (await privacy.get(`/api/v1/controllers/${a.controllerId}/fee-ledger`)).json<{ entries: { month: string }[] }>();
  assert.deepEqual(
    ledger.entries.map((e) => e.month),
    ["2026-08", "2026-09", "2026-10"],
  );
  const ownerB = await session(t.app, b.owner.email);
  const notices = (await ownerB.get("/api/v1/default-notices")).json<{ late: boolean; cure: { proposedBy: string; agreedDate: string | null } }[]>();
  assert.equal(notices.length, 1);
  assert.equal(notices[0]?.late, true, "given 60 hours after it learned of the failure");
  assert.equal(notices[0]?.cure.proposedBy, "processor");
  assert.equal(notices[0]?.cure.agreedDate, null, "awaiting the customer's confirmation");
  const claims = (await privacy.get("/api/v1/claims")).json<{ id: string }[]>();
  assert.equal(claims.length, 1);
  const claim = (await privacy.get(`/api/v1/claims/${claims[0]?.id}`)).json<{ event: { cap: { source: string; month: string; capCents: number } } }>();
  // The event was 27 November: the month before is October, which billing reported.
  assert.deepEqual(claim.event.cap, { ...claim.event.cap, source: "ledger", month: "2026-10", capCents: 2_000 + 495 + 200 });
  assert.equal((await session(t.app, a.owner.email).then((s) => s.get("/api/v1/claims"))).json<unknown[]>().length, 0, "another customer sees none");
  const result = await verifyChain(t.database.db);
  assert.equal(result.ok, true, JSON.stringify(result));
});
