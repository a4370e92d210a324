import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { pino } from "pino";
import { sql } from "drizzle-orm";
import { buildApp, type App } from "../app.ts";
import { fixedClock } from "../domain/clock.ts";
import { PUBLIC } from "./audience.ts";
import { errorForLog, loggerOptions, requestForLog } from "./logging.ts";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.ts";

// Logs carry no personal data: a request whose body and query hold a person's name and e-mail
// address fails inside the database, and nothing of them reaches the log (issue #9).

const NAME = "Jantine Persoonsgegevens";
const EMAIL = "jantine.privacy@voorbeeld.example";
const TOKEN = "c2VjcmV0LWNhbGVuZGFyLXRva2Vu";

let database: TestDatabase;
let app: App;
const lines: string[] = [];

before(async () => {
  database = await createTestDatabase();
  await database.migrate();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  app = await buildApp({
    db: database.db,
    clock: fixedClock(new Date("2026-03-28T09:00:00Z")),
    sessionSecret: "s".repeat(32),
    secureCookies: false,
    logger: pino(loggerOptions("info"), sink),
    webRoot: null,
  });
  // A route that makes PostgreSQL refuse a statement whose parameters are the request's personal data.
  app.post("/api/v1/test-only/fails", { config: { audience: PUBLIC } }, async (request) => {
    const body = request.body as { name: string; email: string };
    await database.db.execute(sql`select ${body.email}::integer as n, ${body.name}::integer as m`);
    return { ok: true };
  });
});
after(async () => {
  await app.close();
  await database.close();
});

test("an internal error logs the request id and the error, without the request's personal data", async () => {
  const response = await app.inject({
    method: "POST",
    url: `/api/v1/test-only/fails?search=${encodeURIComponent(EMAIL)}&who=${encodeURIComponent(NAME)}`,
    payload: { name: NAME, email: EMAIL },
  });
  assert.equal(response.statusCode, 500);
  const requestId = response.json<{ error: { requestId: string } }>().error.requestId;
  const log = lines.join("\n");
  for (const secret of [NAME, EMAIL, encodeURIComponent(EMAIL), "Persoonsgegevens", "voorbeeld"]) {
    assert.ok(!log.includes(secret), `the log holds "${secret}":\n${log}`);
  }
  const entries = lines.map(
    (line) => JSON.parse(line) as { reqId?: string; msg?: string; err?: { type: string; message: string; code?: string; cause?: { code?: string } } },
  );
  const failure = entries.find((e) => e.msg === "unhandled error");
  assert.ok(failure, log);
  assert.equal(failure.reqId, requestId, "the error names the request");
  assert.ok(failure.err, "the error is logged");
  assert.match(failure.err.message, /^Failed query: select \$1::integer/, "the statement without its values");
  assert.equal(failure.err.cause?.code ?? failure.err.code, "22P02", "PostgreSQL's code (invalid text representation) is kept");
  const incoming = entries.find((e) => e.msg === "incoming request") as { req?: { url: string } } | undefined;
  assert.equal(incoming?.req?.url, "/api/v1/test-only/fails?search=[redacted]&who=[redacted]", "query keys, not values");
});

test("a path parameter is logged only when it is a record's id", () => {
  const id = "0b6f4a52-7d0e-4c55-9d8e-2f7f3f1c9a10";
  assert.deepEqual(
    requestForLog({ method: "GET", url: `/api/v1/calendar/${TOKEN}.ics`, routeOptions: { url: "/api/v1/calendar/:file" }, params: { file: `${TOKEN}.ics` } }),
    {
      method: "GET",
      url: "/api/v1/calendar/:file",
    },
  );
  assert.deepEqual(requestForLog({ method: "GET", url: `/api/v1/controllers/${id}?x=1`, routeOptions: { url: "/api/v1/controllers/:id" }, params: { id } }), {
    method: "GET",
    url: `/api/v1/controllers/${id}?x=[redacted]`,
  });
});

test("an error's values are redacted: quoted values, key=value details, drizzle's parameters; its cause too", () => {
  const cause = Object.assign(new Error(`duplicate key value violates unique constraint "users_email_key"`), {
    code: "23505",
    constraint: "users_email_key",
    detail: `Key (email)=(${EMAIL}) already exists.`,
  });
  const error = Object.assign(new Error(`Failed query: insert into users (email) values ($1)\nparams: ${EMAIL},${NAME}`), {
    query: "insert",
    params: [EMAIL, NAME],
    cause,
  });
  const logged = JSON.stringify(errorForLog(error));
  assert.ok(!logged.includes(EMAIL) && !logged.includes(NAME), logged);
  assert.match(logged, /"code":"23505"/);
  assert.match(logged, /"constraint":"users_email_key"/);
  assert.doesNotMatch(logged, /"detail"|"params":\[/);
});
