import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { staffSession } from "../../../test/support/sessions.ts";
import { inScope } from "../../db/scope.ts";
import { seedDemoCases } from "./demo-cases.ts";

// The demo's requests (art. 2.4): one answered in time and delivered, one open, one overdue; and
// two questions about the measures (art. 2.2): one answered in time with the report, one open;
// three written instructions (art. 1.2): accepted into Annex 1, warned against, open.

let t: TestApp;
before(async () => {
  t = await createTestApp(new Date("2026-06-15T10:00:00Z"));
});
after(async () => {
  await t.close();
});

test("the demo shows DPIA requests answered in time, open and overdue, and billable items of the delivered one", async () => {
  const officer = await createStaff(t.database.db, "privacy_officer");
  const customers = await Promise.all(
    ["Alfa", "Beta", "Gamma"].map((name) => createCustomer(t.database.db, t.clock, { name, services: ["email", "web-hosting"] })),
  );
  const started = performance.now();
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    seedDemoCases(
      tx,
      t.clock,
      { actor: { kind: "staff", id: officer.id, label: "officer" }, userId: officer.id, name: "Priya de Vries" },
      customers.map((c) => ({
        controllerId: c.controllerId,
        owner: { actor: { kind: "customer", id: c.owner.id, label: "owner" }, userId: c.owner.id, name: "Eigenaar" },
      })),
    ),
  );
  const took = performance.now() - started;
  if (process.env.ART28_TIMINGS) {
    process.stderr.write(`seedDemoCases: ${Math.round(took)} ms\n`);
  }
  const admin = await staffSession(t, "admin");
  const list = (await admin.get("/api/v1/cases")).json<{ customerName: string; kind: string; status: string; clock: string; outcome: string | null }[]>();
  const of = (name: string) => list.find((c) => c.customerName === name && c.kind === "dpia_help");
  const question = (name: string) => list.find((c) => c.customerName === name && c.kind === "measures_question");
  assert.deepEqual([question("Alfa")?.status, question("Alfa")?.clock, question("Alfa")?.outcome], ["closed", "met_in_time", "answered"]);
  assert.deepEqual([question("Beta")?.status, question("Beta")?.clock], ["open", "running"]);
  assert.deepEqual([of("Alfa")?.status, of("Alfa")?.clock], ["closed", "met_in_time"]);
  assert.deepEqual([of("Beta")?.status, of("Beta")?.clock], ["open", "running"]);
  assert.deepEqual([of("Gamma")?.status, of("Gamma")?.clock], ["open", "overdue"]);
  const items = (await admin.get("/api/v1/billable-items?from=2026-04-01&to=2026-06-30&state=unexported")).json<{ amountCents: number }[]>();
  assert.deepEqual(
    items.map((i) => i.amountCents).sort((x, y) => x - y),
    [62500],
  );
  const instruction = (name: string) => list.find((c) => c.customerName === name && c.kind === "instruction");
  assert.deepEqual([instruction("Alfa")?.status, instruction("Alfa")?.clock, instruction("Alfa")?.outcome], ["closed", "met_in_time", "accepted"]);
  assert.deepEqual([instruction("Gamma")?.status, instruction("Gamma")?.clock, instruction("Gamma")?.outcome], ["closed", "met_in_time", "infringes"]);
  assert.deepEqual([instruction("Beta")?.status, instruction("Beta")?.clock], ["open", "running"]);
  const alfa = customers[0]?.controllerId ?? "";
  const annexes = (await admin.get(`/api/v1/controllers/${alfa}/annexes`)).json<{ content: { purposes: { nl: string }[] } }[]>();
  assert.match(
    annexes[0]?.content.purposes.map((p) => p.nl).join("; ") ?? "",
    /Archivering van e-mail voor de fiscale bewaarplicht \(schriftelijke instructie V-2026-\d+/,
  );
});
