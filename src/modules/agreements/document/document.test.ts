import { test } from "node:test";
import { toolsPresent } from "../../../../test/support/requirements.ts";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import type { ExecFileSyncOptionsWithStringEncoding } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PARAMETERS } from "../../../domain/agreement-document.ts";
import type { AgreementDocument, Locale, SignatureBlock } from "../../../domain/agreement-document.ts";
import { renderAgreementDocument } from "../../../domain/agreement-template.ts";
import { deriveAnnex1, type Catalogue } from "../../../domain/annex.ts";
import { loadDefaultCatalogue, loadDefaultMeasures, loadDefaultTemplate, readDemoSubprocessors } from "../../setup/index.ts";
import { drawSharedPages, parsePdf, prepareSharedLayer, splitReferences } from "./compose.ts";
import { renderAgreementHtml } from "./html.ts";
import { renderAgreementPdf, renderAgreementPdfWhole, renderSignedAgreementPdf, renderStats } from "./pdf.ts";

// ---- factories ---------------------------------------------------------------------------------

/** The shipped default agreement of `locale` for one controller. */
function agreement(locale: Locale, controllerName = "Bakkerij De Gouden Krakeling B.V."): AgreementDocument {
  const catalogue = loadDefaultCatalogue();
  return renderAgreementDocument({
    text: loadDefaultTemplate(locale),
    templateVersion: 1,
    parameters: DEFAULT_PARAMETERS,
    processor: {
      name: "Norisk Software B.V.",
      kvk: "55365655",
      address: "Johan van Zwedenlaan 1",
      city: "Groningen",
      country: "Nederland",
      court: "Noord-Nederland",
      termsUrl: null,
    },
    controller: { name: controllerName, kvk: "12345678", address: "Hoofdstraat 12", city: "Zwolle", country: null },
    annex1: deriveAnnex1(catalogue, ["web-hosting", "email"], locale, 1),
    annex2: {
      measures: loadDefaultMeasures().map((m) => ({
        category: m.category[locale],
        title: m.title[locale],
        description: m.description[locale],
      })),
    },
    timeZone: "Europe/Amsterdam",
  });
}

/** The shipped catalogue with the demo's sub-processors (templates/subprocessors.json), all active. */
function catalogueWithSubprocessors(): Catalogue {
  const catalogue = loadDefaultCatalogue();
  const register = readDemoSubprocessors();
  return {
    ...catalogue,
    subprocessors: register.map((s) => ({ code: s.code, name: s.name, activity: s.activity, locations: s.locations })),
    services: catalogue.services.map((service) => ({
      ...service,
      subprocessors: register.filter((s) => s.services.includes(service.code)).map((s) => s.code),
    })),
  };
}

/** The default agreement whose Annex 1 has 1E: the sub-processors of `services` (none: an empty 1E). */
function agreementWithSubprocessors(locale: Locale, services = ["web-hosting", "email", "office-365", "ssl-certificates"]): AgreementDocument {
  const doc = agreement(locale);
  doc.annex1 = deriveAnnex1(catalogueWithSubprocessors(), services, locale, 1);
  return doc;
}

/** The default agreement as made before 1E existed: its Annex 1 has no `subprocessors`. */
function agreementBefore1E(locale: Locale): AgreementDocument {
  const doc = agreement(locale);
  delete doc.annex1.subprocessors;
  return doc;
}

function signature(party: SignatureBlock["party"], overrides: Partial<SignatureBlock> = {}): SignatureBlock {
  return {
    party,
    name: party === "controller" ? "Anna de Vries" : "Countersignature policy",
    function: party === "controller" ? "Directeur" : "Privacy officer",
    organisation: party === "controller" ? "Bakkerij De Gouden Krakeling B.V." : "Norisk Software B.V.",
    signedAt: "2026-03-30T09:00:00Z",
    method: party === "controller" ? "user" : "policy",
    ip: null,
    ...overrides,
  };
}

