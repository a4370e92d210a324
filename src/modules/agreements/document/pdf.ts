/**
 * The agreement as PDF, typeset by Typst (agreement.typ) in process, no browser.
 *
 * The document data goes to Typst as JSON files in Typst's virtual file system (read with
 * `json(..)`), never as markup, so no customer text can be interpreted as Typst code. The output is
 * deterministic (no creation date; Typst derives the PDF /ID from the content): the same document
 * gives the same bytes, which is what makes the SHA-256 a customer signs (art. 12.1) reproducible.
 * That holds for one version of the Typst compiler and its embedded fonts; store the signed PDF
 * itself, not only its hash.
 *
 * Speed (bench/pdf): most of an agreement is the same for every customer of a template version,
 * locale and processor (the articles, Annex 2, the processor's party block), and Annex 1 is the
 * same for every customer who takes the same services. Typesetting and writing that text was
 * nearly all the time, so it is done once, as layers (agreement.typ):
 *   - "shared": the template's text, once per template and height of the controller's party block
 *     (the one thing before that text in the flow that varies: 4 or 5 lines);
 *   - "annex1": Annex 1, once per distinct Annex 1;
 *   - "customer": the rest, for each customer: the controller's party block, the footers, the
 *     signature page, on as many pages as the layers have, with their headings (hidden) where the
 *     layers have them, so that the PDF outline is the whole document's.
 * The layers' pages are drawn under the customer layer's as form XObjects (compose.ts). The pages
 * look exactly as the document typeset whole (`renderAgreementPdfWhole`, the fallback if anything
 * is unexpected; the tests compare both as pixels), and the bytes are a function of the document
 * alone: each layer is a function of its own inputs, whatever is cached.
 *
 * PDFs are written without tagged structure (pdfTags: false), as Chromium's are: composing the
 * layers' structure trees is not supported (and tagging made writing ~20% slower).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import type { NodeTypstDocument } from "@myriaddreamin/typst-ts-node-compiler";
import type { AgreementDocument, SignatureBlock, SignedAgreementDocument } from "../../../domain/agreement-document.ts";
import { formatInstant } from "../../../domain/legal-time.ts";
import { drawSharedPages, prepareSharedLayer } from "./compose.ts";
import type { SharedLayer } from "./compose.ts";

/** A signature as agreement.typ shows it: the instant already formatted with its UTC offset. */
interface SignatureView {
  organisation: string;
  name: string;
  function: string;
  signedAt: string;
  method: SignatureBlock["method"];
}

interface SignaturePage {
  sha256: string;
  processor: SignatureView | null;
  controller: SignatureView | null;
}

/** [page, x, y]: pages from 1, x and y in pt from the top left. */
type Position = [number, number, number];

/** What agreement.typ's `report` says about a layer (queried as <art28-layout>). */
interface LayoutReport {
  annex2: number | null;
  headings: Position[];
}

/** The shared layer's geometry, as the customer layer needs it (agreement.typ, "customer"). */
interface Geometry {
  controllerHeight: number;
  /** The page Annex 2 starts on: the contract takes the pages before it. */
  annex2: number;
  pages: number;
  headings: Position[];
}

/** A layer typeset and written once: its pages prepared for drawing, and where its text sits. */
interface Layer<G> {
  layer: SharedLayer;
  geometry: G;
  /** Where the geometry is in Typst's workspace, as JSON (read by the customer layer). */
  geometryPath: string;
}

/** The text every customer of one template version, locale and processor shares, as Typst reads it. */
interface SharedText {
  /** Its module in the workspace: `template` (the JSON) and `parts` (agreement.typ's shared parts). */
  module: string;
  /** Its shared layers by controller block height (null: could not be prepared). */
  layers: Map<number, Layer<Geometry> | null>;
  /** Its Annex 1 layers by Annex 1 (as JSON). */
  annexes: Map<string, Layer<{ pages: number; headings: Position[] }> | null>;
  /** The controller block height of the last customer: the next one's most likely. */
  lastHeight: number | null;
}

/** Typst's virtual workspace: nothing here is read from disk. */
const ROOT = "/art28";
const TEMPLATE = readFileSync(new URL("./agreement.typ", import.meta.url));
const PDF_OPTIONS = { pdfTags: false };
/** Template versions × locales × processors whose layers are kept. */
const MAX_TEMPLATES = 16;
/** Controller block heights kept per template (in practice two or three: 4 or 5 lines). */
const MAX_HEIGHTS = 8;
/** Distinct Annex 1s kept per template (one per set of services and Annex 1 version; ~20 KB each). */
const MAX_ANNEXES = 64;

