/**
 * Typst in process for the breach documents (the notice, the AP draft, the register), as the
 * agreement PDF does it (agreements/document/pdf.ts): each document is a small layout module
 * (`*.typ` beside this file) that gets its data as one JSON file in Typst's virtual workspace,
 * read with `json(..)`. No text is ever written into markup, so a customer's `#eval("…")` or
 * `*bold*` prints literally. The output carries no creation date: the same data give the same bytes.
 */
import { readFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

/** Typst's virtual workspace: nothing here is read from disk at compile time. */
const ROOT = "/art28-breach";
export type Layout = "notice" | "ap-draft" | "register";

// One compiler for the process, made on first use: creating one loads the embedded fonts (~100 ms).
let compiler: NodeCompiler | undefined;
let compilations = 0;
const mapped = new Set<string>();

/** The compiler, with common.typ and `layout`'s module in its workspace. */
function getCompiler(layout: Layout): NodeCompiler {
  compiler ??= NodeCompiler.create({ workspace: ROOT });
  for (const name of ["common.typ", `${layout}.typ`]) {
    if (!mapped.has(name)) {
      compiler.mapShadow(`${ROOT}/${name}`, readFileSync(new URL(`./${name}`, import.meta.url)));
      mapped.add(name);
    }
  }
  return compiler;
}

/**
 * The PDF of `layout`'s `document(data)`. Compiling is synchronous, so one data file at a time is
 * enough; it is removed afterwards so no personal data stays in the compiler's workspace.
 */
export function renderTypstPdf(layout: Layout, data: unknown): Uint8Array {
  const c = getCompiler(layout);
  const dataPath = `${ROOT}/data.json`;
  c.mapShadow(dataPath, Buffer.from(JSON.stringify(data)));
  try {
    const result = c.compile({ mainFileContent: `#import "/${layout}.typ": document\n#document(json("/data.json"))\n` });
    const compiled = result.result;
    if (result.hasError() || compiled === null) {
      const error = result.takeError();
      const details: unknown = error === null ? [] : c.fetchDiagnostics(error);
      throw new Error(`${layout} PDF failed to compile: ${JSON.stringify(details)}`);
    }
    const pdf = c.pdf(compiled);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    c.unmapShadow(dataPath);
    // Typst memoises across compilations; evict old entries (as the Typst CLI does), or a
    // long-running server keeps every document it ever rendered.
    compilations += 1;
    if (compilations % 32 === 0) {
      c.evictCache(10);
    }
  }
}
