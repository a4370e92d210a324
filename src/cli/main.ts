// The CLI's entry. Node keeps what it compiles (TypeScript stripped, then V8's code cache) in a
// cache folder first, so a start after the first loads the ~1,300 modules faster (a few hundred
// ms of the start); then the program itself (program.ts) loads.
import { enableCompileCache, registerHooks } from "node:module";

enableCompileCache();

// drizzle-orm's package.json is 179 KB (an exports map of 447 entries), and Node 24 parses it again
// for the format of each of the ~100 files drizzle loads: a second of the start, and ~170 MB of
// resident memory never given back (measured: importing drizzle's pg-core, node-postgres and pglite
// took 1,056 ms and left 234 MB resident; with this, 211 ms and 65 MB). A relative import within
// drizzle-orm, a package of "type": "module" whose imports all name their .js file, is an ES module
// at the URL it names: that is what Node would find, without reading the package.json again.
const DRIZZLE = "/node_modules/drizzle-orm/";
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (context.parentURL?.includes(DRIZZLE) && specifier.startsWith(".") && specifier.endsWith(".js") && context.conditions.includes("import")) {
      return { url: new URL(specifier, context.parentURL).href, format: "module", shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});

await import("./program.ts");
