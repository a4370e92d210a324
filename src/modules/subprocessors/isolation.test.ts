import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import {
  customer,
  description,
  errorOf,
  serviceIds,
  staffSession,
  subprocessorBody,
  type Customer,
  type Part,
  type Session,
} from "../../../test/support/sessions.ts";

// Tenant isolation and roles for the sub-processor routes (DESIGN.md "Security"), in the pattern
// of src/http/isolation.test.ts: every route that takes an id of customer A's record, tried by
// someone else → 404; a role that may not act → 403; bad input → 400 naming the field, never 500.

let t: TestApp;
let a: Customer;
let b: Customer;
const staff: Partial<Record<StaffRole, Session>> = {};
let subId: string;
let changeOfA: string;
let objectionOfA: string;
let attachmentOfA: string;

const reason = "Wij willen deze partij niet voor onze gegevens.";
const file: Part = { name: "files", filename: "a.txt", type: "text/plain", data: Buffer.from("GEHEIM van klant A") };

/** Routes that touch customer A's own records (objection, thread, attachment, transfers). */
const recordsOfA = (): [string, string, unknown][] => [
  ["GET", `/api/v1/objections/${objectionOfA}`, undefined],
  ["GET", `/api/v1/objections/${objectionOfA}/messages`, undefined],
  ["POST", `/api/v1/objections/${objectionOfA}/messages`, { body: "Ik lees mee." }],
  ["UPLOAD", `/api/v1/objections/${objectionOfA}/messages`, [{ name: "body", value: "Ik lees mee." }, file]],
  ["POST", `/api/v1/objections/${objectionOfA}/outcome`, { outcome: "resolved", note: "Opgelost" }],
  ["GET", `/api/v1/attachments/${attachmentOfA}`, undefined],
  ["GET", `/api/v1/controllers/${a.controllerId}/transfers`, undefined],
];

/** Routes on a change announced to A only: another customer must not learn of it. */
const changeOfARoutes = (): [string, string, unknown][] => [
  ["GET", `/api/v1/subprocessor-changes/${changeOfA}`, undefined],
  ["GET", `/api/v1/subprocessor-changes/${changeOfA}/recipients`, undefined],
  ["GET", `/api/v1/subprocessor-changes/${changeOfA}/objections`, undefined],
  ["POST", `/api/v1/subprocessor-changes/${changeOfA}/objections`, { reason }],
  ["POST", `/api/v1/subprocessor-changes/${changeOfA}/withdraw`, { reason: "x" }],
  ["PUT", `/api/v1/subprocessor-changes/${changeOfA}/effective-date`, { effectiveAt: "2030-01-01T00:00:00Z" }],
  ["POST", `/api/v1/subprocessor-changes/${changeOfA}/apply`, undefined],
];

async function call(client: Session, method: string, url: string, body: unknown) {
  if (method === "GET") {
    return client.get(url);
  }
  if (method === "UPLOAD") {
    return client.upload(url, body as Part[]);
  }
  return client.send(method as "POST" | "PUT", url, body);
}

before(async () => {
  t = await createTestApp();
  for (const role of ["admin", "privacy_officer", "security_officer", "support", "auditor"] as StaffRole[]) {
    staff[role] = await staffSession(t, role);
  }
  const officer = staff.privacy_officer as Session;
  const svc = await serviceIds(officer);
  a = await customer(t, "Klant A", ["email"]);
  b = await customer(t, "Klant B", ["web-hosting"]);
  subId = (await officer.send("POST", "/api/v1/subprocessors", subprocessorBody("Isolatie Mail", [svc.email ?? ""]))).json<{ id: string }>().id;
  const announced = await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId: subId, plan: {}, description });
  changeOfA = announced.json<{ id: string }>().id;
  objectionOfA = (await a.owner.send("POST", `/api/v1/subprocessor-changes/${changeOfA}/objections`, { reason })).json<{ id: string }>().id;
  const message = await a.owner.upload(`/api/v1/objections/${objectionOfA}/messages`, [{ name: "body", value: "Zie bijlage." }, file]);
  attachmentOfA = message.json<{ attachments: { id: string }[] }>().attachments[0]?.id ?? "";
  assert.ok(attachmentOfA);
});
after(async () => {
  await t.close();
});

