/**
 * Typst in process for the register's PDF, as the breach documents do it (breaches/documents/typst.ts):
 * the layout (register.typ) gets its data as one JSON file in Typst's virtual workspace, read with
 * `json(..)`, so no text is ever markup. The output carries no creation date.
 */
import { readFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const ROOT = "/art28-register";
let compiler: NodeCompiler | undefined;
let compilations = 0;

function getCompiler(): NodeCompiler {
  if (compiler === undefined) {
    compiler = NodeCompiler.create({ workspace: ROOT });
    compiler.mapShadow(`${ROOT}/register.typ`, readFileSync(new URL("./register.typ", import.meta.url)));
  }
  return compiler;
}

/** The register's PDF from its data; the data file is removed afterwards. */
export function renderRegisterTypst(data: unknown): Uint8Array {
  const c = getCompiler();
  const dataPath = `${ROOT}/data.json`;
  c.mapShadow(dataPath, Buffer.from(JSON.stringify(data)));
  try {
    const result = c.compile({ mainFileContent: `#import "/register.typ": document\n#document(json("/data.json"))\n` });
    const compiled = result.result;
    if (result.hasError() || compiled === null) {
      const error = result.takeError();
      const details: unknown = error === null ? [] : c.fetchDiagnostics(error);
      throw new Error(`register PDF failed to compile: ${JSON.stringify(details)}`);
    }
    const pdf = c.pdf(compiled);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    c.unmapShadow(dataPath);
    compilations += 1;
    if (compilations % 8 === 0) {
      c.evictCache(10);
    }
  }
}
