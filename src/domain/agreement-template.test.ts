import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_PARAMETERS } from "./agreement-document.ts";
import type { AgreementDocument, Locale, TemplateParameters, TemplateText } from "./agreement-document.ts";
import { DOCUMENT_LABELS, TemplatePlaceholderError, renderAgreementDocument, templatePlaceholders, validateTemplateText } from "./agreement-template.ts";
import { deriveAnnex1 } from "./annex.ts";
import { loadDefaultCatalogue, loadDefaultMeasures, loadDefaultTemplate } from "../modules/setup/defaults.ts";
import type { RenderAgreementInput } from "./agreement-template.ts";

const processor = {
  name: "Norisk Software BV",
  kvk: "55365655",
  address: "Johan van Zwedenlaan 1",
  city: "Groningen",
  country: "nl",
  court: "Rechtbank Noord-Nederland",
  termsUrl: "https://www.norisksoftware.nl/legal",
};

function render(locale: Locale, overrides: Partial<RenderAgreementInput> = {}): AgreementDocument {
  return renderAgreementDocument({
    text: loadDefaultTemplate(locale),
    templateVersion: 1,
    parameters: DEFAULT_PARAMETERS,
    processor,
    controller: { name: "Bakkerij De Korrel", kvk: null, address: null, city: "Zwolle", country: "NL" },
    annex1: deriveAnnex1(loadDefaultCatalogue(), ["email"], locale, 1),
    annex2: { measures: [] },
    timeZone: "Europe/Amsterdam",
    ...overrides,
  });
}

function clause(doc: AgreementDocument, number: string): string {
  const found = doc.articles.flatMap((a) => a.clauses).find((c) => c.number === number);
  assert.ok(found, `clause ${number} exists`);
  return found.text;
}

function allTexts(doc: AgreementDocument): string[] {
  return [doc.title, ...doc.intro, doc.recitalsHeading, ...doc.recitals, ...doc.articles.flatMap((a) => [a.title, ...a.clauses.map((c) => c.text)])];
}

function withClocks(clocks: Partial<TemplateParameters["clocks"]>): TemplateParameters {
  return { ...DEFAULT_PARAMETERS, clocks: { ...DEFAULT_PARAMETERS.clocks, ...clocks } };
}

function withClause(text: TemplateText, number: string, clauseText: string): TemplateText {
  return {
    ...text,
    articles: text.articles.map((a) => ({
      ...a,
      clauses: a.clauses.map((c) => (c.number === number ? { ...c, text: clauseText } : c)),
    })),
  };
}

test("the Dutch and English templates have the same 13 articles, clause numbers and placeholders", () => {
  const nl = loadDefaultTemplate("nl");
  const en = loadDefaultTemplate("en");
  const numbers = (t: TemplateText) => t.articles.map((a) => [a.number, a.clauses.map((c) => c.number)]);
  assert.equal(nl.articles.length, 13);
  assert.deepEqual(numbers(en), numbers(nl));
  assert.equal(nl.articles.flatMap((a) => a.clauses).length, 46);
  assert.deepEqual(new Set(templatePlaceholders(en)), new Set(templatePlaceholders(nl)));
});

test("templatePlaceholders lists every placeholder of the Dutch template once", () => {
  const names = templatePlaceholders(loadDefaultTemplate("nl"));
  assert.equal(new Set(names).size, names.length);
  for (const name of [
    "processor.name",
    "processor.kvk",
    "processor.court",
    "law.governingLaw",
    "clocks.breachNoticeHours.n",
    "clocks.measuresAnswerDays.words",
    "clocks.claimLapseMonths.words",
  ]) {
    assert.ok(names.includes(name), name);
  }
});

