import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { eq, inArray } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, publishWithObjectionDays, signIntoForce, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { events, notices } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { SYSTEM_ACTOR, verifyChain } from "../evidence/index.ts";
import { publishAnnex2 } from "./publish-annex2.ts";

// Issue 16: a new Annex 2 (art. 7.1) is told to every customer with an agreement a page at a time,
// in one transaction. With pages of two, five customers take three pages: each gets one notice,
// also the one with two agreements (one in force, one offered); a customer without an agreement
// gets none; published again with nothing changed, nothing is written.

let t: TestApp;
let security: Session;
let told: Customer[];
let newcomer: Customer;
const PAGE = 2;

const processor = <T>(work: (tx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { kind: "processor" }, work);
const publish = () => processor((tx) => publishAnnex2(tx, t.clock, SYSTEM_ACTOR, "Herziening", PAGE));
const annexNotices = () => t.database.db.select().from(notices).where(eq(notices.kind, "annex2_published"));

before(async () => {
  t = await createTestApp();
  security = await staffSession(t, "security_officer");
  const privacy = await staffSession(t, "privacy_officer");
  told = [];
  for (const name of ["Bijlage Echo", "Bijlage Delta", "Bijlage Charlie", "Bijlage Bravo", "Bijlage Alfa"]) {
    told.push(await customer(t, name, ["email"]));
  }
  assert.equal((await privacy.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  // One customer in force on version 1 with version 2 offered: two agreements, one notice.
  const [twice] = told;
  assert.ok(twice);
  await signIntoForce(privacy, twice, 1);
  const version = await publishWithObjectionDays(privacy, 21);
  assert.equal((await privacy.send("POST", `/api/v1/templates/${version}/offer`)).statusCode, 200);
  // Registered after the offers: no agreement, not told.
  newcomer = await customer(t, "Bijlage Zonder Overeenkomst", ["email"]);
  const measure = await security.send("POST", "/api/v1/measures", {
    code: "pages-hsm",
    theme: "technological",
    categoryNl: "Versleuteling",
    categoryEn: "Encryption",
    titleNl: "Sleutels in een HSM",
    titleEn: "Keys in an HSM",
    descriptionNl: "Beschrijving van de maatregel.",
    descriptionEn: "Description of the measure.",
    ownerUserId: security.userId,
    status: "implemented",
    reviewIntervalMonths: 12,
  });
  assert.equal(measure.statusCode, 201, measure.body);
});
after(() => t.close());

test("published a page at a time: one notice per customer with an agreement, with evidence; the preview counts them", async () => {
  const preview = (await security.get("/api/v1/annex2/preview")).json<{ customers: number; hasChanges: boolean }>();
  assert.deepEqual(preview, { ...preview, customers: told.length, hasChanges: true });

  const { customersTold } = await publish();
  assert.equal(customersTold, told.length);
  const sent = await annexNotices();
  assert.deepEqual(sent.map((n) => n.controllerId).sort(), told.map((c) => c.controllerId).sort(), "one notice each, none twice");
  assert.ok(!sent.some((n) => n.controllerId === newcomer.controllerId), "no agreement, no notice");
  const queued = await t.database.db
    .select()
    .from(events)
    .where(
      inArray(
        events.subjectId,
        sent.map((n) => n.id),
      ),
    );
  assert.equal(queued.filter((e) => e.type === "notice.queued").length, told.length, "each notice's evidence");
  const published = await t.database.db.select().from(events).where(eq(events.type, "annex2.published"));
  assert.equal(published.at(-1)?.data.customersTold, told.length);
});

test("published again with nothing changed: refused, nothing written", async () => {
  const refused = await publish().then(
    () => null,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof AppError, String(refused));
  assert.equal(refused.code, "conflict");
  assert.equal((await annexNotices()).length, told.length);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});
