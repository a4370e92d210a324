import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { controllerDomains, deliveries, events, notices, subjectRequestFiles, subjectRequests } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { sweepTasks } from "../../modules.ts";
import { customer, errorOf, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { NETWORK_PER_HOUR, submitForm } from "./submit-form.ts";
import { insertTicket } from "./queries.ts";

// A data subject's request reaching the processor (art. 8.1): the public form and its defences,
// the confirmation link, the duty to forward in working days, finding the customer by its domain
// names, forwarding, the customer's outcome, telling the requester, and erasing the requester's
// data after the retention period with the skeleton kept; the evidence never names the requester.

interface RequestOut {
  id: string;
  reference: string;
  status: string;
  dueAt: string | null;
  clock: string;
  controllerId: string | null;
  content: { name: string; email: string | null; message: string } | null;
  files: { id: string; sha256: string }[];
  proposals: { controllerId: string; domain: string }[];
  eraseAfter: string | null;
  erasedAt: string | null;
  outcome: string | null;
}

let t: TestApp;
let officer: Session;
let support: Session;
let a: Customer;
let b: Customer;

// Thursday 2 April 2026, 11:00 in Amsterdam: Goede Vrijdag (3 April) counts, Tweede Paasdag (6 April) does not.
const START = new Date("2026-04-02T09:00:00Z");
// 2 working days after Thursday 2 April: Friday 3 April, then Tuesday 7 April; its end, summer time.
const DUE = "2026-04-07T21:59:59.999Z";

const anon = (method: "GET" | "POST", url: string, payload?: object, remoteAddress = "192.0.2.10") =>
  t.app.inject({ method, url, remoteAddress, headers: { "accept-language": "nl" }, ...(payload ? { payload } : {}) });

const form = (ticket: string, overrides: Record<string, unknown> = {}) => ({
  ticket,
  homepage: "",
  locale: "nl",
  right: "erasure",
  name: "Jan de Vries",
  email: "Jan.deVries@Example.NET",
  organisation: "Bakkerij Alfa",
  website: "https://www.bakkerij-alfa.nl/contact",
  message: "Verwijder mijn gegevens uit de klantenadministratie.",
  ...overrides,
});

async function ticket(): Promise<string> {
  const response = await anon("POST", "/api/v1/public/privacy-requests/tickets", undefined, "192.0.2.99");
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ ticket: string }>().ticket;
}

const secretOf = async (reference: string) => {
  const rows = await t.database.db.select().from(notices).where(eq(notices.kind, "subject_request_confirmation"));
  const found = rows.find((n) => (n.data as { reference: string }).reference === reference);
  return (found?.data as { secret: string } | undefined)?.secret ?? "";
};

before(async () => {
  t = await createTestApp(START);
  officer = await staffSession(t, "privacy_officer");
  support = await staffSession(t, "support");
  a = await customer(t, "Bakkerij Alfa", ["web-hosting"]);
  b = await customer(t, "Boekhandel Beta", ["email"]);
  await inScope(t.database.db, { kind: "processor" }, (tx) =>
    tx.insert(controllerDomains).values({ controllerId: a.controllerId, domain: "bakkerij-alfa.nl" }),
  );
});
after(async () => {
  await t.close();
});

