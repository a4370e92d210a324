// The CLI's entry. Node keeps what it compiles (TypeScript stripped, then V8's code cache) in a
// cache folder first, so a start after the first loads the ~1,300 modules faster (a few hundred
// ms of the start); then the program itself (program.ts) loads.
import { enableCompileCache } from "node:module";

enableCompileCache();
await import("./program.ts");
