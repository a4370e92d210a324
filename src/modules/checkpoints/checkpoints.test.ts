import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createTestApp, login, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { inScope } from "../../db/scope.ts";
import { leafData, verifyStatementSignature, type CheckpointStatement } from "../../domain/evidence-bundle/checkpoint.ts";
import { fromHex, leafHash, verifyInclusion } from "../../domain/merkle.ts";
import { checkpointKeyFrom, newCheckpointKeyPem, registerCheckpointKey, type CheckpointKey } from "./signing-key.ts";
import { checkpointsForStream } from "./proofs.ts";
import { checkpointSweep } from "./sweep.ts";

// Published checkpoints: made on demand and by the sweep, signed, chained, public as JSON and Atom.

let t: TestApp;
let key: CheckpointKey;

interface Published {
  publicKey: string;
  keyId: string;
  checkpoints: { number: number; treeSize: number; root: string; statement: string; signature: string }[];
}

before(async () => {
  t = await createTestApp();
  key = checkpointKeyFrom(newCheckpointKeyPem());
});
after(async () => {
  registerCheckpointKey(null);
  await t.close();
});

test("without a key no checkpoint is made; with one, staff make one on demand, signed and chained; customers may not", async () => {
  const officer = await login(t.app, (await createStaff(t.database.db, "security_officer")).email);
  registerCheckpointKey(null);
  assert.equal((await officer.send("POST", "/api/v1/checkpoints")).statusCode, 409);
  registerCheckpointKey(key);
  const customer = await createCustomer(t.database.db, t.clock, { name: "Klant Controlepunt" });
  const first = await officer.send("POST", "/api/v1/checkpoints");
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json<{ number: number }>().number, 1);
  t.clock.advance(60_000);
  const second = (await officer.send("POST", "/api/v1/checkpoints")).json<{ number: number; treeSize: number }>();
  assert.equal(second.number, 2);

  const owner = await login(t.app, customer.owner.email);
  assert.equal((await owner.send("POST", "/api/v1/checkpoints")).statusCode, 403);
  assert.equal((await t.app.inject({ method: "POST", url: "/api/v1/checkpoints" })).statusCode, 401);

  // Public, without a login: the key and the checkpoints, newest first, each signed and chained.
  const response = await t.app.inject({ method: "GET", url: "/api/v1/trust/checkpoints" });
  assert.equal(response.statusCode, 200);
  const published = response.json<Published>();
  assert.equal(published.publicKey, key.publicKey);
  assert.deepEqual(
    published.checkpoints.map((c) => c.number),
    [2, 1],
  );
  const [newest, oldest] = published.checkpoints;
  assert.ok(newest && oldest);
  for (const c of published.checkpoints) {
    assert.equal(await verifyStatementSignature(c.statement, c.signature, published.publicKey), true);
  }
  const other = checkpointKeyFrom(newCheckpointKeyPem());
  assert.equal(await verifyStatementSignature(newest.statement, newest.signature, other.publicKey), false, "another key's does not verify");
  const statement = JSON.parse(newest.statement) as CheckpointStatement;
  assert.equal(statement.previous, createHash("sha256").update(oldest.statement).digest("hex"), "checkpoints form a chain");
  assert.ok(newest.treeSize > oldest.treeSize, "the processor's stream moved (checkpoint.made), so its head was appended");

  // The customer's stream head is in the tree: its inclusion proof leads to the root.
  const proofs = await checkpointsForStream(t.database.db, `controller:${customer.controllerId}`, key, Number.MAX_SAFE_INTEGER);
  const last = proofs.checkpoints.at(-1);
  assert.ok(last?.leaf);
  const root = (JSON.parse(last.statement) as CheckpointStatement).root;
  assert.equal(
    await verifyInclusion(await leafHash(leafData(last.leaf)), last.leaf.position, statement.treeSize, last.inclusion.map(fromHex), fromHex(root)),
    true,
  );

  const atom = await t.app.inject({ method: "GET", url: "/api/v1/trust/checkpoints.atom?lang=en" });
  assert.equal(atom.statusCode, 200);
  assert.match(atom.headers["content-type"] as string, /atom\+xml/);
  assert.match(atom.body, /Checkpoint 2: [0-9a-f]{64}/);
  assert.match(atom.body, new RegExp(key.publicKey.replaceAll("+", "\\+").replaceAll("/", "\\/")));
});

test("the sweep makes one when the last is older than the interval, once", async () => {
  registerCheckpointKey(key);
  const sweep = () => inScope(t.database.db, { kind: "processor" }, (tx) => checkpointSweep(tx, t.clock));
  await sweep();
  assert.equal(await sweep(), 0, "not again within the hour");
  t.clock.advance(61 * 60_000);
  assert.equal(await sweep(), 1);
  assert.equal(await sweep(), 0);
  registerCheckpointKey(null);
  t.clock.advance(61 * 60_000);
  assert.equal(await sweep(), 0, "no key, no checkpoint");
});