describe("the public form (art. 8.1)", () => {
  let reference = "";

  test("its defences: a filled honeypot, a form sent within seconds, a spent or unknown ticket — each a 400 that says why", async () => {
    const honeypot = await anon("POST", "/api/v1/public/privacy-requests", form(await ticket(), { homepage: "http://spam.example" }));
    assert.equal(honeypot.statusCode, 400, honeypot.body);
    assert.equal(errorOf(honeypot).fields[0]?.field, "body.homepage");
    const fast = await anon("POST", "/api/v1/public/privacy-requests", form(await ticket()));
    assert.equal(fast.statusCode, 400, fast.body);
    assert.equal(errorOf(fast).fields[0]?.field, "body.ticket");
    assert.match(errorOf(fast).message, /binnen enkele seconden/);
    const unknown = await anon("POST", "/api/v1/public/privacy-requests", form("00000000-0000-4000-8000-000000000000"));
    assert.match(errorOf(unknown).message, /verlopen of al gebruikt/);
    const tooLong = await anon("POST", "/api/v1/public/privacy-requests", form(await ticket(), { message: "x".repeat(5001) }));
    assert.equal(tooLong.statusCode, 400);
    assert.match(JSON.stringify(errorOf(tooLong).fields), /body\.message/);
    assert.equal((await t.database.db.select().from(subjectRequests)).length, 0, "nothing written");
  });

  test("a person's submission: nothing reaches staff until the e-mailed link confirms the address", async () => {
    const mine = await ticket();
    t.clock.advance(20_000);
    const sent = await anon("POST", "/api/v1/public/privacy-requests", form(mine), "192.0.2.20");
    assert.equal(sent.statusCode, 202, sent.body);
    reference = sent.json<{ reference: string }>().reference;
    assert.match(reference, /^B-2026-\d{4}$/);
    assert.equal((await anon("POST", "/api/v1/public/privacy-requests", form(mine), "192.0.2.20")).statusCode, 400, "a ticket is spent once");
    assert.deepEqual((await officer.get("/api/v1/subject-requests")).json(), [], "staff see nothing yet");
    const [delivery] = await t.database.db.select().from(deliveries).where(eq(deliveries.recipientRole, "data_subject"));
    assert.equal(delivery?.recipient, "jan.devries@example.net");
    // The evidence names the requester by hash only.
    const log = JSON.stringify(await t.database.db.select().from(events));
    assert.ok(!log.includes("jan.devries@example.net") && !log.includes("Jan de Vries"), "the event log names the requester");
    assert.match(log, /sha256:[0-9a-f]{64}/);

    const confirmed = await anon("POST", "/api/v1/public/privacy-requests/confirm", { secret: await secretOf(reference) });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal((await anon("POST", "/api/v1/public/privacy-requests/confirm", { secret: await secretOf(reference) })).statusCode, 400, "once");
    const list = (await officer.get("/api/v1/subject-requests")).json<RequestOut[]>();
    assert.equal(list.length, 1);
    assert.equal(list[0]?.dueAt, DUE, "2 working days: Goede Vrijdag counts, Tweede Paasdag does not");
    assert.equal(list[0]?.clock, "running");
    assert.equal((await t.database.db.select().from(notices).where(eq(notices.kind, "subject_request_received"))).length, 1, "the privacy staff are told");
    assert.equal((await support.get("/api/v1/subject-requests")).statusCode, 403, "support does not see requesters' data");
    const log2 = JSON.stringify(await t.database.db.select().from(events));
    assert.ok(!log2.includes("Jan de Vries") && !log2.includes("klantenadministratie"), "nor does any event hold what was written");
  });

  test("the network limit: a network that sent too many in the last hour is refused with 429", async () => {
    await inScope(t.database.db, { kind: "processor" }, async (tx) => {
      for (let i = 0; i < NETWORK_PER_HOUR; i += 1) {
        const id = await insertTicket(tx, new Date(t.clock.now().getTime() - 60_000));
        await submitForm(tx, t.clock, form(id, { email: `flood${i}@example.net` }) as Parameters<typeof submitForm>[2], "198.51.100.0/24");
      }
    });
    const refused = await inScope(t.database.db, { kind: "processor" }, async (tx) => {
      const id = await insertTicket(tx, new Date(t.clock.now().getTime() - 60_000));
      return submitForm(tx, t.clock, form(id) as Parameters<typeof submitForm>[2], "198.51.100.0/24").then(
        () => null,
        (error: unknown) => error,
      );
    });
    assert.equal((refused as { code?: string } | null)?.code, "rate_limited");
  });

  test("a flood from one address and from one network: refused (429) once over the limits, never a 5xx, nothing reaches staff", async () => {
    const before = (await officer.get("/api/v1/subject-requests")).json<RequestOut[]>().length;
    const statuses: number[] = [];
    const tickets = await Promise.all(Array.from({ length: 12 }, () => ticket()));
    t.clock.advance(10_000);
    for (const [i, id] of tickets.entries()) {
      statuses.push((await anon("POST", "/api/v1/public/privacy-requests", form(id, { email: `bot${i}@example.net` }), "203.0.113.7")).statusCode);
    }
    assert.deepEqual(statuses.slice(0, 5), [202, 202, 202, 202, 202]);
    assert.ok(
      statuses.slice(5).every((s) => s === 429),
      statuses.join(","),
    );
    // Malformed and oversized bodies, a wrong media type: 4xx, never 5xx.
    const raw = (payload: string, type = "application/json") =>
      t.app.inject({ method: "POST", url: "/api/v1/public/privacy-requests", remoteAddress: "203.0.113.99", headers: { "content-type": type }, payload });
    assert.equal((await raw("{not json")).statusCode, 400);
    assert.equal((await raw(JSON.stringify(form(tickets[0] ?? "", { message: "x".repeat(40_000) })))).statusCode, 413);
    assert.equal((await raw("name=x", "application/x-www-form-urlencoded")).statusCode, 415);
    assert.equal((await officer.get("/api/v1/subject-requests")).json<RequestOut[]>().length, before, "unconfirmed: staff see none of them");
  });

  test("unconfirmed submissions are removed once their link expires, with the e-mail that carried it", async () => {
    t.clock.advance(25 * 3_600_000);
    await runSweep(t.database.db, t.clock, sweepTasks());
    const left = await t.database.db.select().from(subjectRequests);
    assert.deepEqual(
      left.map((r) => r.status),
      ["received"],
    );
    assert.equal(
      (await t.database.db.select().from(notices).where(eq(notices.kind, "subject_request_confirmation"))).length,
      1,
      "only the confirmed one's e-mail stays",
    );
  });
});

