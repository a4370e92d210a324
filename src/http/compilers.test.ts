import { test } from "node:test";
import assert from "node:assert/strict";
import Fastify from "fastify";
import { Type } from "typebox";
import { directNullables, serializerFactory, validatorFactory } from "./compilers.ts";

const Out = Type.Object({
  at: Type.Union([Type.String({ format: "date-time" }), Type.Null()], { description: "when" }),
  count: Type.Union([Type.Integer(), Type.Null()]),
  flag: Type.Union([Type.Null(), Type.Boolean()]),
  either: Type.Union([Type.String(), Type.Integer()]),
  state: Type.Union([Type.Literal("open"), Type.Null()]),
  nested: Type.Union([Type.Object({ name: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
});

test("a nullable of one type becomes a type list for the serializer; other unions and the original stay as they are", () => {
  const before = JSON.stringify(Out);
  const direct = directNullables(Out) as { properties: Record<string, Record<string, unknown>> };
  assert.deepEqual(direct.properties.at, { type: ["string", "null"], format: "date-time", description: "when" });
  assert.deepEqual(direct.properties.count, { type: ["integer", "null"] });
  assert.deepEqual(direct.properties.flag, { type: ["boolean", "null"] });
  assert.ok(Array.isArray(direct.properties.either?.anyOf), "string | integer is no nullable");
  assert.ok(Array.isArray(direct.properties.state?.anyOf), "a literal or null stays a union");
  assert.deepEqual(direct.properties.nested?.type, ["object", "null"], "a nullable object too");
  assert.deepEqual((direct.properties.nested?.properties as Record<string, unknown>).name, { type: ["string", "null"] }, "and inside it");
  assert.equal(JSON.stringify(Out), before, "the route's own schema (OpenAPI, validation) is untouched");
});

for (const onFirstUse of [false, true]) {
  test(`answers serialize the same through it: values, nulls, dates (compiled ${onFirstUse ? "on first use" : "at start"})`, async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: serializerFactory(onFirstUse) } } });
    const rows = [
      { at: new Date("2026-03-29T01:00:00Z"), count: 3, flag: true, either: 7, state: "open", nested: { name: 'a"b' } },
      { at: null, count: null, flag: null, either: "x", state: null, nested: { name: null } },
      { at: "2026-10-25T02:30:00.000Z", count: 0, flag: false, either: "", state: null, nested: null },
    ];
    app.get("/:i", { schema: { response: { 200: Out } } }, (request) => rows[Number((request.params as { i: string }).i)]);
    const answers = await Promise.all(rows.map((_, i) => app.inject({ method: "GET", url: `/${i}` })));
    assert.deepEqual(
      answers.map((a) => a.json()),
      [
        { at: "2026-03-29T01:00:00.000Z", count: 3, flag: true, either: 7, state: "open", nested: { name: 'a"b' } },
        { at: null, count: null, flag: null, either: "x", state: null, nested: { name: null } },
        { at: "2026-10-25T02:30:00.000Z", count: 0, flag: false, either: "", state: null, nested: null },
      ],
    );
    await app.close();
  });
}

test("compiled at start, a schema the serializer refuses stops the start; on first use, only its route's answer", async () => {
  const broken = { type: "object", properties: { a: { $ref: "#/definitions/missing" } } };
  const eager = Fastify({ schemaController: { compilersFactory: { buildSerializer: serializerFactory(false) } } });
  eager.get("/", { schema: { response: { 200: broken } } }, () => ({ a: 1 }));
  await assert.rejects(async () => {
    await eager.ready();
  });

  const lazy = Fastify({ schemaController: { compilersFactory: { buildSerializer: serializerFactory(true) } } });
  lazy.get("/", { schema: { response: { 200: broken } } }, () => ({ a: 1 }));
  await lazy.ready();
  assert.equal((await lazy.inject({ method: "GET", url: "/" })).statusCode, 500);
  await lazy.close();
});

for (const onFirstUse of [false, true]) {
  test(`input is validated, coerced and refused the same (compiled ${onFirstUse ? "on first use" : "at start"})`, async () => {
    const app = Fastify({
      ajv: { customOptions: { allErrors: true } },
      schemaController: { compilersFactory: { buildValidator: validatorFactory(onFirstUse), buildSerializer: serializerFactory(onFirstUse) } },
    });
    app.post(
      "/:id",
      {
        schema: {
          params: Type.Object({ id: Type.Integer() }),
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 10, default: 5 }) }),
          body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        },
      },
      (request) => ({ params: request.params, query: request.query, body: request.body }),
    );
    const ok = await app.inject({ method: "POST", url: "/7?limit=3", payload: { name: "x" } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { params: { id: 7 }, query: { limit: 3 }, body: { name: "x" } }, "coerced to integers");
    assert.deepEqual((await app.inject({ method: "POST", url: "/7", payload: { name: "y" } })).json<{ query: unknown }>().query, { limit: 5 }, "defaults");
    for (const [url, name, field] of [
      ["/7?limit=30", "x", /limit/],
      ["/7", "", /name/],
    ] as const) {
      const refused = await app.inject({ method: "POST", url, payload: { name } });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json<{ message: string }>().message, field, "the refusal names the field");
    }
    assert.equal((await app.inject({ method: "POST", url: "/x", payload: { name: "z" } })).statusCode, 400);
    await app.close();
  });
}

test("compiled at start, an input schema Ajv refuses stops the start; on first use, only its route's answer", async () => {
  const broken = { type: "object", properties: { a: { type: "nonsense" } } };
  const eager = Fastify({ schemaController: { compilersFactory: { buildValidator: validatorFactory(false) } } });
  eager.post("/", { schema: { body: broken } }, () => ({}));
  await assert.rejects(async () => {
    await eager.ready();
  });
  const lazy = Fastify({ schemaController: { compilersFactory: { buildValidator: validatorFactory(true) } } });
  lazy.post("/", { schema: { body: broken } }, () => ({}));
  await lazy.ready();
  assert.equal((await lazy.inject({ method: "POST", url: "/", payload: { a: 1 } })).statusCode, 500);
  await lazy.close();
});
