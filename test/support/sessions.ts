// Helpers for route tests (first written for the sub-processor ones): a logged-in client that can also send multipart forms,
// customers with an agreement on a given template version, and the catalogue's service ids.
import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { App } from "../../src/app.ts";
import { nextLoginAddress, PASSWORD, stepUp, type TestApp } from "./app.ts";
import { createCustomer, createStaff } from "./factories.ts";
import type { StaffRole } from "../../src/db/schema/index.ts";

export interface FilePart {
  name: string;
  filename: string;
  type: string;
  data: Buffer;
}
export type Part = { name: string; value: string } | FilePart;

/** A multipart/form-data body. */
export function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----art28test${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ("value" in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`),
        part.data,
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface Session {
  userId: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  upload(url: string, parts: Part[]): Promise<LightMyRequestResponse>;
}

export async function session(app: App, email: string): Promise<Session> {
  const remoteAddress = nextLoginAddress();
  const response = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: PASSWORD }, remoteAddress });
  assert.equal(response.statusCode, 200, `login of ${email}: ${response.body}`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const me = response.json<{ csrfToken: string; id: string }>();
  await stepUp(app, cookie, me.csrfToken, remoteAddress);
  return {
    userId: me.id,
    get: (url, headers = {}) => app.inject({ method: "GET", url, headers: { cookie, ...headers } }),
    send: (method, url, body, headers = {}) =>
      app.inject({ method, url, headers: { cookie, "x-csrf-token": me.csrfToken, ...headers }, ...(body === undefined ? {} : { payload: body as object }) }),
    upload: (url, parts) => {
      const { payload, contentType } = multipart(parts);
      return app.inject({ method: "POST", url, headers: { cookie, "x-csrf-token": me.csrfToken, "content-type": contentType }, payload });
    },
  };
}

export async function staffSession(t: TestApp, role: StaffRole): Promise<Session> {
  return session(t.app, (await createStaff(t.database.db, role)).email);
}

/** Service ids by code, from the catalogue. */
export async function serviceIds(client: Session): Promise<Record<string, string>> {
  const catalogue = (await client.get("/api/v1/catalogue")).json<{ services: { id: string; code: string }[] }>();
  return Object.fromEntries(catalogue.services.map((s) => [s.code, s.id]));
}

export interface Customer {
  controllerId: string;
  name: string;
  owner: Session;
  viewer: Session;
}

export async function customer(t: TestApp, name: string, services: string[]): Promise<Customer> {
  const c = await createCustomer(t.database.db, t.clock, { name, services });
  return { controllerId: c.controllerId, name, owner: await session(t.app, c.owner.email), viewer: await session(t.app, c.viewer.email) };
}

/** The customer signs its open offer of `version` and the officer countersigns: in force. */
export async function signIntoForce(officer: Session, c: Customer, version: number): Promise<void> {
  const list = (await c.owner.get("/api/v1/agreements?status=offered")).json<{ id: string; templateVersion: number }[]>();
  const offer = list.find((a) => a.templateVersion === version);
  assert.ok(offer, `${c.name} has an offer of v${version}`);
  const document = (await c.owner.get(`/api/v1/agreements/${offer.id}/document`)).json<{ sha256: string }>();
  const signed = await c.owner.send("POST", `/api/v1/agreements/${offer.id}/sign`, {
    typedName: "Dirk Pieters",
    function: "Directeur",
    consent: true,
    documentSha256: document.sha256,
  });
  assert.equal(signed.statusCode, 200, signed.body);
  const countersigned = await officer.send("POST", `/api/v1/agreements/${offer.id}/countersign`, { typedName: "Priya de Vries", function: "Privacy officer" });
  assert.equal(countersigned.statusCode, 200, countersigned.body);
}

/** Publishes the next template version with another objection window; not offered yet. */
export async function publishWithObjectionDays(officer: Session, days: number): Promise<number> {
  const v1 = (await officer.get("/api/v1/templates/1")).json<{ texts: unknown; parameters: { clocks: Record<string, number> } }>();
  const parameters = { ...v1.parameters, clocks: { ...v1.parameters.clocks, subprocessorObjectionDays: days } };
  const published = await officer.send("POST", "/api/v1/templates", { texts: v1.texts, parameters, notes: `${days} dagen bezwaartermijn`, offer: false });
  assert.equal(published.statusCode, 201, published.body);
  return published.json<{ version: number }>().version;
}

export interface LocationIn {
  country: string;
  city: string | null;
  mechanism: string | null;
}

export const subprocessorBody = (name: string, serviceIdList: string[], locations: LocationIn[] = [{ country: "DE", city: "Frankfurt", mechanism: null }]) => ({
  name,
  activity: { nl: `${name}: opslag van back-ups`, en: `${name}: storage of backups` },
  website: `https://${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`,
  locations,
  serviceIds: serviceIdList,
});

export const description = { nl: "Wij schakelen een nieuwe partij in voor e-mailopslag.", en: "We engage a new party for email storage." };

/** A new sub-processor `name` for the service `serviceId`, registered and announced as an addition (to the customers taking that service); their ids. */
export async function announceNewSubprocessor(officer: Session, name: string, serviceId: string): Promise<{ subprocessorId: string; changeId: string }> {
  const sub = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody(name, [serviceId]));
  assert.equal(sub.statusCode, 201, sub.body);
  const subprocessorId = sub.json<{ id: string }>().id;
  const announced = await officer.send("POST", "/api/v1/subprocessor-changes", { kind: "add", subprocessorId, plan: { serviceIds: [serviceId] }, description });
  assert.equal(announced.statusCode, 201, announced.body);
  return { subprocessorId, changeId: announced.json<{ id: string }>().id };
}

export function errorOf(response: LightMyRequestResponse) {
  return response.json<{ error: { code: string; message: string; fields: { field: string; message: string }[] } }>().error;
}
