import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { inScope } from "../../db/scope.ts";
import { controllerDomains, controllers } from "../../db/schema/index.ts";
import { asc, eq } from "drizzle-orm";
import { loadDemo } from "./demo.ts";

// The demo's customers have domain names (art. 8.1), as an import of its billing export gives them.

let t: TestApp;
before(async () => {
  t = await createTestApp(new Date());
  await inScope(t.database.db, { kind: "processor" }, (tx) => loadDemo(tx, t.clock, 50));
});
after(() => t.close());

test("every demo customer has its own site's name and its addresses' domain, each name of one customer only", async () => {
  const rows = await t.database.db
    .select({ number: controllers.customerNumber, name: controllers.name, domain: controllerDomains.domain })
    .from(controllerDomains)
    .innerJoin(controllers, eq(controllers.id, controllerDomains.controllerId))
    .orderBy(asc(controllers.customerNumber), asc(controllerDomains.domain));
  const of = (number: string) => rows.filter((r) => r.number === number).map((r) => r.domain);
  const first = rows.find((r) => r.number === "C0001");
  assert.ok(first);
  assert.equal(of("C0001").length, 2);
  assert.ok(of("C0001").includes("c0001.example"));
  const site = of("C0001").find((d) => d.endsWith(".nl")) ?? "";
  assert.ok(first.name.toLowerCase().startsWith(site.replace(/\.nl$/, "").split("-")[0] ?? "-"), `${site} from ${first.name}`);
  assert.equal(new Set(rows.map((r) => r.number)).size, 50, "every customer");
  assert.equal(new Set(rows.map((r) => r.domain)).size, rows.length, "no name belongs to two customers");
});
