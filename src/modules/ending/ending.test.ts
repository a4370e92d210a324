import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";
import { toolsPresent } from "../../../test/support/requirements.ts";
import { errorOf, session, staffSession, type Session } from "../../../test/support/sessions.ts";
import {
  apiTokens,
  controllers,
  deletionCertificates,
  events,
  notices,
  obligations,
  services,
  serviceSubprocessors,
  sessions,
  subprocessors,
  users,
} from "../../db/schema/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { inScope } from "../../db/scope.ts";
import { verifyChain } from "../evidence/index.ts";

// art. 12.2 and 12.4 through the API and the sweep: the agreement ends when the customer's last
// service ends (the API, the import), never earlier; its deletion plan per system and data
// category (the services' own systems and their sub-processors); the optional return first; staff
// confirm each line (a sub-processor's own confirmation attached); legal holds with their reminder
// and supplementary certificate; the certificate's text; the portal closed after its readable period.

type Made = Awaited<ReturnType<typeof createCustomer>>;
interface LineOut {
  id: string;
  party: "processor" | "subprocessor";
  system: { nl: string; en: string };
  category: { nl: string; en: string };
  confirmedAt: string | null;
  attachment: { sha256: string } | null;
}
interface EndingOut {
  ended: boolean;
  ending: null | {
    id: string;
    reference: string;
    source: string;
    services: string[];
    endedAt: string;
    planDueAt: string;
    portalClosesAt: string;
    portalClosedAt: string | null;
    completedAt: string | null;
    lines: LineOut[];
    holds: { id: string; endsOn: string; ended: boolean; remindedAt: string | null; deletedAt: string | null }[];
    certificates: { id: string; number: number; kind: string; sha256: string; locale: string }[];
    returnRequests: { id: string; neededBy: string | null }[];
    returnPossible: boolean;
  };
}

// Tuesday 10 March 2026, 12:00 in Amsterdam (CET); 30 calendar days later is after the DST change of 29 March.
// Every moment the test's clock takes lies before today, so the sessions made along the way stay valid.
const START = "2026-03-10T11:00:00.000Z";

let t: TestApp;
let a: Made;
let b: Made;
let officer: Session;
let admin: Session;
let support: Session;
let ownerA: Session;
let viewerA: Session;
let ownerB: Session;

const at = (iso: string) => t.clock.set(new Date(iso));
const sweepAt = async (iso: string) => {
  at(iso);
  const other = (await runSweep(t.database.db, t.clock, sweepTasks())).other;
  return { holds: other.endingHolds ?? 0, portals: other.endingPortals ?? 0 };
};
const endingOf = async (as: Session, who: Made) => {
  const response = await as.get(`/api/v1/controllers/${who.controllerId}/ending`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<EndingOut>();
};
const setServices = (who: Made, codes: string[]) =>
  officer.send("PUT", `/api/v1/controllers/${who.controllerId}/services`, { services: codes.map((code) => ({ code, monthlyFeeCents: 500 })) });
const eventsOf = (who: Made, type: string) =>
  t.database.db
    .select()
    .from(events)
    .where(and(eq(events.controllerId, who.controllerId), eq(events.type, type as "ending.agreement_ended")));
const noticesOf = (who: Made, kind: string) =>
  t.database.db
    .select()
    .from(notices)
    .where(and(eq(notices.controllerId, who.controllerId), eq(notices.kind, kind as "agreement_ended")));
const fieldOf = (response: { body: string }) => errorOf(response as Parameters<typeof errorOf>[0]).fields[0]?.field;
const confirm = (as: Session, lineId: string, body: Record<string, unknown> = {}) =>
  as.send("POST", `/api/v1/deletion-lines/${lineId}/confirmation`, {
    deletedAt: t.clock.now().toISOString(),
    method: "Volumes gewist met blkdiscard; back-ups verlopen na 14 dagen",
    ...body,
  });

/** An active sub-processor of a service, as Annex 1E names it. */
async function activeSubprocessor(name: string, serviceCode: string) {
  const [sub] = await t.database.db
    .insert(subprocessors)
    .values({ name, activity: { nl: `${name}: registratie`, en: `${name}: registration` }, status: "active" })
    .returning();
  const [service] = await t.database.db.select().from(services).where(eq(services.code, serviceCode));
  assert.ok(sub && service);
  await t.database.db.insert(serviceSubprocessors).values({ serviceId: service.id, subprocessorId: sub.id });
  return sub;
}

/** The PDF stored with a certificate when it was issued (read as the database's owner). */
async function storedPdf(id: string): Promise<Uint8Array | null> {
  const [row] = await t.database.db.select({ pdf: deletionCertificates.pdf }).from(deletionCertificates).where(eq(deletionCertificates.id, id));
  return row?.pdf ?? null;
}

const POPPLER = toolsPresent("pdftotext");
const QUIET: ExecFileSyncOptionsWithStringEncoding = { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] };
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "art28-ending-pdf-"));
  try {
    const path = join(dir, "doc.pdf");
    writeFileSync(path, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], QUIET)
      .replace(/\u00ad\s*/g, "")
      .replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

