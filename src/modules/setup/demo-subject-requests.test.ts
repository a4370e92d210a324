import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { staffSession } from "../../../test/support/sessions.ts";
import { controllerDomains } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { seedDemoSubjectRequests } from "./demo-subject-requests.ts";

// The demo's data subjects' requests (art. 8.1): handled, awaiting the customer, proposed by a
// domain name, overdue, and none of ours.

let t: TestApp;
before(async () => {
  // Wednesday 10 June 2026: 7 days back is before the weekend, so the phone call is overdue.
  t = await createTestApp(new Date("2026-06-10T10:00:00Z"));
});
after(async () => {
  await t.close();
});

test("the demo shows data subjects' requests in each state", async () => {
  const officer = await createStaff(t.database.db, "privacy_officer");
  const customers = await Promise.all(["Alfa", "Beta", "Gamma"].map((name) => createCustomer(t.database.db, t.clock, { name, services: ["web-hosting"] })));
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    tx.insert(controllerDomains).values(customers.map((c, i) => ({ controllerId: c.controllerId, domain: `klant-${i}.nl` }))),
  );
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    seedDemoSubjectRequests(
      tx,
      t.clock,
      { actor: { kind: "staff", id: officer.id, label: "officer" }, userId: officer.id, name: "Priya de Vries" },
      customers.map((c) => ({
        controllerId: c.controllerId,
        owner: { actor: { kind: "customer", id: c.owner.id, label: "owner" }, userId: c.owner.id, name: "Eigenaar" },
      })),
    ),
  );
  const admin = await staffSession(t, "admin");
  const list = (await admin.get("/api/v1/subject-requests")).json<
    { id: string; status: string; clock: string; customerName: string | null; outcome: string | null }[]
  >();
  assert.deepEqual(list.map((r) => `${r.status}/${r.clock}/${r.customerName ?? "-"}/${r.outcome ?? "-"}`).sort(), [
    "closed/met_in_time/Alfa/handled",
    "closed/met_in_time/Gamma/forwarded_elsewhere",
    "forwarded/met_in_time/Beta/-",
    "not_ours/met_in_time/-/-",
    "received/overdue/-/-",
    "received/running/-/-",
  ]);
  const open = list.find((r) => r.clock === "running");
  const detail = (await admin.get(`/api/v1/subject-requests/${open?.id}`)).json<{ proposals: { controllerId: string }[] }>();
  assert.deepEqual(
    detail.proposals.map((p) => p.controllerId),
    [customers[2]?.controllerId],
  );
});
