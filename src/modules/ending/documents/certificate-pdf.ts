/**
 * The deletion certificate as PDF (art. 12.2, 12.4), typeset by Typst in process like the other
 * documents (measures/documents/report-pdf.ts): the layout (certificate.typ) gets its data as one
 * JSON file in Typst's virtual workspace, never as markup. No creation date: the same data give the
 * same bytes, so the SHA-256 recorded when it was issued is that of every later download in its language.
 */
import { readFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const ROOT = "/art28-ending";
let compiler: NodeCompiler | undefined;
let compilations = 0;

export interface CertificateData {
  locale: "nl" | "en";
  title: string;
  author: string;
  processor: string;
  customer: string;
  reference: string;
  ended: string;
  issued: string;
  intro: string;
  deletedHeading: string;
  columns: string[];
  lines: { party: string; system: string; category: string; when: string; how: string; by: string }[];
  proofs: string[];
  heldHeading: string;
  heldNone: string;
  holdColumns: string[];
  holds: { data: string; ground: string; capacity: string; until: string; deleted: string }[];
  note: string;
  footer: string;
  page: string;
  of: string;
}

export function renderCertificatePdf(data: CertificateData): Uint8Array {
  if (compiler === undefined) {
    compiler = NodeCompiler.create({ workspace: ROOT });
    compiler.mapShadow(`${ROOT}/certificate.typ`, readFileSync(new URL("./certificate.typ", import.meta.url)));
  }
  const c = compiler;
  const dataPath = `${ROOT}/data.json`;
  c.mapShadow(dataPath, Buffer.from(JSON.stringify(data)));
  try {
    const result = c.compile({ mainFileContent: `#import "/certificate.typ": certificate\n#certificate(json("/data.json"))\n` });
    const compiled = result.result;
    if (result.hasError() || compiled === null) {
      const error = result.takeError();
      const details: unknown = error === null ? [] : c.fetchDiagnostics(error);
      throw new Error(`deletion certificate failed to compile: ${JSON.stringify(details)}`);
    }
    const pdf = c.pdf(compiled);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    c.unmapShadow(dataPath);
    compilations += 1;
    if (compilations % 32 === 0) {
      c.evictCache(10);
    }
  }
}