before(async () => {
  t = await createTestApp(new Date(START));
  await activeSubprocessor("Registry BV", "domain-registration");
  a = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa", services: ["domain-registration", "colocation"] });
  b = await createCustomer(t.database.db, t.clock, { name: "Brouwerij Beta", services: ["colocation"], locale: "en" });
  officer = await staffSession(t, "privacy_officer");
  admin = await staffSession(t, "admin");
  support = await staffSession(t, "support");
  ownerA = await session(t.app, a.owner.email);
  viewerA = await session(t.app, a.viewer.email);
  ownerB = await session(t.app, b.owner.email);
});
after(async () => {
  await t.close();
});

describe("the end of the agreement (art. 12.2, 12.4)", () => {
  test("it does not end while a service remains; the last one removed through the API ends it, with its plan, duty, notice and evidence", async () => {
    assert.deepEqual(await endingOf(ownerA, a), { ended: false, ending: null });
    const fewer = await setServices(a, ["domain-registration"]);
    assert.equal(fewer.statusCode, 200, fewer.body);
    assert.equal((await endingOf(officer, a)).ended, false, "one service left: the agreement runs (12.2: not ended early)");

    const none = await setServices(a, []);
    assert.equal(none.statusCode, 200, none.body);
    const { ending } = await endingOf(ownerA, a);
    assert.ok(ending);
    assert.equal(ending.source, "services changed in the back-office");
    assert.deepEqual(ending.services, ["domain-registration"]);
    assert.equal(ending.endedAt, START);
    // 30 calendar days: the end of 9 April in Amsterdam, which is CEST since 29 March (UTC+2).
    assert.equal(ending.planDueAt, "2026-04-09T21:59:59.999Z");
    // 90 calendar days: 8 June 2026, end of the day (CEST).
    assert.equal(ending.portalClosesAt, "2026-06-08T21:59:59.999Z");
    assert.deepEqual(
      ending.lines.map((l) => `${l.party}:${l.system.nl}:${l.category.en}`),
      [
        "processor:Domeinnaamregistratie:Name and address details",
        "processor:Domeinnaamregistratie:Contact details",
        "subprocessor:Registry BV:Name and address details",
        "subprocessor:Registry BV:Contact details",
      ],
    );
    assert.equal(ending.returnPossible, true);

    const [duty] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.controllerId, a.controllerId), eq(obligations.kind, "deletion_plan")));
    assert.equal(duty?.status, "open");
    assert.equal(duty?.dueAt.toISOString(), ending.planDueAt);
    assert.equal(duty?.article, "12.2");
    assert.equal((await eventsOf(a, "ending.agreement_ended")).length, 1);
    assert.equal((await noticesOf(a, "agreement_ended")).length, 1);

    // Setting no services again ends nothing twice.
    assert.equal((await setServices(a, [])).statusCode, 200);
    assert.equal((await eventsOf(a, "ending.agreement_ended")).length, 1);
  });

  test("who may see it: the customer's owner and privacy contact, the admin and privacy officer; 403 for a viewer and support, 404 for another customer", async () => {
    assert.equal((await admin.get(`/api/v1/controllers/${a.controllerId}/ending`)).statusCode, 200);
    assert.equal((await viewerA.get(`/api/v1/controllers/${a.controllerId}/ending`)).statusCode, 403);
    assert.equal((await support.get(`/api/v1/controllers/${a.controllerId}/ending`)).statusCode, 403);
    assert.equal((await support.get("/api/v1/endings")).statusCode, 403);
    const foreign = await ownerB.get(`/api/v1/controllers/${a.controllerId}/ending`);
    assert.equal(foreign.statusCode, 404);
    assert.doesNotMatch(foreign.body, /Bakkerij Alfa/);
    const list = await officer.get("/api/v1/endings");
    assert.equal(list.statusCode, 200);
    const [row] = list.json<{ items: { customerName: string; lines: number; confirmed: number }[] }>().items;
    assert.deepEqual([row?.customerName, row?.lines, row?.confirmed], ["Bakkerij Alfa", 4, 0]);
    const { ending } = await endingOf(officer, a);
    const line = ending?.lines[0]?.id ?? "";
    assert.equal((await confirm(ownerA, line)).statusCode, 403, "the customer does not confirm its own deletion");
    assert.equal((await confirm(support, line)).statusCode, 403, "support does not confirm deletions");
  });

  test("the return comes first: a case with its own date before the plan is due, refused once the deletion began", async () => {
    const ask = (as: Session, neededBy: string) =>
      as.send("POST", "/api/v1/cases", { kind: "data_return", request: { what: "Alle domeingegevens als export", format: "CSV", neededBy } });
    const late = await ask(ownerA, "2026-04-15");
    assert.equal(late.statusCode, 400, late.body);
    assert.equal(fieldOf(late), "body.request.neededBy");
    assert.match(late.body, /2026-04-09/, "the message names the plan's due date");
    const notEnded = await ask(ownerB, "2026-03-20");
    assert.equal(notEnded.statusCode, 409, "B's agreement runs: nothing to return yet");
    const asked = await ask(ownerA, "2026-03-20");
    assert.equal(asked.statusCode, 201, asked.body);
    const { ending } = await endingOf(ownerA, a);
    assert.deepEqual(
      ending?.returnRequests.map((r) => r.neededBy),
      ["2026-03-20"],
    );
  });

  test("confirmations: method and time by staff, a sub-processor's line only with its own confirmation attached; bad input names the field and writes nothing", async () => {
    at("2026-03-23T09:00:00.000Z");
    const { ending } = await endingOf(officer, a);
    assert.ok(ending);
    const [own1, own2, sub1, sub2] = ending.lines;
    assert.ok(own1 && own2 && sub1 && sub2);

    const unattached = await confirm(officer, sub1.id);
    assert.equal(unattached.statusCode, 400);
    assert.equal(fieldOf(unattached), "body.attachment");
    const future = await confirm(officer, own1.id, { deletedAt: "2026-03-24T09:00:00.000Z" });
    assert.equal(fieldOf(future), "body.deletedAt");
    const early = await confirm(officer, own1.id, { deletedAt: "2026-03-01T09:00:00.000Z" });
    assert.equal(fieldOf(early), "body.deletedAt");
    const blank = await confirm(officer, own1.id, { method: "   " });
    assert.equal(blank.statusCode, 400);
    assert.equal(fieldOf(blank), "body.method");
    assert.equal((await eventsOf(a, "ending.line_confirmed")).length, 0, "nothing partly written");

    const proof = Buffer.from("Registry BV bevestigt: alle registratiegegevens van Bakkerij Alfa zijn op 22-03-2026 verwijderd.");
    const wrongLine = await officer.upload(`/api/v1/deletion-lines/${own1.id}/attachment`, [
      { name: "file", filename: "x.txt", type: "text/plain", data: proof },
    ]);
    assert.equal(wrongLine.statusCode, 409, "only a sub-processor's line takes its confirmation");
    const noFile = await officer.upload(`/api/v1/deletion-lines/${sub1.id}/attachment`, [{ name: "note", value: "x" }]);
    assert.equal(noFile.statusCode, 400);
    assert.equal(fieldOf(noFile), "body.file");
    for (const line of [sub1, sub2]) {
      const attached = await officer.upload(`/api/v1/deletion-lines/${line.id}/attachment`, [
        { name: "file", filename: "bevestiging-registry.txt", type: "text/plain", data: proof },
      ]);
      assert.equal(attached.statusCode, 200, attached.body);
    }
    const sha = createHash("sha256").update(proof).digest("hex");
    const file = await officer.get(`/api/v1/deletion-lines/${sub1.id}/attachment`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers["x-content-sha256"], sha);
    assert.equal((await ownerB.get(`/api/v1/deletion-lines/${sub1.id}/attachment`)).statusCode, 403);

    // The return comes first: nothing is deleted while the customer's request for its data is open.
    const pending = await confirm(officer, own1.id);
    assert.equal(pending.statusCode, 409, pending.body);
    assert.match(pending.body, /gegevens terug/);
    const [returned] = ending.returnRequests;
    const closed = await officer.send("POST", `/api/v1/cases/${returned?.id}/close`, {
      outcome: "delivered",
      note: "Export als CSV geleverd via de beveiligde downloadlink.",
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const first = await confirm(officer, own1.id);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((await confirm(officer, own1.id)).statusCode, 409, "a line is confirmed once");
    const after = first.json<EndingOut>().ending;
    assert.equal(after?.returnPossible, false, "the deletion began");
    const tooLate = await ownerA.send("POST", "/api/v1/cases", {
      kind: "data_return",
      request: { what: "Toch een export", format: "", neededBy: "2026-03-30" },
    });
    assert.equal(tooLate.statusCode, 400);
    assert.equal(fieldOf(tooLate), "body.request");
    assert.equal(after?.lines.find((l) => l.id === sub1.id)?.attachment?.sha256, sha);
  });

  test("a legal hold names the data, the ground and its end; checked before it is written, and only before the final certificate", async () => {
    const hold = (body: Record<string, unknown>) =>
      officer.send("POST", `/api/v1/controllers/${a.controllerId}/ending/holds`, {
        data: "Facturen van Verwerker aan de klant",
        legalGround: "art. 52 AWR: zeven jaar bewaren",
        capacity: "controller",
        endsOn: "2033-12-31",
        ...body,
      });
    assert.equal(fieldOf(await hold({ endsOn: "2031-02-30" })), "body.endsOn");
    assert.equal(fieldOf(await hold({ endsOn: "2026-03-10" })), "body.endsOn", "a hold ends after the agreement did");
    assert.equal(fieldOf(await hold({ legalGround: " " })), "body.legalGround");
    assert.equal((await hold({ capacity: "owner" })).statusCode, 400);
    assert.equal((await ownerA.send("POST", `/api/v1/controllers/${a.controllerId}/ending/holds`, {})).statusCode, 403);
    const notEnded = await officer.send("POST", `/api/v1/controllers/${b.controllerId}/ending/holds`, {
      data: "x",
      legalGround: "y",
      capacity: "controller",
      endsOn: "2030-01-01",
    });
    assert.equal(notEnded.statusCode, 409);
    assert.equal((await hold({})).statusCode, 201);
    // A second hold of customer data, kept as processor for a legal duty only, that ends within weeks.
    const made = await hold({
      data: "Logbestanden van de mailserver, 1 tot en met 9 maart",
      legalGround: "Bewaarbevel van het OM (art. 126ni Sv)",
      capacity: "processor",
      endsOn: "2026-04-30",
    });
    assert.equal(made.statusCode, 201, made.body);
    const held = made.json<EndingOut>().ending?.holds.find((h) => h.endsOn === "2026-04-30");
    assert.equal(held?.ended, false);
    const release = await officer.send("POST", `/api/v1/legal-holds/${held?.id}/release`, { deletedAt: t.clock.now().toISOString(), method: "Gewist" });
    assert.equal(release.statusCode, 409, "the hold still runs");
  });

  test("the last confirmation meets the plan's duty and sends the certificate: what was deleted, when, how, and what is still held", async () => {
    const { ending } = await endingOf(officer, a);
    assert.ok(ending);
    for (const line of ending.lines.filter((l) => !l.confirmedAt)) {
      const done = await confirm(admin, line.id, {
        method: line.party === "subprocessor" ? "Bevestiging van Registry BV ontvangen" : "Records verwijderd uit het registratiesysteem",
      });
      assert.equal(done.statusCode, 200, done.body);
    }
    const final = (await endingOf(ownerA, a)).ending;
    assert.equal(final?.completedAt, "2026-03-23T09:00:00.000Z");
    const [certificate] = final?.certificates ?? [];
    assert.deepEqual([certificate?.number, certificate?.kind, certificate?.locale], [1, "final", "nl"]);
    const [duty] = await t.database.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.controllerId, a.controllerId), eq(obligations.kind, "deletion_plan")));
    assert.equal(duty?.status, "met");
    assert.equal(duty?.metInTime, true);
    assert.equal((await noticesOf(a, "deletion_certificate")).length, 1);
    const [issued] = await eventsOf(a, "ending.certificate_issued");
    assert.equal((issued?.data as { sha256: string }).sha256, certificate?.sha256);

    const late = await officer.send("POST", `/api/v1/controllers/${a.controllerId}/ending/holds`, {
      data: "x",
      legalGround: "y",
      capacity: "controller",
      endsOn: "2030-01-01",
    });
    assert.equal(late.statusCode, 409, "a hold after the final certificate would make it untrue");

    const pdf = await ownerA.get(`/api/v1/deletion-certificates/${certificate?.id}`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.equal(createHash("sha256").update(pdf.rawPayload).digest("hex"), certificate?.sha256, "the download is the certificate as issued");
    const stored = await storedPdf(certificate?.id ?? "");
    assert.ok(stored, "the PDF is stored when the certificate is issued");
    assert.deepEqual(pdf.rawPayload, Buffer.from(stored), "the download is the stored PDF, byte for byte");
    await assert.rejects(
      inScope(t.database.db, { kind: "processor" }, (tx) =>
        tx
          .update(deletionCertificates)
          .set({ pdf: new Uint8Array([1]) })
          .where(eq(deletionCertificates.id, certificate?.id ?? "")),
      ),
      (error: Error) => /permission denied/.test(String(error.cause)),
      "the app changes no certificate once issued",
    );
    assert.equal((await ownerB.get(`/api/v1/deletion-certificates/${certificate?.id}`)).statusCode, 404);
    assert.equal((await viewerA.get(`/api/v1/deletion-certificates/${certificate?.id}`)).statusCode, 403);
    if (POPPLER) {
      const nl = pdfText(pdf.rawPayload);
      for (const fact of [
        "Verwijderingsverklaring",
        "Bakkerij Alfa",
        "Domeinnaamregistratie",
        "Registry BV",
        "Contactgegevens",
        "Records verwijderd uit het registratiesysteem",
        "23-03-2026",
        "Nog bewaard",
        "Facturen van Verwerker aan de klant",
        "art. 52 AWR",
        "31-12-2033",
        "als verwerkingsverantwoordelijke",
        "art. 126ni Sv",
        "30-04-2026",
      ]) {
        assert.ok(nl.includes(fact), `the certificate says ${fact}: ${nl}`);
      }
      const en = pdfText((await ownerA.get(`/api/v1/deletion-certificates/${certificate?.id}?lang=en`)).rawPayload);
      for (const fact of ["Deletion certificate", "Registry BV", "Contact details", "Still held", "31 Dec 2033", "as controller"]) {
        assert.ok(en.includes(fact), `the English certificate says ${fact}: ${en}`);
      }
    }
  });

  test("the download gives the stored bytes; a certificate issued before PDFs were stored is rendered again, the same bytes", async () => {
    const [certificate] = (await endingOf(ownerA, a)).ending?.certificates ?? [];
    const id = certificate?.id ?? "";
    const issued = await storedPdf(id);
    assert.ok(issued);
    const download = async () => (await ownerA.get(`/api/v1/deletion-certificates/${id}`)).rawPayload;
    const setPdf = (pdf: Uint8Array | null) => t.database.db.update(deletionCertificates).set({ pdf }).where(eq(deletionCertificates.id, id));
    try {
      // Other bytes in the row (as only the database's owner could put there) are what leaves: the
      // download is never rendered again while a PDF is stored.
      const other = Buffer.concat([Buffer.from(issued), Buffer.from("%% changed\n")]);
      await setPdf(other);
      assert.deepEqual(await download(), other);
      await setPdf(null);
      const rendered = await download();
      assert.equal(createHash("sha256").update(rendered).digest("hex"), certificate?.sha256, "rendered again from its content: the hash its event recorded");
      assert.deepEqual(rendered, Buffer.from(issued));
    } finally {
      await setPdf(issued);
    }
  });

  test("when the hold ends the sweep reminds once; its deletion recorded sends a supplementary certificate", async () => {
    assert.equal((await sweepAt("2026-04-30T21:59:00.000Z")).holds, 0, "the hold runs to the end of its last day (CEST)");
    assert.equal((await sweepAt("2026-04-30T22:00:00.000Z")).holds, 1);
    assert.equal((await sweepAt("2026-05-01T09:00:00.000Z")).holds, 0, "reminded once");
    const reminders = await t.database.db.select().from(notices).where(eq(notices.kind, "legal_hold_ended"));
    assert.equal(reminders.length, 1);
    assert.deepEqual(reminders[0]?.staffRoles, ["admin", "privacy_officer"]);
    const officer2 = await staffSession(t, "privacy_officer");
    const { ending } = await endingOf(officer2, a);
    const hold = ending?.holds.find((h) => h.endsOn === "2026-04-30");
    assert.ok(hold?.ended && hold.remindedAt);
    const early = await officer2.send("POST", `/api/v1/legal-holds/${hold.id}/release`, { deletedAt: "2026-04-30T12:00:00.000Z", method: "Gewist" });
    assert.equal(fieldOf(early), "body.deletedAt");
    const released = await officer2.send("POST", `/api/v1/legal-holds/${hold.id}/release`, {
      deletedAt: "2026-05-01T08:00:00.000Z",
      method: "Logbestanden gewist, ook uit de back-ups",
    });
    assert.equal(released.statusCode, 200, released.body);
    const certificates = released.json<EndingOut>().ending?.certificates ?? [];
    assert.deepEqual(
      certificates.map((c) => [c.number, c.kind]),
      [
        [1, "final"],
        [2, "supplementary"],
      ],
    );
    assert.equal(
      (await officer2.send("POST", `/api/v1/legal-holds/${hold.id}/release`, { deletedAt: "2026-05-01T08:00:00.000Z", method: "x" })).statusCode,
      409,
    );
    if (POPPLER) {
      const pdf = await officer2.get(`/api/v1/deletion-certificates/${certificates[1]?.id}`);
      const text = pdfText(pdf.rawPayload);
      // The seven-year hold is still held; the ended one is deleted, when and how.
      for (const fact of ["Aanvullende verwijderingsverklaring", "Logbestanden gewist, ook uit de back-ups", "01-05-2026", "31-12-2033"]) {
        assert.ok(text.includes(fact), `the supplementary certificate says ${fact}: ${text}`);
      }
    }
    assert.equal((await verifyChain(t.database.db)).ok, true);
  });
});

