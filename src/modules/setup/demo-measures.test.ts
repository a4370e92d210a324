import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createTestApp, login, type TestApp } from "../../../test/support/app.ts";
import { inScope } from "../../db/scope.ts";
import { notices, obligations } from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { DEMO_PASSWORD, loadDemo } from "./demo.ts";

// The demo's measures register: owners, past reviews, a few reviews due within weeks and one overdue.

let t: TestApp;

before(async () => {
  t = await createTestApp(new Date("2026-12-07T09:00:00Z"));
  await inScope(t.database.db, { kind: "processor" }, (tx) => loadDemo(tx, t.clock, 12));
});
after(async () => {
  await t.close();
});

test("the demo's register has owners and reviews: one overdue (escalated by the sweep), three due within weeks", async () => {
  const security = await login(t.app, "security@norisk.example", DEMO_PASSWORD);
  const all = (await security.get("/api/v1/measures")).json<{ ownerName: string | null; lastReviewedAt: string | null; reviewDueAt: string | null }[]>();
  assert.ok(all.length >= 20);
  assert.ok(all.every((m) => m.ownerName !== null && m.lastReviewedAt !== null && m.reviewDueAt !== null));
  const overdue = (await security.get("/api/v1/measures?review=overdue")).json<{ code: string }[]>();
  assert.deepEqual(
    overdue.map((m) => m.code),
    ["staff-mfa"],
  );
  const due = (await security.get("/api/v1/measures?review=due")).json<{ code: string }[]>();
  assert.equal(due.length, 4, "the overdue one and three due within 30 days");
  await runSweep(t.database.db, t.clock, sweepTasks());
  const escalated = await t.database.db.select().from(notices).where(eq(notices.kind, "obligation_escalated"));
  const duties = await t.database.db.select().from(obligations).where(eq(obligations.kind, "measure_review"));
  const missed = duties.filter((d) => d.escalatedAt !== null);
  assert.equal(missed.length, 1);
  assert.ok(escalated.some((n) => n.data.kind === "obligation_escalated" && n.data.obligationId === missed[0]?.id));
});
