/**
 * Agreement PDF benchmark (DESIGN.md "Performance targets": ≥ 10×, goal 30×, faster than headless
 * Chromium printing the same agreement).
 *
 * Renders the default Dutch agreement for 200 customers (each its own name and services, so its
 * own Annex 1) with Art28's Typst renderer, and the same 200 agreements' HTML printed to PDF by
 * headless Chromium (playwright-core, one browser, one page), in the same run, each after a warm-up.
 * Prints ms per document for each; the last line is `ratio: N` (Chromium ms ÷ Art28 ms).
 *
 * Art28 typesets what customers share once, as layers (pdf.ts): the template's text during the
 * warm-up (every customer of a template version shares it, as in production), each distinct
 * Annex 1 (15 among these 200 customers: 5 sets of services × 3 Annex 1 versions) when first met,
 * inside the timed loop. Both are counted in the output.
 *
 *   npm run bench:pdf
 */
import { chromium } from "playwright-core";
import type { AgreementDocument } from "../../src/domain/agreement-document.ts";
import { DEFAULT_PARAMETERS } from "../../src/domain/agreement-document.ts";
import { renderAgreementDocument } from "../../src/domain/agreement-template.ts";
import { deriveAnnex1 } from "../../src/domain/annex.ts";
import { loadDefaultCatalogue, loadDefaultMeasures, loadDefaultTemplate } from "../../src/modules/setup/defaults.ts";
import { renderAgreementHtml } from "../../src/modules/agreements/document/html.ts";
import { renderAgreementPdf, renderStats } from "../../src/modules/agreements/document/pdf.ts";

const DOCUMENTS = 200;
const WARM_UP = 5;
const CHROMIUM = "/usr/bin/chromium";

const template = loadDefaultTemplate("nl");
const catalogue = loadDefaultCatalogue();
const measures = loadDefaultMeasures();
const annex2 = {
  measures: measures.map((m) => ({ category: m.category.nl, title: m.title.nl, description: m.description.nl })),
};

const NAMES = ["Bakkerij", "Tandartspraktijk", "Advocatenkantoor", "Webwinkel", "Stichting", "Installatiebedrijf"];
const PLACES = ["Groningen", "Zwolle", "Utrecht", "Eindhoven", "Leeuwarden", "Den Haag", "Maastricht"];

/** Customer i: its own name, address and a varying subset of the catalogue's services. */
function agreementFor(i: number): AgreementDocument {
  const codes = catalogue.services.map((s) => s.code).filter((_, k) => (i * 7 + k * 3) % 5 < 3);
  const place = PLACES[i % PLACES.length] ?? "Groningen";
  return renderAgreementDocument({
    text: template,
    templateVersion: 1,
    parameters: DEFAULT_PARAMETERS,
    processor: {
      name: "Norisk Software B.V.",
      kvk: "55365655",
      address: "Johan van Zwedenlaan 1",
      city: "Groningen",
      country: "Nederland",
      court: "Noord-Nederland",
      termsUrl: "https://www.norisksoftware.nl/legal",
    },
    controller: {
      name: `${NAMES[i % NAMES.length] ?? "Klant"} ${place} ${String(i).padStart(4, "0")} B.V.`,
      kvk: String(70_000_000 + i * 7919),
      address: `Hoofdstraat ${1 + (i % 180)}`,
      city: place,
      country: "Nederland",
    },
    annex1: deriveAnnex1(catalogue, codes.length > 0 ? codes : ["web-hosting"], "nl", 1 + (i % 3)),
    annex2,
    timeZone: "Europe/Amsterdam",
  });
}

const warmUp = Array.from({ length: WARM_UP }, (_, i) => agreementFor(10_000 + i));
const docs = Array.from({ length: DOCUMENTS }, (_, i) => agreementFor(i));

// Art28 first, before Chromium starts: a browser still busy in the background (its renderer and
// GPU-less raster threads) would otherwise slow the in-process renderer on a 2-core machine.
for (const doc of warmUp) {
  renderAgreementPdf(doc);
}
let art28Bytes = 0;
let t = performance.now();
for (const doc of docs) {
  art28Bytes += renderAgreementPdf(doc).byteLength;
}
const art28PerDoc = (performance.now() - t) / DOCUMENTS;
const layers = { ...renderStats };

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let chromiumBytes = 0;
let chromiumPerDoc: number;
try {
  const page = await browser.newPage();
  const viaChromium = async (doc: AgreementDocument): Promise<Uint8Array> => {
    await page.setContent(renderAgreementHtml(doc));
    return page.pdf({ format: "A4" });
  };
  for (const doc of warmUp) {
    await viaChromium(doc);
  }
  t = performance.now();
  for (const doc of docs) {
    chromiumBytes += (await viaChromium(doc)).byteLength;
  }
  chromiumPerDoc = (performance.now() - t) / DOCUMENTS;
} finally {
  await browser.close();
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const kb = (bytes: number): string => (bytes / DOCUMENTS / 1024).toFixed(0);
print(`documents: ${DOCUMENTS} each (default Dutch agreement, own controller and Annex 1), ${WARM_UP} warm-up not timed`);
print(`art28 (Typst):              ${art28PerDoc.toFixed(1)} ms/doc, ${kb(art28Bytes)} KB/doc`);
print(`chromium (playwright-core): ${chromiumPerDoc.toFixed(1)} ms/doc, ${kb(chromiumBytes)} KB/doc`);
print(
  `art28 layers typeset (warm-up included): ${layers.sharedLayers} template text, ${layers.annexLayers} Annex 1; ` +
    `${layers.composed} documents composed, ${layers.whole} typeset whole`,
);
print("target ≥ 10×, goal 30×");
print(`ratio: ${(chromiumPerDoc / art28PerDoc).toFixed(1)}`);