describe("the import, and the portal's readable period", () => {
  test("an import that gives a customer no services ends its agreement; a new customer without services has nothing to end", async () => {
    at("2026-05-31T10:00:00.000Z");
    const importer = await staffSession(t, "admin");
    const c = await createCustomer(t.database.db, t.clock, { name: "Camping Gamma", services: ["colocation"] });
    const [controller] = await t.database.db.select().from(controllers).where(eq(controllers.id, c.controllerId));
    assert.ok(controller);
    const imported = await importer.send("POST", "/api/v1/imports/customers", {
      customers: [
        { customerNumber: controller.customerNumber, name: "Camping Gamma", services: [] },
        { customerNumber: "NEW-1", name: "Nieuw Zonder Diensten", services: [] },
      ],
    });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json<{ agreementsEnded: number }>().agreementsEnded, 1);
    const { ending } = await endingOf(importer, c);
    assert.match(ending?.source ?? "", /^import \(json, sha256 [0-9a-f]{12}\)$/);
    assert.deepEqual(ending?.services, ["colocation"]);
    // Month end: 30 calendar days after 31 May is 30 June, end of the day (CEST).
    assert.equal(ending?.planDueAt, "2026-06-30T21:59:59.999Z");
    assert.equal((await importer.get("/api/v1/endings")).json<{ items: unknown[] }>().items.length, 2);
  });

  test("after its readable period the sweep closes every user of the customer: sessions ended, tokens revoked, with evidence", async () => {
    at("2026-06-01T09:00:00.000Z");
    const d = await createCustomer(t.database.db, t.clock, { name: "Drukkerij Delta", services: ["colocation"] });
    const owner = await session(t.app, d.owner.email);
    const token = await owner.send("POST", "/api/v1/tokens", { name: "Koppeling" });
    assert.equal(token.statusCode, 201, token.body);
    const ended = await setServices(d, []);
    assert.equal(ended.statusCode, 200);
    const { ending } = await endingOf(owner, d);
    assert.equal(ending?.portalClosesAt, "2026-08-30T21:59:59.999Z", "90 calendar days, to the end of the day in CEST");

    assert.ok((await sweepAt("2026-08-30T21:00:00.000Z")).portals >= 1, "the portals that closed before (A's, Gamma's)");
    assert.equal((await sweepAt("2026-08-30T21:59:00.000Z")).portals, 0);
    assert.equal((await owner.get(`/api/v1/controllers/${d.controllerId}/ending`)).statusCode, 200, "still readable on its last day");
    assert.equal((await sweepAt("2026-08-30T22:00:00.000Z")).portals, 1);
    assert.equal((await sweepAt("2026-08-30T22:05:00.000Z")).portals, 0, "closed once");

    const closed = await t.database.db.select().from(users).where(eq(users.controllerId, d.controllerId));
    assert.ok(closed.length >= 2 && closed.every((u) => u.disabledAt !== null), "every user, the last owner too");
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.userId, d.owner.id))).length, 0);
    const tokens = await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, d.owner.id));
    assert.ok(tokens.length === 1 && tokens[0]?.revokedAt);
    assert.equal((await owner.get(`/api/v1/controllers/${d.controllerId}/ending`)).statusCode, 401);
    const [event] = await eventsOf(d, "ending.portal_closed");
    assert.equal((event?.data as { usersClosed: number }).usersClosed, closed.length);
    assert.equal((await eventsOf(d, "user.deactivated")).length, closed.length);
    assert.equal((await verifyChain(t.database.db)).ok, true);
  });
});
