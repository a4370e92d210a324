import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { toolsPresent } from "../../../test/support/requirements.ts";
import { customer, errorOf, signIntoForce, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { agreements, annex2Versions, events, measures, notices, obligations } from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";

// The measures register (art. 7.1), its review duties, Annex 2 versions and the measures report.

interface MeasureOut {
  id: string;
  code: string;
  theme: string;
  status: string;
  ownerUserId: string | null;
  ownerName: string | null;
  reviewIntervalMonths: number;
  lastReviewedAt: string | null;
  reviewDueAt: string | null;
  reviewOverdue: boolean;
}
interface DetailOut {
  measure: MeasureOut;
  reviews: { id: string; reviewedAt: string; note: string; inTime: boolean | null; reviewerName: string | null }[];
  evidence: { id: string; fileName: string; sha256: string; size: number }[];
}
interface Changes {
  added: { code: string }[];
  removed: { code: string }[];
  changed: { code: string; fields: string[] }[];
}

let t: TestApp;
let security: Session;
let support: Session;
let securityId: string;
let signed: Customer;
let offered: Customer;

const body = (code: string, overrides: Record<string, unknown> = {}) => ({
  code,
  theme: "technological",
  categoryNl: "Versleuteling",
  categoryEn: "Encryption",
  titleNl: `Maatregel ${code}`,
  titleEn: `Measure ${code}`,
  descriptionNl: "Beschrijving van de maatregel.",
  descriptionEn: "Description of the measure.",
  ownerUserId: securityId,
  status: "implemented",
  reviewIntervalMonths: 12,
  ...overrides,
});

before(async () => {
  t = await createTestApp();
  security = await staffSession(t, "security_officer");
  securityId = security.userId;
  support = await staffSession(t, "support");
  signed = await customer(t, "Getekend BV", ["email"]);
  offered = await customer(t, "Aangeboden BV", ["web-hosting"]);
  const privacy = await staffSession(t, "privacy_officer");
  assert.equal((await privacy.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  await signIntoForce(privacy, signed, 1);
});
after(async () => {
  await t.close();
});

async function create(code: string, overrides: Record<string, unknown> = {}): Promise<DetailOut> {
  const response = await security.send("POST", "/api/v1/measures", body(code, overrides));
  assert.equal(response.statusCode, 201, response.body);
  return response.json<DetailOut>();
}

describe("the register", () => {
  test("bad input is refused naming the field, and nothing is written", async () => {
    const before = (await security.get("/api/v1/measures")).json<MeasureOut[]>().length;
    const cases: [Record<string, unknown>, string][] = [
      [{ theme: "legal" }, "body/theme"],
      [{ reviewIntervalMonths: 0 }, "body/reviewIntervalMonths"],
      [{ titleEn: "a\u0000b" }, "body/titleEn"],
      [{ status: "in_force" }, "body/status"],
    ];
    for (const [overrides, field] of cases) {
      const response = await security.send("POST", "/api/v1/measures", body("bad-input", overrides));
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.ok(JSON.stringify(errorOf(response)).includes(field.split("/")[1] ?? ""), `${field} is named: ${response.body}`);
    }
    // An owner who is not an active staff member: a customer's user.
    const customerOwner = await security.send("POST", "/api/v1/measures", body("bad-owner", { ownerUserId: signed.owner.userId }));
    assert.equal(customerOwner.statusCode, 400, customerOwner.body);
    assert.match(customerOwner.body, /ownerUserId/);
    assert.equal((await security.get("/api/v1/measures")).json<MeasureOut[]>().length, before, "nothing was written");
  });

  test("a measure is created with its owner and a review due one interval later; the code is unique", async () => {
    const created = await create("hsm-keys", { theme: "technological", reviewIntervalMonths: 6 });
    assert.equal(created.measure.ownerUserId, securityId);
    assert.ok(created.measure.ownerName);
    // Created on 28 March 2026 (10:00 Amsterdam): due at the end of 28 September 2026, Dutch time.
    assert.equal(created.measure.reviewDueAt, "2026-09-28T21:59:59.999Z");
    const again = await security.send("POST", "/api/v1/measures", body("hsm-keys"));
    assert.equal(again.statusCode, 409);
  });

  test("the register filters by theme, status and review due; customers and support cannot change it", async () => {
    const planned = await create("clean-desk", { theme: "physical", status: "planned" });
    assert.equal(planned.measure.reviewDueAt, null, "a planned measure has no review duty");
    const physical = (await security.get("/api/v1/measures?theme=physical")).json<MeasureOut[]>();
    assert.ok(physical.length > 0 && physical.every((m) => m.theme === "physical"));
    const plannedList = (await security.get("/api/v1/measures?status=planned")).json<MeasureOut[]>();
    assert.deepEqual(
      plannedList.map((m) => m.code),
      ["clean-desk"],
    );
    assert.equal((await security.get("/api/v1/measures?theme=legal")).statusCode, 400);
    assert.equal((await support.get("/api/v1/measures")).statusCode, 200);
    assert.equal((await support.send("POST", "/api/v1/measures", body("by-support"))).statusCode, 403);
    assert.equal((await signed.owner.get("/api/v1/measures")).statusCode, 403);
    assert.equal((await signed.owner.get(`/api/v1/measures/${planned.measure.id}`)).statusCode, 403);
  });

  test("changing the status to retired cancels the review duty; back in place opens one", async () => {
    const m = await create("retire-me");
    const retired = await security.send("PUT", `/api/v1/measures/${m.measure.id}`, body("retire-me", { status: "retired" }));
    assert.equal(retired.statusCode, 200, retired.body);
    assert.equal(retired.json<DetailOut>().measure.reviewDueAt, null);
    const open = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectId, m.measure.id), eq(obligations.status, "open")));
    assert.equal(open.length, 0);
    const back = await security.send("PUT", `/api/v1/measures/${m.measure.id}`, body("retire-me"));
    assert.notEqual(back.json<DetailOut>().measure.reviewDueAt, null);
  });
});

