import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../../test/support/app.ts";

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

test("the OpenAPI 3.1 document is generated from the schemas that validate requests", async () => {
  const response = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
  assert.equal(response.statusCode, 200);
  const doc = response.json<{
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
  }>();
  assert.equal(doc.openapi, "3.1.0");
  const sign = doc.paths["/api/v1/agreements/{id}/sign"]?.post;
  assert.deepEqual(sign?.requestBody?.content["application/json"]?.schema.required?.sort(), ["consent", "documentSha256", "function", "typedName"]);
  assert.ok(doc.paths["/api/v1/controllers/{id}/contact"]?.put, "the contact route is documented");
});

test("browsable API docs are served beside it", async () => {
  const response = await t.app.inject({ method: "GET", url: "/api/docs/" });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers["content-type"]), /html/);
});

test("an unknown API route is a 404 in the error shape", async () => {
  const response = await t.app.inject({ method: "GET", url: "/api/v1/nope" });
  assert.equal(response.statusCode, 404);
  assert.equal(response.json<{ error: { code: string } }>().error.code, "not_found");
});

test("errors answer in the language asked for: Dutch for the Dutch UI, English by default", async () => {
  const bad = { email: "not-an-email" };
  const nl = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", headers: { "accept-language": "nl" }, payload: bad });
  const nlFields = nl.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
  assert.deepEqual(nlFields.find((f) => f.field === "body.password")?.message, "is verplicht");
  assert.match(nlFields.find((f) => f.field === "body.email")?.message ?? "", /moet overeenkomen met het volgende formaat/);
  const en = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: bad });
  assert.equal(
    en.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields.find((f) => f.field === "body.password")?.message,
    "is required",
  );
  const wrong = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    headers: { "accept-language": "nl-NL,nl;q=0.9" },
    payload: { email: "x@y.example", password: "nope" },
  });
  assert.equal(wrong.json<{ error: { message: string } }>().error.message, "het e-mailadres of wachtwoord is onjuist");
});