describe("staff intake, finding the customer, forwarding and the customer's outcome", () => {
  let request: RequestOut;
  let eraseAfter = "";

  test("staff record a letter with the original; the customers its domains point to are proposed", async () => {
    const recorded = await officer.upload("/api/v1/subject-requests", [
      { name: "source", value: "letter" },
      { name: "right", value: "access" },
      { name: "locale", value: "nl" },
      { name: "name", value: "Piet Pietersen" },
      { name: "email", value: "piet@mail.bakkerij-alfa.nl" },
      { name: "organisation", value: "De bakker om de hoek" },
      { name: "message", value: "Ik wil weten welke gegevens u van mij heeft." },
      { name: "files", filename: "brief.txt", type: "text/plain", data: Buffer.from("Geachte heer, mevrouw,") },
    ]);
    assert.equal(recorded.statusCode, 201, recorded.body);
    request = recorded.json<RequestOut>();
    assert.equal(request.status, "received");
    assert.equal(request.files.length, 1);
    assert.deepEqual(
      request.proposals.map((p) => [p.controllerId, p.domain]),
      [[a.controllerId, "bakkerij-alfa.nl"]],
    );
    const bad = await officer.upload("/api/v1/subject-requests", [
      { name: "source", value: "pigeon" },
      { name: "right", value: "access" },
    ]);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(JSON.stringify(errorOf(bad).fields), /body\.source/);
  });

  test("forwarded: the customer gets it as received and acknowledges it; the duty is met; another customer sees nothing", async () => {
    const forwarded = await officer.send("POST", `/api/v1/subject-requests/${request.id}/forward`, { controllerId: a.controllerId, tellRequester: true });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    assert.equal(forwarded.json<RequestOut>().clock, "met_in_time");
    assert.equal(
      (await officer.send("POST", `/api/v1/subject-requests/${request.id}/forward`, { controllerId: a.controllerId, tellRequester: false })).statusCode,
      409,
    );
    const mine = (await a.owner.get("/api/v1/subject-requests")).json<RequestOut[]>();
    assert.deepEqual(
      mine.map((r) => r.id),
      [request.id],
    );
    const seen = (await a.viewer.get(`/api/v1/subject-requests/${request.id}`)).json<RequestOut>();
    assert.equal(seen.content?.name, "Piet Pietersen");
    assert.equal(seen.proposals.length, 0, "the customer sees no proposals");
    const file = await a.viewer.get(`/api/v1/subject-request-files/${seen.files[0]?.id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers["x-content-sha256"], seen.files[0]?.sha256);
    assert.equal((await b.owner.get(`/api/v1/subject-requests/${request.id}`)).statusCode, 404);
    assert.equal((await b.owner.get(`/api/v1/subject-request-files/${seen.files[0]?.id}`)).statusCode, 404);
    assert.deepEqual((await b.owner.get("/api/v1/subject-requests")).json(), []);
    const told = await t.database.db.select().from(notices).where(eq(notices.kind, "subject_request_forwarded"));
    assert.equal(told.length, 1);
    assert.equal(told[0]?.requiresAck, true);
    assert.equal((await t.database.db.select().from(notices).where(eq(notices.kind, "subject_request_requester_told"))).length, 1);
    // art. 9.1: the officer's view of the forwarded request is in the customer's access log.
    assert.equal((await officer.get(`/api/v1/subject-requests/${request.id}`)).statusCode, 200);
    const log = (await a.owner.get("/api/v1/access-log")).json<{ items: { what: string; recordId: string }[] }>();
    assert.ok(
      log.items.some((row) => row.what === "subject_request" && row.recordId === request.id),
      JSON.stringify(log.items),
    );
  });

  test("art. 8.2: the customer asks technical help with it, as a case with an estimate; another customer cannot name it", async () => {
    const ask = (c: Customer, reference: string) =>
      c.owner.send("POST", "/api/v1/cases", {
        kind: "subject_request_help",
        request: { subjectRequest: reference, what: "Een export van de mailbox van de betrokkene.", neededBy: null },
      });
    const asked = await ask(a, request.reference);
    assert.equal(asked.statusCode, 201, asked.body);
    assert.equal(asked.json<{ costs: boolean }>().costs, true);
    const foreign = await ask(b, request.reference);
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.equal(errorOf(foreign).fields[0]?.field, "body.request.subjectRequest");
    assert.equal(errorOf(await ask(a, "B-2026-9999")).fields[0]?.field, "body.request.subjectRequest");
  });

  test("the customer records its outcome (not a viewer); the request ends, to be erased 12 months later", async () => {
    assert.equal((await a.viewer.send("POST", `/api/v1/subject-requests/${request.id}/outcome`, { outcome: "handled", note: "" })).statusCode, 403);
    const bad = await a.owner.send("POST", `/api/v1/subject-requests/${request.id}/outcome`, { outcome: "ignored", note: "" });
    assert.equal(errorOf(bad).fields[0]?.field, "body.outcome");
    const done = await a.owner.send("POST", `/api/v1/subject-requests/${request.id}/outcome`, { outcome: "handled", note: "Inzage gegeven op 10 april." });
    assert.equal(done.statusCode, 200, done.body);
    const closed = done.json<RequestOut>();
    assert.equal(closed.status, "closed");
    assert.ok(closed.eraseAfter && new Date(closed.eraseAfter) > new Date("2027-04-01T00:00:00Z"));

    eraseAfter = closed.eraseAfter;
  });

  test("a request that concerns none of the customers: recorded so, the requester told in its language", async () => {
    const recorded = await officer.send("POST", "/api/v1/subject-requests", {
      source: "email",
      right: "objection",
      locale: "en",
      name: "Mary Smith",
      email: "mary@example.org",
      organisation: "Some Shop Ltd",
      message: "Stop sending me adverts.",
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const id = recorded.json<RequestOut>().id;
    assert.deepEqual(recorded.json<RequestOut>().proposals, []);
    const closed = await officer.send("POST", `/api/v1/subject-requests/${id}/not-ours`, { tellRequester: true });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<RequestOut>().status, "not_ours");
    const [toMary] = await t.database.db.select().from(deliveries).where(eq(deliveries.recipient, "mary@example.org"));
    assert.equal(toMary?.locale, "en");
    const noContact = await officer.send("POST", "/api/v1/subject-requests", {
      source: "phone",
      right: "access",
      locale: "nl",
      name: "Anoniem",
      organisation: "x",
      message: "y",
    });
    assert.equal(errorOf(noContact).fields[0]?.field, "body.email");
  });

  test("12 months after the end the requester's data are erased: content, files, the notices that carried them; the skeleton stays", async () => {
    t.clock.set(new Date(new Date(eraseAfter).getTime() + 60_000));
    await runSweep(t.database.db, t.clock, sweepTasks());
    const [row] = await t.database.db.select().from(subjectRequests).where(eq(subjectRequests.id, request.id));
    assert.equal(row?.content, null);
    assert.ok(row?.erasedAt);
    assert.equal(row?.outcome, "handled", "the skeleton stays");
    assert.equal(row?.right, "access");
    assert.equal((await t.database.db.select().from(subjectRequestFiles).where(eq(subjectRequestFiles.requestId, request.id))).length, 0);
    const left = await t.database.db
      .select()
      .from(notices)
      .where(and(eq(notices.subjectType, "subject_request"), eq(notices.subjectId, request.id)));
    assert.equal(left.length, 0, "the notices that carried the request are gone");
    const erased = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, "subject_request.erased"), eq(events.subjectId, request.id)));
    assert.equal(erased.length, 1);
    assert.equal(erased[0]?.controllerId, a.controllerId, "in the customer's chain");
  });
});