// One compiler for the process: creating one loads the embedded fonts (~100 ms); compiling with a
// warm one reuses parsed sources, fonts and layout caches.
let compiler: NodeCompiler | undefined;
let compilations = 0;
let layerFiles = 0;
const sharedTexts = new Map<string, SharedText>();

/** How documents were rendered since the process started (for tests and diagnostics). */
export const renderStats = { composed: 0, whole: 0, sharedLayers: 0, annexLayers: 0, remeasured: 0 };

function getCompiler(): NodeCompiler {
  if (compiler === undefined) {
    compiler = NodeCompiler.create({ workspace: ROOT });
    compiler.mapShadow(`${ROOT}/agreement.typ`, TEMPLATE);
  }
  return compiler;
}

/** The agreement as presented for signature, without a signature page. Its bytes are what is signed. */
export function renderAgreementPdf(doc: AgreementDocument): Uint8Array {
  return renderPdf(doc, null, "layers");
}

/**
 * The signed agreement re-rendered: the pages of `renderAgreementPdf(signed.document)` plus a
 * signature page with both parties' signatures and the SHA-256 of the unsigned PDF. Every footer
 * counts all its pages ("9 of 9" on the signature page), so its contract pages' footers differ from
 * the signed bytes' ("8 of 8"): it is a copy for reading, not what was signed (that stays stored).
 */
export function renderSignedAgreementPdf(signed: SignedAgreementDocument): Uint8Array {
  return renderPdf(signed.document, signaturePage(signed), "layers");
}

/**
 * The same pages as `renderAgreementPdf` (or, given `signed`, `renderSignedAgreementPdf`), typeset
 * as one document without layers: the fallback, and the reference the layers are tested against.
 * Its bytes differ (fonts are subset once instead of per layer).
 */
export function renderAgreementPdfWhole(doc: AgreementDocument, signed?: SignedAgreementDocument): Uint8Array {
  return renderPdf(doc, signed === undefined ? null : signaturePage(signed), "whole");
}

function signaturePage(signed: SignedAgreementDocument): SignaturePage {
  const { document: doc } = signed;
  const view = (party: SignatureBlock["party"]): SignatureView | null => {
    const s = signed.signatures.find((sig) => sig.party === party);
    if (s === undefined) {
      return null;
    }
    return {
      organisation: s.organisation,
      name: s.name,
      function: s.function,
      signedAt: formatInstant(new Date(s.signedAt), doc.timeZone, doc.locale),
      method: s.method,
    };
  };
  return { sha256: signed.documentSha256, processor: view("processor"), controller: view("controller") };
}

function renderPdf(doc: AgreementDocument, signature: SignaturePage | null, how: "layers" | "whole"): Uint8Array {
  const c = getCompiler();
  const shared = sharedText(c, doc);
  if (how === "layers") {
    const composed = renderLayers(c, shared, doc, signature);
    if (composed !== null) {
      renderStats.composed += 1;
      return composed;
    }
  }
  renderStats.whole += 1;
  mapCustomer(c, doc, signature, 0);
  const whole = compile(c, entry(shared, `layer: "full"`));
  return asBytes(c.pdf(whole, PDF_OPTIONS));
}

/** Writes the customer's part of the document to Typst's workspace as /customer.json. */
function mapCustomer(c: NodeCompiler, doc: AgreementDocument, signature: SignaturePage | null, total: number): void {
  const L = doc.labels;
  const customer = {
    controller: doc.controller,
    annex1: doc.annex1,
    signature,
    // The customer layer's footer words, as the whole document's footer has them (<footer-words>).
    footer: {
      parts: [doc.title, doc.controller.name, `${L.version} ${doc.templateVersion}`],
      page: L.page,
      of: L.of,
      // Every page of the PDF, its signature page included: the layers' pages are known before
      // this layer is typeset, so the total is passed in and no page counter (a second pass) is needed.
      total,
    },
  };
  c.mapShadow(`${ROOT}/customer.json`, Buffer.from(JSON.stringify(customer)));
}

