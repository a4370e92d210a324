import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, signIntoForce, staffSession, type Session } from "../../../test/support/sessions.ts";
import { sql } from "drizzle-orm";
import { rows } from "../../db/engine.ts";
import { inScope, type Scope } from "../../db/scope.ts";
import { encodeCursor } from "../../http/cursor.ts";

// The staff customers list at any size (issue 16): by name, a page after a keyset cursor or at an
// offset, searched and filtered by agreement status with the same rule the list shows.

interface Page {
  total: number;
  totalExact: boolean;
  next: string | null;
  items: { name: string; agreementStatus: string }[];
}

let t: TestApp;
let officer: Session;
before(async () => {
  t = await createTestApp();
  officer = await staffSession(t, "privacy_officer");
  const inForce = await customer(t, "Lijst Citroen", ["web-hosting"]);
  const signed = await customer(t, "Lijst Appel", ["web-hosting"]);
  await customer(t, "Lijst Banaan", ["web-hosting"]);
  await customer(t, "Lijst Druif", ["email"]);
  const ended = await customer(t, "Lijst Framboos", ["email"]);
  const offered = await officer.send("POST", "/api/v1/templates/1/offer");
  assert.equal(offered.statusCode, 200, offered.body);
  // Offered to the five above; the one that comes after has none.
  await customer(t, "Lijst Kers", ["email"]);
  await signIntoForce(officer, inForce, 1);
  const [offer] = (await signed.owner.get("/api/v1/agreements?status=offered")).json<{ id: string }[]>();
  const document = (await signed.owner.get(`/api/v1/agreements/${offer?.id}/document`)).json<{ sha256: string }>();
  const signing = await signed.owner.send("POST", `/api/v1/agreements/${offer?.id}/sign`, {
    typedName: "Dirk Pieters",
    function: "Directeur",
    consent: true,
    documentSha256: document.sha256,
  });
  assert.equal(signing.statusCode, 200, signing.body);
  // art. 12.2: its last service ends, and with it the agreement.
  await signIntoForce(officer, ended, 1);
  const stopped = await officer.send("PUT", `/api/v1/controllers/${ended.controllerId}/services`, { services: [] });
  assert.equal(stopped.statusCode, 200, stopped.body);
});
after(async () => {
  await t.close();
});

const page = async (query: string) => {
  const answer = await officer.get(`/api/v1/controllers?${query}`);
  assert.equal(answer.statusCode, 200, answer.body);
  return answer.json<Page>();
};

test("pages after a cursor walk the whole list once, in name order, as the offsets do", async () => {
  const names: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 6; i++) {
    const next: Page = await page(`search=lijst&limit=2${cursor ? `&after=${cursor}` : ""}`);
    assert.equal(next.total, 6);
    assert.equal(next.totalExact, true);
    names.push(...next.items.map((c) => c.name));
    cursor = next.next;
    if (cursor === null) {
      break;
    }
  }
  assert.deepEqual(names, ["Lijst Appel", "Lijst Banaan", "Lijst Citroen", "Lijst Druif", "Lijst Framboos", "Lijst Kers"]);
  const byOffset = [
    ...(await page("search=lijst&limit=2")).items,
    ...(await page("search=lijst&limit=2&offset=2")).items,
    ...(await page("search=lijst&limit=2&offset=4")).items,
  ];
  assert.deepEqual(
    byOffset.map((c) => c.name),
    names,
  );
  assert.equal((await page("search=lijst&limit=4&offset=4")).next, null, "a page that is not full is the last");
  const full = await page(`search=lijst&limit=3&after=${(await page("search=lijst&limit=3")).next ?? ""}`);
  assert.equal(full.items.length, 3);
  assert.equal(full.next, null, "a full last page names no next page (it would be empty)");
});

test("the status filter picks by the same rule the list shows, with its total", async () => {
  const all = await page("search=lijst&limit=50");
  const shown = Object.fromEntries(all.items.map((c) => [c.name, c.agreementStatus]));
  assert.deepEqual(shown, {
    "Lijst Appel": "signed_by_customer",
    "Lijst Banaan": "offered",
    "Lijst Citroen": "in_force",
    "Lijst Druif": "offered",
    "Lijst Framboos": "ended",
    "Lijst Kers": "none",
  });
  for (const status of ["none", "offered", "signed_by_customer", "in_force", "ended"]) {
    const filtered = await page(`search=lijst&status=${status}&limit=1`);
    const expected = all.items.filter((c) => c.agreementStatus === status).map((c) => c.name);
    assert.equal(filtered.total, expected.length, status);
    assert.deepEqual(
      filtered.items.map((c) => c.name),
      expected.slice(0, 1),
      status,
    );
  }
});

test("a cursor the list did not give is a 400 naming querystring.after", async () => {
  for (const bad of ["abc", encodeCursor(["only one"]), "!!", "x".repeat(1401)]) {
    const answer = await officer.get(`/api/v1/controllers?after=${encodeURIComponent(bad)}`);
    assert.equal(answer.statusCode, 400, bad);
    assert.match(answer.body, /querystring\.after/, bad);
  }
});

test("the search's index lookup answers the processor's scope only (migration 0021: controllers_matching)", async () => {
  const matching = (scope: Scope) => inScope(t.database.db, scope, (tx) => rows<{ id: string }>(tx, sql`select controllers_matching('%lijst%') as id`));
  assert.equal((await matching({ kind: "processor" })).length, 6);
  const own = (await officer.get("/api/v1/controllers?search=lijst%20appel")).json<{ items: { id: string }[] }>().items[0]?.id ?? "";
  assert.deepEqual(await matching({ kind: "controller", controllerId: own }), [], "a customer's scope learns nothing of other customers' names");
});
