import { after, test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tryLock } from "fs-native-extensions";
import { claimDataFolder, DataFolderInUseError, ownerFileOf, readOwner } from "./data-folder.ts";

// The claim on an embedded data folder, in one process: the lock is the kernel's, so a second
// claim is refused here just as it is from another process (open-file-description locks).

const root = mkdtempSync(join(tmpdir(), "art28-claim-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, `data-${++n}`, "pglite");

test("a claimed folder is refused to a second claim, which names the owner; released, it can be claimed again", () => {
  const dir = folder();
  const first = claimDataFolder(dir, { command: "serve" });
  assert.equal(first.owner.pid, process.pid);
  assert.equal(first.previousUnclean, null, "a new folder has no previous run");
  first.announce("http://127.0.0.1:3999");

  assert.throws(
    () => claimDataFolder(dir, { command: "verify" }),
    (error: unknown) => {
      assert.ok(error instanceof DataFolderInUseError);
      assert.equal(error.command, "verify");
      assert.equal(error.owner?.pid, process.pid);
      assert.equal(error.owner?.command, "serve");
      assert.equal(error.owner?.url, "http://127.0.0.1:3999");
      assert.match(error.message, /in use by `art28 serve` \(pid \d+ on .+, since \d{4}-\d\d-\d\dT/);
      return true;
    },
  );

  first.release();
  const record = readOwner(dir);
  assert.ok(record?.stoppedAt, "a clean stop is written down");
  const second = claimDataFolder(dir, { command: "verify" });
  assert.equal(second.previousUnclean, null, "after a clean stop the next claim has nothing to report");
  second.release();
});

test("an owner that died without a clean stop does not hold the folder, and the next claim says so", () => {
  const dir = folder();
  claimDataFolder(dir, { command: "migrate" }).release();
  // What a kill -9 leaves: the record of a run with no stop, and no lock (the kernel dropped it).
  writeFileSync(
    ownerFileOf(dir),
    JSON.stringify({ pid: 999_999, command: "serve", host: "elsewhere", since: "2026-12-01T10:00:00.000Z", url: null, stoppedAt: null }),
  );
  const claim = claimDataFolder(dir, { command: "serve" });
  assert.equal(claim.previousUnclean?.pid, 999_999);
  assert.equal(claim.previousUnclean?.since, "2026-12-01T10:00:00.000Z");
  claim.release();
});

test("a record cut off in the middle of writing is no owner", () => {
  const dir = folder();
  claimDataFolder(dir, { command: "serve" }).release();
  writeFileSync(ownerFileOf(dir), '{"pid": 12, "comm');
  const claim = claimDataFolder(dir, { command: "serve" });
  assert.equal(claim.previousUnclean, null);
  claim.release();
});

test("an owner file removed while held is written again, and the folder stays claimed", async () => {
  const dir = folder();
  const warned = Promise.withResolvers<string>();
  const claim = claimDataFolder(dir, { command: "serve", checkEveryMs: 10, onWarning: warned.resolve, onLost: () => assert.fail("not lost") });
  unlinkSync(ownerFileOf(dir));
  assert.match(await warned.promise, /was removed .* written again/);
  assert.equal(readOwner(dir)?.pid, process.pid);
  assert.throws(() => claimDataFolder(dir, { command: "verify" }), DataFolderInUseError);
  claim.release();
});

test("an owner file replaced by another holder's means the claim is lost, and the owner is told", async () => {
  const dir = folder();
  const lost = Promise.withResolvers<string>();
  const claim = claimDataFolder(dir, { command: "serve", checkEveryMs: 10, onLost: lost.resolve });
  // Another process's file, locked, moved into place in one step.
  const other = `${ownerFileOf(dir)}.other`;
  const fd = openSync(other, "w+");
  assert.ok(tryLock(fd));
  renameSync(other, ownerFileOf(dir));
  assert.match(await lost.promise, /replaced by another process's/);
  claim.release(); // does nothing more: the file is not ours
  assert.equal(readFileSync(ownerFileOf(dir), "utf8"), "", "the other holder's file was left alone");
  closeSync(fd);
});