/** The customer layer with the other layers' pages drawn under it; null if anything is unexpected. */
function renderLayers(c: NodeCompiler, shared: SharedText, doc: AgreementDocument, signature: SignaturePage | null): Uint8Array | null {
  const annex = annexLayer(c, shared, doc);
  if (annex === null) {
    return null;
  }
  let layer = shared.lastHeight === null ? null : sharedLayer(c, shared, shared.lastHeight);
  // Laid out for the last customer's controller block height: right unless this controller's block
  // is higher or lower (it is measured as it is laid out); then again for its own.
  for (let attempt = 0; attempt < 2; attempt++) {
    const contract = layer === null ? 0 : layer.geometry.annex2 - 1;
    const annex2Pages = layer === null ? 0 : layer.geometry.pages - contract;
    const body = contract + annex.geometry.pages + annex2Pages;
    const total = body + (signature === null ? 0 : 1);
    mapCustomer(c, doc, signature, total);
    const geometry = layer === null ? "none" : `json("${layer.geometryPath}")`;
    const own = compile(c, entry(shared, `layer: "customer", geometry: ${geometry}, annex: json("${annex.geometryPath}")`));
    const height = controllerHeight(c, own);
    if (height === null) {
      return null;
    }
    if (layer === null || layer.geometry.controllerHeight !== height) {
      layer = sharedLayer(c, shared, height);
      shared.lastHeight = height;
      renderStats.remeasured += 1;
      if (layer === null) {
        return null;
      }
      continue;
    }
    if (own.numOfPages !== total) {
      return null;
    }
    // Under the contract's pages the shared layer's, then Annex 1's, then the shared layer's again.
    const map = Array.from({ length: own.numOfPages }, (_, i) => {
      if (i < contract) {
        return { layer: 0, page: i };
      }
      if (i < contract + annex.geometry.pages) {
        return { layer: 1, page: i - contract };
      }
      return i < body ? { layer: 0, page: i - annex.geometry.pages } : null;
    });
    return drawSharedPages(asBytes(c.pdf(own, PDF_OPTIONS)), [layer.layer, annex.layer], map);
  }
  return null;
}

/** The shared layer for a controller block of `height` pt: typeset and prepared once. */
function sharedLayer(c: NodeCompiler, shared: SharedText, height: number): Layer<Geometry> | null {
  const known = shared.layers.get(height);
  if (known !== undefined) {
    return known;
  }
  const input = `${shared.module}.layer-${(layerFiles += 1)}.json`;
  c.mapShadow(`${ROOT}${input}`, Buffer.from(JSON.stringify({ controllerHeight: height })));
  const compiled = compile(c, entry(shared, `none, layer: "shared", geometry: json("${input}")`, false));
  c.unmapShadow(`${ROOT}${input}`);
  const report = layoutReport(c, compiled);
  const layer = prepareSharedLayer(asBytes(c.pdf(compiled, PDF_OPTIONS)));
  let entryValue: Layer<Geometry> | null = null;
  if (layer !== null && report !== null && report.annex2 !== null) {
    const geometry: Geometry = {
      controllerHeight: height,
      annex2: report.annex2,
      pages: compiled.numOfPages,
      headings: report.headings,
    };
    entryValue = { layer, geometry, geometryPath: mapGeometry(c, shared, geometry) };
  }
  remember(c, shared.layers, height, entryValue, MAX_HEIGHTS);
  renderStats.sharedLayers += 1;
  return entryValue;
}

/** The Annex 1 layer for this document's Annex 1: typeset and prepared once. */
function annexLayer(c: NodeCompiler, shared: SharedText, doc: AgreementDocument): Layer<{ pages: number; headings: Position[] }> | null {
  const json = JSON.stringify(doc.annex1);
  const known = shared.annexes.get(json);
  if (known !== undefined) {
    shared.annexes.delete(json);
    shared.annexes.set(json, known);
    return known;
  }
  const input = `${shared.module}.annex-${(layerFiles += 1)}.json`;
  c.mapShadow(`${ROOT}${input}`, Buffer.from(`{"annex1":${json}}`));
  const compiled = compile(c, entry(shared, `json("${input}"), layer: "annex1"`, false));
  c.unmapShadow(`${ROOT}${input}`);
  const report = layoutReport(c, compiled);
  const layer = prepareSharedLayer(asBytes(c.pdf(compiled, PDF_OPTIONS)));
  let entryValue: Layer<{ pages: number; headings: Position[] }> | null = null;
  if (layer !== null && report !== null) {
    const geometry = { pages: compiled.numOfPages, headings: report.headings };
    entryValue = { layer, geometry, geometryPath: mapGeometry(c, shared, geometry) };
  }
  remember(c, shared.annexes, json, entryValue, MAX_ANNEXES);
  renderStats.annexLayers += 1;
  return entryValue;
}

