import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, staffSession, type Customer } from "../../../test/support/sessions.ts";
import { annexVersions, events } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { SYSTEM_ACTOR, verifyChain } from "../evidence/index.ts";
import { saveService, type ServiceInput } from "./save-service.ts";

// Issue 16: a changed service gives each customer taking it a new Annex 1 version, walking them a
// page at a time in one transaction. With pages of two, five customers take three pages: each gets
// one new version, with its evidence; a customer not taking it none; saved again unchanged, none.

interface CatalogueOut {
  purposes: { code: string }[];
  services: ({ id: string; code: string } & ServiceInput)[];
}

let t: TestApp;
let takers: Customer[];
let other: Customer;
let serviceId: string;
let input: ServiceInput;
const PAGE = 2;
const REASON = "catalogue change: Email";

const processor = <T>(work: (tx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { kind: "processor" }, work);
const save = () => processor((tx) => saveService(tx, t.clock, SYSTEM_ACTOR, { id: serviceId }, input, PAGE));
const versionsOf = async (who: Customer) =>
  (await t.database.db.select().from(annexVersions).where(eq(annexVersions.controllerId, who.controllerId))).map((a) => a.version).sort((a, b) => a - b);
const changeEvents = async () =>
  (await t.database.db.select().from(events).where(eq(events.type, "annex.version_created"))).filter((e) => e.data.reason === REASON);

before(async () => {
  t = await createTestApp();
  const admin = await staffSession(t, "admin");
  takers = [];
  for (const name of ["Dienst Echo", "Dienst Delta", "Dienst Charlie", "Dienst Bravo", "Dienst Alfa"]) {
    takers.push(await customer(t, name, ["email"]));
  }
  other = await customer(t, "Dienst Alleen Hosting", ["web-hosting"]);
  const catalogue = (await admin.get("/api/v1/catalogue")).json<CatalogueOut>();
  const email = catalogue.services.find((s) => s.code === "email");
  assert.ok(email);
  serviceId = email.id;
  // One purpose more than the service has: every customer taking it has a different Annex 1.
  const added = catalogue.purposes.find((p) => !email.purposes.includes(p.code));
  assert.ok(added);
  input = {
    nameNl: email.nameNl,
    nameEn: "Email",
    active: email.active,
    purposes: [...email.purposes, added.code],
    dataCategories: email.dataCategories,
    subjectCategories: email.subjectCategories,
  };
});
after(() => t.close());

test("changed a page at a time: each customer taking the service one new Annex 1 version, with evidence; the others none", async () => {
  await save();
  for (const who of takers) {
    assert.deepEqual(await versionsOf(who), [1, 2], who.name);
  }
  assert.deepEqual(await versionsOf(other), [1]);
  assert.deepEqual((await changeEvents()).map((e) => e.controllerId).sort(), takers.map((c) => c.controllerId).sort());
  const [latest] = await t.database.db
    .select()
    .from(annexVersions)
    .where(and(eq(annexVersions.controllerId, takers[0]?.controllerId ?? ""), eq(annexVersions.version, 2)));
  assert.equal(latest?.reason, REASON);
});

test("saved again unchanged: no new version", async () => {
  await save();
  for (const who of takers) {
    assert.deepEqual(await versionsOf(who), [1, 2], who.name);
  }
  assert.equal((await changeEvents()).length, takers.length);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