test("rendering with the default parameters fills every placeholder with the seed's clocks", () => {
  const nl = render("nl");
  for (const text of allTexts(nl)) {
    assert.ok(!text.includes("{{") && !text.includes("}}"), text);
  }
  assert.match(clause(nl, "2.2"), /uiterlijk binnen veertien \(14\) kalenderdagen/);
  assert.match(clause(nl, "5.2"), /binnen veertien \(14\) kalenderdagen na aankondiging/);
  assert.match(clause(nl, "6.1"), /in ieder geval binnen 48 uur na ontdekking/);
  assert.match(clause(nl, "9.2"), /onverwijld doch binnen 24 uur schriftelijk/);
  assert.match(clause(nl, "10.2"), /veertien \(14\) kalenderdagen na voorafgaande/);
  assert.match(clause(nl, "10.3"), /maximaal veertien \(14\) kalenderdagen/);
  assert.match(clause(nl, "11.5"), /onverwijld doch binnen 48 uur schriftelijk in gebreke/);
  assert.match(clause(nl, "11.6"), /verloop van twaalf \(12\) maanden/);
  assert.equal(clause(nl, "13.1"), "De Verwerkersovereenkomst en de uitvoering daarvan worden beheerst door Nederlands recht.");
  assert.match(clause(nl, "13.2"), /waar Verwerker gevestigd is \(Rechtbank Noord-Nederland\)\.$/);
  assert.match(
    nl.intro[0] ?? "",
    /die Norisk Software BV, gevestigd aan Johan van Zwedenlaan 1 te Groningen \(nl\), ingeschreven bij de Kamer van Koophandel onder nummer 55365655/,
  );

  const en = render("en");
  for (const text of allTexts(en)) {
    assert.ok(!text.includes("{{"), text);
  }
  assert.match(clause(en, "2.2"), /fourteen \(14\) calendar days/);
  assert.match(clause(en, "6.1"), /within 48 hours of its discovery/);
  assert.match(clause(en, "11.6"), /twelve \(12\) months/);
  assert.match(clause(en, "13.1"), /governed by the laws of the Netherlands\.$/);
  assert.equal(en.labels, DOCUMENT_LABELS.en);
  assert.equal(nl.labels.annex1Title, "Bijlage 1: Specificatie persoonsgegevens");
});

test("changing a clock changes the clause that carries it, in both languages, and nothing else", () => {
  const parameters = withClocks({ breachNoticeHours: 24, measuresAnswerDays: 30 });
  const nl = render("nl", { parameters });
  const en = render("en", { parameters });
  assert.match(clause(nl, "6.1"), /in ieder geval binnen 24 uur na ontdekking/);
  assert.doesNotMatch(clause(nl, "6.1"), /48/);
  assert.match(clause(en, "6.1"), /within 24 hours of its discovery/);
  assert.match(clause(nl, "2.2"), /dertig \(30\) kalenderdagen/);
  assert.match(clause(en, "2.2"), /thirty \(30\) calendar days/);
  // art. 11.5 has its own clock, still 48 hours.
  assert.match(clause(nl, "11.5"), /binnen 48 uur/);
  assert.equal(clause(nl, "5.2"), clause(render("nl"), "5.2"));
});

test("an unknown placeholder throws, naming the placeholder and where it is", () => {
  const text = withClause(loadDefaultTemplate("nl"), "6.1", "Binnen {{clocks.breachNoticeHour.n}} uur.");
  assert.throws(
    () => render("nl", { text }),
    (error: unknown) =>
      error instanceof TemplatePlaceholderError &&
      error.placeholder === "clocks.breachNoticeHour.n" &&
      error.path === "articles[5].clauses[0].text" &&
      error.message.includes("{{clocks.breachNoticeHour.n}}"),
  );
});

