import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertQueryChecked, walk, walkEach } from "../../../test/support/pages.ts";

// Billable items at any number (issue 16): the cases' entries and the audits' costs in one order
// (the instant they became billable, then the id), a page after a keyset cursor (the next one in
// the Link header, so the answer stays an array); an export's CSV streamed a page of 1,000 at a time.

interface Item {
  id: string;
  billableAt: string;
  caseKind: string;
  exportId: string | null;
}

let t: TestApp;
let officer: Session;
let alfa: Customer;
const PERIOD = "from=2026-03-01&to=2026-03-31";
before(async () => {
  t = await createTestApp(new Date("2026-04-02T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  alfa = await customer(t, "Factuur Alfa", ["web-hosting"]);
  const db = t.database.db;
  await db.execute(
    sql`insert into cases (kind, controller_id, title, request, asked_by_name, asked_at, status)
        values ('dpia_help', ${alfa.controllerId}, 'Hulp', '{}'::jsonb, 'Test', timestamptz '2026-03-01T08:00:00Z', 'closed')`,
  );
  await db.execute(
    sql`insert into audits (controller_id, reason, requested_at, requested_by_name, earliest_at)
        values (${alfa.controllerId}, 'Test', timestamptz '2026-03-01T08:00:00Z', 'Test', timestamptz '2026-03-15T08:00:00Z')`,
  );
  // 1,300 billable entries (three an instant: the id orders those), 100 not billable, and 400 audit
  // costs at the same instants as some entries: the two sources interleave.
  await db.execute(
    sql`insert into case_entries (case_id, controller_id, type, description, work_date, minutes, rate_cents, amount_cents, billable, billable_at)
        select (select id from cases limit 1), ${alfa.controllerId}, 'time', 'Werk ' || g, '2026-03-02', 60, 10000, 10000, g <= 1300,
               timestamptz '2026-03-02T10:00:00Z' + (g / 3) * interval '1 minute'
          from generate_series(1, 1400) g`,
  );
  await db.execute(
    sql`insert into audit_costs (audit_id, controller_id, description, cost_date, amount_cents, recorded_by_name, recorded_at)
        select (select id from audits limit 1), ${alfa.controllerId}, 'Kosten ' || g, '2026-03-02', 5000, 'Test',
               timestamptz '2026-03-02T10:00:00Z' + (g / 2) * interval '1 minute'
          from generate_series(1, 400) g`,
  );
});
after(async () => {
  await t.close();
});

test("the pages hold every item of both sources once, in the order they became billable", async () => {
  // In the order they became billable.
  const walked = (
    await walkEach<Item>(officer.get, `/api/v1/billable-items?${PERIOD}&limit=300`, { count: 1700, key: (i) => i.id, by: (i) => i.billableAt })
  ).flat();
  assert.equal(walked.filter((i) => i.caseKind === "audit").length, 400);
  const unexported = (await walk<Item>(officer.get, `/api/v1/billable-items?${PERIOD}&state=unexported&limit=1000`)).flat();
  assert.equal(unexported.length, 1700);
  assert.equal((await officer.get(`/api/v1/billable-items?${PERIOD}&state=exported`)).json<Item[]>().length, 0);
});

test("an export's CSV streams every item once, in the list's order", async () => {
  const made = await officer.send("POST", "/api/v1/billable-items/exports", { from: "2026-03-01", to: "2026-03-31" });
  assert.equal(made.statusCode, 201, made.body.slice(0, 300));
  const id = made.json<{ id: string; itemCount: number }>().id;
  const csv = await officer.get(`/api/v1/billable-items/exports/${id}/csv`);
  assert.equal(csv.statusCode, 200, csv.body.slice(0, 300));
  const table = parse(csv.body) as string[][];
  assert.equal(table.length, 1701, "the header and every item (more than one page of 1,000)");
  const walked = (await walk<Item>(officer.get, `/api/v1/billable-items?${PERIOD}&state=exported&limit=1000`)).flat();
  assert.deepEqual(
    table.slice(1).map((line) => line[0]),
    walked.map((i) => i.id),
  );
  assert.ok(table.slice(1).every((line) => line[1] === id));
  // The answer to the export is bounded: the export, not its items; they are read in pages.
  assert.deepEqual(Object.keys(made.json<object>()).sort(), ["createdAt", "createdByName", "id", "itemCount", "periodFrom", "periodTo", "totalCents"]);
  assert.equal(made.json<{ itemCount: number }>().itemCount, 1700);
  const items = (await walk<Item>(officer.get, `/api/v1/billable-items/exports/${id}/items?limit=400`)).flat();
  assert.deepEqual(
    items.map((i) => i.id),
    walked.map((i) => i.id),
  );
  // Exports page too, newest first.
  const exports = (await walk<{ id: string }>(officer.get, "/api/v1/billable-items/exports?limit=1")).flat();
  assert.deepEqual(
    exports.map((e) => e.id),
    [id],
  );
});

test("customers never; another export is a 404; a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  assert.equal((await alfa.owner.get(`/api/v1/billable-items?${PERIOD}`)).statusCode, 403);
  assert.equal((await officer.get("/api/v1/billable-items/exports/00000000-0000-4000-8000-000000000000/csv")).statusCode, 404);
  assert.equal((await officer.get("/api/v1/billable-items/exports/00000000-0000-4000-8000-000000000000/items")).statusCode, 404);
  assert.equal((await alfa.owner.get("/api/v1/billable-items/exports")).statusCode, 403);
  const [made] = (await officer.get("/api/v1/billable-items/exports")).json<{ id: string }[]>();
  assert.equal((await alfa.owner.get(`/api/v1/billable-items/exports/${made?.id ?? ""}/items`)).statusCode, 403);
  await assertQueryChecked(officer.get, `/api/v1/billable-items/exports/${made?.id ?? ""}/items`, 1000);
  await assertQueryChecked(officer.get, "/api/v1/billable-items/exports", 500);
  await assertQueryChecked(officer.get, `/api/v1/billable-items?${PERIOD}`, 1000);
});
