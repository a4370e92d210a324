import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  BREACH_FACT_KEYS,
  BREACH_FACT_LABELS,
  checkBreachNotice,
  mergeNoticeFacts,
  type BreachFact,
  type BreachFactKey,
  type CustomerNoticeFacts,
  type NoticeFacts,
} from "./breach-notice.ts";

const known = <T>(value: T): BreachFact<T> => ({ status: "known", value });
const unknown = (reason?: string): BreachFact<never> => (reason === undefined ? { status: "unknown" } : { status: "unknown", reason });
const at = (iso: string): Date => new Date(iso);

/** A notice with every art. 6.2 fact known and valid; each call a fresh copy, so a test may change it. */
const completeFacts = (): NoticeFacts => ({
  cause: known("Een kwetsbaarheid in de beheerinterface van opslagnode st-07 is misbruikt."),
  consequences: known("Onbevoegde toegang tot mailboxen; misbruik voor phishing is te verwachten."),
  solution: known("De node is afgesloten en gepatcht; wachtwoorden worden gereset."),
  contact: known({ name: "Security Officer", email: "security@hoster.example", phone: "+31 20 123 4567" }),
  affectedCount: known({ kind: "range", min: 120, max: 480 }),
  subjectGroup: known("Medewerkers en klanten van de klant"),
  dataKinds: known(["naam", "e-mailadres", "inhoud van e-mail"]),
  period: known({ start: at("2026-03-27T22:00:00Z"), end: at("2026-03-28T06:30:00Z") }),
  discoveredAt: known(at("2026-03-28T09:00:00Z")),
  unintelligible: known({ state: "partly", description: "Wachtwoorden gehasht (argon2id); e-mail onversleuteld opgeslagen." }),
  measuresTaken: known("Toegang ingetrokken, logbestanden veiliggesteld."),
  measuresPlanned: known("Extern onderzoek; tweefactorauthenticatie verplicht voor beheer."),
});

const withFact = <K extends BreachFactKey>(key: K, fact: NoticeFacts[K]): NoticeFacts => ({ ...completeFacts(), [key]: fact });
const missingKeys = (facts: NoticeFacts): BreachFactKey[] => checkBreachNotice(facts).missing.map((m) => m.key);

test("a notice with every fact known and valid is complete", () => {
  assert.deepEqual(checkBreachNotice(completeFacts()), { complete: true, missing: [], invalid: [], unknown: [] });
});

test("every fact of art. 6.2 has a key, in the seed's order, with its own Dutch and English label", () => {
  assert.deepEqual(BREACH_FACT_KEYS, Object.keys(completeFacts()));
  for (const key of BREACH_FACT_KEYS) {
    const label = BREACH_FACT_LABELS[key];
    assert.ok(label.nl.trim() !== "" && label.en.trim() !== "" && label.nl !== label.en, key);
  }
});

describe("a fact left out is missing and stops the notice", () => {
  for (const key of BREACH_FACT_KEYS) {
    test(key, () => {
      for (const absent of [undefined, null]) {
        const facts: NoticeFacts = completeFacts();
        if (absent === undefined) {
          delete facts[key];
        } else {
          facts[key] = absent;
        }
        const check = checkBreachNotice(facts);
        assert.equal(check.complete, false);
        assert.deepEqual(check.missing, [{ key, label: BREACH_FACT_LABELS[key] }]);
        assert.deepEqual(check.invalid, []);
        assert.deepEqual(check.unknown, []);
      }
    });
  }
});

describe("a fact stated as unknown is allowed (art. 6.2: as far as the processor knows)", () => {
  for (const key of BREACH_FACT_KEYS.filter((k) => k !== "discoveredAt")) {
    test(key, () => {
      for (const fact of [unknown(), unknown("Forensisch onderzoek loopt nog.")]) {
        assert.deepEqual(checkBreachNotice(withFact(key, fact)), { complete: true, missing: [], invalid: [], unknown: [key] });
      }
    });
  }
});

test("when the processor learned of it cannot be unknown: the 48-hour clock runs from it", () => {
  const check = checkBreachNotice(withFact("discoveredAt", unknown("niet bijgehouden")));
  assert.equal(check.complete, false);
  assert.deepEqual(check.unknown, []);
  assert.deepEqual(check.missing, []);
  assert.deepEqual(
    check.invalid.map((i) => i.key),
    ["discoveredAt"],
  );
  assert.match(check.invalid[0]?.message.en ?? "", /cannot be unknown.*art\. 6\.1/);
  assert.match(check.invalid[0]?.message.nl ?? "", /kan niet onbekend zijn/);
});

