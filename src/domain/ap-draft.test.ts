import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AP_DRAFT_SECTION_KEYS, buildApDraft, type ApDraft, type ApDraftField, type ApDraftInput } from "./ap-draft.ts";
import type { StoredNoticeFacts } from "./breach-notice.ts";
import type { BreachNotice } from "./breach-notice.ts";

const ZONE = "Europe/Amsterdam";

/** Every art. 6.2 fact known, as stored (JSON); a fresh copy each call. */
const storedFacts = (): StoredNoticeFacts => ({
  cause: { status: "known", value: "Een kwetsbaarheid in de beheerinterface van opslagnode st-07 is misbruikt." },
  consequences: { status: "known", value: "Onbevoegde toegang tot mailboxen; phishing is te verwachten." },
  solution: { status: "known", value: "De node is afgesloten en gepatcht." },
  contact: { status: "known", value: { name: "Sam Security", email: "security@hoster.example", phone: "+31 20 123 4567" } },
  affectedCount: { status: "known", value: { kind: "range", min: 120, max: 480 } },
  subjectGroup: { status: "known", value: "Medewerkers en klanten van de klant" },
  dataKinds: { status: "known", value: ["naam", "e-mailadres", "inhoud van e-mail"] },
  period: { status: "known", value: { start: "2026-03-27T22:00:00.000Z", end: "2026-03-28T06:30:00.000Z" } },
  discoveredAt: { status: "known", value: "2026-03-28T08:00:00.000Z" },
  unintelligible: { status: "known", value: { state: "partly", description: "Wachtwoorden gehasht (argon2id); e-mail onversleuteld." } },
  measuresTaken: { status: "known", value: "Toegang ingetrokken, logbestanden veiliggesteld." },
  measuresPlanned: { status: "known", value: "Extern onderzoek." },
});

function notice(overrides: Partial<BreachNotice> = {}): BreachNotice {
  return {
    kind: "breach_notice",
    incidentId: "00000000-0000-4000-8000-000000000001",
    reference: "INC-0007",
    title: "Opslagnode st-07 gecompromitteerd",
    stage: "initial",
    sequence: 1,
    facts: storedFacts(),
    changed: [],
    message: null,
    nature: { confidentiality: true, integrity: false, availability: true },
    dueAt: "2026-03-30T08:00:00.000Z",
    affectedCustomers: null,
    ...overrides,
  };
}

function input(overrides: Partial<ApDraftInput> = {}): ApDraftInput {
  return {
    locale: "nl",
    zone: ZONE,
    controller: { name: "Bakkerij De Korst B.V.", kvk: "87654321", address: "Dorpsstraat 1", postalCode: "1234 AB", city: "Ergens", country: "NL" },
    contact: { name: "Pim Privacy", email: "privacy@korst.example", phone: "+31 6 1234 5678" },
    processor: { name: "Hoster B.V.", kvk: "12345678", email: "privacy@hoster.example" },
    notices: [{ data: notice(), sentAt: new Date("2026-03-28T09:00:00Z") }],
    awareAt: new Date("2026-03-28T09:00:00Z"),
    ...overrides,
  };
}

function field(draft: ApDraft, key: string): ApDraftField {
  const found = draft.sections.flatMap((s) => s.fields).find((f) => f.key === key);
  assert.ok(found, `no field ${key}`);
  return found;
}

test("every section of the AP's form is there, in the form's order, each with fields", () => {
  const draft = buildApDraft(input());
  assert.deepEqual(
    draft.sections.map((s) => s.key),
    ["contact", "timeline", "nature", "personalData", "group", "measuresBefore", "consequences", "followUp"],
  );
  assert.deepEqual(
    AP_DRAFT_SECTION_KEYS,
    draft.sections.map((s) => s.key),
  );
  for (const section of draft.sections) {
    assert.ok(section.fields.length > 0, section.key);
    for (const f of section.fields) {
      assert.notEqual(f.text.trim(), "", `${f.key} has no text`);
      assert.notEqual(f.label.trim(), "", `${f.key} has no label`);
    }
  }
  const keys = draft.sections.flatMap((s) => s.fields.map((f) => f.key));
  assert.equal(new Set(keys).size, keys.length, "field keys are unique");
});

