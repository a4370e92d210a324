import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_WEB_ROOT } from "../app.ts";
import { createTestApp, login, type TestApp } from "../../test/support/app.ts";
import { createStaff } from "../../test/support/factories.ts";
import { customer, staffSession, subprocessorBody, serviceIds, type Session } from "../../test/support/sessions.ts";
import { secureCookies } from "../cli/serve.ts";
import { inlineScriptHashes } from "./csp.ts";

// The edges of the HTTP server (issue #9): a strict CSP, small JSON bodies, Secure cookies behind HTTPS.

let t: TestApp;
let officer: Session;

before(async () => {
  t = await createTestApp(undefined, { webRoot: DEFAULT_WEB_ROOT });
  officer = await staffSession(t, "privacy_officer");
});
after(async () => {
  await t.close();
});

const scriptSrc = (policy: unknown) => /(?:^|;)script-src ([^;]*)/.exec(String(policy))?.[1]?.split(" ") ?? [];

test("the web UI's CSP allows no inline script; the API's allows nothing and is not cached or framed", async () => {
  const page = await t.app.inject({ method: "GET", url: "/" });
  assert.deepEqual(scriptSrc(page.headers["content-security-policy"]), ["'self'"], String(page.headers["content-security-policy"]));
  assert.match(String(page.headers["content-security-policy"]), /script-src-attr 'none'/);
  assert.match(String(page.headers["content-security-policy"]), /style-src 'self' 'unsafe-inline'/, "styles keep working");
  assert.equal(page.headers["cross-origin-opener-policy"], "same-origin");
  assert.equal(page.headers["referrer-policy"], "no-referrer");

  const { owner } = await customer(t, "Kop en Staart", ["email"]);
  for (const [url, who] of [
    ["/api/v1/trust", null],
    ["/api/v1/home", owner],
    ["/api/v1/no-such-route", null],
  ] as const) {
    const response = who ? await who.get(url) : await t.app.inject({ method: "GET", url });
    assert.equal(response.headers["content-security-policy"], "default-src 'none';frame-ancestors 'none'", url);
    assert.equal(response.headers["cache-control"], "no-store", url);
    assert.equal(response.headers["x-frame-options"], "DENY", url);
    assert.equal(response.headers["x-content-type-options"], "nosniff", url);
    assert.equal(response.headers["cross-origin-resource-policy"], "same-origin", url);
    assert.match(String(response.headers["strict-transport-security"]), /max-age=\d+/, url);
    assert.equal(response.headers["cross-origin-opener-policy"], undefined, `${url}: no page headers on an API answer`);
  }
  // A route that may be kept says so itself: the calendar feed.
  const { url } = (await owner.send("POST", "/api/v1/calendar-feed", {})).json<{ url: string }>();
  const feed = await t.app.inject({ method: "GET", url: new URL(url).pathname });
  assert.equal(feed.statusCode, 200, feed.body.slice(0, 200));
  assert.equal(feed.headers["cache-control"], "private, max-age=300");
  const index = join(DEFAULT_WEB_ROOT, "index.html");
  if (existsSync(index)) {
    assert.deepEqual(inlineScriptHashes(readFileSync(index, "utf8")), [], "the built UI has no inline script (npx vite build)");
  }
});

test("the API reference loads: its own inline script is allowed by its hash, nothing else inline", async () => {
  const bare = await t.app.inject({ method: "GET", url: "/api/docs" });
  assert.equal(bare.statusCode, 301);
  assert.equal(bare.headers.location, "/api/docs/");
  const page = await t.app.inject({ method: "GET", url: "/api/docs/" });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers["content-type"]), /^text\/html/);
  const hashes = inlineScriptHashes(page.body);
  assert.equal(hashes.length, 1, page.body);
  const sources = scriptSrc(page.headers["content-security-policy"]);
  assert.deepEqual(sources, ["'self'", ...hashes]);
  assert.ok(!sources.includes("'unsafe-inline'"));
  const script = /<script src="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const bundle = await t.app.inject({ method: "GET", url: `/api/docs/${script}` });
  assert.equal(bundle.statusCode, 200, script);
  assert.equal((await t.app.inject({ method: "GET", url: "/api/openapi.json" })).statusCode, 200);
});

test("JSON bodies are limited to 1 MiB; the imports and uploads take more", async () => {
  const big = "x".repeat(1024 * 1024 + 10);
  const json = await officer.send("POST", "/api/v1/subprocessors", { ...subprocessorBody("Groot", [], []), name: big });
  assert.equal(json.statusCode, 413, json.body);

  const csv = ["customer_number,name", ...Array.from({ length: 40_000 }, (_, i) => `BIG${i},Klant nummer ${i} met een lange naam`)].join("\n");
  assert.ok(Buffer.byteLength(csv) > 1024 * 1024);
  const importer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
  const imported = await importer.sendText("/api/v1/imports/customers.csv?dryRun=true", csv, "text/csv");
  assert.equal(imported.statusCode, 200, imported.body.slice(0, 500));

  const customers = Array.from({ length: 20_000 }, (_, i) => ({ customerNumber: `JB${i}`, name: `Klant nummer ${i} met een lange naam`, services: [] }));
  const jsonImport = await officer.send("POST", "/api/v1/imports/customers?dryRun=true", { customers });
  assert.ok(JSON.stringify({ customers }).length > 1024 * 1024);
  assert.equal(jsonImport.statusCode, 200, jsonImport.body.slice(0, 500));

  const svc = await serviceIds(officer);
  const sub = await officer.send(
    "POST",
    "/api/v1/subprocessors",
    subprocessorBody("Contract Groot", [svc.email ?? ""], [{ country: "NL", city: null, mechanism: null }]),
  );
  assert.equal(sub.statusCode, 201, sub.body);
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
  const upload = await officer.upload(`/api/v1/subprocessors/${sub.json<{ id: string }>().id}/contract`, [
    { name: "file", filename: "contract.pdf", type: "application/pdf", data: pdf },
  ]);
  assert.ok(upload.statusCode < 300, `a 2 MiB contract: ${upload.statusCode} ${upload.body}`);
});

test("cookies are Secure whenever the public URL is https", () => {
  assert.equal(secureCookies({ ART28_PUBLIC_URL: "https://art28.example" }), true);
  assert.equal(secureCookies({ ART28_PUBLIC_URL: "HTTPS://art28.example/" }), true);
  assert.equal(secureCookies({ ART28_PUBLIC_URL: "http://localhost:3000" }), false);
  assert.equal(secureCookies({}), false);
  assert.equal(secureCookies({ ART28_PUBLIC_URL: "http://localhost:3000", ART28_SECURE_COOKIES: "true" }), true);
});