test("a notice with everything but discoveredAt explicitly unknown is complete, and lists the unknowns in order", () => {
  const facts: NoticeFacts = { discoveredAt: known(at("2026-03-28T09:00:00Z")) };
  for (const key of BREACH_FACT_KEYS.filter((k) => k !== "discoveredAt")) {
    facts[key] = unknown();
  }
  const check = checkBreachNotice(facts);
  assert.equal(check.complete, true);
  assert.deepEqual(
    check.unknown,
    BREACH_FACT_KEYS.filter((k) => k !== "discoveredAt"),
  );
});

describe("a known fact with nothing in it is missing, not unknown: the user left it empty", () => {
  const rows: { why: string; facts: NoticeFacts; missing: BreachFactKey }[] = [
    { why: "empty text", facts: withFact("cause", known("")), missing: "cause" },
    { why: "whitespace-only text", facts: withFact("measuresPlanned", known(" \n\t ")), missing: "measuresPlanned" },
    { why: "empty list of data kinds", facts: withFact("dataKinds", known([])), missing: "dataKinds" },
    { why: "contact with every part blank", facts: withFact("contact", known({ name: " ", email: "", phone: "" })), missing: "contact" },
    { why: "period without a start", facts: withFact("period", known({ end: "ongoing" } as never)), missing: "period" },
    { why: "no encryption answer", facts: withFact("unintelligible", known({} as never)), missing: "unintelligible" },
    { why: "known without a value", facts: withFact("subjectGroup", { status: "known" } as never), missing: "subjectGroup" },
    { why: "a status that is neither known nor unknown", facts: withFact("solution", { status: "tbd" } as never), missing: "solution" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      const check = checkBreachNotice(row.facts);
      assert.equal(check.complete, false);
      assert.deepEqual(
        check.missing.map((m) => m.key),
        [row.missing],
      );
      assert.deepEqual(check.invalid, []);
    });
  }
});

