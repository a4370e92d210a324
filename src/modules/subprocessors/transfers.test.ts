import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { inScope } from "../../db/scope.ts";
import { notices, supportAssignments } from "../../db/schema/index.ts";
import { applyDueChanges } from "./apply-change.ts";
import { customer, description, serviceIds, staffSession, subprocessorBody, type Customer, type Session } from "../../../test/support/sessions.ts";

// art. 3.1: which countries a customer's data may go to, and the warnings for transfers without a
// ground; the sweep that applies due changes; an objection window across the autumn DST change.

interface Country {
  country: string;
  zone: string;
  lawful: boolean;
  name: { nl: string; en: string };
  services: { code: string }[];
  parties: {
    subprocessorId: string | null;
    name: string;
    city: string | null;
    mechanism: string | null;
    lawful: boolean;
    reason: { en: string };
    services: { code: string }[];
  }[];
}
interface Warning {
  subprocessor: { id: string; name: string };
  country: string;
  source: string;
  customers: number;
  changeId: string | null;
  reason: { nl: string; en: string };
}

let t: TestApp;
let officer: Session;
let support: Session;
let svc: Record<string, string>;
let d: Customer;
let e: Customer;
let deltaId: string;

const transfersOf = async (client: Session, controllerId: string) => {
  const response = await client.get(`/api/v1/controllers/${controllerId}/transfers`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ countries: Country[] }>().countries;
};

before(async () => {
  t = await createTestApp(new Date("2026-10-01T10:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  svc = await serviceIds(officer);
  d = await customer(t, "Datacenter Delta", ["vps-hosting", "backup"]);
  e = await customer(t, "Echo Media", ["email"]);
});
after(async () => {
  await t.close();
});

test("the sweep applies an announced change once its effective date has come, not before", async () => {
  const created = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Delta Compute", [svc["vps-hosting"] ?? ""]));
  deltaId = created.json<{ id: string }>().id;
  const announced = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "add",
    subprocessorId: deltaId,
    plan: {},
    description,
    plannedEffectiveAt: "2026-10-16T06:00:00Z",
  });
  assert.equal(announced.statusCode, 201, announced.body);
  const change = announced.json<{ id: string; windowClosesAt: string; effectiveAt: string }>();
  // No agreement at all: the current template's 14 days. 1 Oct + 14 → end of 15 Oct, summer time.
  assert.equal(change.windowClosesAt, "2026-10-15T21:59:59.999Z");
  const early = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "add",
    subprocessorId: deltaId,
    plan: {},
    description,
    plannedEffectiveAt: "2026-10-10T06:00:00Z",
  });
  assert.equal(early.statusCode, 409, "one pending change per sub-processor");

  t.clock.set(new Date("2026-10-16T05:59:59Z"));
  assert.deepEqual(await inScope(t.database.db, { kind: "processor" }, (tx) => applyDueChanges(tx, t.clock)), []);
  t.clock.set(new Date("2026-10-16T06:00:00Z"));
  assert.deepEqual(await inScope(t.database.db, { kind: "processor" }, (tx) => applyDueChanges(tx, t.clock)), [change.id]);
  assert.deepEqual(await inScope(t.database.db, { kind: "processor" }, (tx) => applyDueChanges(tx, t.clock)), [], "once");
  const after = (await officer.get(`/api/v1/subprocessor-changes/${change.id}`)).json<{ status: string; effectiveAt: string }>();
  assert.deepEqual([after.status, after.effectiveAt], ["effective", "2026-10-16T06:00:00.000Z"]);
});

test("a customer sees every country its data may go to: the processor's own and its sub-processors'", async () => {
  const countries = await transfersOf(d.owner, d.controllerId);
  assert.deepEqual(
    countries.map((c) => [c.country, c.zone, c.lawful]),
    [
      ["NL", "eea", true],
      ["DE", "eea", true],
    ],
  );
  assert.equal(countries[0]?.parties[0]?.subprocessorId, null, "the processor itself");
  assert.deepEqual(
    countries[0]?.services.map((s) => s.code),
    ["vps-hosting", "backup"],
  );
  assert.deepEqual(
    countries[1]?.parties.map((p) => [p.name, p.city, p.services.map((s) => s.code)]),
    [["Delta Compute", "Frankfurt", ["vps-hosting"]]],
  );
  assert.deepEqual(
    (await transfersOf(e.owner, e.controllerId)).map((c) => c.country),
    ["NL"],
    "a customer whose services use no sub-processor",
  );
  assert.equal((await d.viewer.get(`/api/v1/controllers/${d.controllerId}/transfers`)).statusCode, 200);
});

test("another customer and unassigned support get 404; assigned support and other staff see it", async () => {
  const url = `/api/v1/controllers/${d.controllerId}/transfers`;
  assert.equal((await e.owner.get(url)).statusCode, 404);
  assert.equal((await support.get(url)).statusCode, 404);
  await t.database.db.insert(supportAssignments).values({ userId: support.userId, controllerId: d.controllerId });
  assert.equal((await support.get(url)).statusCode, 200);
  assert.equal((await officer.get(url)).statusCode, 200);
  assert.equal((await officer.get("/api/v1/controllers/00000000-0000-4000-8000-000000000000/transfers")).statusCode, 404);
  assert.equal((await officer.get("/api/v1/controllers/nope/transfers")).statusCode, 400);
});