test("the fields come from the controller, the processor and the notice", () => {
  const draft = buildApDraft(input());
  const cases: [string, unknown, string][] = [
    ["organisation", "Bakkerij De Korst B.V.", "Bakkerij De Korst B.V."],
    ["address", "Dorpsstraat 1, 1234 AB Ergens, Nederland", "Dorpsstraat 1, 1234 AB Ergens, Nederland"],
    ["contactEmail", "privacy@korst.example", "privacy@korst.example"],
    ["breachStart", "2026-03-27T22:00:00.000Z", "27-03-2026 23:00 (UTC+01:00)"],
    ["breachEnd", "2026-03-28T06:30:00.000Z", "28-03-2026 07:30 (UTC+01:00)"],
    ["ongoing", false, "Nee"],
    ["discoveredAt", "2026-03-28T08:00:00.000Z", "28-03-2026 09:00 (UTC+01:00)"],
    ["processorNotifiedAt", "2026-03-28T09:00:00.000Z", "28-03-2026 10:00 (UTC+01:00)"],
    ["confidentiality", true, "Ja"],
    ["integrity", false, "Nee"],
    ["dataKinds", ["naam", "e-mailadres", "inhoud van e-mail"], "naam, e-mailadres, inhoud van e-mail"],
    ["unintelligible", "partly", "Gedeeltelijk"],
    ["unintelligibleDescription", "Wachtwoorden gehasht (argon2id); e-mail onversleuteld.", "Wachtwoorden gehasht (argon2id); e-mail onversleuteld."],
    ["processorContact", "Sam Security, security@hoster.example, +31 20 123 4567", "Sam Security, security@hoster.example, +31 20 123 4567"],
  ];
  for (const [key, value, text] of cases) {
    assert.deepEqual(field(draft, key).value, value, key);
    assert.equal(field(draft, key).text, text, key);
  }
  assert.equal(
    field(draft, "processorRole").text,
    "Het datalek vond plaats bij onze verwerker Hoster B.V. (KvK 12345678, privacy@hoster.example), die ons op grond van artikel 6 van onze verwerkersovereenkomst op 28-03-2026 10:00 (UTC+01:00) heeft geïnformeerd.",
  );
});

test("a breach still going on says so in start, end and 'still going on'", () => {
  const facts = { ...storedFacts(), period: { status: "known", value: { start: "2026-03-27T22:00:00.000Z", end: "ongoing" } } } as StoredNoticeFacts;
  const draft = buildApDraft(input({ notices: [{ data: notice({ facts }), sentAt: new Date("2026-03-28T09:00:00Z") }] }));
  assert.deepEqual([field(draft, "breachEnd").value, field(draft, "breachEnd").text], [null, "Nog gaande"]);
  assert.deepEqual([field(draft, "ongoing").value, field(draft, "ongoing").text], [true, "Ja"]);
});

describe("a fact the processor stated as unknown comes through as unknown, with its reason", () => {
  const cases: { fact: keyof StoredNoticeFacts; fields: string[]; reason?: string }[] = [
    { fact: "cause", fields: ["summary"], reason: "forensisch onderzoek loopt" },
    { fact: "affectedCount", fields: ["affectedCount"], reason: "logs worden geanalyseerd" },
    { fact: "dataKinds", fields: ["dataKinds"] },
    { fact: "period", fields: ["breachStart", "breachEnd", "ongoing"], reason: "begin nog niet vastgesteld" },
    { fact: "unintelligible", fields: ["unintelligible", "unintelligibleDescription"] },
    { fact: "measuresPlanned", fields: ["measuresPlanned"], reason: "  " },
  ];
  for (const c of cases) {
    test(c.fact, () => {
      const facts: StoredNoticeFacts = { ...storedFacts(), [c.fact]: c.reason === undefined ? { status: "unknown" } : { status: "unknown", reason: c.reason } };
      const draft = buildApDraft(input({ notices: [{ data: notice({ facts }), sentAt: new Date("2026-03-28T09:00:00Z") }] }));
      const reason = c.reason?.trim() || undefined;
      for (const key of c.fields) {
        const f = field(draft, key);
        assert.equal(f.value, null, key);
        assert.equal(f.unknown, true, key);
        assert.equal(f.toAnswer, undefined, key);
        assert.equal(f.reason, reason, key);
        assert.equal(f.text, reason === undefined ? "Nog onbekend" : `Nog onbekend (${reason})`, key);
      }
    });
  }
});