describe("a known fact that is wrong is invalid, says what is wrong in both languages, and stops the notice", () => {
  const rows: { why: string; facts: NoticeFacts; key: BreachFactKey; field?: string; says: RegExp }[] = [
    {
      why: "minimum above maximum",
      facts: withFact("affectedCount", known({ kind: "range", min: 500, max: 20 })),
      key: "affectedCount",
      says: /minimum \(500\) is greater than the maximum \(20\)/,
    },
    {
      why: "negative exact count",
      facts: withFact("affectedCount", known({ kind: "exact", count: -1 })),
      key: "affectedCount",
      field: "count",
      says: /whole number of 0 or more, not -1/,
    },
    {
      why: "fractional exact count",
      facts: withFact("affectedCount", known({ kind: "exact", count: 2.5 })),
      key: "affectedCount",
      field: "count",
      says: /not 2\.5/,
    },
    {
      why: "count that is not a number",
      facts: withFact("affectedCount", known({ kind: "exact", count: Number.NaN })),
      key: "affectedCount",
      field: "count",
      says: /not NaN/,
    },
    {
      why: "negative minimum",
      facts: withFact("affectedCount", known({ kind: "range", min: -5, max: 10 })),
      key: "affectedCount",
      field: "min",
      says: /not -5/,
    },
    {
      why: "fractional maximum",
      facts: withFact("affectedCount", known({ kind: "range", min: 1, max: 9.9 })),
      key: "affectedCount",
      field: "max",
      says: /not 9\.9/,
    },
    {
      why: "neither exact nor a range",
      facts: withFact("affectedCount", known({ kind: "about", count: 3 } as never)),
      key: "affectedCount",
      field: "kind",
      says: /exact number, or a minimum and a maximum/,
    },
    {
      why: "email without @",
      facts: withFact("contact", known({ name: "SO", email: "security.hoster.example", phone: "020 1234567" })),
      key: "contact",
      field: "email",
      says: /"security\.hoster\.example" is not a valid email/,
    },
    {
      why: "email without a domain dot",
      facts: withFact("contact", known({ name: "SO", email: "security@localhost", phone: "020 1234567" })),
      key: "contact",
      field: "email",
      says: /not a valid email/,
    },
    {
      why: "email with a space",
      facts: withFact("contact", known({ name: "SO", email: "secu rity@hoster.example", phone: "020 1234567" })),
      key: "contact",
      field: "email",
      says: /not a valid email/,
    },
    {
      why: "email left empty",
      facts: withFact("contact", known({ name: "SO", email: " ", phone: "020 1234567" })),
      key: "contact",
      field: "email",
      says: /email address is missing/,
    },
    {
      why: "contact name whitespace-only",
      facts: withFact("contact", known({ name: "  ", email: "so@hoster.example", phone: "020 1234567" })),
      key: "contact",
      field: "name",
      says: /name is missing/,
    },
    {
      why: "phone with letters",
      facts: withFact("contact", known({ name: "SO", email: "so@hoster.example", phone: "call the desk" })),
      key: "contact",
      field: "phone",
      says: /"call the desk" is not a valid phone number/,
    },
    {
      why: "phone left empty",
      facts: withFact("contact", known({ name: "SO", email: "so@hoster.example", phone: "" })),
      key: "contact",
      field: "phone",
      says: /phone number is missing/,
    },
    {
      why: "end before start",
      facts: withFact("period", known({ start: at("2026-03-28T06:00:00Z"), end: at("2026-03-28T05:59:59Z") })),
      key: "period",
      field: "end",
      says: /ends before it started/,
    },
    { why: "start that is not a date", facts: withFact("period", known({ start: at("not a date") })), key: "period", field: "start", says: /not a valid date/ },
    {
      why: "end that is not a date",
      facts: withFact("period", known({ start: at("2026-03-27T22:00:00Z"), end: "2026-03-28" as never })),
      key: "period",
      field: "end",
      says: /not a valid date/,
    },
    {
      why: "breach starting after the processor learned of it",
      facts: withFact("period", known({ start: at("2026-03-28T09:00:00.001Z") })),
      key: "period",
      field: "start",
      says: /cannot have started after the processor learned of it/,
    },
    { why: "discovery that is not a date", facts: withFact("discoveredAt", known(at(""))), key: "discoveredAt", says: /not a valid date/ },
    { why: "a data kind whitespace-only", facts: withFact("dataKinds", known(["naam", "  "])), key: "dataKinds", field: "1", says: /no\. 2 is empty/ },
    {
      why: "partly unintelligible without saying what",
      facts: withFact("unintelligible", known({ state: "partly", description: " " })),
      key: "unintelligible",
      field: "description",
      says: /which data were made unintelligible/,
    },
    {
      why: "an encryption answer other than yes, no, partly",
      facts: withFact("unintelligible", known({ state: "maybe" } as never)),
      key: "unintelligible",
      field: "state",
      says: /yes, no or partly/,
    },
  ];
  for (const row of rows) {
    test(row.why, () => {
      const check = checkBreachNotice(row.facts);
      assert.equal(check.complete, false);
      assert.deepEqual(check.missing, []);
      assert.equal(check.invalid.length, 1, JSON.stringify(check.invalid));
      const [problem] = check.invalid;
      assert.equal(problem?.key, row.key);
      assert.equal(problem?.field, row.field);
      assert.match(problem?.message.en ?? "", row.says);
      assert.ok(problem !== undefined && problem.message.nl.trim() !== "" && problem.message.nl !== problem.message.en, "a Dutch message of its own");
    });
  }
});

describe("edge values that are valid", () => {
  const rows: { why: string; facts: NoticeFacts }[] = [
    { why: "exactly 0 people", facts: withFact("affectedCount", known({ kind: "exact", count: 0 })) },
    { why: "a range of one number", facts: withFact("affectedCount", known({ kind: "range", min: 7, max: 7 })) },
    { why: "a single date, no end", facts: withFact("period", known({ start: at("2026-03-28T01:00:00Z") })) },
    { why: "an end of null is no end", facts: withFact("period", known({ start: at("2026-03-28T01:00:00Z"), end: null })) },
    { why: "still going on", facts: withFact("period", known({ start: at("2026-03-28T01:00:00Z"), end: "ongoing" })) },
    { why: "ends the instant it starts", facts: withFact("period", known({ start: at("2026-03-28T01:00:00Z"), end: at("2026-03-28T01:00:00Z") })) },
    { why: "starts the instant it is discovered", facts: withFact("period", known({ start: at("2026-03-28T09:00:00Z") })) },
    { why: "encrypted, without a description", facts: withFact("unintelligible", known({ state: "yes" })) },
    { why: "not encrypted", facts: withFact("unintelligible", known({ state: "no", description: null })) },
    {
      why: "an email with a plus, subdomain and capitals",
      facts: withFact("contact", known({ name: "SO", email: "Sec+Breach@Mail.Hoster.example", phone: "(020) 123-4567" })),
    },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.deepEqual(checkBreachNotice(row.facts), { complete: true, missing: [], invalid: [], unknown: [] });
    });
  }
});

