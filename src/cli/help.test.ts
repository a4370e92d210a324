import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { logFormat } from "./log-output.ts";

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

// --data is a global option (before or after the command): a user reading one command's help must see it.
for (const command of [
  ["serve"],
  ["worker"],
  ["migrate"],
  ["verify"],
  ["import", "customers"],
  ["import", "fees"],
  ["export", "register"],
  ["backup"],
  ["restore"],
  ["openapi"],
]) {
  test(`art28 ${command.join(" ")} --help lists --data`, async () => {
    const { stdout } = await run(process.execPath, [MAIN, ...command, "--help"], { env: { ...process.env, DATABASE_URL: "" } });
    assert.match(stdout, /--data <dir>\s+data folder of the embedded database/);
  });
}

test("serve --help offers the log format", async () => {
  const { stdout } = await run(process.execPath, [MAIN, "serve", "--help"]);
  assert.match(stdout, /--log-format <format>/);
});

test("log lines: pretty on a terminal, JSON otherwise; the flag, then ART28_LOG_FORMAT, decide first", () => {
  assert.equal(logFormat(undefined, {}, true), "pretty");
  assert.equal(logFormat(undefined, {}, false), "json");
  assert.equal(logFormat(undefined, { ART28_LOG_FORMAT: "json" }, true), "json");
  assert.equal(logFormat(undefined, { ART28_LOG_FORMAT: "PRETTY" }, false), "pretty");
  assert.equal(logFormat("json", { ART28_LOG_FORMAT: "pretty" }, true), "json");
  assert.throws(() => logFormat(undefined, { ART28_LOG_FORMAT: "xml" }, true), /pretty or json/);
});
