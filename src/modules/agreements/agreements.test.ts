import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { verifyChain } from "../evidence/index.ts";

interface AgreementOut {
  id: string;
  status: string;
  templateVersion: number;
  effectiveAt: string | null;
  supersededAt: string | null;
  documentSha256: string | null;
  signatures: { party: string; method: string; typedName: string; ip: string | null; documentSha256: string }[];
}

let t: TestApp;
let officer: Client;
let customerA: Awaited<ReturnType<typeof createCustomer>>;
let ownerA: Client;

async function offerAll(version: number) {
  const response = await officer.send("POST", `/api/v1/templates/${version}/offer`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ offered: number }>();
}

async function currentOffer(client: Client): Promise<AgreementOut> {
  const list = (await client.get("/api/v1/agreements?status=offered")).json<AgreementOut[]>();
  const [offer] = list;
  assert.ok(offer, "an offered agreement");
  return offer;
}

async function sign(client: Client, id: string) {
  const document = (await client.get(`/api/v1/agreements/${id}/document`)).json<{ sha256: string; html: string }>();
  return client.send("POST", `/api/v1/agreements/${id}/sign`, {
    typedName: "Dirk Pieters",
    function: "Directeur",
    consent: true,
    documentSha256: document.sha256,
  });
}

before(async () => {
  t = await createTestApp();
  const staff = await createStaff(t.database.db, "privacy_officer");
  officer = await login(t.app, staff.email);
  customerA = await createCustomer(t.database.db, t.clock, { name: "Bakkerij Alfa" });
  ownerA = await login(t.app, customerA.owner.email);
});
after(async () => {
  await t.close();
});