test("every problem at once, reported in the order of art. 6.2 whatever the order of the input", () => {
  const facts: NoticeFacts = {
    measuresPlanned: unknown(),
    unintelligible: known({ state: "partly" }),
    period: known({ start: at("2026-03-28T06:00:00Z"), end: at("2026-03-28T05:00:00Z") }),
    dataKinds: known([]),
    contact: known({ name: "SO", email: "bad", phone: "nope" }),
    consequences: unknown(),
    cause: known(" "),
  };
  const check = checkBreachNotice(facts);
  assert.equal(check.complete, false);
  assert.deepEqual(
    check.missing.map((m) => m.key),
    ["cause", "solution", "affectedCount", "subjectGroup", "dataKinds", "discoveredAt", "measuresTaken"],
  );
  assert.deepEqual(
    check.invalid.map((i) => `${i.key}.${i.field ?? ""}`),
    ["contact.email", "contact.phone", "period.end", "unintelligible.description"],
  );
  assert.deepEqual(check.unknown, ["consequences", "measuresPlanned"]);
  assert.deepEqual(checkBreachNotice(facts), check, "the same facts give the same answer");
});

describe("per-customer facts over the shared ones", () => {
  const shared = (): NoticeFacts => ({ ...completeFacts(), affectedCount: undefined, dataKinds: known(["naam"]) });

  test("the customer's own counts and data kinds override; the rest is shared, written once", () => {
    const own: CustomerNoticeFacts = { affectedCount: known({ kind: "exact", count: 42 }), dataKinds: known(["naam", "IP-adres"]) };
    const merged = mergeNoticeFacts(shared(), own);
    assert.deepEqual(merged.affectedCount, known({ kind: "exact", count: 42 }));
    assert.deepEqual(merged.dataKinds, known(["naam", "IP-adres"]));
    assert.deepEqual(merged.cause, completeFacts().cause);
    assert.deepEqual(Object.keys(merged), BREACH_FACT_KEYS);
    assert.equal(checkBreachNotice(merged).complete, true);
  });

  test("without its own fact a customer gets the shared one, and a fact neither has is missing", () => {
    for (const own of [{}, { affectedCount: undefined }, { affectedCount: null }] satisfies CustomerNoticeFacts[]) {
      const merged = mergeNoticeFacts(shared(), own);
      assert.deepEqual(merged.dataKinds, known(["naam"]));
      assert.deepEqual(missingKeys(merged), ["affectedCount"]);
    }
  });

  test("a customer's explicit unknown overrides a shared known fact", () => {
    const merged = mergeNoticeFacts(completeFacts(), { dataKinds: unknown("Nog niet vastgesteld voor deze klant.") });
    assert.deepEqual(checkBreachNotice(merged), { complete: true, missing: [], invalid: [], unknown: ["dataKinds"] });
  });

  test("the discovery instant is the incident's: a per-customer one is ignored", () => {
    const own = { discoveredAt: known(at("2026-03-30T09:00:00Z")) } as CustomerNoticeFacts;
    assert.deepEqual(mergeNoticeFacts(completeFacts(), own).discoveredAt, known(at("2026-03-28T09:00:00Z")));
  });

  test("merging leaves both inputs as they were", () => {
    const s = shared();
    const own: CustomerNoticeFacts = { affectedCount: known({ kind: "exact", count: 1 }) };
    const [before, ownBefore] = [structuredClone(s), structuredClone(own)];
    mergeNoticeFacts(s, own);
    assert.deepEqual(s, before);
    assert.deepEqual(own, ownBefore);
  });
});
