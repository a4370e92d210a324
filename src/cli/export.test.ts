import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import { systemClock } from "../domain/clock.ts";
import { ensureInstalled } from "../modules/setup/install.ts";
import { DEMO_PROCESSOR } from "../modules/setup/demo.ts";
import { testEngine } from "../../test/support/database.ts";
import { apiToken, art28 as runArt28, startServe } from "../../test/support/process.ts";

// `art28 export register` as an operator runs it: a separate process on a fresh data folder (PGlite)
// or database, writing the register (GDPR art. 30(2)) to a file; refused while a server owns the
// folder, and through that server's API with --server.
const dir = mkdtempSync(join(tmpdir(), "art28-export-"));
const PASSWORD = "correct horse battery staple";
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | null = null;

const art28 = (...args: string[]) => runArt28(join(dir, "data"), env, ...args);

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(
    env.DATABASE_URL ? { engine: "postgres", url: env.DATABASE_URL } : { engine: "pglite", dataDir: join(dir, "data", "pglite") },
  );
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

before(async () => {
  env = { ...process.env, ART28_WORKER: "off" };
  delete env.DATABASE_URL;
  if (testEngine() === "postgres") {
    const base = process.env.TEST_DATABASE_URL ?? "";
    const name = `art28_export_${process.pid}`;
    const admin = await openDatabase({ engine: "postgres", url: base, poolSize: 1 });
    await admin.db.execute(sql.raw(`drop database if exists ${name}`));
    await admin.db.execute(sql.raw(`create database ${name}`));
    await admin.close();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const dropper = await openDatabase({ engine: "postgres", url: base, poolSize: 1 });
      await dropper.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await dropper.close();
    };
  }
  assert.equal(art28("migrate").status, 0);
});
after(async () => {
  await dropDatabase?.();
  rmSync(dir, { recursive: true, force: true });
});

test("export before Art28 is set up says so", () => {
  const run = art28("export", "register", "--format", "csv", "--out", join(dir, "none.csv"));
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /not set up/);
});

test("export register: CSV and XLSX files with every customer and service; a bad format names the option", async () => {
  await withDatabase((database) =>
    inScope(database.db, { kind: "processor" }, (tx) =>
      ensureInstalled(tx, systemClock, DEMO_PROCESSOR, { email: "admin@export.example", password: PASSWORD }),
    ),
  );
  const customers = join(dir, "customers.csv");
  writeFileSync(
    customers,
    "customer_number;name;service;monthly_fee;contact_role;contact_name;contact_email\nA1;Alfa;web-hosting;12,50;dpo;Anna Alfa;anna@alfa.example\nA1;Alfa;email;3;dpo;Anna Alfa;anna@alfa.example\nB2;Beta;colocation;100;privacy_contact;Bob Beta;bob@beta.example\n",
  );
  const imported = art28("import", "customers", customers);
  assert.equal(imported.status, 0, imported.stderr);

  const csvFile = join(dir, "register.csv");
  const csv = art28("export", "register", "--format", "csv", "--lang", "en", "--out", csvFile);
  assert.equal(csv.status, 0, csv.stderr);
  assert.match(csv.stderr, /Exported the register of 2 controllers as CSV to .*register\.csv/);
  const table = parse(readFileSync(csvFile, "utf8").replace(/^\uFEFF/, ""), { delimiter: "," }) as string[][];
  const at = (header: string) => table[0]?.indexOf(header) ?? -1;
  assert.deepEqual(
    table.slice(1).map((l) => [l[at("Customer number")], l[at("Service (category of processing)")], l[at("Contact (DPO/privacy)")]]),
    [
      ["A1", "Web hosting", "Anna Alfa"],
      ["A1", "Email", "Anna Alfa"],
      ["B2", "Colocation", "Bob Beta"],
    ],
  );

  const xlsxFile = join(dir, "register.xlsx");
  const xlsx = art28("export", "register", "--format", "xlsx", "--out", xlsxFile);
  assert.equal(xlsx.status, 0, xlsx.stderr);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxFile);
  const sheet = workbook.getWorksheet("Register");
  assert.ok(sheet);
  assert.equal(sheet.rowCount, 4, "a header and three lines");
  assert.equal(sheet.getRow(1).getCell(4).value, "Verwerkingsverantwoordelijke", "Dutch by default");
  assert.equal(sheet.getRow(4).getCell(4).value, "Beta");

  const bad = art28("export", "register", "--format", "docx");
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--format/);
});

test(
  "while a server owns the data folder, export is refused and goes through the server with --server",
  { skip: testEngine() === "postgres" && "the data folder is the embedded engine's" },
  async () => {
    const served = await startServe(join(dir, "data"), env);
    try {
      const refused = art28("export", "register", "--format", "csv", "--out", join(dir, "refused.csv"));
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /--server/);
      const token = await apiToken(served.url, { email: "admin@export.example", password: PASSWORD });
      const out = join(dir, "through.csv");
      const through = runArt28(
        join(dir, "data"),
        { ...env, ART28_TOKEN: token },
        "export",
        "register",
        "--format",
        "csv",
        "--lang",
        "en",
        "--server",
        served.url,
        "--out",
        out,
      );
      assert.equal(through.status, 0, through.stderr);
      assert.match(readFileSync(out, "utf8"), /Anna Alfa/);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  },
);