describe("review duties", () => {
  test("due dates follow the Dutch calendar: a month after 31 January is the end of 28 February", async () => {
    t.clock.set(new Date("2026-01-31T12:00:00Z"));
    try {
      const m = await create("month-end", { reviewIntervalMonths: 1 });
      assert.equal(m.measure.reviewDueAt, "2026-02-28T22:59:59.999Z", "end of 28 Feb, Amsterdam winter time");
      t.clock.set(new Date("2026-01-31T23:30:00Z")); // already 1 February in Amsterdam
      const late = await create("month-end-2", { reviewIntervalMonths: 2 });
      assert.equal(late.measure.reviewDueAt, "2026-04-01T21:59:59.999Z", "1 Feb + 2 months, ends in summer time");
    } finally {
      t.clock.set(new Date("2026-03-28T09:00:00Z"));
    }
  });

  test("the sweep reminds the owner's role before the review is due, and escalates a missed one", async () => {
    t.clock.set(new Date("2026-03-28T09:00:00Z"));
    const m = await create("reminded", { reviewIntervalMonths: 2 });
    const [duty] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.subjectId, m.measure.id), eq(obligations.status, "open")));
    assert.ok(duty);
    assert.equal(duty.kind, "measure_review");
    assert.ok(duty.responsibleRoles.includes("security_officer"));
    t.clock.set(new Date("2026-04-30T12:00:00Z")); // past half of the two months
    await runSweep(t.database.db, t.clock, sweepTasks());
    const reminders = await t.database.db.select().from(notices).where(eq(notices.kind, "obligation_reminder"));
    assert.ok(reminders.some((n) => n.data.kind === "obligation_reminder" && n.data.obligationId === duty.id));
    t.clock.set(new Date("2026-05-29T08:00:00Z")); // past the end of 28 May
    await runSweep(t.database.db, t.clock, sweepTasks());
    const escalated = await t.database.db.select().from(notices).where(eq(notices.kind, "obligation_escalated"));
    assert.ok(escalated.some((n) => n.data.kind === "obligation_escalated" && n.data.obligationId === duty.id));
    const listed = (await security.get("/api/v1/measures?review=overdue")).json<MeasureOut[]>();
    assert.ok(listed.some((x) => x.code === "reminded" && x.reviewOverdue));

    // Reviewed late: the duty is met, late; the next is due two months after the review.
    const reviewed = await security.send("POST", `/api/v1/measures/${m.measure.id}/reviews`, { note: "Gecontroleerd; werkt." });
    assert.equal(reviewed.statusCode, 201, reviewed.body);
    const detail = reviewed.json<DetailOut>();
    assert.equal(detail.reviews[0]?.inTime, false);
    assert.equal(detail.measure.lastReviewedAt, "2026-05-29T08:00:00.000Z");
    assert.equal(detail.measure.reviewDueAt, "2026-07-29T21:59:59.999Z");
    assert.equal(detail.measure.reviewOverdue, false);
    const [met] = await t.database.db.select().from(obligations).where(eq(obligations.id, duty.id));
    assert.equal(met?.status, "met");
    assert.equal(met?.metInTime, false);
    const reviewedEvents = await t.database.db.select().from(events).where(eq(events.type, "measure.reviewed"));
    assert.ok(reviewedEvents.some((e) => e.subjectId === m.measure.id));

    // Reviewed again in time, a day later.
    t.clock.set(new Date("2026-05-30T08:00:00Z"));
    const again = await security.send("POST", `/api/v1/measures/${m.measure.id}/reviews`, { note: "Opnieuw bekeken." });
    assert.equal(again.json<DetailOut>().reviews[0]?.inTime, true);
    assert.equal(again.json<DetailOut>().reviews.length, 2);
    // Bad input names the field; a planned measure is not reviewed.
    const empty = await security.send("POST", `/api/v1/measures/${m.measure.id}/reviews`, { note: "" });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /note/);
    t.clock.set(new Date("2026-03-28T09:00:00Z"));
  });

  test("the sweep opens the review duty of a measure in place that has none (installed measures)", async () => {
    const [m] = (await security.get("/api/v1/measures?status=implemented")).json<MeasureOut[]>().filter((x) => x.code === "staff-mfa");
    assert.ok(m);
    assert.notEqual(m.reviewDueAt, null, "the sweeps above opened it");
    const before = await t.database.db.select().from(obligations).where(eq(obligations.kind, "measure_review"));
    await runSweep(t.database.db, t.clock, sweepTasks());
    const afterSweep = await t.database.db.select().from(obligations).where(eq(obligations.kind, "measure_review"));
    assert.equal(afterSweep.length, before.length, "idempotent: no second duty");
  });

  test("two sweeps at once (two workers) open one review duty per measure in place", async () => {
    // Every installed measure's duty cancelled, as for measures from before reviews ran.
    const open = and(eq(obligations.kind, "measure_review"), eq(obligations.status, "open"));
    await t.database.db.update(obligations).set({ status: "cancelled" }).where(open);
    const inPlace = await t.database.db.select().from(measures).where(eq(measures.status, "implemented"));
    assert.ok(inPlace.length > 10);
    const both = await Promise.all([runSweep(t.database.db, t.clock, sweepTasks()), runSweep(t.database.db, t.clock, sweepTasks())]);
    const opened = await t.database.db.select().from(obligations).where(open);
    assert.equal(
      both.reduce((sum, r) => sum + (r.other.measureReviewDuties ?? 0), 0),
      opened.length,
      "what the sweeps say they opened",
    );
    assert.equal(new Set(opened.map((o) => o.subjectId)).size, opened.length, "no measure has two open review duties");
    assert.equal(opened.length, inPlace.length, "each measure in place has one");
  });
});