describe("the agreement lifecycle (art. 12)", () => {
  test("offer → read → sign → countersign → in force, with the exact document's hash", async () => {
    assert.equal((await offerAll(1)).offered, 1);
    const offer = await currentOffer(ownerA);
    assert.equal(offer.templateVersion, 1);

    const document = (await ownerA.get(`/api/v1/agreements/${offer.id}/document`)).json<{ sha256: string; html: string }>();
    assert.match(document.html, /Bakkerij Alfa/);
    assert.match(document.html, /binnen 48 uur/, "the clock rendered into the text");

    const pdf = await ownerA.get(`/api/v1/agreements/${offer.id}/document.pdf`);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.equal(createHash("sha256").update(pdf.rawPayload).digest("hex"), document.sha256, "the hash shown is the hash of the PDF downloaded");

    t.clock.advance(60_000);
    const signed = await sign(ownerA, offer.id);
    assert.equal(signed.statusCode, 200, signed.body);
    const afterSign = signed.json<AgreementOut>();
    assert.equal(afterSign.status, "signed_by_customer");
    assert.equal(afterSign.documentSha256, document.sha256);
    assert.equal(afterSign.signatures[0]?.typedName, "Dirk Pieters");
    assert.equal(afterSign.signatures[0]?.ip, "127.0.0.1");

    t.clock.advance(3_600_000);
    const countersigned = await officer.send("POST", `/api/v1/agreements/${offer.id}/countersign`, {
      typedName: "Priya de Vries",
      function: "Privacy officer",
    });
    assert.equal(countersigned.statusCode, 200, countersigned.body);
    const inForce = countersigned.json<AgreementOut>();
    assert.equal(inForce.status, "in_force");
    assert.equal(inForce.effectiveAt, t.clock.now().toISOString(), "effective at the last signature (art. 12.1)");

    const signedPdf = await ownerA.get(`/api/v1/agreements/${offer.id}/document.pdf`);
    assert.equal(createHash("sha256").update(signedPdf.rawPayload).digest("hex"), document.sha256, "once signed, the default download is the bytes signed");
    assert.equal(signedPdf.headers["x-document-sha256"], document.sha256);
    const staffPdf = await officer.get(`/api/v1/agreements/${offer.id}/document.pdf`);
    assert.equal(createHash("sha256").update(staffPdf.rawPayload).digest("hex"), document.sha256, "the back-office downloads the bytes signed too");
    const asSigned = await ownerA.get(`/api/v1/agreements/${offer.id}/document.pdf?variant=as-signed`);
    assert.equal(createHash("sha256").update(asSigned.rawPayload).digest("hex"), document.sha256, "the exact bytes signed can be downloaded and verified");
    const rerendered = await ownerA.get(`/api/v1/agreements/${offer.id}/document.pdf?variant=with-signatures`);
    assert.equal(rerendered.statusCode, 200);
    assert.ok(rerendered.rawPayload.length > pdf.rawPayload.length, "the re-rendered copy adds the signature page");
    assert.notEqual(createHash("sha256").update(rerendered.rawPayload).digest("hex"), document.sha256, "a re-rendered copy is not the bytes signed");
    assert.match(String(rerendered.headers["content-disposition"]), /-re-rendered\.pdf"/, "and its file name says so");
    assert.deepEqual(await verifyChain(t.database.db).then((r) => r.ok), true);
  });

  test("signing a document that changed since it was opened is refused", async () => {
    const other = await createCustomer(t.database.db, t.clock);
    const owner = await login(t.app, other.owner.email);
    await offerAll(1);
    const offer = await currentOffer(owner);
    assert.equal((await owner.get(`/api/v1/agreements/${offer.id}/document.pdf?variant=as-signed`)).statusCode, 409, "nothing signed yet");
    assert.equal((await owner.get(`/api/v1/agreements/${offer.id}/document.pdf?variant=bogus`)).statusCode, 400);
    const seen = (await owner.get(`/api/v1/agreements/${offer.id}/document`)).json<{ sha256: string }>();
    // The processor changes the customer's services: a new Annex 1, so a new document.
    const changed = await officer.send("PUT", `/api/v1/controllers/${other.controllerId}/services`, {
      services: [{ code: "colocation", monthlyFeeCents: 5000 }],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const stale = await owner.send("POST", `/api/v1/agreements/${offer.id}/sign`, {
      typedName: "Eva Smit",
      function: "Eigenaar",
      consent: true,
      documentSha256: seen.sha256,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ error: { fields: { field: string }[] } }>().error.fields[0]?.field, "body.documentSha256");
    assert.equal((await sign(owner, offer.id)).statusCode, 200, "signing the current document works");
  });

  test("a new version is offered, re-signed, and supersedes the old one only once in force", async () => {
    const v1 = (await ownerA.get("/api/v1/agreements?status=in_force")).json<AgreementOut[]>()[0];
    assert.ok(v1);
    const v1Detail = (await officer.get("/api/v1/templates/1")).json<{
      texts: { nl: unknown; en: unknown };
      parameters: { clocks: Record<string, number>; law: unknown };
    }>();
    const parameters = { ...v1Detail.parameters, clocks: { ...v1Detail.parameters.clocks, breachNoticeHours: 36 } };
    const published = await officer.send("POST", "/api/v1/templates", { texts: v1Detail.texts, parameters, notes: "Kortere meldtermijn", offer: true });
    assert.equal(published.statusCode, 201, published.body);
    assert.equal(published.json<{ version: number }>().version, 2);

    const offer = await currentOffer(ownerA);
    assert.equal(offer.templateVersion, 2);
    assert.match((await ownerA.get(`/api/v1/agreements/${offer.id}/document`)).json<{ html: string }>().html, /binnen 36 uur/);
    assert.equal((await ownerA.get(`/api/v1/agreements/${v1.id}`)).json<AgreementOut>().status, "in_force", "v1 stays in force until v2 is signed by both");

    t.clock.advance(86_400_000);
    assert.equal((await sign(ownerA, offer.id)).statusCode, 200);
    assert.equal((await ownerA.get(`/api/v1/agreements/${v1.id}`)).json<AgreementOut>().status, "in_force");
    t.clock.advance(60_000);
    await officer.send("POST", `/api/v1/agreements/${offer.id}/countersign`, { typedName: "Priya de Vries", function: "Privacy officer" });
    const old = (await ownerA.get(`/api/v1/agreements/${v1.id}`)).json<AgreementOut>();
    assert.equal(old.status, "superseded");
    assert.equal(old.supersededAt, t.clock.now().toISOString());
  });

  test("with the auto-countersign policy, the customer's signature puts it in force at once", async () => {
    const processor = (await officer.get("/api/v1/processor")).json<Record<string, unknown>>();
    const put = await officer.send("PUT", "/api/v1/processor", { ...processor, autoCountersign: true });
    assert.equal(put.statusCode, 200, put.body);
    const c = await createCustomer(t.database.db, t.clock);
    const owner = await login(t.app, c.owner.email);
    await offerAll(2);
    const offer = await currentOffer(owner);
    const signed = (await sign(owner, offer.id)).json<AgreementOut>();
    assert.equal(signed.status, "in_force");
    assert.deepEqual(
      signed.signatures.map((s) => [s.party, s.method]),
      [
        ["controller", "user"],
        ["processor", "policy"],
      ],
    );
    await officer.send("PUT", "/api/v1/processor", { ...processor, autoCountersign: false });
  });
});

describe("the language of the agreement (art. 12: the document signed, in the language chosen)", () => {
  test("a customer chooses English before signing; the document and PDF follow; after signing it is fixed", async () => {
    const c = await createCustomer(t.database.db, t.clock);
    const owner = await login(t.app, c.owner.email);
    await offerAll(2);
    const offer = await currentOffer(owner);
    const nl = (await owner.get(`/api/v1/agreements/${offer.id}/document`)).json<{ sha256: string; html: string }>();
    assert.match(nl.html, /Verwerkersovereenkomst/);
    const chosen = await owner.send("PUT", `/api/v1/agreements/${offer.id}/language`, { locale: "en" });
    assert.equal(chosen.statusCode, 200, chosen.body);
    const en = (await owner.get(`/api/v1/agreements/${offer.id}/document`)).json<{ sha256: string; html: string }>();
    assert.match(en.html, /Data Processing Agreement/i);
    assert.notEqual(en.sha256, nl.sha256);
    assert.equal((await owner.send("PUT", `/api/v1/agreements/${offer.id}/language`, { locale: "de" })).statusCode, 400);
    assert.equal((await sign(owner, offer.id)).statusCode, 200);
    assert.equal((await owner.send("PUT", `/api/v1/agreements/${offer.id}/language`, { locale: "nl" })).statusCode, 409);
    const events = (await owner.get(`/api/v1/controllers/${c.controllerId}/events`)).json<{ type: string }[]>();
    assert.ok(events.some((e) => e.type === "agreement.language_chosen"));
  });
});

describe("bad input is refused with the field named, and nothing is written", () => {
  test("sign without consent, with an empty name, or with an unknown field", async () => {
    const c = await createCustomer(t.database.db, t.clock);
    const owner = await login(t.app, c.owner.email);
    await offerAll(2);
    const offer = await currentOffer(owner);
    const base = { typedName: "Eva Smit", function: "Eigenaar", consent: true, documentSha256: "a".repeat(64) };
    const cases: [unknown, string][] = [
      [{ ...base, consent: false }, "body.consent"],
      [{ ...base, typedName: "" }, "body.typedName"],
      [{ ...base, documentSha256: "xyz" }, "body.documentSha256"],
      [{ ...base, extra: 1 }, "body.extra"],
    ];
    for (const [body, field] of cases) {
      const response = await owner.send("POST", `/api/v1/agreements/${offer.id}/sign`, body);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.ok(
        response.json<{ error: { fields: { field: string }[] } }>().error.fields.some((f) => f.field === field),
        `${field} named in ${response.body}`,
      );
    }
    assert.equal((await owner.get(`/api/v1/agreements/${offer.id}`)).json<AgreementOut>().status, "offered");
  });

  test("a malformed id is a 400 naming it; a bad template is refused with its path", async () => {
    const response = await officer.get("/api/v1/agreements/not-a-uuid");
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /params\.id/);
    const v1 = (await officer.get("/api/v1/templates/1")).json<{
      texts: { nl: { articles: { clauses: { text: string }[] }[] }; en: unknown };
      parameters: unknown;
    }>();
    const broken = structuredClone(v1.texts);
    const clause = broken.nl.articles[0]?.clauses[0];
    assert.ok(clause);
    clause.text = "Binnen {{clocks.unknownClock.n}} dagen.";
    const published = await officer.send("POST", "/api/v1/templates", { texts: broken, parameters: v1.parameters, notes: "", offer: false });
    assert.equal(published.statusCode, 400, published.body);
    assert.match(published.body, /body\.texts\.nl\.articles/);
    assert.equal((await officer.get("/api/v1/templates")).json<unknown[]>().length, 2, "no version was published");
  });
});
