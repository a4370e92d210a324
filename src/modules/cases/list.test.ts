import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertBadCursorsRefused, assertQueryChecked, walk, walkEach } from "../../../test/support/pages.ts";

// The requests (cases) at any number (issue 16): newest question first, a page after a keyset
// cursor, the next page in the Link header (the answer stays an array); staff filter and search by
// customer, a customer pages through its own alone.

interface Row {
  id: string;
  controllerId: string;
  customerName: string;
  status: string;
  askedAt: string;
}

let t: TestApp;
let officer: Session;
let alfa: Customer;
let beta: Customer;
before(async () => {
  t = await createTestApp(new Date("2026-06-01T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  alfa = await customer(t, "Verzoek Alfa", ["web-hosting"]);
  beta = await customer(t, "Verzoek Beta", ["web-hosting"]);
  // 360 cases, three asked each second (the id orders those): two in three Alfa's, every fourth closed.
  await t.database.db.execute(
    sql`insert into cases (kind, controller_id, title, request, status, asked_by_name, asked_at)
        select 'dpia_help', case when g % 3 = 0 then ${beta.controllerId}::uuid else ${alfa.controllerId}::uuid end, 'Verzoek ' || g, '{}'::jsonb,
               case when g % 4 = 0 then 'closed' else 'open' end, 'Eigenaar', timestamptz '2026-05-01T10:00:00Z' + (g / 3) * interval '1 second'
          from generate_series(1, 360) g`,
  );
});
after(async () => {
  await t.close();
});

test("staff walk every case once, newest question first", async () => {
  await walkEach<Row>(officer.get, "/api/v1/cases?limit=100", { count: 360, key: (r) => r.id, by: (r) => r.askedAt, descending: true });
});

test("status, customer and the search filter, and page too", async () => {
  const closed = (await walk<Row>(officer.get, "/api/v1/cases?limit=25&status=closed")).flat();
  assert.equal(closed.length, 90);
  assert.ok(closed.every((r) => r.status === "closed"));
  const ofBeta = (await walk<Row>(officer.get, `/api/v1/cases?limit=25&controllerId=${beta.controllerId}`)).flat();
  assert.equal(ofBeta.length, 120);
  const searched = (await walk<Row>(officer.get, "/api/v1/cases?limit=50&q=verzoek%20alfa")).flat();
  assert.equal(searched.length, 240);
  assert.ok(searched.every((r) => r.controllerId === alfa.controllerId));
});

test("a customer pages through its own cases alone; another's is a 404", async () => {
  const own = (await walk<Row>(beta.owner.get, "/api/v1/cases?limit=50")).flat();
  assert.equal(own.length, 120);
  assert.ok(own.every((r) => r.controllerId === beta.controllerId));
  // Another customer's id in the query does not widen a customer's list.
  const asked = (await walk<Row>(beta.owner.get, `/api/v1/cases?limit=50&controllerId=${alfa.controllerId}`)).flat();
  assert.ok(asked.every((r) => r.controllerId === beta.controllerId));
  const [alfas] = (await officer.get(`/api/v1/cases?limit=1&controllerId=${alfa.controllerId}`)).json<Row[]>();
  assert.equal((await beta.owner.get(`/api/v1/cases/${alfas?.id ?? ""}`)).statusCode, 404);
});

test("a bad cursor is a 400 naming querystring.after; limit and status are checked", async () => {
  await assertQueryChecked(officer.get, "/api/v1/cases", 500, { status: "gone" });
  await assertBadCursorsRefused(alfa.owner.get, "/api/v1/cases");
});
