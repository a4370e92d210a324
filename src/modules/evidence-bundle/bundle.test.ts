import { announcementData } from "../../../test/support/notice-data.ts";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { zipSync } from "fflate";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { endAndIssueCertificate } from "../../../test/support/ending-fixture.ts";
import { inScope } from "../../db/scope.ts";
import { rows } from "../../db/engine.ts";
import { deletionCertificates, webhookEndpoints } from "../../db/schema/index.ts";
import { startOutboxWorker } from "../../jobs/outbox-worker.ts";
import {
  agreementPdf,
  deletionCertificateAbout,
  deletionCertificatePdf,
  EVENTS,
  MANIFEST,
  noticeContent,
  type BundleEvent,
  type Manifest,
} from "../../domain/evidence-bundle/layout.ts";
import { describeFailure, readBundleZip, verifyBundle } from "../../domain/evidence-bundle/verify.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import { checkpointKeyFrom, newCheckpointKeyPem, registerCheckpointKey } from "../checkpoints/index.ts";
import { CHECKPOINTS } from "../../domain/evidence-bundle/layout.ts";
import type { BundleCheckpoints } from "../../domain/evidence-bundle/checkpoint.ts";
import { sign } from "node:crypto";
import { startSmtpSink } from "../../../test/engine/smtp-sink.ts";
import { signatureFor } from "../../jobs/webhook-client.ts";

// The evidence bundle end to end: made from the database, checked by the pure verifier with nothing
// but its bytes; and the tampering the verifier must name.

let t: TestApp;
let officer: Client;
let hook: Server;
let hookUrl: string;
const received: string[] = [];
/** Each webhook request's headers as the endpoint received them, by webhook-id. */
const receivedHeaders = new Map<string, Record<string, string>>();

before(async () => {
  t = await createTestApp();
  officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
  hook = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push(body);
      receivedHeaders.set(String(request.headers["webhook-id"]), request.headers as Record<string, string>);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
});
after(async () => {
  registerCheckpointKey(null);
  hook.close();
  await t.close();
});

/** A customer that signed its agreement, has a webhook endpoint, and was sent a notice by email (held) and webhook. */
async function customerWithEvidence(name: string, smtpUrl: string | null = null) {
  const customer = await createCustomer(t.database.db, t.clock, { name });
  await t.database.db.insert(webhookEndpoints).values({ controllerId: customer.controllerId, url: hookUrl, secret: `whsec_${"A".repeat(43)}=` });
  assert.equal((await officer.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  const owner = await login(t.app, customer.owner.email);
  const [offer] = (await owner.get("/api/v1/agreements?status=offered")).json<{ id: string }[]>();
  assert.ok(offer);
  const document = (await owner.get(`/api/v1/agreements/${offer.id}/document`)).json<{ sha256: string }>();
  const signed = await owner.send("POST", `/api/v1/agreements/${offer.id}/sign`, {
    typedName: "Dirk Pieters",
    function: "Directeur",
    consent: true,
    documentSha256: document.sha256,
  });
  assert.equal(signed.statusCode, 200, signed.body);
  const [noticeId] = await inScope(t.database.db, { kind: "processor" }, (tx) =>
    queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId: customer.controllerId, data: announcementData() }]),
  );
  const worker = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl, pollMs: 0 });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
  return { ...customer, owner, agreementId: offer.id, noticeId: noticeId ?? "" };
}

async function download(client: Client, controllerId: string): Promise<Uint8Array> {
  const response = await client.get(`/api/v1/controllers/${controllerId}/evidence-bundle`);
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers["content-type"], "application/zip");
  return new Uint8Array(response.rawPayload);
}

/** Changes files in a bundle; with `fixManifest`, their manifest entries are changed to match (as a forger would). */
function tamper(zip: Uint8Array, change: (files: Map<string, Uint8Array>) => void, fixManifest = true): Uint8Array {
  const files = readBundleZip(zip);
  const before = new Map(files);
  change(files);
  if (fixManifest) {
    const manifest = JSON.parse(new TextDecoder().decode(files.get(MANIFEST))) as Manifest;
    for (const entry of manifest.files) {
      const bytes = files.get(entry.path);
      if (bytes && bytes !== before.get(entry.path)) {
        entry.sha256 = createHash("sha256").update(bytes).digest("hex");
        entry.bytes = bytes.length;
      }
    }
    files.set(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
  }
  return zipSync(Object.fromEntries(files));
}

const bundleEvents = (zip: Uint8Array): BundleEvent[] =>
  new TextDecoder()
    .decode(readBundleZip(zip).get(EVENTS))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as BundleEvent);

