import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { insertCustomers } from "../../../test/support/factories.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertFirstPage, assertQueryChecked, walk, walkEach, type Page } from "../../../test/support/pages.ts";

// The privacy contacts that need attention at any number (issue 16): the longest first, a page
// after a keyset cursor (`next`), the count stopping at 10,000, by state and searched.

interface Row {
  controllerId: string;
  customerName: string;
  email: string;
  staleSince: string | null;
  failingSince: string | null;
}

let t: TestApp;
let officer: Session;
let support: Session;
let alfa: Customer;
before(async () => {
  t = await createTestApp(new Date("2026-06-01T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  alfa = await customer(t, "Contact Alfa", ["web-hosting"]);
  // 300 customers' contacts, three marked stale each second (the id orders those); every fourth
  // failing too, a day before; ten asked and awaiting.
  await insertCustomers(t.database.db, { prefix: "K", count: 310, name: "Klant", groups: 7 });
  await t.database.db.execute(
    sql`insert into contacts (controller_id, role, name, email, stale_since, failing_since, confirmation_requested_at)
        select c.id, 'privacy_contact', 'Contact ' || n, 'privacy' || n || '@klant' || (n % 5) || '.example',
               case when n <= 300 then timestamptz '2026-05-01T10:00:00Z' + (n / 3) * interval '1 second' end,
               case when n <= 300 and n % 4 = 0 then timestamptz '2026-04-30T10:00:00Z' + (n / 3) * interval '1 second' end,
               timestamptz '2026-04-01T00:00:00Z'
          from (select id, substr(customer_number, 2)::int as n from controllers where customer_number like 'K%') c`,
  );
});
after(async () => {
  await t.close();
});

const since = (r: Row) => [r.staleSince, r.failingSince].filter((v): v is string => v !== null).sort()[0] ?? "";

test("staff walk every contact needing attention once, the longest first, with its count", async () => {
  await walkEach<Row>(officer.get, "/api/v1/contacts?limit=70", { count: 300, key: (r) => r.controllerId, by: since });
  await assertFirstPage(officer.get, "/api/v1/contacts?limit=5", 300);
});

test("the state and the search filter, and page too", async () => {
  const failing = (await walk<Row>(officer.get, "/api/v1/contacts?limit=20&state=failing")).flat();
  assert.equal(failing.length, 75);
  assert.ok(failing.every((r) => r.failingSince !== null));
  const awaiting = (await walk<Row>(officer.get, "/api/v1/contacts?limit=3&state=awaiting")).flat();
  assert.equal(awaiting.length, 10);
  const byCustomer = (await walk<Row>(officer.get, "/api/v1/contacts?limit=10&search=klant%203")).flat();
  assert.ok(byCustomer.length > 10 && byCustomer.every((r) => r.customerName === "Klant 3"));
  const byAddress = (await walk<Row>(officer.get, "/api/v1/contacts?limit=10&search=%40klant2.example")).flat();
  assert.equal(byAddress.length, 60);
  assert.equal((await officer.get("/api/v1/contacts?search=K00042")).json<Page<Row>>().total, 1);
});

test("support sees only its customers; a customer may not list", async () => {
  assert.equal((await support.get("/api/v1/contacts")).json<Page<Row>>().total, 0);
  assert.equal((await alfa.owner.get("/api/v1/contacts")).statusCode, 403);
});

test("a bad cursor is a 400 naming querystring.after; limit and state are checked", async () => {
  await assertQueryChecked(officer.get, "/api/v1/contacts", 200, { state: "gone" });
});
