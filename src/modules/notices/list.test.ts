import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { inScope } from "../../db/scope.ts";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { session, staffSession, type Session } from "../../../test/support/sessions.ts";
import { announcementData } from "../../../test/support/notice-data.ts";
import { assertQueryChecked, walk } from "../../../test/support/pages.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import { queueCustomerNotices, queueStaffNotice } from "./queue-notices.ts";

// Inboxes, the outbox and a webhook's delivery log at any size (issue 16): newest first, a page
// after a keyset cursor (`next`), searched by reference or customer, filtered; the offset pages
// they had still answer the same rows.

interface NoticeItem {
  id: string;
  reference: string;
  kind: string;
  createdAt: string;
  controllerId: string | null;
}
interface Delivery {
  id: string;
  noticeId: string;
  noticeReference: string;
  customerName: string | null;
  status: string;
  channel: string;
  createdAt: string;
}

const announcement = (n: number) => announcementData(crypto.randomUUID(), `Partij ${n}`);

let t: TestApp;
let officer: Session;
let owner: Session;
let endpointId: string;
before(async () => {
  t = await createTestApp();
  officer = await staffSession(t, "privacy_officer");
  const alfa = await createCustomer(t.database.db, t.clock, { name: "Keyset Alfa" });
  const beta = await createCustomer(t.database.db, t.clock, { name: "Keyset Beta" });
  owner = await session(t.app, alfa.owner.email);
  const endpoint = await owner.send("POST", `/api/v1/controllers/${alfa.controllerId}/webhook-endpoints`, { url: "http://127.0.0.1:9/hook" });
  assert.equal(endpoint.statusCode, 201, endpoint.body);
  endpointId = endpoint.json<{ id: string }>().id;
  await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    // Three notices at one instant (the id orders them), then more a minute apart.
    await queueCustomerNotices(
      tx,
      t.clock,
      SYSTEM_ACTOR,
      [1, 2, 3].map((n) => ({ controllerId: alfa.controllerId, data: announcement(n) })),
    );
    for (const n of [4, 5, 6, 7]) {
      t.clock.advance(60_000);
      await queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId: alfa.controllerId, data: announcement(n) }]);
    }
    await queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId: beta.controllerId, data: announcement(8) }]);
    for (const n of [1, 2, 3, 4, 5]) {
      await queueStaffNotice(tx, t.clock, SYSTEM_ACTOR, {
        controllerId: n % 2 ? alfa.controllerId : beta.controllerId,
        roles: ["privacy_officer"],
        data: {
          kind: "objection_received",
          changeId: crypto.randomUUID(),
          objectionId: crypto.randomUUID(),
          subprocessorName: `Partij ${n}`,
          customerName: n % 2 ? "Keyset Alfa" : "Keyset Beta",
          reason: "Wij willen dit niet.",
        },
      });
    }
  });
  // Instants a microsecond apart, as PostgreSQL keeps them: a cursor that dropped the microseconds
  // (as a JavaScript Date does) would repeat or skip these.
  await t.database.db.execute(sql`update notices set created_at = created_at + (number % 3) * interval '1 microsecond' where controller_id is not null`);
});
after(async () => {
  await t.close();
});

test("a customer's inbox: pages after a cursor walk each notice once, newest first, as one page and the old offset pages list them", async () => {
  const whole = (await owner.get("/api/v1/notices?limit=200")).json<{ total: number; items: NoticeItem[]; next: string | null }>();
  assert.equal(whole.total, 7);
  assert.equal(whole.next, null);
  const pages = await walk<NoticeItem>(owner.get, "/api/v1/notices?limit=2");
  assert.deepEqual(
    pages.map((p) => p.length),
    [2, 2, 2, 1],
  );
  assert.deepEqual(
    pages.flat().map((n) => n.id),
    whole.items.map((n) => n.id),
  );
  const byOffset = [];
  for (const page of [1, 2, 3, 4]) {
    byOffset.push(...(await owner.get(`/api/v1/notices?page=${page}&pageSize=2`)).json<{ items: NoticeItem[] }>().items);
  }
  assert.deepEqual(
    byOffset.map((n) => n.id),
    whole.items.map((n) => n.id),
  );
  const times = whole.items.map((n) => n.createdAt);
  assert.deepEqual(times, [...times].sort().reverse());
});

