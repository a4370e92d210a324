import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { subprocessorChanges, obligations, notices } from "../../db/schema/index.ts";
import { customer, description, errorOf, serviceIds, staffSession, subprocessorBody } from "../../../test/support/sessions.ts";

// Before announcing, the privacy officer sees how many customers a change reaches (art. 5.2).

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

test("a preview tells how many customers a change reaches and when the windows close, and writes nothing", async () => {
  const officer = await staffSession(t, "privacy_officer");
  const svc = await serviceIds(officer);
  await customer(t, "Mail Een", ["email"]);
  await customer(t, "Mail Twee", ["email", "backup"]);
  await customer(t, "Geen Mail", ["colocation"]);
  const created = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Preview Mail GmbH", [svc.email ?? ""]));
  assert.equal(created.statusCode, 201, created.body);
  const subprocessorId = created.json<{ id: string }>().id;
  const count = async () => ({
    changes: await t.database.db.$count(subprocessorChanges),
    obligations: await t.database.db.$count(obligations),
    notices: await t.database.db.$count(notices),
  });
  const before = await count();

  const body = { kind: "add", subprocessorId, plan: { serviceIds: [svc.email] }, description };
  const preview = await officer.send("POST", "/api/v1/subprocessor-changes/preview", body);
  assert.equal(preview.statusCode, 200, preview.body);
  assert.deepEqual(preview.json(), { affectedCount: 2, windowClosesAt: "2026-04-11T21:59:59.999Z" }); // 28 Mar + 14 cd, across the DST change
  assert.deepEqual(await count(), before, "nothing was written");

  const bad = await officer.send("POST", "/api/v1/subprocessor-changes/preview", { ...body, plannedEffectiveAt: "2026-03-30T10:00:00Z" });
  assert.equal(bad.statusCode, 400);
  assert.equal(errorOf(bad).fields[0]?.field, "body.plannedEffectiveAt", "the preview makes the announcement's checks");
  const viewer = await staffSession(t, "auditor");
  assert.equal((await viewer.send("POST", "/api/v1/subprocessor-changes/preview", body)).statusCode, 403);

  const announced = await officer.send("POST", "/api/v1/subprocessor-changes", body);
  assert.equal(announced.statusCode, 201, announced.body);
  assert.equal(announced.json<{ affectedCount: number }>().affectedCount, 2, "the announcement reaches what the preview said");
});
