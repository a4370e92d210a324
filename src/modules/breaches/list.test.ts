import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { insertCustomers } from "../../../test/support/factories.ts";
import { recordWebmailIncident } from "../../../test/support/breach-fixture.ts";
import { customer, staffSession, type Session } from "../../../test/support/sessions.ts";
import { assertQueryChecked, walk } from "../../../test/support/pages.ts";
import { sql } from "drizzle-orm";
import { rows } from "../../db/engine.ts";

// An incident's affected customers and Art28's proposal at any size (issue 16): by name, a page
// after a keyset cursor (`next`), searched; the proposal says how many wait and pages them alone.

interface Affected {
  controllerId: string;
  name: string;
  customerNumber: string;
}
interface Proposed extends Affected {
  affected: boolean;
}

let t: TestApp;
let security: Session;
let incidentId: string;
const names = ["Lek Appel", "Lek Banaan", "Lek Citroen", "Lek Druif", "Lek Framboos", "Lek Kers", "Lek Mango"];
before(async () => {
  t = await createTestApp();
  security = await staffSession(t, "security_officer");
  // Added in another order than their names: the list orders them.
  for (const name of [...names].reverse()) {
    await customer(t, name, ["email"]);
  }
  await customer(t, "Lek Zonder Mail", ["web-hosting"]);
  incidentId = await recordWebmailIncident(security);
});
after(async () => {
  await t.close();
});

const url = (path: string) => `/api/v1/incidents/${incidentId}${path}`;

test("the proposal pages by name; its counts say how many wait; waiting=true pages those alone", async () => {
  const pages = await walk<Proposed>(security.get, url("/proposal?limit=3"), { field: "customers" });
  const proposed = pages.flat().filter((p) => p.name.startsWith("Lek "));
  assert.deepEqual(
    proposed.map((p) => p.name),
    names,
  );
  const first = (await security.get(url("/proposal?limit=3"))).json<{ total: number; waiting: number }>();
  assert.equal(first.total, pages.flat().length);
  assert.equal(first.waiting, first.total);
  // Three of them on the list: the others wait.
  const three = proposed.slice(1, 4).map((p) => p.controllerId);
  assert.equal((await security.send("POST", url("/customers"), { controllerIds: three })).statusCode, 200);
  const after = (await security.get(url("/proposal?limit=2"))).json<{ total: number; waiting: number }>();
  assert.equal(after.total, first.total);
  assert.equal(after.waiting, first.total - 3);
  const waiting = (await walk<Proposed>(security.get, url("/proposal?limit=2&waiting=true"), { field: "customers" })).flat();
  assert.equal(waiting.length, first.total - 3);
  assert.ok(waiting.every((p) => !p.affected && !three.includes(p.controllerId)));
  // The rest from the proposal: all of them affected.
  assert.equal((await security.send("POST", url("/customers"), { fromProposal: true })).statusCode, 200);
  assert.equal((await security.get(url("/proposal"))).json<{ waiting: number }>().waiting, 0);
});

test("the affected list pages by name after a cursor, each once, as the offsets do, and searches", async () => {
  const whole = (await security.get(url("/customers?limit=1000"))).json<{ total: number; customers: Affected[]; next: string | null }>();
  assert.equal(whole.next, null);
  assert.ok(whole.total >= 7);
  const pages = await walk<Affected>(security.get, url("/customers?limit=2"), { field: "customers" });
  assert.ok(pages.slice(0, -1).every((p) => p.length === 2));
  assert.deepEqual(
    pages.flat().map((c) => c.controllerId),
    whole.customers.map((c) => c.controllerId),
  );
  assert.deepEqual(
    pages
      .flat()
      .map((c) => c.name)
      .filter((n) => n.startsWith("Lek ")),
    names,
  );
  const byOffset = [
    ...(await security.get(url("/customers?limit=4"))).json<{ customers: Affected[] }>().customers,
    ...(await security.get(url("/customers?limit=4&offset=4"))).json<{ customers: Affected[] }>().customers,
  ];
  assert.deepEqual(
    byOffset.map((c) => c.controllerId),
    whole.customers.slice(0, 8).map((c) => c.controllerId),
  );
  const found = (await walk<Affected>(security.get, url("/customers?limit=1&q=lek%20"), { field: "customers" })).flat();
  assert.equal(found.length, 7);
  const [druif] = found.filter((c) => c.name === "Lek Druif");
  assert.ok(druif);
  const byNumber = (await security.get(url(`/customers?q=${encodeURIComponent(druif.customerNumber)}`))).json<{ total: number; customers: Affected[] }>();
  assert.deepEqual(
    byNumber.customers.map((c) => c.name),
    ["Lek Druif"],
  );
  assert.equal(byNumber.total, 1);
});

test("the incident's page counts the incomplete notices over every affected customer", async () => {
  const incident = (await security.get(url(""))).json<{ affected: number; ready: number; incomplete: number }>();
  assert.ok(incident.affected >= 7);
  assert.equal(incident.ready, 0, "no fact is known yet");
  assert.equal(incident.incomplete, incident.affected);
});

test("a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  for (const path of ["/customers", "/proposal"]) {
    await assertQueryChecked(security.get, url(path), 1000);
  }
});

test("a list that holds many of the customers is found by walking them by name: the same order, each once", async () => {
  // 1,200 more customers, all affected: the list is now most of the customers (affected-queries.ts walks them).
  await insertCustomers(t.database.db, { prefix: "V", count: 1200, name: "Veel", groups: 97 });
  await t.database.db.execute(
    sql`insert into incident_customers (incident_id, controller_id, source, because, facts, added_at)
        select ${incidentId}, c.id, 'manual', '{"serviceIds":[],"subprocessorIds":[]}'::jsonb, '{}'::jsonb, now() from controllers c where c.customer_number like 'V%'`,
  );
  await t.database.db.execute(sql`analyze controllers`);
  const expected = await rows<{ id: string }>(
    t.database.db,
    sql`select c.id from incident_customers ic join controllers c on c.id = ic.controller_id where ic.incident_id = ${incidentId} order by c.name, c.customer_number, c.id`,
  );
  const walked = (await walk<Affected>(security.get, url("/customers?limit=400"), { field: "customers" })).flat();
  assert.equal(walked.length, expected.length);
  assert.deepEqual(
    walked.map((c) => c.controllerId),
    expected.map((r) => r.id),
  );
  const searched = (await walk<Affected>(security.get, url("/customers?limit=7&q=veel%2042"), { field: "customers" })).flat();
  assert.ok(searched.length > 0 && searched.every((c) => c.name === "Veel 42"));
});
