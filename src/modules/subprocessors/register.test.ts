import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { events } from "../../db/schema/index.ts";
import { customer, description, errorOf, serviceIds, staffSession, subprocessorBody, type Customer, type Session } from "../../../test/support/sessions.ts";

// The register itself (art. 5) and the contracts on file (art. 5.3).

interface SubOut {
  id: string;
  name: string;
  status: string;
  website: string | null;
  locations: { country: string; countryName: { nl: string; en: string }; zone: string; lawful: boolean; mechanism: string | null }[];
  services: { code: string }[];
  contract: { fileName: string; sha256: string; size: number; mediaType: string } | null;
}

let t: TestApp;
let officer: Session;
let support: Session;
let svc: Record<string, string>;
let mailCustomer: Customer;
let otherCustomer: Customer;
let sub: SubOut;
const contract = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from("\n%%EOF\n")]);

before(async () => {
  t = await createTestApp();
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  svc = await serviceIds(officer);
  mailCustomer = await customer(t, "Mail Klant", ["email"]);
  otherCustomer = await customer(t, "Andere Klant", ["colocation"]);
});
after(async () => {
  await t.close();
});

test("a sub-processor is registered with its locations assessed and its services", async () => {
  const created = await officer.send(
    "POST",
    "/api/v1/subprocessors",
    subprocessorBody(
      "Zeta Storage",
      [svc.email ?? "", svc.email ?? ""],
      [
        { country: "NL", city: "Amsterdam", mechanism: null },
        { country: "US", city: "Ashburn", mechanism: "dpf" },
        { country: "IN", city: "Mumbai", mechanism: "scc" },
      ],
    ),
  );
  assert.equal(created.statusCode, 201, created.body);
  sub = created.json<SubOut>();
  assert.deepEqual(
    sub.services.map((s) => s.code),
    ["email"],
    "a service named twice is linked once",
  );
  assert.deepEqual(
    sub.locations.map((l) => [l.country, l.zone, l.lawful]),
    [
      ["NL", "eea", true],
      ["US", "adequate", true],
      ["IN", "third", true],
    ],
  );
  assert.equal(sub.locations[1]?.countryName.nl, "Verenigde Staten");
  assert.equal(sub.contract, null);
  const events = (await officer.get("/api/v1/controllers/" + mailCustomer.controllerId + "/events")).json<{ type: string }[]>();
  assert.ok(!events.some((e) => e.type.startsWith("subprocessor.")), "register acts are on the processor's stream");

  const proposed = (await officer.get("/api/v1/subprocessors?status=proposed")).json<SubOut[]>();
  assert.deepEqual(
    proposed.map((s) => s.id),
    [sub.id],
  );
  assert.equal((await officer.get("/api/v1/subprocessors?status=gone")).statusCode, 400);
  const edited = await officer.send(
    "PUT",
    `/api/v1/subprocessors/${sub.id}`,
    subprocessorBody("Zeta Storage", [svc.email ?? "", svc.backup ?? ""], [{ country: "NL", city: "Amsterdam", mechanism: null }]),
  );
  assert.equal(edited.statusCode, 200, "a proposal not yet announced may change freely");
  assert.deepEqual(
    edited
      .json<SubOut>()
      .services.map((s) => s.code)
      .sort(),
    ["backup", "email"],
  );
  assert.equal((await officer.send("PUT", `/api/v1/subprocessors/00000000-0000-4000-8000-000000000000`, subprocessorBody("X", []))).statusCode, 404);
  assert.equal((await officer.send("PUT", `/api/v1/subprocessors/${sub.id}`, { ...subprocessorBody("X", []), website: "not a url" })).statusCode, 400);
});

