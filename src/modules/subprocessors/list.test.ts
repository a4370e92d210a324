import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { announceNewSubprocessor, customer, serviceIds, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { insertCustomers } from "../../../test/support/factories.ts";
import { assertQueryChecked, nextOf, walk } from "../../../test/support/pages.ts";
import { supportAssignments } from "../../db/schema/index.ts";
import { sql } from "drizzle-orm";
import { rows } from "../../db/engine.ts";

// A change's recipients and objections at any size (issue 16): recipients by name, objections
// newest first, each a page after a keyset cursor (recipients: `next`; objections, answered as
// the array they were: the Link header), searched and filtered.

interface Recipient {
  controllerId: string;
  name: string;
  objection: { status: string } | null;
}
interface Objection {
  id: string;
  controllerId: string;
  customerName: string;
  submittedAt: string;
  status: string;
}

let t: TestApp;
let officer: Session;
let support: Session;
let changeId: string;
const customers: Customer[] = [];
const names = ["Mail Appel", "Mail Banaan", "Mail Citroen", "Mail Druif", "Mail Framboos", "Mail Kers"];
before(async () => {
  t = await createTestApp(new Date("2026-03-20T10:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  const svc = await serviceIds(officer);
  for (const name of [...names].reverse()) {
    customers.push(await customer(t, name, ["email"]));
  }
  assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  ({ changeId } = await announceNewSubprocessor(officer, "Lijst Mail GmbH", svc.email ?? ""));
  // Four of them object, a minute apart.
  for (const c of customers.slice(0, 4)) {
    t.clock.advance(60_000);
    const objected = await c.owner.send("POST", `/api/v1/subprocessor-changes/${changeId}/objections`, {
      reason: "Wij willen geen nieuwe partij voor onze e-mail.",
    });
    assert.equal(objected.statusCode, 201, objected.body);
  }
  await t.database.db.insert(supportAssignments).values(customers.slice(0, 3).map((c) => ({ userId: support.userId, controllerId: c.controllerId })));
});
after(async () => {
  await t.close();
});

const change = (path: string) => `/api/v1/subprocessor-changes/${changeId}${path}`;

test("recipients page by name after a cursor, each once, as the offsets do; search and filters page too", async () => {
  const whole = (await officer.get(change("/recipients?limit=500"))).json<{ total: number; items: Recipient[]; next: string | null }>();
  assert.equal(whole.total, 6);
  assert.equal(whole.next, null);
  const pages = await walk<Recipient>(officer.get, change("/recipients?limit=4"));
  assert.deepEqual(
    pages.map((p) => p.length),
    [4, 2],
  );
  assert.deepEqual(
    pages.flat().map((r) => r.name),
    names,
  );
  const byOffset = (await officer.get(change("/recipients?limit=4&offset=4"))).json<{ items: Recipient[] }>().items;
  assert.deepEqual(
    byOffset.map((r) => r.name),
    names.slice(4),
  );
  const objected = (await walk<Recipient>(officer.get, change("/recipients?limit=1&objected=true"))).flat();
  assert.equal(objected.length, 4);
  assert.ok(objected.every((r) => r.objection !== null));
  const searched = (await walk<Recipient>(officer.get, change("/recipients?limit=1&search=mail%20c"))).flat();
  assert.deepEqual(
    searched.map((r) => r.name),
    ["Mail Citroen"],
  );
  const assigned = (await walk<Recipient>(support.get, change("/recipients?limit=1"))).flat();
  assert.equal(assigned.length, 3, "support: its own customers only, in full pages");
});

test("a change's objections and all objections page newest first, the next page in the Link header", async () => {
  const pages = await walk<Objection>(officer.get, change("/objections?limit=3"));
  assert.deepEqual(
    pages.map((p) => p.length),
    [3, 1],
  );
  const walked = pages.flat();
  assert.deepEqual(
    walked.map((o) => o.customerName),
    customers
      .slice(0, 4)
      .map((c) => c.name)
      .reverse(),
    "newest first",
  );
  const all = (await walk<Objection>(officer.get, "/api/v1/objections?limit=1&q=mail")).flat();
  assert.deepEqual(
    all.map((o) => o.id),
    walked.map((o) => o.id),
  );
  const searched = (await officer.get(`/api/v1/objections?q=${encodeURIComponent(customers[1]?.name ?? "")}`)).json<Objection[]>();
  assert.deepEqual(
    searched.map((o) => o.customerName),
    [customers[1]?.name],
  );
  assert.deepEqual((await officer.get(`/api/v1/objections?changeId=${changeId}&status=resolved`)).json<Objection[]>(), []);
  const own = await customers[0]?.owner.get("/api/v1/objections?limit=1");
  assert.equal(own?.json<Objection[]>().length, 1);
  assert.equal(own && nextOf(own), null, "a customer sees its own only");
  const assigned = (await walk<Objection>(support.get, change("/objections?limit=1"))).flat();
  assert.equal(assigned.length, 3);
});

test("a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  for (const url of [change("/recipients"), change("/objections"), "/api/v1/objections"]) {
    await assertQueryChecked(officer.get, url, 500);
  }
});

test("recipients that are many of the customers are found by walking them by name: the same order, each once", async () => {
  // 1,200 more customers told of the change (change-queries.ts walks them once they are most of the customers).
  const db = t.database.db;
  await insertCustomers(db, { prefix: "V", count: 1200, name: "Veel", groups: 97 });
  await db.execute(
    sql`insert into notices (controller_id, kind, data) select c.id, 'annex2_published', '{"kind":"annex2_published"}'::jsonb from controllers c where c.customer_number like 'V%'`,
  );
  await db.execute(
    sql`insert into obligations (controller_id, kind, nature, party, responsible_roles, title, article, clock_unit, clock_amount, zone, subject_type, subject_id, trigger_at, due_at, reminders)
        select c.id, 'subprocessor_objection', 'window', 'controller', '[]'::jsonb, '{"nl":"x","en":"x"}'::jsonb, '5.2', 'calendarDays', 14, 'Europe/Amsterdam',
               'subprocessor_change', ${changeId}, now(), now() + interval '14 days', '[]'::jsonb
          from controllers c where c.customer_number like 'V%'`,
  );
  await db.execute(
    sql`insert into change_recipients (change_id, controller_id, notice_id, obligation_id, window_ends_at)
        select ${changeId}, c.id, (select n.id from notices n where n.controller_id = c.id), (select o.id from obligations o where o.controller_id = c.id), now() + interval '14 days'
          from controllers c where c.customer_number like 'V%'`,
  );
  await db.execute(sql`analyze controllers`);
  const expected = await rows<{ id: string }>(
    db,
    sql`select c.id from change_recipients r join controllers c on c.id = r.controller_id where r.change_id = ${changeId} order by c.name, c.customer_number, c.id`,
  );
  const walked = (await walk<Recipient>(officer.get, change("/recipients?limit=500"))).flat();
  assert.equal(walked.length, expected.length);
  assert.deepEqual(
    walked.map((r) => r.controllerId),
    expected.map((r) => r.id),
  );
  const searched = (await walk<Recipient>(officer.get, change("/recipients?limit=5&search=veel%2042"))).flat();
  assert.ok(searched.length > 0 && searched.every((r) => r.name === "Veel 42"));
});