test("what only the controller can answer is left open, with a hint", () => {
  const draft = buildApDraft(input({ contact: null, controller: { ...input().controller, kvk: null, address: null } }));
  for (const key of ["kvk", "address", "contactName", "contactEmail", "contactPhone", "specialCategories", "outsideNl", "informSubjects", "lateReason"]) {
    const f = field(draft, key);
    assert.equal(f.value, null, key);
    assert.equal(f.toAnswer, true, key);
    assert.equal(f.text, "Door u in te vullen", key);
    assert.ok(f.hint !== undefined && f.hint.length > 20, key);
    assert.equal(f.unknown, undefined, key);
  }
});

test("a fact the notice does not have at all is left to the controller, never an empty text", () => {
  const facts = storedFacts();
  delete facts.consequences;
  const draft = buildApDraft(input({ notices: [{ data: notice({ facts }), sentAt: new Date("2026-03-28T09:00:00Z") }] }));
  assert.equal(field(draft, "consequences").toAnswer, true);
  assert.equal(field(draft, "consequences").value, null);
  const emptyKinds = { ...storedFacts(), dataKinds: { status: "known", value: [] } } as StoredNoticeFacts;
  const kinds = field(buildApDraft(input({ notices: [{ data: notice({ facts: emptyKinds }), sentAt: new Date("2026-03-28T09:00:00Z") }] })), "dataKinds");
  assert.deepEqual([kinds.value, kinds.toAnswer, kinds.text], [null, true, "Door u in te vullen"]);
});

describe("the 72-hour deadline runs from awareAt in elapsed hours", () => {
  const cases: { name: string; awareAt: Date | null; deadline: string | null; text: RegExp }[] = [
    {
      name: "across the start of summer time (29 March 2026): 72 h is 11:00 local, not 10:00",
      awareAt: new Date("2026-03-28T09:00:00Z"),
      deadline: "2026-03-31T09:00:00.000Z",
      text: /uiterlijk 31-03-2026 11:00 \(UTC\+02:00\) bij de AP: 72 uur nadat u ervan op de hoogte raakte \(28-03-2026 10:00 \(UTC\+01:00\)/,
    },
    {
      name: "across the end of summer time (25 October 2026)",
      awareAt: new Date("2026-10-24T10:00:00Z"),
      deadline: "2026-10-27T10:00:00.000Z",
      text: /uiterlijk 27-10-2026 11:00 \(UTC\+01:00\)/,
    },
    { name: "not yet aware: no deadline", awareAt: null, deadline: null, text: /^De termijn van 72 uur is nog niet gestart/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const draft = buildApDraft(input({ awareAt: c.awareAt }));
      assert.equal(draft.deadline, c.deadline);
      assert.equal(draft.awareAt, c.awareAt === null ? null : c.awareAt.toISOString());
      assert.match(draft.deadlineText, c.text);
      assert.equal(field(draft, "deadline").value, c.deadline);
      if (c.awareAt === null) {
        assert.equal(field(draft, "deadline").text, "Nog niet gestart");
        assert.equal(field(draft, "awareAt").toAnswer, true);
      }
    });
  }
});

describe("the number of people: exact or a range, as numbers", () => {
  const cases: { count: unknown; value: unknown; nl: string; en: string }[] = [
    { count: { kind: "exact", count: 3120 }, value: 3120, nl: "3.120", en: "3,120" },
    { count: { kind: "range", min: 120, max: 4800 }, value: { min: 120, max: 4800 }, nl: "tussen 120 en 4.800", en: "between 120 and 4,800" },
    { count: { kind: "exact", count: 0 }, value: 0, nl: "0", en: "0" },
  ];
  for (const c of cases) {
    test(JSON.stringify(c.count), () => {
      const facts = { ...storedFacts(), affectedCount: { status: "known", value: c.count } } as StoredNoticeFacts;
      for (const locale of ["nl", "en"] as const) {
        const draft = buildApDraft(input({ locale, notices: [{ data: notice({ facts }), sentAt: new Date("2026-03-28T09:00:00Z") }] }));
        assert.deepEqual(field(draft, "affectedCount").value, c.value);
        assert.equal(field(draft, "affectedCount").text, c[locale]);
      }
    });
  }
});

