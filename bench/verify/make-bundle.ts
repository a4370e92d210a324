/**
 * A child of bench/verify/bundle-100k.ts: makes one customer's evidence bundle as the route does
 * (evidence.bundle_made recorded, then writeBundle streaming the ZIP) into a file, in a process of
 * its own so /usr/bin/time measures its wall time and peak RSS alone.
 *
 *   node bench/verify/make-bundle.ts (--data DIR | --url URL) --controller ID --out FILE
 *   node bench/verify/make-bundle.ts (--data DIR | --url URL) --controller ID --floor   # opens the database, makes nothing
 */
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { openDatabase } from "../../src/db/engine.ts";
import { inScope } from "../../src/db/scope.ts";
import { systemClock } from "../../src/domain/clock.ts";
import { registerAllNoticeKinds } from "../../src/modules.ts";
import { mailFrom, recordBundleMade, writeBundle } from "../../src/modules/evidence-bundle/bundle.ts";

const { values: args } = parseArgs({
  options: { data: { type: "string" }, url: { type: "string" }, controller: { type: "string" }, out: { type: "string" }, floor: { type: "boolean" } },
});
if (!args.controller || !(args.out || args.floor) || !(args.data || args.url)) {
  throw new Error("usage: make-bundle.ts (--data DIR | --url URL) --controller ID --out FILE");
}
const controllerId = args.controller;
/** As the customer's own download: its row-level security, its own user as the actor. */
async function make(file: string): Promise<void> {
  const scope = { kind: "controller" as const, controllerId };
  const made = await inScope(database.db, scope, (tx) =>
    recordBundleMade(tx, systemClock, { kind: "customer", id: null, label: "Bench <bench@bench.example>" }, controllerId),
  );
  if (!made) {
    throw new Error(`no customer ${controllerId}`);
  }
  const out = createWriteStream(file);
  await writeBundle(
    { db: database.db, clock: systemClock, scope, controllerId, controllerName: made.controller.name, head: made.head, from: await mailFrom(database.db) },
    out,
  );
  await finished(out);
  process.stdout.write(`events: ${made.head.lastSeq}\n`);
}

registerAllNoticeKinds();
const database = await openDatabase(args.url ? { engine: "postgres", url: args.url, poolSize: 2 } : { engine: "pglite", dataDir: args.data as string });
try {
  if (args.floor) {
    await inScope(database.db, { kind: "controller", controllerId }, async () => {});
  } else {
    await make(args.out as string);
  }
} finally {
  await database.close();
}