function mapGeometry(c: NodeCompiler, shared: SharedText, geometry: object): string {
  const path = `${shared.module}.geometry-${(layerFiles += 1)}.json`;
  c.mapShadow(`${ROOT}${path}`, Buffer.from(JSON.stringify(geometry)));
  return path;
}

/** Adds to a bounded map, evicting the least recently used entry (and its geometry file). */
function remember<K, V extends { geometryPath: string } | null>(c: NodeCompiler, map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) {
    const [oldKey, old] = map.entries().next().value ?? [];
    if (oldKey !== undefined) {
      map.delete(oldKey);
      if (old != null) {
        c.unmapShadow(`${ROOT}${old.geometryPath}`);
      }
    }
  }
  map.set(key, value);
}

/** The document's shared text, registered in Typst's workspace under a name of its own. */
function sharedText(c: NodeCompiler, doc: AgreementDocument): SharedText {
  const json = JSON.stringify({
    locale: doc.locale,
    title: doc.title,
    templateVersion: doc.templateVersion,
    processor: doc.processor,
    intro: doc.intro,
    recitalsHeading: doc.recitalsHeading,
    recitals: doc.recitals,
    articles: doc.articles,
    annex2: doc.annex2,
    labels: doc.labels,
  });
  const known = sharedTexts.get(json);
  if (known !== undefined) {
    // Most recently used last, so the oldest is evicted first.
    sharedTexts.delete(json);
    sharedTexts.set(json, known);
    return known;
  }
  if (sharedTexts.size >= MAX_TEMPLATES) {
    const [oldJson, old] = sharedTexts.entries().next().value ?? [];
    if (oldJson !== undefined && old !== undefined) {
      sharedTexts.delete(oldJson);
      c.unmapShadow(`${ROOT}${old.module}.json`);
      c.unmapShadow(`${ROOT}${old.module}`);
      for (const layer of [...old.layers.values(), ...old.annexes.values()]) {
        if (layer !== null) {
          c.unmapShadow(`${ROOT}${layer.geometryPath}`);
        }
      }
    }
  }
  // Evaluated once (Typst caches a module's evaluation while its files are unchanged), so every
  // customer's document holds the very same shared content.
  const module = `/shared-${createHash("sha256").update(json).digest("hex").slice(0, 32)}.typ`;
  c.mapShadow(`${ROOT}${module}.json`, Buffer.from(json));
  c.mapShadow(
    `${ROOT}${module}`,
    Buffer.from(`#import "/agreement.typ": shared-parts\n#let template = json("${module}.json")\n#let parts = shared-parts(template)\n`),
  );
  const text: SharedText = { module, layers: new Map(), annexes: new Map(), lastHeight: null };
  sharedTexts.set(json, text);
  return text;
}

/**
 * The entry file: agreement.typ's `agreement` with the shared text, the customer (unless `args`
 * says otherwise) and `args`. Only paths this module makes and literals go in: no document text.
 */
function entry(shared: SharedText, args: string, customer = true): string {
  return (
    `#import "/agreement.typ": agreement\n#import "${shared.module}": template, parts\n` +
    `#agreement(template, parts, ${customer ? `json("/customer.json"), ` : ""}${args})\n`
  );
}

function compile(c: NodeCompiler, main: string): NodeTypstDocument {
  const result = c.compile({ mainFileContent: main });
  const compiled = result.result;
  if (result.hasError() || compiled === null) {
    const error = result.takeError();
    const details = error === null ? [] : c.fetchDiagnostics(error);
    throw new Error(`agreement PDF failed to compile: ${JSON.stringify(details)}`);
  }
  // Typst memoises across compilations; evict old entries as the Typst CLI does, or a long-running
  // server keeps every document it ever rendered.
  compilations += 1;
  if (compilations % 32 === 0) {
    c.evictCache(10);
  }
  return compiled;
}

/** The controller's party block height in pt, as the customer layer measured it. */
function controllerHeight(c: NodeCompiler, compiled: NodeTypstDocument): number | null {
  const values: unknown = c.query(compiled, { selector: "<art28-controller-height>", field: "value" });
  return Array.isArray(values) && values.length === 1 && typeof values[0] === "number" ? values[0] : null;
}

function layoutReport(c: NodeCompiler, compiled: NodeTypstDocument): LayoutReport | null {
  const values: unknown = c.query(compiled, { selector: "<art28-layout>", field: "value" });
  if (!Array.isArray(values) || values.length !== 1) {
    return null;
  }
  return values[0] as LayoutReport;
}

function asBytes(pdf: Buffer): Uint8Array {
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}
