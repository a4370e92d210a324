import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { announceNewSubprocessor, customer, serviceIds, staffSession, subprocessorBody, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertBadCursorsRefused, assertFirstPage, assertQueryChecked, walk, walkEach, type Page } from "../../../test/support/pages.ts";

// The announced sub-processor changes at any number (issue 16): newest announcement first, a page
// after a keyset cursor (`next`), the count stopping at 10,000, by status and sub-processor; a
// customer pages through those announced to it alone.

interface Row {
  id: string;
  status: string;
  announcedAt: string;
}

const COUNT = 240;

let t: TestApp;
let officer: Session;
let alfa: Customer;
let beta: Customer;
let subId: string;
let otherSubId: string;
const announcedToAlfa: string[] = [];
before(async () => {
  t = await createTestApp(new Date("2026-03-20T10:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  const svc = await serviceIds(officer);
  alfa = await customer(t, "Wijziging Alfa", ["email"]);
  beta = await customer(t, "Wijziging Beta", ["web-hosting"]);
  assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  for (const name of ["Lijst Een GmbH", "Lijst Twee GmbH", "Lijst Drie GmbH"]) {
    const announced = await announceNewSubprocessor(officer, name, svc.email ?? "");
    announcedToAlfa.push(announced.changeId);
    subId = announced.subprocessorId;
  }
  const other = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Lijst Vier GmbH", [svc["web-hosting"] ?? ""]));
  otherSubId = other.json<{ id: string }>().id;
  // 240 more, announced to no one (their customers are elsewhere), three a second: the id orders
  // those; a third effective, a third withdrawn.
  await t.database.db.execute(
    sql`insert into subprocessor_changes (kind, subprocessor_id, plan, description, status, announced_at, window_closes_at)
        select 'remove', ${otherSubId}::uuid, '{"serviceIds": []}'::jsonb, '{"nl": "Weg", "en": "Gone"}'::jsonb,
               (array['announced', 'effective', 'withdrawn'])[1 + g % 3], timestamptz '2026-01-01T00:00:00Z' + (g / 3) * interval '1 second',
               timestamptz '2026-02-01T00:00:00Z'
          from generate_series(1, ${COUNT}) g`,
  );
});
after(async () => {
  await t.close();
});

test("staff walk every change once, newest announcement first, with its count", async () => {
  await walkEach<Row>(officer.get, "/api/v1/subprocessor-changes?limit=50", { count: COUNT + 3, key: (r) => r.id, by: (r) => r.announcedAt, descending: true });
  await assertFirstPage(officer.get, "/api/v1/subprocessor-changes?limit=5", COUNT + 3);
});

test("status and the sub-processor filter, and page too", async () => {
  const withdrawn = (await walk<Row>(officer.get, "/api/v1/subprocessor-changes?limit=30&status=withdrawn")).flat();
  assert.equal(withdrawn.length, COUNT / 3);
  assert.ok(withdrawn.every((r) => r.status === "withdrawn"));
  const ofOther = (await walk<Row>(officer.get, `/api/v1/subprocessor-changes?limit=100&subprocessorId=${otherSubId}`)).flat();
  assert.equal(ofOther.length, COUNT);
  const ofLast = (await officer.get(`/api/v1/subprocessor-changes?subprocessorId=${subId}`)).json<Page<Row>>();
  assert.deepEqual(
    ofLast.items.map((r) => r.id),
    [announcedToAlfa[2]],
  );
});

test("a customer pages through the changes announced to it alone; another's is a 404", async () => {
  const walked = (await walk<Row>(alfa.owner.get, "/api/v1/subprocessor-changes?limit=2")).flat();
  // Announced at the same instant (the test's clock stands still): the id orders them, newest key first.
  assert.deepEqual(
    walked.map((r) => r.id),
    [...announcedToAlfa].sort().reverse(),
  );
  assert.equal((await beta.owner.get("/api/v1/subprocessor-changes")).json<Page<Row>>().total, 0);
  assert.equal((await beta.owner.get(`/api/v1/subprocessor-changes/${announcedToAlfa[0] ?? ""}`)).statusCode, 404);
});

test("a bad cursor is a 400 naming querystring.after; limit and status are checked", async () => {
  await assertQueryChecked(officer.get, "/api/v1/subprocessor-changes", 200, { status: "gone" });
  await assertBadCursorsRefused(alfa.owner.get, "/api/v1/subprocessor-changes");
});