test("a required processor fact without a value throws instead of leaving a gap", () => {
  assert.throws(() => render("nl", { processor: { ...processor, kvk: null } }), /\{\{processor\.kvk\}\} in intro\[0\]: has no value/);
  // An optional fact outside its own section, or inside another one, must have a value too.
  const nl = loadDefaultTemplate("nl");
  const bare = withClause(nl, "1.1", "Zie {{processor.termsUrl}}.");
  assert.throws(() => render("nl", { text: bare, processor: { ...processor, termsUrl: null } }), /processor\.termsUrl/);
  const other = withClause(nl, "1.1", "{{#processor.country}}Zie {{processor.termsUrl}}.{{/processor.country}}");
  assert.throws(() => render("nl", { text: other, processor: { ...processor, termsUrl: null } }), /processor\.termsUrl/);
});

test("optional processor facts drop their whole phrase when absent", () => {
  const doc = render("nl", { processor: { ...processor, termsUrl: null, country: null } });
  assert.match(doc.intro[0] ?? "", /onderdeel van de Algemene voorwaarden en van toepassing/);
  assert.match(doc.intro[0] ?? "", /te Groningen, ingeschreven/);
});

test("rendering does not HTML-escape: renderers escape for their own output", () => {
  const doc = render("en", { processor: { ...processor, name: "Bakker & Zn <Hosting> BV" } });
  assert.match(doc.intro[0] ?? "", /that Bakker & Zn <Hosting> BV, established/);
});

test("an invalid clock or time zone is refused", () => {
  assert.throws(() => render("nl", { parameters: withClocks({ breachNoticeHours: 0 }) }), /breachNoticeHours/);
  assert.throws(() => render("nl", { timeZone: "Europe/Groningen" }), /Europe\/Groningen/);
});

test("validateTemplateText accepts the shipped templates as they are", () => {
  const nl = loadDefaultTemplate("nl");
  assert.deepEqual(validateTemplateText(JSON.parse(JSON.stringify(nl))), { ok: true, value: nl });
});

test("validateTemplateText reports a duplicate clause number and an unknown placeholder with their paths", () => {
  const base = loadDefaultTemplate("nl");
  const [first, second, ...rest] = base.articles;
  assert.ok(first && second);
  const broken = {
    ...base,
    articles: [
      { ...first, clauses: [...first.clauses, { number: "1.2", text: "Binnen {{clocks.breachNoticeDays.n}} dagen." }] },
      { ...second, clauses: [...second.clauses, { number: "3.9", text: "Tekst." }] },
      ...rest,
    ],
  };
  const result = validateTemplateText(broken);
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  const byPath = new Map(result.errors.map((e) => [e.path, e.message]));
  assert.match(byPath.get("articles[0].clauses[4].number") ?? "", /duplicate clause number 1\.2 \(also at articles\[0\]\.clauses\[1\]\.number\)/);
  assert.match(byPath.get("articles[0].clauses[4].text") ?? "", /unknown placeholder \{\{clocks\.breachNoticeDays\.n\}\}/);
  assert.match(byPath.get("articles[1].clauses[4].number") ?? "", /not numbered under article 2/);
  assert.equal(result.errors.length, 3);
});

test("validateTemplateText reports structural problems", () => {
  const result = validateTemplateText({ locale: "de", title: "", intro: "x", recitals: [], articles: [] });
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((e) => e.path),
    ["locale", "title", "intro", "recitalsHeading", "articles"],
  );
  const syntax = validateTemplateText({ ...loadDefaultTemplate("en"), title: "{{#law.governingLaw}}unclosed" });
  assert.ok(!syntax.ok);
  assert.equal(syntax.errors[0]?.path, "title");
  assert.match(syntax.errors[0]?.message ?? "", /invalid Mustache/);
  assert.ok(!validateTemplateText(null).ok);
});