// ---- helpers -----------------------------------------------------------------------------------

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const POPPLER = toolsPresent("pdftotext", "pdfinfo");
// Poppler warns "Suspects object is wrong type (boolean)" about Typst's valid /MarkInfo; not ours to show.
const QUIET: ExecFileSyncOptionsWithStringEncoding = { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] };

function withPdfFile<T>(pdf: Uint8Array, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "art28-pdf-"));
  try {
    const path = join(dir, "agreement.pdf");
    writeFileSync(path, pdf);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext reads it, whitespace (line and column breaks) collapsed to one space. */
function pdfText(pdf: Uint8Array): string {
  const text = withPdfFile(pdf, (path) => execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], QUIET));
  return text.replace(/\s+/g, " ");
}

/** Each page as pixels (greyscale, 50 dpi), as a person would see it. */
function pagePixels(pdf: Uint8Array): Buffer[] {
  return withPdfFile(pdf, (path) => {
    const dir = mkdtempSync(join(tmpdir(), "art28-png-"));
    try {
      execFileSync("pdftoppm", ["-r", "50", "-gray", path, join(dir, "page")], QUIET);
      return readdirSync(dir)
        .sort()
        .map((f) => readFileSync(join(dir, f)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** The outline (bookmarks) destinations: [page object, x, y] as written, in file order. */
function outlineDestinations(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString("latin1");
  return [...text.matchAll(/\[\d+ 0 R \/XYZ ([\d.]+) ([\d.]+) 0\]/g)].map((m) => `${m[1]} ${m[2]}`);
}

function pageCount(pdf: Uint8Array): number {
  if (POPPLER) {
    const info = withPdfFile(pdf, (path) => execFileSync("pdfinfo", [path], QUIET));
    const match = /^Pages:\s+(\d+)/m.exec(info);
    assert.ok(match?.[1] !== undefined, "pdfinfo reports a page count");
    return Number(match[1]);
  }
  return (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []
  ).length;
}

// ---- PDF ---------------------------------------------------------------------------------------

test("the agreement PDF is a PDF and the same document always gives the same bytes", () => {
  const first = renderAgreementPdf(agreement("nl"));
  const second = renderAgreementPdf(agreement("nl"));
  assert.equal(Buffer.from(first.subarray(0, 5)).toString("latin1"), "%PDF-");
  assert.ok(Buffer.from(first).equals(Buffer.from(second)), "byte-identical");
  assert.equal(sha256(first), sha256(second));
  assert.doesNotMatch(Buffer.from(first).toString("latin1"), /\/CreationDate|\/ModDate/, "no timestamps in the PDF");
});

test("another process renders the same agreement to the same SHA-256 (what a customer signs is reproducible)", () => {
  const here = sha256(renderAgreementPdf(agreement("nl")));
  const script = `
    import { createHash } from "node:crypto";
    import { DEFAULT_PARAMETERS } from ${JSON.stringify(new URL("../../../domain/agreement-document.ts", import.meta.url).href)};
    const t = await import(${JSON.stringify(new URL("../../../domain/agreement-template.ts", import.meta.url).href)});
    const d = await import(${JSON.stringify(new URL("../../setup/defaults.ts", import.meta.url).href)});
    const { deriveAnnex1 } = await import(${JSON.stringify(new URL("../../../domain/annex.ts", import.meta.url).href)});
    const { renderAgreementPdf } = await import(${JSON.stringify(new URL("./pdf.ts", import.meta.url).href)});
    const catalogue = d.loadDefaultCatalogue();
    const doc = t.renderAgreementDocument({
      text: d.loadDefaultTemplate("nl"), templateVersion: 1, parameters: DEFAULT_PARAMETERS,
      processor: { name: "Norisk Software B.V.", kvk: "55365655", address: "Johan van Zwedenlaan 1",
        city: "Groningen", country: "Nederland", court: "Noord-Nederland", termsUrl: null },
      controller: { name: "Bakkerij De Gouden Krakeling B.V.", kvk: "12345678", address: "Hoofdstraat 12",
        city: "Zwolle", country: null },
      annex1: deriveAnnex1(catalogue, ["web-hosting", "email"], "nl", 1),
      annex2: { measures: d.loadDefaultMeasures().map((m) => ({ category: m.category.nl, title: m.title.nl, description: m.description.nl })) },
      timeZone: "Europe/Amsterdam",
    });
    process.stdout.write(createHash("sha256").update(renderAgreementPdf(doc)).digest("hex"));
  `;
  const there = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(there, here);
});

test("changing one word of the agreement changes its SHA-256", () => {
  const doc = agreement("nl");
  const changed = agreement("nl");
  const clause = changed.articles[0]?.clauses[0];
  assert.ok(clause !== undefined);
  clause.text = clause.text.replace("Verwerker", "Opdrachtnemer");
  assert.notEqual(sha256(renderAgreementPdf(changed)), sha256(renderAgreementPdf(doc)));
});

const SPECIAL = String.raw`#set *bold* $x^2$ <script>alert(1)</script> [link] \ @ref _under_ & "quoted"`;

test("Typst and HTML special characters in customer text print literally in the PDF", (t) => {
  const doc = agreement("nl", `Acme ${SPECIAL} B.V.`);
  const clause = doc.articles[1]?.clauses[0];
  assert.ok(clause !== undefined);
  clause.text = `Eerste regel ${SPECIAL}`;
  const pdf = renderAgreementPdf(doc); // compiling at all proves nothing was read as Typst markup
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString("latin1"), "%PDF-");
  if (!POPPLER) {
    t.skip("pdftotext (poppler-utils) is not installed");
    return;
  }
  const text = pdfText(pdf);
  assert.ok(text.includes(`Acme ${SPECIAL} B.V.`), "controller name, literally");
  assert.ok(text.includes(`Eerste regel ${SPECIAL}`), "clause text, literally");
});

test("the HTML escapes customer text and shows it literally", () => {
  const doc = agreement("nl", `Acme ${SPECIAL} B.V.`);
  const html = renderAgreementHtml(doc);
  assert.doesNotMatch(html, /<script>/);
  assert.ok(html.includes("Acme #set *bold* $x^2$ &lt;script&gt;alert(1)&lt;/script&gt; [link] \\ @ref _under_ &amp; &quot;quoted&quot; B.V."));
  // The footer text sits in a CSS string: no quote or "<" may end it early.
  const footer = /@bottom-center \{\s*content: ([^\n]*);/.exec(html)?.[1] ?? "";
  assert.doesNotMatch(footer, /<|"quoted"/);
});

test("the signed PDF is the agreement plus one signature page, with both parties and the hash", (t) => {
  const doc = agreement("nl");
  const unsigned = renderAgreementPdf(doc);
  const hash = sha256(unsigned);
  const signed = renderSignedAgreementPdf({
    document: doc,
    documentSha256: hash,
    signatures: [signature("controller"), signature("processor", { signedAt: "2026-03-30T09:00:05Z" })],
  });
  assert.equal(pageCount(signed), pageCount(unsigned) + 1);
  if (!POPPLER) {
    t.skip("pdftotext (poppler-utils) is not installed");
    return;
  }
  const text = pdfText(signed);
  const pages = pageCount(unsigned);
  assert.ok(text.includes(hash), "the SHA-256 of the unsigned PDF");
  assert.ok(text.includes("Anna de Vries"));
  assert.ok(text.includes("30-03-2026 11:00 (UTC+02:00)"), "signature time in Amsterdam with its offset");
  assert.ok(text.includes(doc.labels.signedByPolicy), "the processor's automatic countersignature is marked");
  assert.ok(text.includes(`${doc.labels.page} ${pages + 1} ${doc.labels.of} ${pages + 1}`), "the signature page is counted and numbered");
});

/** Each page's text as pdftotext reads it (page k is [k - 1]), whitespace collapsed. */
function pageTexts(pdf: Uint8Array): string[] {
  return withPdfFile(pdf, (path) =>
    Array.from({ length: pageCount(pdf) }, (_, i) =>
      execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(i + 1), "-l", String(i + 1), path, "-"], QUIET).replace(/\s+/g, " "),
    ),
  );
}

test("every page of the composed PDF, unsigned and signed, nl and en, says it is page k of the PDF's page count", (t) => {
  if (!POPPLER) {
    t.skip("pdftotext (poppler-utils) is not installed");
    return;
  }
  const wording = { nl: ["Pagina", "van"], en: ["Page", "of"] } as const;
  for (const locale of ["nl", "en"] as const) {
    const [page, of] = wording[locale];
    const doc = agreement(locale);
    const unsigned = renderAgreementPdf(doc);
    const composedBefore = renderStats.composed;
    const signed = renderSignedAgreementPdf({
      document: doc,
      documentSha256: sha256(unsigned),
      signatures: [signature("controller"), signature("processor", { signedAt: "2026-03-30T09:00:05Z" })],
    });
    assert.equal(renderStats.composed, composedBefore + 1, `${locale}: the signed PDF is drawn from layers`);
    for (const [name, pdf] of [
      ["unsigned", unsigned],
      ["signed", signed],
    ] as const) {
      const texts = pageTexts(pdf);
      const n = texts.length;
      assert.ok(n >= 6, `${locale} ${name}: a whole agreement (${n} pages)`);
      texts.forEach((text, i) => {
        const numbers = [...text.matchAll(new RegExp(`${page} (\\d+) ${of} (\\d+)`, "g"))].map((m) => `${m[1]} ${of} ${m[2]}`);
        assert.deepEqual(numbers, [`${i + 1} ${of} ${n}`], `${locale} ${name}: page ${i + 1} of ${n} says so once`);
      });
    }
    assert.equal(pageCount(signed), pageCount(unsigned) + 1, `${locale}: one signature page more`);
    assert.ok(pageTexts(signed).at(-1)?.includes(doc.labels.signaturesTitle), `${locale}: the last page is the signature page`);
  }
});

test("a party that has not signed is shown as not yet signed", (t) => {
  const doc = agreement("nl");
  const signed = renderSignedAgreementPdf({ document: doc, documentSha256: "0".repeat(64), signatures: [signature("controller")] });
  if (!POPPLER) {
    t.skip("pdftotext (poppler-utils) is not installed");
    return;
  }
  assert.ok(pdfText(signed).includes(doc.labels.notYetSigned));
});

test("Dutch and English agreements render in their own language", (t) => {
  for (const locale of ["nl", "en"] as const) {
    const doc = agreement(locale);
    const pdf = renderAgreementPdf(doc);
    const html = renderAgreementHtml(doc);
    assert.ok(html.startsWith("<!DOCTYPE html>"));
    assert.match(html, new RegExp(`<html lang="${locale}">`));
    assert.match(html, /@page \{\s*size: A4;/);
    if (!POPPLER) {
      t.skip("pdftotext (poppler-utils) is not installed");
      continue;
    }
    const text = pdfText(pdf);
    const l = doc.labels;
    assert.ok(text.includes(`${doc.title} — ${doc.controller.name} — ${l.version} 1 — ${l.page} 1 ${l.of}`), `${locale} footer`);
    assert.ok(text.includes(l.annex1Title) && text.includes(l.annex2Title), `${locale} annexes`);
    for (const measure of doc.annex2.measures.slice(0, 3)) {
      assert.ok(text.includes(measure.title), `${locale} measure ${measure.title}`);
    }
  }
});

test("the HTML has the PDF's content in the PDF's order", () => {
  const doc = agreement("en");
  const html = renderAgreementHtml(doc);
  const order = [
    doc.title,
    doc.labels.parties,
    doc.recitalsHeading,
    ...doc.articles.map((a) => a.title),
    doc.labels.annex1Title,
    doc.annex1.services[0]?.name ?? "",
    doc.labels.annex2Title,
    doc.annex2.measures.at(-1)?.title ?? "",
  ].map((s) => html.indexOf(s.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/"/g, "&quot;")));
  assert.ok(
    order.every((i) => i > 0),
    "every part is there",
  );
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
});

// ---- Annex 1E: sub-processors (art. 5, 3.1) -----------------------------------------------------

test("1E lists the sub-processors with their activity and countries by name, and the transfer ground outside the EEA, in both languages", (t) => {
  const expected = {
    nl: [
      "Microsoft Ireland Operations Limited",
      "Landen: Ierland (Dublin); Nederland (Amsterdam); Verenigde Staten (Redmond), doorgifte op grond van: Certificering onder het EU-VS Data Privacy Framework",
      "Keystone Trust Services Inc. — Valideren van de aanvrager",
      "Verenigde Staten (Salt Lake City), doorgifte op grond van: Standaardcontractbepalingen",
    ],
    en: [
      "Microsoft Ireland Operations Limited",
      "Countries: Ireland (Dublin); Netherlands (Amsterdam); United States of America (Redmond), transfer based on: Certification under the EU-US Data Privacy Framework",
      "Keystone Trust Services Inc. — Validating the applicant",
      "United States of America (Salt Lake City), transfer based on: Standard contractual clauses",
    ],
  } as const;
  for (const locale of ["nl", "en"] as const) {
    const doc = agreementWithSubprocessors(locale);
    const html = renderAgreementHtml(doc);
    assert.ok(html.includes(`<h3>${doc.labels.annex1E}</h3>`), `${locale} HTML has 1E`);
    assert.ok(
      html.indexOf(doc.labels.annex1D) < html.indexOf(doc.labels.annex1E) && html.indexOf(doc.labels.annex1E) < html.indexOf(doc.labels.annex2Title),
      `${locale} HTML: 1E after 1D, before Annex 2`,
    );
    assert.ok(html.includes("<strong>Amsterdam Datacenter B.V.</strong> — "), `${locale} HTML lists the data centre`);
    const pdf = renderAgreementPdf(doc);
    if (!POPPLER) {
      t.skip("pdftotext (poppler-utils) is not installed");
      continue;
    }
    // pdftotext hyphenates at line ends: compare without soft hyphens and their breaks.
    const text = pdfText(pdf).replace(/\u00ad /g, "");
    assert.ok(text.includes(doc.labels.annex1E), `${locale}: the 1E heading`);
    for (const phrase of expected[locale]) {
      assert.ok(text.includes(phrase), `${locale}: ${phrase}`);
    }
    assert.ok(text.indexOf(doc.labels.annex1E) < text.indexOf(doc.labels.annex2Title), `${locale}: 1E inside Annex 1`);
    assert.ok(!text.includes("Rheinland Backup GmbH"), `${locale}: not the sub-processor of a service not taken`);
  }
});

test("an Annex 1 with an empty 1E says there are none; one made before 1E has no 1E at all", (t) => {
  for (const locale of ["nl", "en"] as const) {
    // The shipped catalogue names no sub-processors: a new document's 1E is empty.
    const none = agreement(locale);
    assert.deepEqual(none.annex1.subprocessors, []);
    const before = agreementBefore1E(locale);
    const html = renderAgreementHtml(none);
    assert.ok(html.includes(`<h3>${none.labels.annex1E}</h3>\n<p>${none.labels.annex1ENone}</p>`), `${locale} HTML: none`);
    assert.ok(!renderAgreementHtml(before).includes(none.labels.annex1E), `${locale} HTML before 1E: no 1E`);
    if (!POPPLER) {
      t.skip("pdftotext (poppler-utils) is not installed");
      continue;
    }
    const text = pdfText(renderAgreementPdf(none));
    assert.ok(text.includes(`${none.labels.annex1E} ${none.labels.annex1ENone}`), `${locale} PDF: none`);
    assert.ok(!pdfText(renderAgreementPdf(before)).includes(none.labels.annex1E), `${locale} PDF before 1E: no 1E`);
  }
});

test("a document made before 1E renders exactly as before: its stored labels or today's make no difference", () => {
  const stored = agreementBefore1E("nl");
  // As stored then: the labels of that time had no 1E words.
  const asStored = structuredClone(stored);
  const labels: Partial<typeof stored.labels> = asStored.labels;
  delete labels.annex1E;
  delete labels.annex1ENone;
  delete labels.annex1ECountries;
  delete labels.annex1ETransfer;
  assert.equal(sha256(renderAgreementPdf(asStored)), sha256(renderAgreementPdf(stored)), "PDF");
  assert.equal(renderAgreementHtml(asStored), renderAgreementHtml(stored), "HTML");
  assert.notEqual(sha256(renderAgreementPdf(agreement("nl"))), sha256(renderAgreementPdf(stored)), "an (empty) 1E does change a new document");
});

// ---- layers (pdf.ts, compose.ts) -----------------------------------------------------------------

/** Agreements whose layers differ: a controller block of 5 lines, an Annex 1 of two pages, English. */
function unusualAgreements(): [string, AgreementDocument][] {
  const longName = agreement("nl", "Stichting Vrienden van het Openluchtmuseum en de Historische Tuinen van Noord-Nederland B.V.");
  const longAnnex = agreement("nl", "Webwinkel Den Haag B.V.");
  const catalogue = loadDefaultCatalogue();
  longAnnex.annex1 = deriveAnnex1(
    catalogue,
    catalogue.services.map((s) => s.code),
    "nl",
    2,
  );
  longAnnex.annex1.purposes = [...longAnnex.annex1.purposes, ...longAnnex.annex1.purposes.map((p) => `${p} (ook voor onderaannemers)`)];
  longAnnex.annex1.dataCategories = [...longAnnex.annex1.dataCategories, ...longAnnex.annex1.dataCategories];
  return [
    ["default", agreement("nl")],
    ["controller block of five lines", longName],
    ["Annex 1 of two pages", longAnnex],
    ["English", agreement("en")],
    ["made before 1E", agreementBefore1E("nl")],
    ["1E with sub-processors", agreementWithSubprocessors("nl")],
    [
      "1E with every service's sub-processors, English",
      agreementWithSubprocessors(
        "en",
        catalogue.services.map((s) => s.code),
      ),
    ],
  ];
}

test("the agreement drawn from layers looks exactly like the agreement typeset whole", (t) => {
  if (!POPPLER) {
    t.skip("pdftoppm (poppler-utils) is not installed");
    return;
  }
  for (const [name, doc] of unusualAgreements()) {
    const composedBefore = renderStats.composed;
    const layered = renderAgreementPdf(doc);
    assert.equal(renderStats.composed, composedBefore + 1, `${name}: drawn from layers, not typeset whole`);
    const whole = renderAgreementPdfWhole(doc);
    const [a, b] = [pagePixels(layered), pagePixels(whole)];
    assert.equal(a.length, b.length, `${name}: page count`);
    a.forEach((page, i) => assert.ok(page.equals(b[i] ?? Buffer.alloc(0)), `${name}: page ${i + 1} pixel for pixel`));
    assert.equal(pdfText(layered), pdfText(whole), `${name}: text`);
    assert.deepEqual(outlineDestinations(layered), outlineDestinations(whole), `${name}: outline`);
  }
  const longAnnex = unusualAgreements()[2]?.[1];
  assert.ok(longAnnex !== undefined);
  assert.equal(pageCount(renderAgreementPdf(longAnnex)), pageCount(renderAgreementPdf(agreement("nl"))) + 1, "Annex 1 takes two pages");
});

test("the signed agreement drawn from layers looks exactly like the signed agreement typeset whole", (t) => {
  if (!POPPLER) {
    t.skip("pdftoppm (poppler-utils) is not installed");
    return;
  }
  const doc = agreement("nl");
  const signed = {
    document: doc,
    documentSha256: sha256(renderAgreementPdf(doc)),
    signatures: [signature("controller"), signature("processor", { signedAt: "2026-03-30T09:00:05Z" })],
  };
  const layered = renderSignedAgreementPdf(signed);
  const whole = renderAgreementPdfWhole(doc, signed);
  const [a, b] = [pagePixels(layered), pagePixels(whole)];
  assert.equal(a.length, b.length);
  a.forEach((page, i) => assert.ok(page.equals(b[i] ?? Buffer.alloc(0)), `page ${i + 1} pixel for pixel`));
  assert.equal(pdfText(layered), pdfText(whole));
});

test("an agreement's bytes do not depend on what was rendered before it (cached layers)", () => {
  const docs = unusualAgreements().map(([, doc]) => doc);
  const first = docs.map((doc) => sha256(renderAgreementPdf(doc)));
  // In reverse, so that each meets layers left by the others (other controller block heights,
  // other Annex 1s, another language).
  const again = [...docs]
    .reverse()
    .map((doc) => sha256(renderAgreementPdf(doc)))
    .reverse();
  assert.deepEqual(again, first);
});

test("customers of one template version share its layers: the second customer's agreement typesets only its own parts", () => {
  // A template text of its own (no layers of it yet from other tests).
  const customer = (name: string): AgreementDocument => {
    const doc = agreement("nl", name);
    doc.recitals = [...doc.recitals, "partijen deze overeenkomst voor het eerst in deze test aangaan."];
    return doc;
  };
  const start = { ...renderStats };
  renderAgreementPdf(customer("Eerste Klant B.V."));
  assert.equal(renderStats.sharedLayers, start.sharedLayers + 1, "the first customer: the template's shared layer");
  const before = { ...renderStats };
  renderAgreementPdf(customer("Tweede Klant B.V."));
  assert.equal(renderStats.sharedLayers, before.sharedLayers, "no new shared layer");
  assert.equal(renderStats.annexLayers, before.annexLayers, "no new Annex 1 layer (same services)");
  assert.equal(renderStats.composed, before.composed + 1);
  // A controller block of five lines moves the shared text down: a shared layer of its own.
  renderAgreementPdf(customer("Stichting Vrienden van het Openluchtmuseum en de Historische Tuinen van Noord-Nederland B.V."));
  assert.equal(renderStats.sharedLayers, before.sharedLayers + 1);
});

test("PDF references are found outside strings only", () => {
  assert.deepEqual(splitReferences("<< /Font 12 0 R /Title (see 3 0 R \\) 4 0 R) /A [5 0 R 6 0 R] >>"), [
    "<< /Font ",
    12,
    " /Title (see 3 0 R \\) 4 0 R) /A [",
    5,
    " ",
    6,
    "] >>",
  ]);
  assert.deepEqual(splitReferences("<FEFF0031 0 R> 7 0 R"), ["<FEFF0031 0 R> ", 7, ""]);
  assert.deepEqual(splitReferences("/W [0 0 500 1 1 700] 110 0 R"), ["/W [0 0 500 1 1 700] ", 110, ""]);
});

test("composing refuses what it does not know instead of guessing", () => {
  const pdf = renderAgreementPdfWhole(agreement("nl"));
  assert.equal(parsePdf(new TextEncoder().encode("%PDF-1.7\nnot really\n%%EOF")), null);
  const layer = prepareSharedLayer(pdf);
  assert.ok(layer !== null, "a Typst PDF can be a layer");
  assert.equal(drawSharedPages(pdf, [layer], [null]), null, "page count mismatch");
  const drawn = drawSharedPages(
    pdf,
    [layer],
    Array.from({ length: layer.pageCount }, () => null),
  );
  assert.ok(drawn !== null && parsePdf(drawn) !== null, "nothing drawn: still a well-formed PDF");
});
