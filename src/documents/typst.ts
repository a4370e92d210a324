/**
 * Typst in process for a module's documents: each document is a layout module (`<name>.typ` in
 * the module's folder) whose function gets its data as one JSON file in Typst's virtual
 * workspace, read with `json(..)`. No text is ever written into markup, so a customer's `#eval("…")`
 * prints literally, and the output carries no creation date: the same data give the same bytes.
 */
import { readFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

/**
 * A renderer of the layouts in `folder` (a `new URL("./", import.meta.url)` of the module), in its
 * own virtual workspace `root`. The compiler is made on first use (it loads the embedded fonts,
 * ~100 ms) and kept; each layout file is read once.
 */
export function typstRenderer(root: string, folder: URL) {
  let compiler: NodeCompiler | undefined;
  let compilations = 0;
  const mapped = new Set<string>();
  /** The PDF of `layout.typ`'s `fn(data)`; `what` names it in a compile error. */
  return (layout: string, fn: string, data: unknown, what: string): Uint8Array => {
    const c = (compiler ??= NodeCompiler.create({ workspace: root }));
    if (!mapped.has(layout)) {
      c.mapShadow(`${root}/${layout}.typ`, readFileSync(new URL(`./${layout}.typ`, folder)));
      mapped.add(layout);
    }
    // Compiling is synchronous, so one data file at a time is enough; it is removed afterwards so
    // no personal data stays in the compiler's workspace.
    const dataPath = `${root}/data.json`;
    c.mapShadow(dataPath, Buffer.from(JSON.stringify(data)));
    try {
      const result = c.compile({ mainFileContent: `#import "/${layout}.typ": ${fn}\n#${fn}(json("/data.json"))\n` });
      const compiled = result.result;
      if (result.hasError() || compiled === null) {
        const error = result.takeError();
        const details: unknown = error === null ? [] : c.fetchDiagnostics(error);
        throw new Error(`${what} failed to compile: ${JSON.stringify(details)}`);
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
  };
}
