import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertEachOnce, assertFirstPage, assertQueryChecked, walk, walkEach, type Page } from "../../../test/support/pages.ts";
import { REGISTER_PDF_MAX } from "./routes.ts";

// The incident register and an incident's timeline at any number (issue 16): newest discovery
// first after a keyset cursor (`next`), searched and filtered; the acts of an incident oldest
// first; the export streamed page by page, the PDF bounded.

interface Row {
  id: string;
  reference: string;
  title: string;
  status: "open" | "closed";
  decision: string;
  discoveredAt: string;
}
interface Entry {
  at: string;
  type: string;
  hash: string;
}

const COUNT = 1_250;

let t: TestApp;
let security: Session;
let auditor: Session;
let support: Session;
let alfa: Customer;
let incidentId: string;
before(async () => {
  t = await createTestApp(new Date("2026-06-01T09:00:00Z"));
  security = await staffSession(t, "security_officer");
  auditor = await staffSession(t, "auditor");
  support = await staffSession(t, "support");
  alfa = await customer(t, "Register Alfa", ["email"]);
  // 1,250 incidents, two discovered each second (the number orders those); every fifth closed,
  // every third assessed as a breach to notify; the titles cycle through seven words.
  await t.database.db.execute(
    sql`insert into incidents (title, description, discovered_at, discovery_how, systems, service_ids, subprocessor_ids, facts, status, decision, closed_at)
        select 'Storing ' || (array['mail','web','dns','db','vpn','nas','api'])[1 + g % 7], 'Beschrijving ' || g,
               timestamptz '2026-04-01T00:00:00Z' + (g / 2) * interval '1 second', 'Monitoring', '[]'::jsonb, '[]'::jsonb, '[]'::jsonb, '{}'::jsonb,
               case when g % 5 = 0 then 'closed' else 'open' end, case when g % 3 = 0 then 'notify' else 'pending' end,
               case when g % 5 = 0 then timestamptz '2026-05-01T00:00:00Z' end
          from generate_series(1, ${COUNT}) g`,
  );
  const recorded = await security.send("POST", "/api/v1/incidents", {
    title: "Tijdlijnlek",
    description: "Een lek met een lange tijdlijn.",
    discoveredAt: "2026-05-30T08:00:00Z",
    discoveryHow: "Monitoring",
  });
  assert.equal(recorded.statusCode, 201, recorded.body);
  incidentId = recorded.json<{ id: string }>().id;
  for (let i = 0; i < 6; i++) {
    const patched = await security.send("PATCH", `/api/v1/incidents/${incidentId}`, { title: `Tijdlijnlek ${i}` });
    assert.equal(patched.statusCode, 200, patched.body);
  }
});
after(async () => {
  await t.close();
});

test("the register walks every incident once, newest discovery first, with its count", async () => {
  await walkEach<Row>(auditor.get, "/api/v1/incidents?limit=500", {
    count: COUNT + 1,
    key: (r) => r.id,
    by: (r) => `${r.discoveredAt} ${r.reference.slice(4).padStart(9, "0")}`,
    descending: true,
  });
  await assertFirstPage(auditor.get, "/api/v1/incidents?limit=5", COUNT + 1);
});

test("status, decision and the search filter, and page too", async () => {
  const closed = (await walk<Row>(auditor.get, "/api/v1/incidents?limit=100&status=closed")).flat();
  assert.equal(closed.length, COUNT / 5);
  assert.ok(closed.every((r) => r.status === "closed"));
  const notify = (await walk<Row>(auditor.get, "/api/v1/incidents?limit=100&decision=notify&status=open")).flat();
  assert.equal(notify.length, Array.from({ length: COUNT }, (_, i) => i + 1).filter((g) => g % 3 === 0 && g % 5 !== 0).length);
  const dns = (await walk<Row>(auditor.get, "/api/v1/incidents?limit=50&q=DNS")).flat();
  assert.ok(dns.length > 50 && dns.every((r) => r.title === "Storing dns"));
  const byReference = (await auditor.get("/api/v1/incidents?q=INC-0042")).json<Page<Row>>();
  assert.deepEqual(
    byReference.items.map((r) => r.reference),
    ["INC-0042"],
  );
  assert.equal((await auditor.get("/api/v1/incidents?q=42")).json<Page<Row>>().items.length, 1);
  // LIKE's own characters are taken literally.
  assert.equal((await auditor.get("/api/v1/incidents?q=%25")).json<Page<Row>>().total, 0);
});

test("the timeline walks every act once, oldest first", async () => {
  const pages = await walk<Entry>(auditor.get, `/api/v1/incidents/${incidentId}/timeline?limit=2`, { field: "entries" });
  const entries = pages.flat();
  assert.ok(pages.length >= 4);
  assertEachOnce(entries, { count: 7, key: (e) => e.hash, by: (e) => e.at });
  assert.equal(entries[0]?.type, "incident.recorded");
  await assertFirstPage(auditor.get, `/api/v1/incidents/${incidentId}/timeline?limit=2`, 7, "entries");
});

test("customers and support read neither; an unknown incident's timeline is a 404", async () => {
  assert.equal((await support.get("/api/v1/incidents")).statusCode, 403);
  assert.equal((await alfa.owner.get("/api/v1/incidents")).statusCode, 403);
  assert.equal((await alfa.owner.get(`/api/v1/incidents/${incidentId}/timeline`)).statusCode, 403);
  assert.equal((await alfa.owner.get("/api/v1/incidents/export?format=csv")).statusCode, 403);
  assert.equal((await auditor.get("/api/v1/incidents/00000000-0000-4000-8000-000000000000/timeline")).statusCode, 404);
});

test("a bad cursor is a 400 naming querystring.after; limit, status and decision are checked", async () => {
  await assertQueryChecked(auditor.get, "/api/v1/incidents", 500, { status: "gone", decision: "maybe" });
  await assertQueryChecked(auditor.get, `/api/v1/incidents/${incidentId}/timeline`, 1000);
});

test("the export streams every incident by number as CSV and XLSX", async () => {
  const csv = await auditor.get("/api/v1/incidents/export?format=csv");
  assert.equal(csv.statusCode, 200, csv.body);
  const records = parse(csv.body.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];
  const references = records.slice(1).map((r) => r[0]);
  assert.equal(references.length, COUNT + 1);
  assert.deepEqual(references.slice(0, 2), ["INC-0001", "INC-0002"]);
  assert.equal(new Set(references).size, COUNT + 1);
  const xlsx = await auditor.get("/api/v1/incidents/export?format=xlsx");
  assert.equal(xlsx.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.equal(book.worksheets[0]?.rowCount, COUNT + 2);
  assert.equal(book.worksheets[0]?.getRow(COUNT + 2).getCell(1).value, `INC-${COUNT + 1}`);
});

test(`the PDF goes up to ${REGISTER_PDF_MAX} incidents: beyond, a 400 naming querystring.format`, async () => {
  await t.database.db.execute(
    sql`insert into incidents (title, description, discovered_at, discovery_how, systems, service_ids, subprocessor_ids, facts)
        select 'Meer', 'Meer', timestamptz '2026-03-01T00:00:00Z', 'Monitoring', '[]'::jsonb, '[]'::jsonb, '[]'::jsonb, '{}'::jsonb
          from generate_series(1, ${REGISTER_PDF_MAX - COUNT}) g`,
  );
  const refused = await auditor.get("/api/v1/incidents/export?format=pdf");
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /querystring\.format/);
  assert.match(refused.body, new RegExp(String(REGISTER_PDF_MAX + 1)));
});
