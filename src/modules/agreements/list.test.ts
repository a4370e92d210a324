import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, signIntoForce, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertEachOnce, assertQueryChecked, nextOf, walk } from "../../../test/support/pages.ts";
import { supportAssignments } from "../../db/schema/index.ts";

// The agreements list at any size (issue 16): newest offer first, a page after a keyset cursor
// (the next one in the Link header, so the answer stays the array it was), searched by the
// customer's name or number, filtered by status, and support sees only its customers' agreements.

interface Row {
  id: string;
  controllerId: string;
  controllerName: string;
  status: string;
  offeredAt: string;
}

let t: TestApp;
let officer: Session;
let support: Session;
const customers: Customer[] = [];
before(async () => {
  t = await createTestApp();
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  for (const name of ["Pagina Appel", "Pagina Banaan", "Pagina Citroen", "Pagina Druif", "Pagina Framboos"]) {
    customers.push(await customer(t, name, ["web-hosting"]));
  }
  const offered = await officer.send("POST", "/api/v1/templates/1/offer");
  assert.equal(offered.statusCode, 200, offered.body);
  // Offered one by one, so the offers have different instants, newest last.
  for (const name of ["Pagina Kers", "Pagina Mango"]) {
    t.clock.advance(60_000);
    customers.push(await customer(t, name, ["web-hosting"]));
    assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  }
  const [appel] = customers;
  assert.ok(appel);
  await signIntoForce(officer, appel, 1);
  const supportUser = support.userId;
  await t.database.db.insert(supportAssignments).values(customers.slice(0, 2).map((c) => ({ userId: supportUser, controllerId: c.controllerId })));
});
after(async () => {
  await t.close();
});

const ours = (rows: Row[]) => rows.filter((r) => r.controllerName.startsWith("Pagina "));

test("pages after a cursor walk every agreement once, newest offer first, as one big page lists them", async () => {
  const whole = (await officer.get("/api/v1/agreements?limit=500")).json<Row[]>();
  assert.equal(ours(whole).length, 7);
  const pages = await walk<Row>(officer.get, "/api/v1/agreements?limit=2");
  assert.ok(pages.length >= 4);
  assert.ok(pages.slice(0, -1).every((p) => p.length === 2));
  const walked = pages.flat();
  assert.deepEqual(
    walked.map((r) => r.id),
    whole.map((r) => r.id),
  );
  // Newest offer first.
  assertEachOnce(walked, { count: whole.length, key: (r) => r.id, by: (r) => r.offeredAt, descending: true });
  assert.deepEqual(
    walked.slice(0, 2).map((r) => r.controllerName),
    ["Pagina Mango", "Pagina Kers"],
  );
});

test("the last page has no Link header; a full last page too", async () => {
  const all = (await officer.get("/api/v1/agreements?limit=500")).json<Row[]>();
  const exact = await officer.get(`/api/v1/agreements?limit=${all.length}`);
  assert.equal(exact.headers.link, undefined);
  const short = await officer.get(`/api/v1/agreements?limit=${all.length - 1}`);
  assert.match(String(short.headers.link), /^<\/api\/v1\/agreements\?limit=\d+&after=[A-Za-z0-9_-]+>; rel="next"$/);
});

test("search by the customer's name or number, and the status filter, page too", async () => {
  const byName = (await officer.get("/api/v1/agreements?q=pagina%20b")).json<Row[]>();
  assert.deepEqual(
    byName.map((r) => r.controllerName),
    ["Pagina Banaan"],
  );
  const detail = (await officer.get(`/api/v1/controllers/${customers[2]?.controllerId}`)).json<{ customerNumber: string }>();
  const byNumber = (await officer.get(`/api/v1/agreements?q=${encodeURIComponent(detail.customerNumber)}`)).json<Row[]>();
  assert.deepEqual(
    byNumber.map((r) => r.controllerName),
    ["Pagina Citroen"],
  );
  assert.deepEqual((await officer.get("/api/v1/agreements?q=%25_%25")).json<Row[]>(), [], "% and _ are taken literally");
  const offered = (await walk<Row>(officer.get, "/api/v1/agreements?q=pagina&status=offered&limit=4")).flat();
  assert.equal(offered.length, 6);
  assert.ok(offered.every((r) => r.status === "offered"));
  const inForce = (await officer.get("/api/v1/agreements?q=pagina&status=in_force")).json<Row[]>();
  assert.deepEqual(
    inForce.map((r) => r.controllerName),
    ["Pagina Appel"],
  );
});

test("support pages through its own customers' agreements only, full pages and all", async () => {
  const pages = await walk<Row>(support.get, "/api/v1/agreements?limit=1");
  assert.deepEqual(
    pages
      .flat()
      .map((r) => r.controllerName)
      .sort(),
    ["Pagina Appel", "Pagina Banaan"],
  );
  assert.ok(
    pages.every((p) => p.length === 1),
    "the filter is in the query, not applied to a page after it was read",
  );
});

test("a customer pages through its own agreements only", async () => {
  const [appel] = customers;
  assert.ok(appel);
  const own = await appel.owner.get("/api/v1/agreements?limit=1");
  assert.equal(own.statusCode, 200);
  assert.deepEqual(
    own.json<Row[]>().map((r) => r.controllerId),
    [appel.controllerId],
  );
  assert.equal(nextOf(own), null);
});

test("a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  await assertQueryChecked(officer.get, "/api/v1/agreements", 500);
});