test("deriveAnnex1 for two services gives the deduplicated union in catalogue order", () => {
  const catalogue = loadDefaultCatalogue();
  const annex = deriveAnnex1(catalogue, ["email", "domain-registration", "email"], "nl", 3);
  assert.equal(annex.version, 3);
  assert.deepEqual(annex.services, [
    { code: "domain-registration", name: "Domeinnaamregistratie" },
    { code: "email", name: "E-mail" },
  ]);
  assert.deepEqual(annex.purposes, ["Hosting", "Beveiliging", "Om te voldoen aan de eisen van de whois-database"]);
  assert.deepEqual(annex.dataCategories, [
    "NAW-gegevens",
    "Contactgegevens",
    "Inloggegevens",
    "IP-adres",
    "Inhoud van e-mails, contactformulieren, chatberichten en andere communicatie",
  ]);
  assert.deepEqual(annex.subjectCategories.slice(0, 3), ["Klanten", "Medewerkers", "Accounthouders"]);
  assert.equal(new Set(annex.subjectCategories).size, annex.subjectCategories.length);

  const en = deriveAnnex1(catalogue, ["domain-registration"], "en", 1);
  assert.deepEqual(en.services, [{ code: "domain-registration", name: "Domain name registration" }]);
  assert.deepEqual(en.purposes, ["Compliance with the requirements of the WHOIS database"]);
  assert.throws(() => deriveAnnex1(catalogue, ["email", "mainframe"], "nl", 1), /"mainframe"/);
});

test("every code a service maps to exists in its vocabulary, and codes are unique", () => {
  const catalogue = loadDefaultCatalogue();
  const vocabularies = ["purposes", "dataCategories", "subjectCategories"] as const;
  for (const name of vocabularies) {
    const codes = new Set(catalogue[name].map((t) => t.code));
    assert.equal(codes.size, catalogue[name].length, `${name} codes unique`);
    for (const service of catalogue.services) {
      assert.ok(service[name].length > 0, `${service.code} maps to some ${name}`);
      for (const code of service[name]) {
        assert.ok(codes.has(code), `${service.code} → ${name} ${code}`);
      }
    }
    // every term of the seed's annex is reachable from some service
    const used = new Set(catalogue.services.flatMap((s) => s[name]));
    assert.deepEqual(
      [...codes].filter((c) => !used.has(c)),
      [],
      `${name} all used`,
    );
  }
  assert.equal(new Set(catalogue.services.map((s) => s.code)).size, catalogue.services.length);
});

test("the catalogue holds exactly the seed's 15 services, 7 purposes, 14 data and 7 subject categories", () => {
  const catalogue = loadDefaultCatalogue();
  assert.deepEqual(
    catalogue.services.map((s) => s.nl),
    [
      "Webhosting",
      "VPS hosting",
      "Back up",
      "Dedicated hosting",
      "Office 365 diensten",
      "Colocatie",
      "Domeinnaamregistratie",
      "Online cloudopslag/back-up-optie",
      "E-mail",
      "Load balancing/failover",
      "SSL-certificaten",
      "Offertes",
      "Facturatie",
      "Overdracht gegevens wanbetalers richting diverse instellingen",
      "Private Network",
    ],
  );
  assert.equal(catalogue.purposes.length, 7);
  assert.equal(catalogue.dataCategories.length, 14);
  assert.equal(catalogue.subjectCategories.length, 7);
  assert.equal(catalogue.dataCategories[0]?.nl, "NAW-gegevens");
  assert.equal(catalogue.subjectCategories[6]?.nl, "Overige categorieën personen van wie er persoonsgegevens verwerkt worden via de diensten van Verwerker");
});

test("the default measures cover every category in both languages", () => {
  const measures = loadDefaultMeasures();
  assert.ok(measures.length >= 20 && measures.length <= 25, `${measures.length} measures`);
  assert.equal(new Set(measures.map((m) => m.code)).size, measures.length);
  assert.deepEqual(
    new Set(measures.map((m) => m.category.en)),
    new Set([
      "Access control",
      "Encryption",
      "Network security",
      "Physical security",
      "Backup and continuity",
      "Logging and monitoring",
      "Staff and organisation",
      "Incident response",
      "Sub-processors",
      "Development and change management",
    ]),
  );
  assert.equal(new Set(measures.map((m) => m.category.nl)).size, 10);
});