/** A deletion certificate's PDF as stored when it was issued (read as the database's owner). */
async function storedCertificatePdf(id: string): Promise<Uint8Array | null> {
  const [row] = await t.database.db.select({ pdf: deletionCertificates.pdf }).from(deletionCertificates).where(eq(deletionCertificates.id, id));
  return row?.pdf ? new Uint8Array(row.pdf) : null;
}

/** Runs a statement on the log with its append-only guard off, as someone with the database's keys could. */
async function byHand(statement: ReturnType<typeof sql>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table events disable trigger events_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table events enable trigger events_append_only`);
  });
}

describe("the evidence bundle", () => {
  test("a customer's own users download it; it verifies with nothing but its bytes and holds its own making", async () => {
    const customer = await customerWithEvidence("Bakkerij Bundel");
    assert.ok(received.length > 0, "the webhook was posted");
    const zip = await download(customer.owner, customer.controllerId);
    const report = await verifyBundle(zip);
    assert.equal(report.failure, null, report.failure ? describeFailure(report.failure) : "");
    assert.equal(report.counts.signedPdfs, 1);
    assert.ok(report.counts.notices >= 1 && report.counts.emails >= 1 && report.counts.webhooks === 1, JSON.stringify(report.counts));
    const files = readBundleZip(zip);
    assert.ok(files.has(agreementPdf(customer.agreementId)) && files.has(noticeContent(customer.noticeId)));
    assert.ok([...files.keys()].some((name) => name.startsWith(`notices/${customer.noticeId}/deliveries/`) && name.endsWith(".eml")));
    const eml = [...files].find(([name]) => name.endsWith(".eml"))?.[1];
    assert.match(new TextDecoder().decode(eml), /^Message-ID: <.+>\r\n/);
    const readme = new TextDecoder().decode(files.get("README.txt"));
    assert.match(readme, /NEDERLANDS[\s\S]*ENGLISH/);
    const events = bundleEvents(zip);
    assert.equal(events.at(-1)?.type, "evidence.bundle_made", "making the bundle is evidence, and in the bundle");
    assert.equal(events.at(-1)?.actor.kind, "customer");
    assert.ok(events.some((e) => e.type === "notice.queued" && typeof e.data.contentSha256 === "string"));

    // Staff who answer for the evidence make one for any customer; support may not; another customer gets a 404.
    const auditor = await login(t.app, (await createStaff(t.database.db, "auditor")).email);
    assert.equal((await verifyBundle(await download(auditor, customer.controllerId))).ok, true);
    const viewer = await login(t.app, customer.viewer.email);
    assert.equal((await verifyBundle(await download(viewer, customer.controllerId))).ok, true);
    const support = await login(t.app, (await createStaff(t.database.db, "support")).email);
    assert.equal((await support.get(`/api/v1/controllers/${customer.controllerId}/evidence-bundle`)).statusCode, 403);
    const other = await createCustomer(t.database.db, t.clock);
    const otherOwner = await login(t.app, other.owner.email);
    assert.equal((await otherOwner.get(`/api/v1/controllers/${customer.controllerId}/evidence-bundle`)).statusCode, 404);
    assert.equal((await otherOwner.get(`/api/v1/controllers/${crypto.randomUUID()}/evidence-bundle`)).statusCode, 404);
    assert.equal((await otherOwner.get(`/api/v1/controllers/not-an-id/evidence-bundle`)).statusCode, 400);
  });

  test("an e-mail is in the bundle byte for byte as the relay received it, a webhook with its headers as sent; changed, each is named", async () => {
    const sink = await startSmtpSink();
    try {
      const customer = await customerWithEvidence("Bakkerij Relay", sink.url);
      const zip = await download(customer.owner, customer.controllerId);
      const report = await verifyBundle(zip);
      assert.equal(report.failure, null, report.failure ? describeFailure(report.failure) : "");
      const files = readBundleZip(zip);
      const folder = `notices/${customer.noticeId}/deliveries/`;
      const [emlPath, eml] = [...files].find(([name]) => name.startsWith(folder) && name.endsWith(".eml")) ?? [];
      assert.ok(emlPath && eml, "the e-mail is in the bundle");
      const text = new TextDecoder().decode(eml);
      const messageId = /^Message-ID: (<[^>]+>)/im.exec(text)?.[1];
      const arrived = sink.received.find((m) => m.messageId === messageId);
      assert.ok(arrived, `the relay received ${messageId}`);
      assert.equal(Buffer.compare(Buffer.from(eml), arrived.raw), 0, "the .eml is the message the relay received, byte for byte");
      assert.match(text, /Content-Type: multipart\/alternative/i, "with its HTML part");
      const sentEvent = bundleEvents(zip).find((e) => e.type === "notice.sent" && e.data.messageId === messageId);
      assert.equal(sentEvent?.data.messageSha256, createHash("sha256").update(arrived.raw).digest("hex"));

      // The webhook: the headers the endpoint received, signature included, and it checks with the secret.
      const [hookPath, hookFile] = [...files].find(([name]) => name.startsWith(folder) && name.endsWith(".webhook.json")) ?? [];
      assert.ok(hookPath && hookFile);
      const webhook = JSON.parse(new TextDecoder().decode(hookFile)) as { headers: Record<string, string>; body: string };
      const got = receivedHeaders.get(webhook.headers["webhook-id"] ?? "");
      assert.ok(got, "the endpoint received it");
      for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
        assert.equal(webhook.headers[name], got[name], name);
      }
      const secret = `whsec_${"A".repeat(43)}=`;
      assert.equal(
        webhook.headers["webhook-signature"],
        signatureFor(secret, webhook.headers["webhook-id"] ?? "", Number(webhook.headers["webhook-timestamp"]), webhook.body),
      );

      // A changed header of the e-mail (its manifest entry changed to match) is named against notice.sent.
      const forgedEml = await verifyBundle(tamper(zip, (all) => all.set(emlPath, new TextEncoder().encode(text.replace(/^Subject: /m, "Subject: Re: ")))));
      assert.deepEqual(forgedEml.failure && [forgedEml.failure.check, forgedEml.failure.file, forgedEml.failure.streamSeq], [
        "email-body",
        emlPath,
        sentEvent?.streamSeq,
      ]);
      // A webhook signature changed (a forger without the secret cannot make a valid one) is named too.
      const forgedHook = await verifyBundle(
        tamper(zip, (all) =>
          all.set(hookPath, new TextEncoder().encode(JSON.stringify({ ...webhook, headers: { ...webhook.headers, "webhook-signature": "v1,Zm9yZ2Vk" } }))),
        ),
      );
      assert.deepEqual(forgedHook.failure && [forgedHook.failure.check, forgedHook.failure.file], ["webhook-body", hookPath]);
      assert.match(forgedHook.failure?.message ?? "", /webhook-signature/);
    } finally {
      await sink.close();
    }
  });

  test("an event edited by hand in the database is named by its position and the hash check", async () => {
    const customer = await customerWithEvidence("Tamper Bewerkt");
    await byHand(sql`update events set data = jsonb_set(data, '{forged}', 'true') where stream = ${`controller:${customer.controllerId}`} and stream_seq = 3`);
    const report = await verifyBundle(await download(customer.owner, customer.controllerId));
    assert.deepEqual(report.failure && [report.failure.check, report.failure.file, report.failure.streamSeq], ["event-hash", EVENTS, 3]);
  });

  test("the tail of a stream deleted in the database is found", async () => {
    const customer = await customerWithEvidence("Tamper Staart");
    const stream = `controller:${customer.controllerId}`;
    const [{ last } = { last: 0 }] = await rows<{ last: number }>(t.database.db, sql`select max(stream_seq)::int as last from events where stream = ${stream}`);
    await byHand(sql`delete from events where stream = ${stream} and stream_seq > ${last - 2}`);
    const report = await verifyBundle(await download(customer.owner, customer.controllerId));
    assert.equal(report.failure?.check, "event-position");
    assert.equal(report.failure?.streamSeq, last + 1, "the bundle's own event follows a gap");
    assert.match(report.failure?.message ?? "", new RegExp(`expected event ${last - 1}`));
  });

  test("two events swapped, in the database or in the bundle, are found", async () => {
    const customer = await customerWithEvidence("Tamper Wissel");
    const stream = `controller:${customer.controllerId}`;
    const zip = await download(customer.owner, customer.controllerId);
    const swappedInBundle = tamper(zip, (files) => {
      const lines = new TextDecoder().decode(files.get(EVENTS)).trim().split("\n");
      [lines[1], lines[2]] = [lines[2] ?? "", lines[1] ?? ""];
      files.set(EVENTS, new TextEncoder().encode(lines.join("\n") + "\n"));
    });
    assert.deepEqual((await verifyBundle(swappedInBundle)).failure?.check, "event-position");
    await byHand(sql`update events set stream_seq = -1 where stream = ${stream} and stream_seq = 2`);
    await byHand(sql`update events set stream_seq = 2 where stream = ${stream} and stream_seq = 3`);
    await byHand(sql`update events set stream_seq = 3 where stream = ${stream} and stream_seq = -1`);
    const report = await verifyBundle(await download(customer.owner, customer.controllerId));
    assert.deepEqual(report.failure && [report.failure.check, report.failure.streamSeq], ["event-link", 2]);
  });

  test("a replaced PDF is named, by the manifest and, with its manifest entry changed to match, by its signature event", async () => {
    const customer = await customerWithEvidence("Tamper PDF");
    const zip = await download(customer.owner, customer.controllerId);
    const path = agreementPdf(customer.agreementId);
    const other = new TextEncoder().encode("%PDF-1.7 a different agreement\n%%EOF");
    const plain = await verifyBundle(tamper(zip, (files) => files.set(path, other), false));
    assert.deepEqual(plain.failure && [plain.failure.check, plain.failure.file], ["file-hash", path]);
    const forged = await verifyBundle(tamper(zip, (files) => files.set(path, other)));
    assert.equal(forged.failure?.check, "signed-pdf");
    assert.equal(forged.failure?.file, path);
    const signedAt = bundleEvents(zip).find((e) => e.type === "agreement.signed_by_customer")?.streamSeq;
    assert.equal(forged.failure?.streamSeq, signedAt);
  });

  test("a notice's changed text is named against its notice.queued event", async () => {
    const customer = await customerWithEvidence("Tamper Tekst");
    const zip = await download(customer.owner, customer.controllerId);
    const path = noticeContent(customer.noticeId);
    const report = await verifyBundle(
      tamper(zip, (files) =>
        files.set(path, new TextEncoder().encode(new TextDecoder().decode(files.get(path)).replace("Tweede locatie.", "Geen wijziging."))),
      ),
    );
    const queuedAt = bundleEvents(zip).find((e) => e.type === "notice.queued" && e.subject.id === customer.noticeId)?.streamSeq;
    assert.deepEqual(report.failure && [report.failure.check, report.failure.file, report.failure.streamSeq], ["notice-content", path, queuedAt]);
  });

  test("a deletion certificate is in the bundle as issued; one replaced, its manifest entry changed to match, is named against its event", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Tamper Verklaring", services: ["colocation"] });
    const certificate = await endAndIssueCertificate(officer, customer.controllerId, t.clock.now());
    const stored = await storedCertificatePdf(certificate.id);
    assert.ok(stored, "its PDF was stored when it was issued");

    const owner = await login(t.app, customer.owner.email);
    const zip = await download(owner, customer.controllerId);
    const report = await verifyBundle(zip);
    assert.equal(report.failure, null, report.failure ? describeFailure(report.failure) : "");
    assert.equal(report.counts.deletionCertificates, 1);
    const files = readBundleZip(zip);
    const path = deletionCertificatePdf(certificate.id);
    assert.deepEqual(files.get(path), stored, "the stored bytes, exactly");
    assert.equal(createHash("sha256").update(stored).digest("hex"), certificate.sha256, "the bytes as issued");
    const issued = bundleEvents(zip).find((e) => e.type === "ending.certificate_issued" && e.data.certificateId === certificate.id);
    assert.equal(issued?.data.sha256, certificate.sha256);
    assert.match(new TextDecoder().decode(files.get(deletionCertificateAbout(certificate.id))), /"kind": "final"[\s\S]*"pdfStored": true/);

    const forged = await verifyBundle(tamper(zip, (all) => all.set(path, new TextEncoder().encode("%PDF-1.7 nothing was kept\n%%EOF"))));
    assert.deepEqual(forged.failure && [forged.failure.check, forged.failure.file, forged.failure.streamSeq], [
      "deletion-certificate",
      path,
      issued?.streamSeq,
    ]);
    const plain = await verifyBundle(tamper(zip, (all) => all.set(path, new TextEncoder().encode("%PDF-1.7 nothing was kept\n%%EOF")), false));
    assert.deepEqual(plain.failure && [plain.failure.check, plain.failure.file], ["file-hash", path]);

    // The stored bytes changed in the database: the bundle, made honestly from them, is named against the event.
    const setStored = (pdf: Uint8Array | null) => t.database.db.update(deletionCertificates).set({ pdf }).where(eq(deletionCertificates.id, certificate.id));
    await setStored(new TextEncoder().encode("%PDF-1.7 changed in the database\n%%EOF"));
    const changed = await verifyBundle(await download(owner, customer.controllerId));
    assert.deepEqual(changed.failure && [changed.failure.check, changed.failure.file, changed.failure.streamSeq], [
      "deletion-certificate",
      path,
      issued?.streamSeq,
    ]);

    // A certificate issued before PDFs were stored (none in its row) is rendered again from its content: the same bytes.
    await setStored(null);
    const older = await download(owner, customer.controllerId);
    assert.equal((await verifyBundle(older)).failure, null);
    assert.deepEqual(readBundleZip(older).get(path), stored);
    assert.match(new TextDecoder().decode(readBundleZip(older).get(deletionCertificateAbout(certificate.id))), /"pdfStored": false/);
    await setStored(stored);
  });

  test("the measures report that answered a customer's question is among its case's files; replaced, its manifest entry changed to match, it is named", async () => {
    const customer = await createCustomer(t.database.db, t.clock, { name: "Tamper Rapport" });
    const owner = await login(t.app, customer.owner.email);
    const asked = await owner.send("POST", "/api/v1/cases", { kind: "measures_question", request: { question: "Welke maatregelen neemt u?", measures: [] } });
    assert.equal(asked.statusCode, 201, asked.body);
    const caseId = asked.json<{ id: string }>().id;
    const answered = await officer.send("POST", `/api/v1/cases/${caseId}/measures-answer`, { note: "Zie het rapport." });
    assert.equal(answered.statusCode, 200, answered.body);
    const zip = await download(owner, customer.controllerId);
    const report = await verifyBundle(zip);
    assert.equal(report.failure, null, report.failure ? describeFailure(report.failure) : "");
    assert.equal(report.counts.measuresReports, 1);
    const path = [...readBundleZip(zip).keys()].find((name) => name.startsWith(`attachments/case-${caseId}/`) && name.endsWith(".pdf"));
    assert.ok(path, "the report is in the case's files");
    const answeredAt = bundleEvents(zip).find((e) => e.type === "case.measures_answered")?.streamSeq;
    const forged = await verifyBundle(tamper(zip, (all) => all.set(path, new TextEncoder().encode("%PDF-1.7 every measure in place\n%%EOF"))));
    assert.deepEqual(forged.failure && [forged.failure.check, forged.failure.file, forged.failure.streamSeq], [
      "measures-report",
      `attachments/case-${caseId}/`,
      answeredAt,
    ]);
  });

  test("checkpoints: each with the stream head's inclusion proof, verified; one signed by another key is named", async () => {
    const key = checkpointKeyFrom(newCheckpointKeyPem());
    registerCheckpointKey(key);
    const customer = await customerWithEvidence("Controlepunt Bundel");
    const staff = await login(t.app, (await createStaff(t.database.db, "admin")).email);
    assert.equal((await staff.send("POST", "/api/v1/checkpoints")).statusCode, 201);
    t.clock.advance(60_000);
    // The customer acts between two checkpoints: its head moves, the tree grows.
    const [laterNotice] = await inScope(t.database.db, { kind: "processor" }, (tx) =>
      queueCustomerNotices(tx, t.clock, SYSTEM_ACTOR, [{ controllerId: customer.controllerId, data: announcementData() }]),
    );
    const worker = startOutboxWorker({ db: t.database.db, clock: t.clock, engine: t.database.engine, smtpUrl: null, pollMs: 0 });
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }
    // Every notice carries the latest checkpoint: the email's footer, the webhook's payload.
    const [first] = (await t.app.inject({ method: "GET", url: "/api/v1/trust/checkpoints" })).json<{ checkpoints: { number: number; root: string }[] }>()
      .checkpoints;
    assert.ok(first);
    const posted = JSON.parse(received.at(-1) ?? "{}") as { data?: { noticeId?: string }; checkpoint?: { number: number; root: string } };
    assert.equal(posted.data?.noticeId, laterNotice);
    assert.deepEqual(posted.checkpoint, { number: first.number, root: first.root });
    const [held] = await rows<{ body: string }>(
      t.database.db,
      sql`select body from deliveries where notice_id = ${laterNotice ?? ""} and channel = 'email' limit 1`,
    );
    assert.match(held?.body ?? "", new RegExp(`controlepunt van het bewijslogboek: ${first.number} ${first.root}`));
    assert.equal((await staff.send("POST", "/api/v1/checkpoints")).statusCode, 201);
    const zip = await download(customer.owner, customer.controllerId);
    const report = await verifyBundle(zip, { publicKey: key.publicKey });
    assert.equal(report.failure, null, report.failure ? describeFailure(report.failure) : "");
    assert.ok(report.counts.checkpoints >= 2);
    assert.equal(report.publicKey, key.publicKey);
    const bundle = JSON.parse(new TextDecoder().decode(readBundleZip(zip).get(CHECKPOINTS))) as BundleCheckpoints;
    assert.ok(bundle.checkpoints.filter((c) => c.leaf).length >= 2, "the stream's head is proven in both");
    assert.ok(bundle.checkpoints.at(-1)?.consistency.length, "a consistency proof from the checkpoint before");

    // A checkpoint re-signed by another key (the manifest entry fixed): named by the signature check.
    const forger = checkpointKeyFrom(newCheckpointKeyPem());
    const forge = (all: boolean) =>
      tamper(zip, (files) => {
        const forged = { ...bundle, publicKey: all ? forger.publicKey : bundle.publicKey };
        forged.checkpoints = bundle.checkpoints.map((c, i) =>
          all || i === 0 ? { ...c, signature: sign(null, Buffer.from(c.statement), forger.privateKey).toString("base64") } : c,
        );
        files.set(CHECKPOINTS, new TextEncoder().encode(JSON.stringify(forged)));
      });
    const one = await verifyBundle(forge(false));
    assert.equal(one.failure?.check, "checkpoint");
    assert.match(one.failure?.message ?? "", /checkpoint 1's signature is not the processor's key's/);
    // All re-signed with the forger's key, shown as the bundle's key: only the published key gives it away.
    const all = forge(true);
    assert.equal((await verifyBundle(all)).ok, true, "consistent in itself");
    const pinned = await verifyBundle(all, { publicKey: key.publicKey });
    assert.match(pinned.failure?.message ?? "", /not the processor's published key/);

    // A checkpoint's root changed: its signature no longer holds.
    const rooted = await verifyBundle(
      tamper(zip, (files) => {
        const changed = {
          ...bundle,
          checkpoints: bundle.checkpoints.map((c, i) =>
            i === 0 ? { ...c, statement: c.statement.replace(/"root":"[0-9a-f]{64}"/, `"root":"${"0".repeat(64)}"`) } : c,
          ),
        };
        files.set(CHECKPOINTS, new TextEncoder().encode(JSON.stringify(changed)));
      }),
    );
    assert.equal(rooted.failure?.check, "checkpoint");
  });
});