test("the contract goes on file with its SHA-256; a replacement is evidence too", async () => {
  const draft = Buffer.from("concept-contract");
  assert.equal(
    (await officer.upload(`/api/v1/subprocessors/${sub.id}/contract`, [{ name: "file", filename: "concept.txt", type: "text/plain", data: draft }])).statusCode,
    200,
  );
  const uploaded = await officer.upload(`/api/v1/subprocessors/${sub.id}/contract`, [
    { name: "file", filename: "verwerkersovereenkomst zeta.pdf", type: "application/pdf", data: contract },
  ]);
  assert.equal(uploaded.statusCode, 200, uploaded.body);
  assert.deepEqual(uploaded.json(), {
    sha256: createHash("sha256").update(contract).digest("hex"),
    size: contract.length,
    fileName: "verwerkersovereenkomst zeta.pdf",
    mediaType: "application/pdf",
  });
  const shown = (await officer.get(`/api/v1/subprocessors/${sub.id}`)).json<SubOut>();
  assert.equal(shown.contract?.size, contract.length);
  const uploads = await t.database.db
    .select()
    .from(events)
    .where(and(eq(events.type, "subprocessor.contract_uploaded"), eq(events.subjectId, sub.id)))
    .orderBy(asc(events.seq));
  assert.deepEqual(
    uploads.map((e) => [e.stream, e.data.sha256, e.data.replacesSha256]),
    [
      ["processor", createHash("sha256").update(draft).digest("hex"), null],
      ["processor", createHash("sha256").update(contract).digest("hex"), createHash("sha256").update(draft).digest("hex")],
    ],
  );

  const missing = await officer.upload(`/api/v1/subprocessors/${sub.id}/contract`, [{ name: "note", value: "geen bestand" }]);
  assert.equal(missing.statusCode, 400);
  assert.equal(errorOf(missing).fields[0]?.field, "body.file");
  const notMultipart = await officer.send("POST", `/api/v1/subprocessors/${sub.id}/contract`, { file: "x" });
  // One content type per route (src/http/input-policy.ts): JSON to an upload is a 415.
  assert.equal(notMultipart.statusCode, 415);
  const tooBig = await officer.upload(`/api/v1/subprocessors/${sub.id}/contract`, [
    { name: "file", filename: "groot.pdf", type: "application/pdf", data: Buffer.alloc(10 * 1024 * 1024 + 1, 1) },
  ]);
  assert.equal(tooBig.statusCode, 413);
  assert.equal(errorOf(tooBig).code, "payload_too_large");
  assert.equal(
    (
      await mailCustomer.owner.upload(`/api/v1/subprocessors/${sub.id}/contract`, [
        { name: "file", filename: "x.pdf", type: "application/pdf", data: contract },
      ])
    ).statusCode,
    403,
  );
  assert.equal(
    (
      await officer.upload(`/api/v1/subprocessors/00000000-0000-4000-8000-000000000000/contract`, [
        { name: "file", filename: "x.pdf", type: "application/pdf", data: contract },
      ])
    ).statusCode,
    404,
  );
  const stillThere = (await officer.get(`/api/v1/subprocessors/${sub.id}`)).json<SubOut>();
  assert.equal(stillThere.contract?.sha256, createHash("sha256").update(contract).digest("hex"), "a refused upload changes nothing");
});

test("art. 5.3: a customer reads the contract of a sub-processor that serves it; another customer may not; staff always", async () => {
  const url = `/api/v1/subprocessors/${sub.id}/contract`;
  assert.equal((await mailCustomer.owner.get(url)).statusCode, 404, "an unannounced proposal is not shown to customers at all");
  const announced = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "add",
    subprocessorId: sub.id,
    plan: { serviceIds: [svc.email] },
    description,
  });
  assert.equal(announced.statusCode, 201, announced.body);

  const read = await mailCustomer.viewer.get(url);
  assert.equal(read.statusCode, 200, "announced to it: it may judge the contract before objecting");
  assert.deepEqual(read.rawPayload, contract);
  assert.equal(read.headers["content-type"], "application/pdf");
  assert.equal(read.headers["x-content-sha256"], createHash("sha256").update(contract).digest("hex"));
  assert.match(String(read.headers["content-disposition"]), /filename="verwerkersovereenkomst zeta.pdf"/);
  const events = (await mailCustomer.owner.get(`/api/v1/controllers/${mailCustomer.controllerId}/events`)).json<{ type: string }[]>();
  assert.ok(
    events.some((e) => e.type === "subprocessor.contract_read"),
    "reading it is evidence in the customer's stream",
  );

  const refused = await otherCustomer.owner.get(url, { "accept-language": "en" });
  assert.equal(refused.statusCode, 403);
  assert.match(errorOf(refused).message, /art\. 5\.3/);
  assert.equal((await support.get(url)).statusCode, 200, "staff always");
  assert.equal((await otherCustomer.owner.get(`/api/v1/subprocessors/${sub.id}`)).statusCode, 200, "the register itself is public once announced");
});

test("no session: the register and contracts need a login", async () => {
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/subprocessors" })).statusCode, 401);
  assert.equal((await t.app.inject({ method: "GET", url: `/api/v1/subprocessors/${sub.id}/contract` })).statusCode, 401);
});