describe("tenant isolation", () => {
  for (const who of ["ownerB", "viewerB", "support"] as const) {
    // 404 where the route admits the role (the record's existence is not disclosed), 403 where it never
    // does (src/http/isolation.test.ts checks which by every route's declared audience).
    test(`${who} gets 404 (or 403) for every record of customer A`, async () => {
      const client = who === "support" ? staff.support : who === "ownerB" ? b.owner : b.viewer;
      assert.ok(client);
      for (const [method, url, body] of recordsOfA()) {
        const response = await call(client, method, url, body);
        assert.ok([403, 404].includes(response.statusCode), `${who} ${method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        assert.doesNotMatch(response.body, /Klant A|Wij willen|GEHEIM/, "nothing of A leaks");
      }
    });
  }

  for (const who of ["ownerB", "viewerB"] as const) {
    test(`${who} gets 404 (or 403) for every route of a change announced to A only`, async () => {
      const client = who === "ownerB" ? b.owner : b.viewer;
      for (const [method, url, body] of changeOfARoutes()) {
        const response = await call(client, method, url, body);
        assert.ok([403, 404].includes(response.statusCode), `${who} ${method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
      const list = (await client.get("/api/v1/subprocessor-changes")).json<{ total: number }>();
      assert.equal(list.total, 0);
      assert.deepEqual((await client.get("/api/v1/objections")).json<unknown[]>(), []);
      assert.deepEqual((await client.get(`/api/v1/objections?changeId=${changeOfA}`)).json<unknown[]>(), [], "a filter cannot widen a customer's view");
    });
  }

  test("customer A's own users reach its records", async () => {
    for (const [method, url] of [...recordsOfA(), ...changeOfARoutes()].filter(([m, u]) => m === "GET" && !u.endsWith("/recipients"))) {
      const response = await call(a.viewer, method, url, undefined);
      assert.equal(response.statusCode, 200, `${method} ${url}: ${response.body.slice(0, 200)}`);
    }
  });

  test("support staff see a change but only the recipients and objections of customers assigned to them", async () => {
    const support = staff.support as Session;
    assert.equal((await support.get(`/api/v1/subprocessor-changes/${changeOfA}`)).statusCode, 200);
    assert.equal((await support.get(`/api/v1/subprocessor-changes/${changeOfA}/recipients`)).json<{ total: number }>().total, 0);
    assert.deepEqual((await support.get(`/api/v1/subprocessor-changes/${changeOfA}/objections`)).json<unknown[]>(), []);
    assert.deepEqual((await support.get("/api/v1/objections")).json<unknown[]>(), []);
  });
});

describe("roles", () => {
  test("customers and read-only staff get 403 on what staff write", async () => {
    const writes: [string, string, unknown][] = [
      ["POST", "/api/v1/subprocessors", subprocessorBody("X", [])],
      ["PUT", `/api/v1/subprocessors/${subId}`, subprocessorBody("X", [])],
      ["UPLOAD", `/api/v1/subprocessors/${subId}/contract`, [{ name: "file", filename: "c.pdf", type: "application/pdf", data: Buffer.from("%PDF") }]],
      ["POST", "/api/v1/subprocessor-changes", { kind: "remove", subprocessorId: subId, plan: {}, description }],
      ["POST", `/api/v1/subprocessor-changes/${changeOfA}/withdraw`, { reason: "x" }],
      ["PUT", `/api/v1/subprocessor-changes/${changeOfA}/effective-date`, { effectiveAt: "2030-01-01T00:00:00Z" }],
      ["POST", `/api/v1/subprocessor-changes/${changeOfA}/apply`, undefined],
      ["POST", `/api/v1/objections/${objectionOfA}/outcome`, { outcome: "resolved", note: "Opgelost" }],
    ];
    const clients: [string, Session][] = [
      ["ownerA", a.owner],
      ["auditor", staff.auditor as Session],
      ["security_officer", staff.security_officer as Session],
    ];
    for (const [who, client] of clients) {
      for (const [method, url, body] of writes) {
        const response = await call(client, method, url, body);
        assert.equal(response.statusCode, 403, `${who} ${method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    assert.equal((await a.owner.get(`/api/v1/subprocessor-changes/${changeOfA}/recipients`)).statusCode, 403);
    assert.equal((await a.owner.get("/api/v1/transfers/warnings")).statusCode, 403);
    assert.equal((await (staff.auditor as Session).get("/api/v1/transfers/warnings")).statusCode, 200, "all staff read");
  });

  test("only a customer's owner or privacy contact objects; a viewer and staff cannot", async () => {
    const url = `/api/v1/subprocessor-changes/${changeOfA}/objections`;
    assert.equal((await a.viewer.send("POST", url, { reason })).statusCode, 403);
    assert.equal((await (staff.admin as Session).send("POST", url, { reason })).statusCode, 403);
  });
});

describe("bad input: a 400 naming the field, never a 500", () => {
  test("malformed ids, bodies and queries", async () => {
    const officer = staff.privacy_officer as Session;
    const cases: [string, string, unknown, string][] = [
      ["GET", "/api/v1/subprocessors/nope", undefined, "params.id"],
      ["GET", "/api/v1/subprocessor-changes/nope", undefined, "params.id"],
      ["GET", "/api/v1/objections/nope", undefined, "params.id"],
      ["GET", "/api/v1/attachments/nope", undefined, "params.id"],
      ["GET", "/api/v1/subprocessor-changes?limit=0", undefined, "querystring.limit"],
      ["GET", "/api/v1/subprocessor-changes?status=pending", undefined, "querystring.status"],
      ["GET", "/api/v1/objections?status=maybe", undefined, "querystring.status"],
      ["POST", "/api/v1/subprocessors", { ...subprocessorBody("X", []), name: "" }, "body.name"],
      ["POST", "/api/v1/subprocessors", { ...subprocessorBody("X", []), activity: { nl: "x" } }, "body.activity.en"],
      [
        "POST",
        "/api/v1/subprocessors",
        { ...subprocessorBody("X", []), locations: [{ country: "nl", city: null, mechanism: null }] },
        "body.locations.0.country",
      ],
      ["POST", "/api/v1/subprocessors", subprocessorBody("X", ["00000000-0000-4000-8000-000000000000"]), "body.serviceIds"],
      ["POST", "/api/v1/subprocessors", { ...subprocessorBody("X", []), serviceIds: ["x"] }, "body.serviceIds.0"],
      ["POST", `/api/v1/subprocessor-changes/${changeOfA}/withdraw`, {}, "body.reason"],
      ["PUT", `/api/v1/subprocessor-changes/${changeOfA}/effective-date`, { effectiveAt: "2020-01-01T00:00:00Z" }, "body.effectiveAt"],
      ["POST", `/api/v1/objections/${objectionOfA}/outcome`, { outcome: "resolved" }, "body.note"],
      ["POST", `/api/v1/objections/${objectionOfA}/outcome`, { outcome: "resolved", note: "   " }, "body.note"],
      ["POST", `/api/v1/objections/${objectionOfA}/messages`, {}, "body.body"],
      ["POST", `/api/v1/objections/${objectionOfA}/messages`, { body: "x", extra: true }, "body.extra"],
      [
        "UPLOAD",
        `/api/v1/objections/${objectionOfA}/messages`,
        [
          { name: "body", value: "x" },
          { ...file, name: "bijlage" },
        ],
        "body.bijlage",
      ],
    ];
    for (const [method, url, body, field] of cases) {
      const response = await call(officer, method, url, body);
      assert.equal(response.statusCode, 400, `${method} ${url} ${JSON.stringify(body)}: ${response.body.slice(0, 300)}`);
      assert.ok(
        errorOf(response).fields.some((f) => f.field === field),
        `${field} named in ${response.body.slice(0, 300)}`,
      );
    }
    const objection = await a.owner.send("POST", `/api/v1/subprocessor-changes/${changeOfA}/objections`, { reason: 42 });
    assert.equal(objection.statusCode, 400);
    assert.equal(errorOf(objection).fields[0]?.field, "body.reason");
  });
});

test("the OpenAPI document lists these routes under their tags", async () => {
  const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
  const tagOf = (path: string, method: string) => doc.paths[path]?.[method]?.tags?.[0];
  assert.equal(tagOf("/api/v1/subprocessors", "post"), "subprocessors");
  assert.equal(tagOf("/api/v1/subprocessor-changes/{id}/objections", "post"), "subprocessors");
  assert.equal(tagOf("/api/v1/controllers/{id}/transfers", "get"), "transfers");
  assert.equal(tagOf("/api/v1/transfers/warnings", "get"), "transfers");
  assert.equal(tagOf("/api/v1/trust", "get"), "trust");
  assert.ok(doc.paths["/api/v1/objections/{id}/messages"]?.post, "messages: JSON or multipart");
});
