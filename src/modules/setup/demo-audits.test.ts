import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { session, staffSession } from "../../../test/support/sessions.ts";
import { inScope } from "../../db/scope.ts";
import { seedDemoAudits } from "./demo-audits.ts";

// The demo's audits (art. 10): one under way (expert and date agreed, an information request answered
// in time and one running, a finding assessed jointly with an action due), one with the processor's
// expert proposed, one refused; each visible to its own customer only.

let t: TestApp;
before(async () => {
  t = await createTestApp(new Date("2026-11-20T10:00:00Z"));
});
after(async () => {
  await t.close();
});

interface AuditOut {
  id: string;
  customerName: string;
  stage: string;
  dateAgreed: boolean;
  experts: { status: string; side: string }[];
  informationRequests: { inTime: boolean | null; answeredAt: string | null; files: unknown[] }[];
  findings: { agreedAt: string | null }[];
  actions: { carriedBy: string; doneAt: string | null; overdue: boolean }[];
  refusal: string | null;
}

test("the demo shows an audit under way, one awaiting the customer's answer on the expert, and one refused", async () => {
  const officer = await createStaff(t.database.db, "privacy_officer");
  const customers = await Promise.all(["Alfa", "Beta", "Gamma"].map((name) => createCustomer(t.database.db, t.clock, { name })));
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    seedDemoAudits(
      tx,
      t.clock,
      { actor: { kind: "staff", id: officer.id, label: "officer" }, name: "Priya de Vries" },
      customers.map((c) => ({ controllerId: c.controllerId, owner: { actor: { kind: "customer", id: c.owner.id, label: "owner" }, name: "Eigenaar" } })),
    ),
  );
  const admin = await staffSession(t, "admin");
  const list = (await admin.get("/api/v1/audits")).json<{ id: string; customerName: string }[]>();
  assert.equal(list.length, 3);
  const detail = async (name: string) => {
    const id = list.find((a) => a.customerName === name)?.id ?? "";
    return (await admin.get(`/api/v1/audits/${id}`)).json<AuditOut>();
  };
  const alfa = await detail("Alfa");
  assert.equal(alfa.stage, "scheduled");
  assert.equal(alfa.dateAgreed, true);
  assert.deepEqual(
    alfa.experts.map((e) => e.status),
    ["accepted"],
  );
  assert.deepEqual(
    alfa.informationRequests.map((r) => [r.inTime, r.answeredAt !== null, r.files.length]),
    [
      [true, true, 1],
      [null, false, 0],
    ],
  );
  assert.ok(alfa.findings[0]?.agreedAt, "assessed jointly");
  assert.deepEqual(
    alfa.actions.map((a) => [a.carriedBy, a.doneAt, a.overdue]),
    [["processor", null, false]],
  );
  const beta = await detail("Beta");
  assert.equal(beta.stage, "requested");
  assert.deepEqual(
    beta.experts.map((e) => [e.side, e.status]),
    [["processor", "proposed"]],
  );
  const gamma = await detail("Gamma");
  assert.equal(gamma.stage, "refused");
  assert.match(gamma.refusal ?? "", /art\. 10\.2/);

  const ownerBeta = await session(t.app, customers[1]?.owner.email ?? "");
  const own = (await ownerBeta.get("/api/v1/audits")).json<{ customerName: string }[]>();
  assert.deepEqual(
    own.map((a) => a.customerName),
    ["Beta"],
  );
});
