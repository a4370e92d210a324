import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertBadCursorsRefused, assertQueryChecked, walk, walkEach } from "../../../test/support/pages.ts";

// Data subjects' requests at any number (issue 16): newest first, a page after a keyset cursor (the
// next one in the Link header, so the answer stays the array it was), searched by reference or
// customer, filtered by status; a customer sees only those forwarded to it, never another's.

interface Row {
  id: string;
  reference: string;
  status: string;
  controllerId: string | null;
  customerName: string | null;
  receivedAt: string;
}

let t: TestApp;
let officer: Session;
let alfa: Customer;
let beta: Customer;
before(async () => {
  t = await createTestApp(new Date("2026-04-02T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  alfa = await customer(t, "Verzoek Alfa", ["web-hosting"]);
  beta = await customer(t, "Verzoek Beta", ["email"]);
  // 250 received (three a second: the id orders those), 120 forwarded to Alfa, 30 to Beta, 40 unconfirmed.
  const requests = (n: number, status: string, controllerId: string | null) =>
    t.database.db.execute(
      sql`insert into subject_requests (source, "right", locale, status, content_sha256, received_at, controller_id, forwarded_at)
          select 'email', 'erasure', 'nl', ${status}, repeat('0', 64), timestamptz '2026-03-01T10:00:00Z' + (g / 3) * interval '1 second',
                 ${controllerId}::uuid, case when ${controllerId}::uuid is null then null else timestamptz '2026-03-02T10:00:00Z' end
            from generate_series(1, ${n}) g`,
    );
  await requests(250, "received", null);
  await requests(120, "forwarded", alfa.controllerId);
  await requests(30, "forwarded", beta.controllerId);
  await requests(40, "unconfirmed", null);
});
after(async () => {
  await t.close();
});

test("staff walk every request once, newest first, the unconfirmed never", async () => {
  const walked = (
    await walkEach<Row>(officer.get, "/api/v1/subject-requests?limit=70", { count: 400, key: (r) => r.id, by: (r) => r.receivedAt, descending: true })
  ).flat();
  assert.ok(walked.every((r) => r.status !== "unconfirmed"));
  const received = (await walk<Row>(officer.get, "/api/v1/subject-requests?limit=100&status=received")).flat();
  assert.equal(received.length, 250);
  assert.equal((await officer.get("/api/v1/subject-requests?limit=10&status=unconfirmed")).json<Row[]>().length, 0);
});

test("a customer walks those forwarded to it, and no other customer's", async () => {
  const own = (await walk<Row>(alfa.owner.get, "/api/v1/subject-requests?limit=50")).flat();
  assert.equal(own.length, 120);
  assert.ok(own.every((r) => r.controllerId === alfa.controllerId));
  const theirs = (await walk<Row>(beta.viewer.get, "/api/v1/subject-requests?limit=7")).flat();
  assert.equal(theirs.length, 30);
  const one = theirs[0];
  assert.ok(one);
  assert.equal((await alfa.owner.get(`/api/v1/subject-requests/${one.id}`)).statusCode, 404, "another customer's request");
  const searched = (await alfa.owner.get("/api/v1/subject-requests?q=verzoek%20beta")).json<Row[]>();
  assert.equal(searched.length, 0, "a customer's search finds no other customer");
  assert.equal((await walk<Row>(alfa.owner.get, "/api/v1/subject-requests?limit=100&q=verzoek%20alfa")).flat().length, 120, "its own, in its scope");
});

test("search by reference or customer, with the status filter, pages too", async () => {
  const byCustomer = (await walk<Row>(officer.get, "/api/v1/subject-requests?limit=25&q=verzoek%20b")).flat();
  assert.equal(byCustomer.length, 30);
  assert.ok(byCustomer.every((r) => r.customerName === "Verzoek Beta"));
  const target = byCustomer[3];
  assert.ok(target);
  for (const q of [target.reference, String(Number(target.reference.split("-")[2]))]) {
    const found = (await officer.get(`/api/v1/subject-requests?q=${encodeURIComponent(q)}`)).json<Row[]>();
    assert.deepEqual(
      found.map((r) => r.id),
      [target.id],
      q,
    );
  }
  assert.equal((await officer.get("/api/v1/subject-requests?q=verzoek&status=received")).json<Row[]>().length, 0);
  assert.equal((await officer.get("/api/v1/subject-requests?q=verzoek&status=forwarded&limit=500")).json<Row[]>().length, 150);
});

test("a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  await assertQueryChecked(officer.get, "/api/v1/subject-requests", 500, { status: "lost" });
  await assertBadCursorsRefused(alfa.owner.get, "/api/v1/subject-requests");
});