test("a relocation to a third country without a mechanism is warned about before and after it takes effect", async () => {
  // Tuesday 20 October 2026, 23:30 in Amsterdam (summer time); winter time starts on 25 October.
  t.clock.set(new Date("2026-10-20T21:30:00Z"));
  const relocation = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "relocate",
    subprocessorId: deltaId,
    plan: { locations: [{ country: "IN", city: "Mumbai", mechanism: null }] },
    description: { nl: "Delta Compute verhuist naar India.", en: "Delta Compute moves to India." },
  });
  assert.equal(relocation.statusCode, 201, relocation.body);
  const change = relocation.json<{ id: string; windowClosesAt: string; affectedCount: number }>();
  assert.equal(change.affectedCount, 1);
  assert.equal(change.windowClosesAt, "2026-11-03T22:59:59.999Z", "20 Oct + 14 local days, ending 23:59:59.999 winter time");

  const before = (await officer.get("/api/v1/transfers/warnings")).json<Warning[]>();
  assert.deepEqual(
    before.map((w) => [w.subprocessor.name, w.country, w.source, w.customers, w.changeId]),
    [["Delta Compute", "IN", "announced_change", 1, change.id]],
  );
  assert.match(before[0]?.reason.en ?? "", /standard contractual clauses/);
  assert.deepEqual(
    (await transfersOf(d.owner, d.controllerId)).map((c) => c.country),
    ["NL", "DE"],
    "not yet in effect",
  );

  t.clock.set(new Date("2026-11-04T08:00:00Z"));
  const applied = await officer.send("POST", `/api/v1/subprocessor-changes/${change.id}/apply`);
  assert.equal(applied.statusCode, 200, applied.body);
  const warnings = (await officer.get("/api/v1/transfers/warnings")).json<Warning[]>();
  assert.deepEqual(
    warnings.map((w) => [w.country, w.source, w.customers]),
    [["IN", "register", 1]],
  );
  const countries = await transfersOf(d.owner, d.controllerId);
  assert.deepEqual(
    countries.map((c) => [c.country, c.zone, c.lawful]),
    [
      ["NL", "eea", true],
      ["IN", "third", false],
    ],
  );
  assert.match(countries[1]?.parties[0]?.reason.en ?? "", /India is outside the EEA/);

  assert.equal((await d.owner.get("/api/v1/transfers/warnings")).statusCode, 403);
  const fixed = await officer.send(
    "PUT",
    `/api/v1/subprocessors/${deltaId}`,
    subprocessorBody("Delta Compute", [svc["vps-hosting"] ?? ""], [{ country: "IN", city: "Mumbai", mechanism: "scc" }]),
  );
  assert.equal(fixed.statusCode, 200, fixed.body);
  assert.deepEqual((await officer.get("/api/v1/transfers/warnings")).json<Warning[]>(), [], "standard contractual clauses recorded: no warning");
  assert.equal((await transfersOf(d.owner, d.controllerId))[1]?.lawful, true);
});

test("a replacement reaches the customers of both, and moves the work to the new one", async () => {
  const epsilon = await officer.send(
    "POST",
    "/api/v1/subprocessors",
    subprocessorBody("Epsilon Compute", [], [{ country: "FR", city: "Paris", mechanism: null }]),
  );
  const epsilonId = epsilon.json<{ id: string }>().id;
  const replacing = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "replace",
    subprocessorId: epsilonId,
    replacesId: deltaId,
    plan: { serviceIds: [svc.backup] },
    description,
  });
  assert.equal(replacing.statusCode, 201, replacing.body);
  const change = replacing.json<{ id: string; affectedCount: number; replaces: { name: string } }>();
  assert.deepEqual([change.affectedCount, change.replaces.name], [1, "Delta Compute"]);
  const notice = (
    await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.controllerId, d.controllerId), eq(notices.subjectId, change.id)))
  )[0];
  const data = notice?.data as { services: { en: string }[]; replaces: { name: string } | null; changeKind: string };
  assert.deepEqual([data.changeKind, data.replaces?.name, data.services.map((s) => s.en).sort()], ["replace", "Delta Compute", ["Backup", "VPS hosting"]]);
  const self = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "replace",
    subprocessorId: deltaId,
    replacesId: deltaId,
    plan: {},
    description,
  });
  assert.equal(self.statusCode, 400);

  t.clock.set(new Date("2026-11-19T08:00:00Z"));
  assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${change.id}/apply`)).statusCode, 200);
  const register = (await officer.get("/api/v1/subprocessors")).json<{ name: string; status: string; services: { code: string }[] }[]>();
  assert.deepEqual(
    register.filter((s) => s.name.endsWith("Compute")).map((s) => [s.name, s.status, s.services.map((x) => x.code)]),
    [
      ["Delta Compute", "removed", []],
      ["Epsilon Compute", "active", ["backup"]],
    ],
  );
  assert.deepEqual(
    (await transfersOf(d.owner, d.controllerId)).map((c) => [c.country, c.parties.map((p) => p.name)]),
    [
      ["NL", ["Norisk Software BV"]],
      ["FR", ["Epsilon Compute"]],
    ],
  );
  assert.deepEqual((await officer.get("/api/v1/transfers/warnings")).json<Warning[]>(), [], "a removed sub-processor's locations no longer count");
});