test("the staff inbox pages too, and finds a notice by its reference or its customer", async () => {
  const pages = await walk<NoticeItem>(officer.get, "/api/v1/notices?limit=2");
  const staff = pages.flat();
  assert.equal(staff.length, 5);
  assert.ok(staff.every((n) => n.kind === "objection_received"));
  const [first] = staff;
  assert.ok(first);
  for (const q of [first.reference, first.reference.slice(-6)]) {
    const found = (await officer.get(`/api/v1/notices?q=${encodeURIComponent(q)}`)).json<{ total: number; items: NoticeItem[] }>();
    assert.deepEqual(
      found.items.map((n) => n.id),
      [first.id],
      q,
    );
  }
  // The number without its zeros finds it too; a customer whose name or number holds those digits (11: "C0110") is found beside it.
  const bare = String(Number(first.reference.slice(-6)));
  const byNumber = (await officer.get(`/api/v1/notices?q=${bare}`)).json<{ items: NoticeItem[] }>();
  assert.deepEqual(
    byNumber.items.filter((n) => n.reference === first.reference).map((n) => n.id),
    [first.id],
    bare,
  );
  const beta = (await walk<NoticeItem>(officer.get, "/api/v1/notices?q=keyset%20beta&limit=1")).flat();
  assert.equal(beta.length, 2);
  assert.deepEqual((await officer.get("/api/v1/notices?kind=objection_received&limit=200")).json<{ total: number }>().total, 5);
  assert.deepEqual((await officer.get("/api/v1/notices?kind=annex2_published")).json<{ total: number }>().total, 0);
});

test("the outbox pages, searches and filters; each delivery once", async () => {
  const whole = (await officer.get("/api/v1/outbox?limit=200&q=keyset")).json<{ total: number; items: Delivery[]; next: string | null }>();
  assert.ok(whole.total >= 16, `${whole.total}`);
  const walked = (await walk<Delivery>(officer.get, "/api/v1/outbox?limit=3&q=keyset")).flat();
  assert.deepEqual(
    walked.map((d) => d.id),
    whole.items.map((d) => d.id),
  );
  assert.equal(new Set(walked.map((d) => d.id)).size, walked.length);
  const webhooks = (await walk<Delivery>(officer.get, "/api/v1/outbox?limit=2&channel=webhook&status=pending&q=alfa")).flat();
  assert.equal(webhooks.length, 7, "one webhook delivery per notice to Alfa");
  assert.ok(webhooks.every((d) => d.channel === "webhook" && d.status === "pending" && d.customerName === "Keyset Alfa"));
  const [one] = webhooks;
  assert.ok(one);
  const byReference = (await officer.get(`/api/v1/outbox?q=${one.noticeReference}`)).json<{ items: Delivery[] }>();
  assert.ok(byReference.items.length >= 2);
  assert.ok(byReference.items.every((d) => d.noticeId === one.noticeId));
  assert.deepEqual((await officer.get("/api/v1/outbox?q=100%25_")).json<{ items: Delivery[] }>().items, [], "% and _ are taken literally");
});

test("a webhook's delivery log pages for its customer", async () => {
  const log = (await walk<Delivery>(owner.get, `/api/v1/webhook-endpoints/${endpointId}/deliveries?limit=3`)).flat();
  assert.equal(log.length, 7);
  assert.ok(log.every((d) => d.channel === "webhook"));
});

test("a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  for (const url of ["/api/v1/notices", "/api/v1/outbox", `/api/v1/webhook-endpoints/${endpointId}/deliveries`]) {
    const get = url.includes("webhook") ? owner.get : officer.get;
    await assertQueryChecked(get, url, 200);
  }
});