test("the latest notice's facts win, whatever order the notices come in, and the draft says which it is based on", () => {
  const later = {
    ...storedFacts(),
    affectedCount: { status: "known", value: { kind: "exact", count: 312 } },
    cause: { status: "known", value: "Gestolen beheerderswachtwoord." },
  } as StoredNoticeFacts;
  const notices = [
    {
      data: notice({
        sequence: 2,
        stage: "follow_up",
        facts: later,
        changed: ["cause", "affectedCount"],
        nature: { confidentiality: true, integrity: true, availability: false },
      }),
      sentAt: new Date("2026-03-29T12:00:00Z"),
    },
    { data: notice(), sentAt: new Date("2026-03-28T09:00:00Z") },
  ];
  const draft = buildApDraft(input({ notices }));
  assert.equal(field(draft, "summary").text, "Gestolen beheerderswachtwoord.");
  assert.equal(field(draft, "affectedCount").value, 312);
  assert.equal(field(draft, "integrity").value, true);
  // The processor notified the controller with its first notice.
  assert.equal(field(draft, "processorNotifiedAt").value, "2026-03-28T09:00:00.000Z");
  assert.deepEqual(draft.basedOn, [
    { sequence: 1, stage: "initial", sentAt: "2026-03-28T09:00:00.000Z" },
    { sequence: 2, stage: "follow_up", sentAt: "2026-03-29T12:00:00.000Z" },
  ]);
  assert.equal(
    draft.basedOnText,
    "Ingevuld met de feiten uit de meldingen van Hoster B.V. over INC-0007: nr. 1 (eerste melding, verzonden 28-03-2026 10:00 (UTC+01:00)) en nr. 2 (aanvulling, verzonden 29-03-2026 14:00 (UTC+02:00)); bij verschillen geldt de laatste.",
  );
});

test("no notice, no draft", () => {
  assert.throws(() => buildApDraft(input({ notices: [] })), RangeError);
});

describe("Dutch and English", () => {
  const cases = [
    {
      locale: "nl" as const,
      title: "Concept: melding datalek aan de Autoriteit Persoonsgegevens",
      sections: [
        "Contactgegevens",
        "Tijdlijn",
        "Aard van het datalek",
        "Persoonsgegevens",
        "Betrokken personen",
        "Maatregelen vóór het datalek (versleuteling)",
        "Gevolgen",
        "Vervolgacties",
      ],
      special: "Gaat het om bijzondere persoonsgegevens (art. 9 AVG)?",
      role: /^Het datalek vond plaats bij onze verwerker Hoster B\.V\./,
      discovered: "28-03-2026 09:00 (UTC+01:00)",
      deadline: /uiterlijk 31-03-2026 11:00 \(UTC\+02:00\)/,
    },
    {
      locale: "en" as const,
      title: "Draft: personal data breach notification to the Autoriteit Persoonsgegevens (Dutch DPA)",
      sections: [
        "Contact details",
        "Timeline",
        "Nature of the breach",
        "Personal data",
        "People affected",
        "Measures taken before the breach (encryption)",
        "Consequences",
        "Follow-up",
      ],
      special: "Are special categories of personal data involved (GDPR art. 9)?",
      role: /^The breach occurred at our processor Hoster B\.V\. \(KvK no\. 12345678, privacy@hoster\.example\), which notified us under article 6 of our data processing agreement on 28 Mar 2026 10:00 \(UTC\+01:00\)\.$/,
      discovered: "28 Mar 2026 09:00 (UTC+01:00)",
      deadline: /no later than 31 Mar 2026 11:00 \(UTC\+02:00\)/,
    },
  ];
  for (const c of cases) {
    test(c.locale, () => {
      const draft = buildApDraft(input({ locale: c.locale }));
      assert.equal(draft.locale, c.locale);
      assert.equal(draft.title, c.title);
      assert.deepEqual(
        draft.sections.map((s) => s.title),
        c.sections,
      );
      assert.equal(field(draft, "specialCategories").label, c.special);
      assert.match(field(draft, "processorRole").text, c.role);
      assert.equal(field(draft, "discoveredAt").text, c.discovered);
      assert.match(draft.deadlineText, c.deadline);
      assert.match(draft.disclaimer, /https:\/\/datalekken\.autoriteitpersoonsgegevens\.nl/);
      assert.match(draft.disclaimer, c.locale === "nl" ? /Art28 meldt niets bij de AP/ : /Art28 does not submit anything to the AP/);
    });
  }
  test("every label differs between the two", () => {
    const nl = buildApDraft(input({ locale: "nl" })).sections.flatMap((s) => s.fields);
    const en = buildApDraft(input({ locale: "en" })).sections.flatMap((s) => s.fields);
    nl.forEach((f, i) => assert.notEqual(f.label, en[i]?.label, f.key));
  });
});
