import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { session, staffSession, type Session } from "../../../test/support/sessions.ts";
import { assertBadCursorsRefused, assertFirstPage, assertLimitBounds, walk, walkEach } from "../../../test/support/pages.ts";

// The access log at any length (issue 16): newest first, a page after a keyset cursor (`next`),
// its count stopping at 10,000; the CSV export streamed a page of 1,000 at a time, every entry once.

interface Entry {
  id: string;
  controllerId: string;
  at: string;
}

let t: TestApp;
let officer: Session;
let owner: Session;
let controllerId: string;
before(async () => {
  t = await createTestApp();
  officer = await staffSession(t, "privacy_officer");
  const alfa = await createCustomer(t.database.db, t.clock, { name: "Logboek Alfa" });
  const beta = await createCustomer(t.database.db, t.clock, { name: "Logboek Beta" });
  controllerId = alfa.controllerId;
  owner = await session(t.app, alfa.owner.email);
  // 2,500 views of Alfa's data, some in the same second (the id orders those), and 300 of Beta's.
  const views = (id: string, n: number) =>
    t.database.db.execute(
      sql`insert into access_log (controller_id, user_name, staff_role, what, record_id, why, at, minute)
          select ${id}, 'Sanne ' || g, 'support', 'customer', ${id}, 'role', timestamptz '2026-03-01T10:00:00Z' + (g / 3) * interval '1 second', timestamptz '2026-03-01T10:00:00Z' + g * interval '1 minute'
            from generate_series(1, ${n}) g`,
    );
  await views(alfa.controllerId, 2500);
  await views(beta.controllerId, 300);
});
after(async () => {
  await t.close();
});

test("a customer walks its whole log, newest first, each entry once", async () => {
  const walked = (
    await walkEach<Entry>(owner.get, "/api/v1/access-log?limit=500", { count: 2500, key: (e) => e.id, by: (e) => e.at, descending: true })
  ).flat();
  assert.ok(walked.every((e) => e.controllerId === controllerId));
  await assertFirstPage(owner.get, "/api/v1/access-log?limit=10", 2500);
});

test("staff read every customer's log a page at a time, and one customer's", async () => {
  const all = (await walk<Entry>(officer.get, "/api/v1/access-log?limit=500")).flat();
  assert.ok(all.length >= 2800);
  assert.equal(new Set(all.map((e) => e.id)).size, all.length);
  const one = (await walk<Entry>(officer.get, `/api/v1/access-log?limit=500&controllerId=${controllerId}`)).flat();
  assert.equal(one.length, 2500);
});

test("the CSV export streams every entry once, in the list's order", async () => {
  const csv = await owner.get("/api/v1/access-log/export");
  assert.equal(csv.statusCode, 200, csv.body.slice(0, 200));
  const table = parse(csv.body) as string[][];
  assert.equal(table.length, 2501, "the header and every entry (more than two pages of 1,000)");
  const walked = (await walk<Entry>(owner.get, "/api/v1/access-log?limit=500")).flat();
  assert.deepEqual(
    table.slice(1).map((line) => line[0]),
    walked.map((e) => e.at),
  );
});

test("a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  await assertBadCursorsRefused(owner.get, "/api/v1/access-log");
  await assertLimitBounds(officer.get, "/api/v1/access-log", 500);
});
