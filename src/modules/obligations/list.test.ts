import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { inScope } from "../../db/scope.ts";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { session, staffSession, type Session } from "../../../test/support/sessions.ts";
import { assertBadCursorsRefused, assertEachOnce, assertLimitBounds, walk, type Page } from "../../../test/support/pages.ts";
import { encodeCursor } from "../../http/cursor.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import { meetObligations, openObligations, type ObligationInput } from "./open-obligations.ts";

// The deadlines list at any size (issue 16): open ones by due time (overdue first), closed ones
// newest first, all of them overdue first; a page after a keyset cursor (`next`), searched by
// customer, filtered by status and kind.

interface Row {
  id: string;
  kind: string;
  status: string;
  overdue: boolean;
  dueAt: string;
  customerName: string | null;
}

let t: TestApp;
let officer: Session;
let owner: Session;
before(async () => {
  t = await createTestApp(new Date("2026-03-02T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  const alfa = await createCustomer(t.database.db, t.clock, { name: "Termijn Alfa" });
  const beta = await createCustomer(t.database.db, t.clock, { name: "Termijn Beta" });
  owner = await session(t.app, alfa.owner.email);
  const duty = (controllerId: string, n: number, kind = "list_duty"): ObligationInput => ({
    controllerId,
    kind,
    nature: "duty",
    party: "processor",
    responsibleRoles: ["privacy_officer"],
    title: { nl: `Plicht ${n}`, en: `Duty ${n}` },
    subject: { type: "list_test", id: `${kind}-${n}` },
    article: "6.1",
    clock: { unit: "hours", amount: 24 * n },
    templateVersion: 1,
    zone: "Europe/Amsterdam",
    triggerAt: t.clock.now(),
  });
  await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    // Alfa: duties due after 1..6 days, two of each due time (the id orders those); Beta: three.
    const opened = await openObligations(tx, t.clock, SYSTEM_ACTOR, [
      ...[1, 2, 3, 4, 5, 6].flatMap((n) => [duty(alfa.controllerId, n), duty(alfa.controllerId, n, "list_other")]),
      ...[1, 2, 3].map((n) => duty(beta.controllerId, n)),
    ]);
    // Four met; after the clock moves on three days, those due after one and two days and still open are overdue.
    await meetObligations(
      tx,
      t.clock,
      SYSTEM_ACTOR,
      opened.filter((o) => o.kind === "list_other" && o.dueAt.getTime() > Date.parse("2026-03-05T00:00:00Z")).map((o) => o.id),
    );
  });
  t.clock.advance(3 * 24 * 3_600_000 - 60_000);
});
after(async () => {
  await t.close();
});

const ours = "q=termijn";

test("open deadlines: pages walk each once by due time, the overdue ones first, as one page lists them", async () => {
  const whole = (await officer.get(`/api/v1/obligations?${ours}&limit=200`)).json<Page<Row>>();
  assert.equal(whole.total, 11);
  const walked = (await walk<Row>(officer.get, `/api/v1/obligations?${ours}&limit=3`)).flat();
  assert.deepEqual(
    walked.map((o) => o.id),
    whole.items.map((o) => o.id),
  );
  assertEachOnce(walked, { count: 11, key: (o) => o.id, by: (o) => o.dueAt });
  const overdue = walked.map((o) => o.overdue);
  assert.deepEqual(overdue, [...overdue].sort().reverse(), "overdue first");
  assert.equal(overdue.filter(Boolean).length, 6);
  // The offset pages the list had still answer the same rows.
  const byPage = [];
  for (const page of [1, 2, 3, 4]) {
    byPage.push(...(await officer.get(`/api/v1/obligations?${ours}&page=${page}&pageSize=3`)).json<Page<Row>>().items);
  }
  assert.deepEqual(
    byPage.map((o) => o.id),
    whole.items.map((o) => o.id),
  );
});

test("met ones newest due first; all of them with the overdue open ones first, each once", async () => {
  const met = (await walk<Row>(officer.get, `/api/v1/obligations?${ours}&status=met&limit=3`)).flat();
  assert.equal(met.length, 4);
  assert.ok(met.every((o) => o.status === "met"));
  assert.deepEqual(
    met.map((o) => o.dueAt),
    met
      .map((o) => o.dueAt)
      .sort()
      .reverse(),
  );
  const all = (await walk<Row>(officer.get, `/api/v1/obligations?${ours}&status=all&limit=4`)).flat();
  assert.equal(all.length, 15);
  assert.equal(new Set(all.map((o) => o.id)).size, 15);
  const firstNotOverdue = all.findIndex((o) => !o.overdue);
  assert.equal(firstNotOverdue, 6);
  assert.ok(all.slice(firstNotOverdue).every((o) => !o.overdue));
  const rest = all.slice(firstNotOverdue).map((o) => o.dueAt);
  assert.deepEqual(rest, [...rest].sort().reverse(), "then newest due first");
});

test("search by customer and filter by kind; a customer pages through its own only", async () => {
  const beta = (await walk<Row>(officer.get, "/api/v1/obligations?q=termijn%20beta&limit=1")).flat();
  assert.equal(beta.length, 3);
  assert.ok(beta.every((o) => o.customerName === "Termijn Beta"));
  const other = (await walk<Row>(officer.get, `/api/v1/obligations?${ours}&kind=list_other&status=all&limit=2`)).flat();
  assert.equal(other.length, 6);
  assert.ok(other.every((o) => o.kind === "list_other"));
  const own = (await walk<Row>(owner.get, "/api/v1/obligations?limit=2")).flat();
  assert.equal(own.length, 8);
  assert.ok(own.every((o) => o.customerName === "Termijn Alfa"));
});

test("a bad cursor is a 400 naming querystring.after, also one of another status's list; limit is bounded", async () => {
  await assertBadCursorsRefused(officer.get, "/api/v1/obligations");
  await assertBadCursorsRefused(officer.get, "/api/v1/obligations?status=all");
  const first = (await officer.get(`/api/v1/obligations?${ours}&limit=1`)).json<Page<Row>>();
  assert.ok(first.next);
  const elsewhere = await officer.get(`/api/v1/obligations?status=all&after=${first.next}`);
  assert.equal(elsewhere.statusCode, 400, "an open list's cursor has two parts, an all list's three");
  assert.equal(
    (await officer.get(`/api/v1/obligations?status=all&after=${encodeCursor(["2", "2026-03-01T00:00:00.000000Z", crypto.randomUUID()])}`)).statusCode,
    200,
  );
  await assertLimitBounds(officer.get, "/api/v1/obligations", 200);
});
