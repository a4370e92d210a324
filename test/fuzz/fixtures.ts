import assert from "node:assert/strict";
import { login, type Client, type TestApp } from "../support/app.ts";
import { createCustomer } from "../support/factories.ts";
import { description, multipart, subprocessorBody } from "../support/sessions.ts";

/**
 * A world with one record of every kind a path can name, made through the API: customer A (taking
 * e-mail) with an agreement, a webhook endpoint, a token, an objection to an announced change with a
 * message and an attachment, a breach notified to it; and the shared records (a sub-processor, a
 * service, a measure, a template version). `ids` maps a path's first segment to the record its
 * `{id}` names, so requests reach their handlers rather than a 404.
 */
export interface World {
  controllerId: string;
  admin: Client;
  owner: Client;
  ids: Record<string, string>;
}

function idOf(response: { statusCode: number; body: string; json: <T>() => T }, status = 201): string {
  assert.equal(response.statusCode, status, response.body);
  const id = response.json<{ id?: string }>().id;
  assert.ok(id, response.body);
  return id;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const a = await createCustomer(t.database.db, t.clock, { name: "Klant A", services: ["email"] });
  const admin = await login(t.app, "admin@test.example");
  const owner = await login(t.app, a.owner.email);
  const ids: Record<string, string> = { controllers: a.controllerId };

  assert.equal((await admin.send("POST", "/api/v1/templates/1/offer")).statusCode, 200);
  ids.agreements = (await owner.get("/api/v1/agreements")).json<{ id: string }[]>()[0]?.id ?? "";
  ids["webhook-endpoints"] = idOf(await owner.send("POST", `/api/v1/controllers/${a.controllerId}/webhook-endpoints`, { url: "https://a.example/hook" }));
  ids.tokens = idOf(await owner.send("POST", "/api/v1/tokens", { name: "A's token" }));

  const catalogue = (await admin.get("/api/v1/catalogue")).json<{ services: { id: string; code: string }[] }>();
  const email = catalogue.services.find((s) => s.code === "email")?.id ?? "";
  ids.services = email;
  ids.measures = (await admin.get("/api/v1/measures")).json<{ id: string }[]>()[0]?.id ?? "";
  ids.subprocessors = idOf(await admin.send("POST", "/api/v1/subprocessors", subprocessorBody("Fuzz Mail", [email])));
  ids["subprocessor-changes"] = idOf(
    await admin.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId: ids.subprocessors, plan: {}, description }),
  );
  ids.objections = idOf(
    await owner.send("POST", `/api/v1/subprocessor-changes/${ids["subprocessor-changes"]}/objections`, {
      reason: "Wij willen deze partij niet voor onze gegevens.",
    }),
  );
  const form = multipart([
    { name: "body", value: "Zie bijlage." },
    { name: "files", filename: "a.txt", type: "text/plain", data: Buffer.from("bijlage") },
  ]);
  const message = await owner.sendText(`/api/v1/objections/${ids.objections}/messages`, form.payload.toString("latin1"), form.contentType);
  assert.equal(message.statusCode, 201, message.body);
  ids.attachments = message.json<{ attachments: { id: string }[] }>().attachments[0]?.id ?? "";
  ids.cases = idOf(
    await owner.send("POST", "/api/v1/cases", {
      kind: "dpia_help",
      request: { subject: "dpia", title: "DPIA", what: "Hulp", services: ["email"], neededBy: null },
    }),
  );

  const incident = idOf(
    await admin.send("POST", "/api/v1/incidents", { title: "Lek", description: "Lek", discoveredAt: t.clock.now().toISOString(), discoveryHow: "Monitoring" }),
  );
  ids.incidents = incident;
  ids.breaches = incident;
  const at = (path: string) => `/api/v1/incidents/${incident}${path}`;
  assert.equal((await admin.send("POST", at("/customers"), { controllerIds: [a.controllerId] })).statusCode, 200);
  const assessment = { personalData: true, breach: true, confidentiality: true, integrity: false, availability: false, risk: "risk", decision: "notify" };
  assert.equal((await admin.send("POST", at("/assessments"), { ...assessment, reasoning: "Een echt datalek." })).statusCode, 201);
  const known = (value: unknown) => ({ status: "known", value });
  const facts = await admin.send("PUT", at("/facts"), {
    cause: known("Lek"),
    consequences: { status: "unknown" },
    solution: known("Dicht"),
    contact: known({ name: "S", email: "s@p.example", phone: "+31 20 1234567" }),
    affectedCount: known({ kind: "exact", count: 1 }),
    subjectGroup: known("Klanten"),
    dataKinds: known(["namen"]),
    period: known({ start: "2026-03-01T00:00:00Z" }),
    unintelligible: known({ state: "no" }),
    measuresTaken: known("Dicht"),
    measuresPlanned: known("Niets"),
  });
  assert.equal(facts.statusCode, 200, facts.body);
  assert.equal((await admin.send("POST", at("/notices"), {})).statusCode, 200);
  const affected = (await admin.get(at("/customers"))).json<{ customers: { notices: { id: string }[] }[] }>();
  ids["breach-notices"] = affected.customers[0]?.notices[0]?.id ?? "";
  ids.notices = (await owner.get("/api/v1/notices")).json<{ items: { id: string }[] }>().items[0]?.id ?? "";
  ids.obligations = (await owner.get("/api/v1/obligations?status=all")).json<{ items: { id: string }[] }>().items[0]?.id ?? "";
  ids.deliveries = (await admin.get("/api/v1/outbox")).json<{ items: { id: string }[] }>().items[0]?.id ?? "";
  for (const [segment, id] of Object.entries(ids)) {
    assert.ok(id, `the world has no ${segment} record`);
  }
  return { controllerId: a.controllerId, admin, owner, ids };
}

/** A path of the document with its parameters filled from the world (`{version}`: template 1). */
export function pathOf(world: World, template: string): string {
  const segment = template.replace(/^\/api\/v1\//, "").split("/")[0] ?? "";
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    if (name === "version") {
      return "1";
    }
    if (name === "controllerId") {
      return world.controllerId;
    }
    if (name === "file") {
      return `${"x".repeat(24)}.ics`;
    }
    return world.ids[segment] ?? world.controllerId;
  });
}
