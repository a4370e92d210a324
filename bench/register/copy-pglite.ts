// The embedded baseline: a Node child that opens the PGlite data folder and runs the bare
// `COPY (…) TO '/dev/blob'` of the register's rows (PGlite's COPY TO STDOUT), writing the file.
import { writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { baselineQuery } from "./baseline.ts";

const [folder, out] = process.argv.slice(2);
if (folder === undefined || out === undefined) {
  throw new Error("usage: copy-pglite.ts <pglite folder> <out file>");
}
const db = await PGlite.create(folder);
const result = await db.query(`COPY (${baselineQuery()}) TO '/dev/blob' (FORMAT csv, HEADER)`);
if (result.blob === undefined) {
  throw new Error("COPY gave no blob");
}
writeFileSync(out, Buffer.from(await result.blob.arrayBuffer()));
await db.close();