describe("evidence files", () => {
  test("staff upload a file with its SHA-256 and download it byte for byte; customers cannot", async () => {
    const m = await create("evidence-kept");
    const bytes = Buffer.from("%PDF-1.4\npentest report\n%%EOF\n");
    const uploaded = await security.upload(`/api/v1/measures/${m.measure.id}/evidence`, [
      { name: "file", filename: "pentest-2026.pdf", type: "application/pdf", data: bytes },
    ]);
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const file = uploaded.json<{ id: string; sha256: string }>();
    assert.equal(file.sha256, createHash("sha256").update(bytes).digest("hex"));
    const download = await support.get(`/api/v1/measures/${m.measure.id}/evidence/${file.id}`);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, bytes);
    assert.equal((await signed.owner.get(`/api/v1/measures/${m.measure.id}/evidence/${file.id}`)).statusCode, 403);
    const none = await security.upload(`/api/v1/measures/${m.measure.id}/evidence`, [{ name: "other", filename: "x.txt", type: "text/plain", data: bytes }]);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /body\.file/);
    const detail = (await security.get(`/api/v1/measures/${m.measure.id}`)).json<DetailOut>();
    assert.equal(detail.evidence[0]?.fileName, "pentest-2026.pdf");
  });
});

describe("Annex 2 versions", () => {
  test("publishing makes a version with the diff, tells every customer with an agreement once, and a signed agreement keeps its version", async () => {
    const v1 = await t.database.db.select().from(annex2Versions).where(eq(annex2Versions.version, 1));
    assert.equal(v1.length, 1, "install published version 1");
    const [signedAgreement] = await t.database.db.select().from(agreements).where(eq(agreements.controllerId, signed.controllerId));
    assert.equal(signedAgreement?.annex2VersionId, v1[0]?.id, "the signed agreement keeps Annex 2 version 1");
    const [offerRow] = await t.database.db.select().from(agreements).where(eq(agreements.controllerId, offered.controllerId));
    assert.equal((await signed.owner.get(`/api/v1/agreements/${signedAgreement?.id ?? ""}`)).json<{ annex2Version: number | null }>().annex2Version, 1);
    assert.equal(
      (await offered.owner.get(`/api/v1/agreements/${offerRow?.id ?? ""}`)).json<{ annex2Version: number | null }>().annex2Version,
      null,
      "not signed yet",
    );

    // Change one shipped measure's text, retire another; the tests above added some.
    const list = (await security.get("/api/v1/measures")).json<(MeasureOut & Record<string, unknown>)[]>();
    const mfa = list.find((m) => m.code === "staff-mfa");
    const fax = list.find((m) => m.code === "media-disposal");
    assert.ok(mfa && fax);
    const { id: mfaId, ...mfaRest } = mfa;
    const pick = (m: Record<string, unknown>) => Object.fromEntries(Object.keys(body("x")).map((k) => [k, m[k]]));
    assert.equal(
      (await security.send("PUT", `/api/v1/measures/${mfaId}`, { ...pick(mfaRest), descriptionEn: "Hardware keys for every administrator." })).statusCode,
      200,
    );
    assert.equal((await security.send("PUT", `/api/v1/measures/${fax.id}`, { ...pick(fax), status: "retired" })).statusCode, 200);

    const preview = (await security.get("/api/v1/annex2/preview")).json<{ currentVersion: number; changes: Changes; hasChanges: boolean; customers: number }>();
    assert.equal(preview.currentVersion, 1);
    assert.equal(preview.customers, 2);
    assert.deepEqual(preview.changes.changed, [
      { code: "staff-mfa", title: { nl: "Tweefactorauthenticatie voor medewerkers", en: "Two-factor authentication for staff" }, fields: ["description"] },
    ]);
    assert.deepEqual(
      preview.changes.removed.map((m) => m.code),
      ["media-disposal"],
    );
    assert.ok(preview.changes.added.some((m) => m.code === "hsm-keys"));
    assert.ok(!preview.changes.added.some((m) => m.code === "clean-desk"), "a planned measure is not in Annex 2");

    assert.equal((await support.send("POST", "/api/v1/annex2/versions", { note: "x" })).statusCode, 403);
    const published = await security.send("POST", "/api/v1/annex2/versions", { note: "Jaarlijkse herziening" });
    assert.equal(published.statusCode, 201, published.body);
    assert.equal(published.json<{ version: number }>().version, 2);
    assert.deepEqual(published.json<{ changes: Changes }>().changes, preview.changes);

    const told = await t.database.db.select().from(notices).where(eq(notices.kind, "annex2_published"));
    assert.deepEqual(told.map((n) => n.controllerId).sort(), [signed.controllerId, offered.controllerId].sort(), "one notice per customer");
    assert.equal((await security.send("POST", "/api/v1/annex2/versions", { note: "again" })).statusCode, 409, "nothing changed since");
    assert.equal((await t.database.db.select().from(notices).where(eq(notices.kind, "annex2_published"))).length, 2);

    // The signed document is as signed; the offered one shows version 2.
    const docs = await t.database.db
      .select()
      .from(agreements)
      .where(inArray(agreements.controllerId, [signed.controllerId, offered.controllerId]));
    const signedDoc = docs.find((a) => a.controllerId === signed.controllerId)?.documentJson;
    assert.ok(signedDoc?.annex2.measures.some((m) => m.title === "Tweefactorauthenticatie voor medewerkers"));
    assert.ok(!signedDoc?.annex2.measures.some((m) => m.title === "Maatregel hsm-keys"), "signed before the measure was published");
    const offer = docs.find((a) => a.controllerId === offered.controllerId);
    assert.ok(offer);
    const html = (await offered.owner.get(`/api/v1/agreements/${offer.id}/document`)).json<{ html: string }>().html;
    assert.ok(html.includes("Maatregel hsm-keys"), "the offer shows the current Annex 2");

    // The portal: the current version and what changed.
    const current = await offered.viewer.get("/api/v1/annex2");
    assert.equal(current.statusCode, 200, current.body);
    const annex2 = current.json<{ version: number; previousVersion: number; changes: Changes; measures: { code: string }[] }>();
    assert.equal(annex2.version, 2);
    assert.equal(annex2.previousVersion, 1);
    assert.ok(annex2.measures.some((m) => m.code === "hsm-keys"));
    assert.ok(!annex2.measures.some((m) => m.code === "media-disposal"));
    assert.deepEqual(
      annex2.changes.removed.map((m) => m.code),
      ["media-disposal"],
    );
    assert.equal((await offered.owner.get("/api/v1/annex2/versions")).statusCode, 403);
    const versions = (await security.get("/api/v1/annex2/versions")).json<{ version: number }[]>();
    assert.deepEqual(
      versions.map((v) => v.version),
      [2, 1],
    );
  });
});

