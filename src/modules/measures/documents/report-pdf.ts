/**
 * The measures report as PDF (art. 2.2, 7.1), typeset by Typst in process like the other documents
 * (breaches/documents/typst.ts): the layout (report.typ) gets its data as one JSON file in Typst's
 * virtual workspace, never as markup. No creation date: the same data give the same bytes.
 */
import { readFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const ROOT = "/art28-measures";
let compiler: NodeCompiler | undefined;
let compilations = 0;

export interface ReportData {
  locale: "nl" | "en";
  title: string;
  author: string;
  processor: string;
  subtitle: string;
  version: string;
  generated: string;
  lastReview: string;
  empty: string;
  note: string;
  footer: string;
  page: string;
  of: string;
  themes: { label: string; measures: { title: string; category: string; description: string; lastReview: string }[] }[];
}

export function renderReportPdf(data: ReportData): Uint8Array {
  if (compiler === undefined) {
    compiler = NodeCompiler.create({ workspace: ROOT });
    compiler.mapShadow(`${ROOT}/report.typ`, readFileSync(new URL("./report.typ", import.meta.url)));
  }
  const c = compiler;
  const dataPath = `${ROOT}/data.json`;
  c.mapShadow(dataPath, Buffer.from(JSON.stringify(data)));
  try {
    const result = c.compile({ mainFileContent: `#import "/report.typ": report\n#report(json("/data.json"))\n` });
    const compiled = result.result;
    if (result.hasError() || compiled === null) {
      const error = result.takeError();
      const details: unknown = error === null ? [] : c.fetchDiagnostics(error);
      throw new Error(`measures report failed to compile: ${JSON.stringify(details)}`);
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
