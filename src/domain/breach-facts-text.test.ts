import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { describeFacts, factValueText } from "./breach-facts-text.ts";
import { BREACH_FACT_KEYS, changedFacts, factsFromJson, factsToJson, type StoredNoticeFacts } from "./breach-notice.ts";

const ZONE = "Europe/Amsterdam";

describe("a fact's text", () => {
  const cases: [string, Parameters<typeof factValueText>[0], unknown, "nl" | "en", string][] = [
    ["exact count", "affectedCount", { kind: "exact", count: 12345 }, "nl", "12.345"],
    ["range", "affectedCount", { kind: "range", min: 100, max: 2500 }, "nl", "tussen 100 en 2.500"],
    ["range en", "affectedCount", { kind: "range", min: 100, max: 2500 }, "en", "between 100 and 2,500"],
    ["one instant", "period", { start: "2026-03-28T09:00:00Z" }, "nl", "28-03-2026 10:00 (UTC+01:00)"],
    [
      "period across DST",
      "period",
      { start: "2026-03-28T09:00:00Z", end: "2026-03-30T09:00:00Z" },
      "nl",
      "van 28-03-2026 10:00 (UTC+01:00) tot 30-03-2026 11:00 (UTC+02:00)",
    ],
    ["ongoing", "period", { start: "2026-03-28T09:00:00Z", end: "ongoing" }, "en", "since 28 Mar 2026 10:00 (UTC+01:00) (still going on)"],
    ["discovery", "discoveredAt", "2026-10-25T01:30:00Z", "nl", "25-10-2026 02:30 (UTC+01:00)"],
    ["partly", "unintelligible", { state: "partly", description: "wachtwoorden gehasht" }, "nl", "Gedeeltelijk: wachtwoorden gehasht"],
    ["no", "unintelligible", { state: "no" }, "en", "No"],
    ["kinds", "dataKinds", ["namen", "e-mailadressen", "IBAN"], "nl", "namen, e-mailadressen, IBAN"],
    // Typed in Dutch, read on an English page: no "and" between Dutch words.
    ["kinds typed in Dutch, on an English page", "dataKinds", ["namen", "inhoud van e-mails en bijlagen"], "en", "namen, inhoud van e-mails en bijlagen"],
    ["contact", "contact", { name: "S. de Wit", email: "s@p.example", phone: "+31 20 1234567" }, "nl", "S. de Wit, s@p.example, +31 20 1234567"],
  ];
  for (const [name, key, value, locale, expected] of cases) {
    test(name, () => assert.equal(factValueText(key, value, ZONE, locale), expected));
  }
});

test("every fact is a row in the order of art. 6.2; unknown and missing say so", () => {
  const facts: StoredNoticeFacts = { cause: { status: "known", value: "Lek" }, consequences: { status: "unknown", reason: "onderzoek loopt" } };
  const rows = describeFacts(facts, ZONE, "nl", ["cause"]);
  assert.deepEqual(
    rows.map((r) => r.key),
    [...BREACH_FACT_KEYS],
  );
  assert.deepEqual(rows[0], { key: "cause", label: "(Vermoedelijke) oorzaak van het lek", text: "Lek", unknown: false, changed: true });
  assert.equal(rows[1]?.text, "Nog onbekend (onderzoek loopt)");
  assert.equal(rows[1]?.unknown, true);
  assert.equal(rows[2]?.text, "(niet ingevuld)");
  assert.equal(describeFacts(facts, ZONE, "en")[1]?.text, "Not yet known (onderzoek loopt)");
});

describe("facts as stored", () => {
  test("instants survive the round trip through JSON", () => {
    const facts = {
      discoveredAt: { status: "known" as const, value: new Date("2026-03-28T09:00:00Z") },
      period: { status: "known" as const, value: { start: new Date("2026-03-27T22:00:00Z"), end: "ongoing" as const } },
      cause: { status: "unknown" as const },
    };
    const stored = factsToJson(facts);
    assert.deepEqual(JSON.parse(JSON.stringify(stored)), {
      discoveredAt: { status: "known", value: "2026-03-28T09:00:00.000Z" },
      period: { status: "known", value: { start: "2026-03-27T22:00:00.000Z", end: "ongoing" } },
      cause: { status: "unknown" },
    });
    assert.deepEqual(factsFromJson(stored), facts);
  });

  test("what changed since the previous notice, whatever the key order", () => {
    const before: StoredNoticeFacts = { contact: { status: "known", value: { name: "A", email: "a@x.example", phone: "1" } }, cause: { status: "unknown" } };
    const same: StoredNoticeFacts = { cause: { status: "unknown" }, contact: { value: { phone: "1", email: "a@x.example", name: "A" }, status: "known" } };
    assert.deepEqual(changedFacts(before, same), []);
    assert.deepEqual(changedFacts(before, { ...same, cause: { status: "known", value: "Lek" }, solution: { status: "unknown" } }), ["cause", "solution"]);
    assert.deepEqual(changedFacts(null, same), [], "a first notice changes nothing: everything is new");
  });
});
