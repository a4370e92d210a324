import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { inScope } from "../../db/scope.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import { composeAgreementDocument, documentPdfAndHash, findAgreement, offerTemplateVersion, renderForSigning, signAgreement } from "../agreements/index.ts";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { createCustomer } from "../../../test/support/factories.ts";

// The demo's loader signs with the rendering it made to show the owner (renderForSigning), so each
// signature typesets its PDF once. Signing reuses that rendering only for the very document composed
// at signing: a rendering of another document is never stored as what was signed.

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const words = { typedName: "Eigenaar", function: "Directeur", consent: true } as const;
const meta = { ip: null, userAgent: null };

async function offeredTo(services: string[]) {
  const customer = await createCustomer(t.database.db, t.clock, { services });
  const agreementId = await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    await offerTemplateVersion(tx, t.clock, SYSTEM_ACTOR, 1);
    const [offer] = await tx.query.agreements.findMany({ where: (a, { eq }) => eq(a.controllerId, customer.controllerId) });
    assert.ok(offer);
    return offer.id;
  });
  const signer = { kind: "customer" as const, id: customer.owner.id, label: "owner", controllerId: customer.controllerId };
  return { agreementId, signer };
}

test("signing with the rendering shown stores exactly the PDF a fresh typesetting gives", async () => {
  const { agreementId, signer } = await offeredTo(["web-hosting"]);
  await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    const document = await composeAgreementDocument(tx, agreementId);
    const found = await findAgreement(tx, agreementId);
    assert.ok(document && found);
    const shown = renderForSigning(document);
    const signed = await signAgreement(tx, t.clock, signer, found, { ...words, documentSha256: shown.sha256 }, meta, shown);
    assert.equal(signed.agreement.status === "offered", false);
    assert.equal(signed.agreement.documentSha256, shown.sha256);
    assert.ok(signed.agreement.documentPdf);
    assert.equal(sha256(signed.agreement.documentPdf), shown.sha256);
    // Byte for byte (PostgreSQL's driver gives a Buffer, PGlite a Uint8Array).
    assert.ok(Buffer.from(signed.agreement.documentPdf).equals(Buffer.from(documentPdfAndHash(document).pdf)), "the stored PDF is a fresh typesetting's");
  });
});

test("another agreement's rendering, or a hash not made by renderForSigning, is not taken as the document signed", async () => {
  const first = await offeredTo(["web-hosting"]);
  const second = await offeredTo(["email", "backup"]);
  await inScope(t.database.db, { kind: "processor" }, async (tx) => {
    const firstDocument = await composeAgreementDocument(tx, first.agreementId);
    const secondDocument = await composeAgreementDocument(tx, second.agreementId);
    const found = await findAgreement(tx, second.agreementId);
    assert.ok(firstDocument && secondDocument && found);
    const wrong = renderForSigning(firstDocument);
    await assert.rejects(
      signAgreement(tx, t.clock, second.signer, found, { ...words, documentSha256: wrong.sha256 }, meta, wrong),
      /changed since you opened it|gewijzigd sinds u haar opende/,
    );
    const forged = { sha256: wrong.sha256 };
    await assert.rejects(
      signAgreement(tx, t.clock, second.signer, found, { ...words, documentSha256: wrong.sha256 }, meta, forged),
      /changed since you opened it|gewijzigd sinds u haar opende/,
    );
    const own = documentPdfAndHash(secondDocument);
    const signed = await signAgreement(tx, t.clock, second.signer, found, { ...words, documentSha256: own.sha256 }, meta, wrong);
    assert.ok(signed.agreement.documentPdf);
    assert.equal(sha256(signed.agreement.documentPdf), own.sha256);
  });
});