describe("public and customer views", () => {
  test("the trust page lists the measures in place by name and theme, without owners or evidence", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/trust" });
    assert.equal(response.statusCode, 200);
    const page = response.json<{ measures: { code: string; theme: string; title: { en: string } }[] }>();
    assert.ok(page.measures.some((m) => m.code === "staff-mfa" && m.theme === "technological"));
    assert.ok(!page.measures.some((m) => m.code === "clean-desk" || m.code === "media-disposal"), "only measures in place");
    assert.ok(!response.body.includes("pentest-2026.pdf"), "no evidence file");
    assert.ok(!response.body.includes(securityId), "no owner");
    assert.ok(!response.body.includes("ownerName") && !response.body.includes("lastReviewedAt"));
  });

  const poppler = toolsPresent("pdftotext");
  const pdfText = (pdf: Buffer): string => {
    const dir = mkdtempSync(join(tmpdir(), "art28-measures-"));
    try {
      writeFileSync(join(dir, "r.pdf"), pdf);
      return execFileSync("pdftotext", ["-enc", "UTF-8", join(dir, "r.pdf"), "-"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
        .replace(/\u00ad\s*/g, "")
        .replace(/\s+/g, " ");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test("the measures report renders in Dutch and English for staff and customers, with the Annex 2 version and no evidence", { skip: !poppler }, async () => {
    const nl = await offered.viewer.get("/api/v1/measures/report.pdf?lang=nl");
    assert.equal(nl.statusCode, 200, nl.body);
    assert.equal(nl.headers["content-type"], "application/pdf");
    const nlText = pdfText(nl.rawPayload);
    assert.match(nlText, /Technische en organisatorische beveiligingsmaatregelen/);
    assert.match(nlText, /bijlage 2, versie 2/);
    assert.ok(!nlText.includes("nog niet als nieuwe versie"), "the register matches the published version");
    assert.match(nlText, /Technologisch/);
    assert.match(nlText, /Tweefactorauthenticatie voor medewerkers/);
    assert.match(nlText, /Laatst beoordeeld/);
    assert.ok(!nlText.includes("pentest-2026.pdf"), "no evidence files");
    assert.ok(!nlText.includes("Veilige vernietiging"), "a retired measure is not in place");
    const en = await security.get("/api/v1/measures/report.pdf?lang=en");
    assert.equal(en.statusCode, 200);
    const enText = pdfText(en.rawPayload);
    assert.match(enText, /Technical and organisational security measures/);
    assert.match(enText, /Annex 2, version 2/);
    assert.match(enText, /Two-factor authentication for staff/);
    assert.equal((await security.get("/api/v1/measures/report.pdf?lang=de")).statusCode, 400);
    // A measure put in place but not yet published: the report lists it and says it is ahead of Annex 2.
    await create("not-yet-published");
    const ahead = pdfText((await security.get("/api/v1/measures/report.pdf?lang=en")).rawPayload);
    assert.match(ahead, /Measure not-yet-published/);
    assert.match(ahead, /changes not yet published as a new version/);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/measures/report.pdf" })).statusCode, 401);
  });
});
