import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { insertCustomers } from "../../../test/support/factories.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertFirstPage, assertQueryChecked, walk, walkEach, type Page } from "../../../test/support/pages.ts";

// The ended agreements at any number (issue 16): newest end first, a page after a keyset cursor
// (`next`), the count stopping at 10,000, searched by customer, filtered by the plan's state; for
// the admin and privacy officer only.

interface Row {
  id: string;
  controllerId: string;
  customerName: string;
  endedAt: string;
  completedAt: string | null;
  planOverdue: boolean;
}

let t: TestApp;
let officer: Session;
let support: Session;
let alfa: Customer;
before(async () => {
  t = await createTestApp(new Date("2026-06-01T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  alfa = await customer(t, "Einde Alfa", ["web-hosting"]);
  // 300 ended customers, three ends a second (the id orders those): every third completed, the
  // plans of the first 150 due before now.
  await insertCustomers(t.database.db, { prefix: "E", count: 300, name: "Geëindigd", groups: 7 });
  await t.database.db.execute(
    sql`insert into agreement_endings (controller_id, ended_at, source, services, plan_due_at, portal_closes_at, completed_at)
        select c.id, timestamptz '2026-05-01T10:00:00Z' + (n / 3) * interval '1 second', 'test', '[]'::jsonb,
               timestamptz '2026-05-15T00:00:00Z' + case when n <= 150 then interval '0' else interval '60 days' end, timestamptz '2026-08-01T00:00:00Z',
               case when n % 3 = 0 then timestamptz '2026-05-20T00:00:00Z' end
          from (select id, substr(customer_number, 2)::int as n from controllers where customer_number like 'E%') c`,
  );
});
after(async () => {
  await t.close();
});

test("staff walk every ended agreement once, newest end first, with its count", async () => {
  await walkEach<Row>(officer.get, "/api/v1/endings?limit=70", { count: 300, key: (r) => r.id, by: (r) => r.endedAt, descending: true });
  await assertFirstPage(officer.get, "/api/v1/endings?limit=5", 300);
});

test("the plan's state and the customer search filter, and page too", async () => {
  const completed = (await walk<Row>(officer.get, "/api/v1/endings?limit=40&status=completed")).flat();
  assert.equal(completed.length, 100);
  assert.ok(completed.every((r) => r.completedAt !== null));
  const open = (await walk<Row>(officer.get, "/api/v1/endings?limit=40&status=open")).flat();
  assert.equal(open.length, 200);
  const overdue = (await walk<Row>(officer.get, "/api/v1/endings?limit=40&status=overdue")).flat();
  assert.equal(overdue.length, 100);
  assert.ok(overdue.every((r) => r.planOverdue));
  const searched = (await walk<Row>(officer.get, "/api/v1/endings?limit=10&q=geëindigd%203")).flat();
  assert.ok(searched.length > 10 && searched.every((r) => r.customerName === "Geëindigd 3"));
  const byNumber = (await officer.get("/api/v1/endings?q=E00042")).json<Page<Row>>();
  assert.deepEqual([byNumber.total, byNumber.items.length], [1, 1]);
});

test("only the admin and privacy officer; a customer neither sees the list nor another's ending", async () => {
  assert.equal((await support.get("/api/v1/endings")).statusCode, 403);
  assert.equal((await alfa.owner.get("/api/v1/endings")).statusCode, 403);
  const [other] = (await officer.get("/api/v1/endings?limit=1")).json<Page<Row>>().items;
  const controllerId = other?.controllerId ?? "";
  assert.notEqual(controllerId, alfa.controllerId);
  assert.equal((await alfa.owner.get(`/api/v1/controllers/${controllerId}/ending`)).statusCode, 404);
});

test("a bad cursor is a 400 naming querystring.after; limit and status are checked", async () => {
  await assertQueryChecked(officer.get, "/api/v1/endings", 500, { status: "gone" });
});
