import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import Parser from "rss-parser";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, description, serviceIds, staffSession, subprocessorBody, type Session } from "../../../test/support/sessions.ts";

// The public trust page (art. 5): no login, nothing about customers, and its Atom feed.

interface TrustPage {
  processor: { name: string; country: { code: string } };
  subprocessors: { name: string; countries: { code: string; name: { nl: string; en: string } }[]; services: { code: string }[] }[];
  announced: { id: string; kind: string; subprocessorName: string; windowClosesAt: string; effectiveAt: string | null; countries: { code: string }[] }[];
  recent: { id: string; subprocessorName: string; effectiveAt: string | null }[];
}

let t: TestApp;
let officer: Session;
const ids: Record<string, string> = {};

async function announce(name: string, services: string[], locations: { country: string; city: string | null; mechanism: string | null }[], planned?: string) {
  const sub = await officer.send("POST", "/api/v1/subprocessors", subprocessorBody(name, services, locations));
  assert.equal(sub.statusCode, 201, sub.body);
  const change = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "add",
    subprocessorId: sub.json<{ id: string }>().id,
    plan: {},
    description,
    ...(planned ? { plannedEffectiveAt: planned } : {}),
  });
  assert.equal(change.statusCode, 201, change.body);
  return change.json<{ id: string }>().id;
}

before(async () => {
  t = await createTestApp(new Date("2026-03-10T09:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  const svc = await serviceIds(officer);
  await customer(t, "Klant Geheim BV", ["email"]);
  // In effect: a sub-processor for a service no customer takes takes effect at once.
  ids.effective = await announce("Omega Racks", [svc.colocation ?? ""], [{ country: "NL", city: "Groningen", mechanism: null }]);
  assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${ids.effective}/apply`)).statusCode, 200);
  // Announced to the email customer, planned after its window.
  ids.announced = await announce("Sigma Mail <Inc>", [svc.email ?? ""], [{ country: "US", city: "Ashburn", mechanism: "dpf" }], "2026-04-01T08:00:00Z");
  // Withdrawn.
  ids.withdrawn = await announce("Tau Backup", [svc.backup ?? ""], [{ country: "DE", city: null, mechanism: null }]);
  assert.equal((await officer.send("POST", `/api/v1/subprocessor-changes/${ids.withdrawn}/withdraw`, { reason: "Niet nodig" })).statusCode, 200);
});
after(async () => {
  await t.close();
});

test("the trust page needs no login and shows the register and its changes, nothing about customers", async () => {
  const response = await t.app.inject({ method: "GET", url: "/api/v1/trust" });
  assert.equal(response.statusCode, 200, response.body);
  const page = response.json<TrustPage>();
  assert.equal(page.processor.country.code, "NL");
  assert.deepEqual(
    page.subprocessors.map((s) => [s.name, s.countries.map((c) => c.name.nl), s.services.map((x) => x.code)]),
    [["Omega Racks", ["Nederland"], ["colocation"]]],
  );
  assert.deepEqual(
    page.announced.map((c) => [c.subprocessorName, c.windowClosesAt, c.effectiveAt, c.countries.map((x) => x.code)]),
    [["Sigma Mail <Inc>", "2026-03-24T22:59:59.999Z", "2026-04-01T08:00:00.000Z", ["US"]]],
  );
  assert.deepEqual(
    page.recent.map((c) => c.id),
    [ids.effective],
  );
  assert.doesNotMatch(response.body, /Klant Geheim|affected|Tau Backup/, "no customers, counts or withdrawn changes on the page");
});

test("the Atom feed parses, in either language, with links from the configured public URL, never the request's host", async () => {
  const configured = process.env.ART28_PUBLIC_URL;
  process.env.ART28_PUBLIC_URL = "https://trust.example/";
  const en = await t.app
    .inject({
      method: "GET",
      url: "/api/v1/trust/changes.atom?lang=en",
      headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" },
    })
    .finally(() => {
      if (configured === undefined) {
        delete process.env.ART28_PUBLIC_URL;
      } else {
        process.env.ART28_PUBLIC_URL = configured;
      }
    });
  assert.equal(en.statusCode, 200, en.body);
  assert.match(String(en.headers["content-type"]), /^application\/atom\+xml/);
  const feed = await new Parser().parseString(en.body);
  assert.match(feed.title ?? "", /sub-processor changes/);
  assert.equal(feed.items.length, 3, "announced, in effect and withdrawn");
  // Atom titles are type="html": a reader unescapes them once.
  const titles = feed.items.map((i) => (i.title ?? "").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&"));
  assert.ok(titles.includes("Announced: new sub-processor Sigma Mail <Inc> (US)"), titles.join(" | "));
  assert.ok(titles.some((title) => title.startsWith("Withdrawn: ")));
  assert.ok(
    feed.items.every((i) => i.link?.startsWith("https://trust.example/trust#change-")),
    "links from ART28_PUBLIC_URL",
  );
  assert.doesNotMatch(en.body, /evil\.example/, "nothing from the client's Host or X-Forwarded-Host");
  assert.ok(feed.items.some((i) => i.id === `urn:uuid:${ids.announced}`));

  const nl = await t.app.inject({ method: "GET", url: "/api/v1/trust/changes.atom" });
  const dutch = await new Parser().parseString(nl.body);
  assert.ok(
    dutch.items.some((i) => i.title?.startsWith("Aangekondigd: nieuwe subverwerker")),
    "Dutch by default",
  );
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/trust/changes.atom?lang=de" })).statusCode, 400);
});

test("the public routes are rate limited", async () => {
  let last = 0;
  for (let i = 0; i < 125; i++) {
    last = (await t.app.inject({ method: "GET", url: "/api/v1/trust", remoteAddress: "10.7.7.7" })).statusCode;
  }
  assert.equal(last, 429);
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/trust", remoteAddress: "10.7.7.8" })).statusCode, 200, "per client");
});
