import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { toolsPresent } from "../../../test/support/requirements.ts";
import { customer, description, errorOf, serviceIds, staffSession, subprocessorBody, type Customer, type Session } from "../../../test/support/sessions.ts";
import { inScope } from "../../db/scope.ts";
import { sweepTasks } from "../../modules.ts";
import { sql } from "drizzle-orm";
import { PassThrough } from "node:stream";
import { PDF_MAX_CONTROLLERS, writeRegisterXlsx } from "./export-files.ts";
import { readControllerSlice } from "./read-register.ts";

// GDPR art. 30(2): the processor's register, derived from the customers, their services (Annex 1),
// the sub-processors' locations and the measures in force; and each customer's own slice (art. 30(1)).

const POPPLER = toolsPresent("pdftotext");

let t: TestApp;
let officer: Session;
let auditor: Session;
let alpha: Customer;
let bravo: Customer;

before(async () => {
  t = await createTestApp(new Date("2026-10-01T10:00:00Z"));
  officer = await staffSession(t, "privacy_officer");
  auditor = await staffSession(t, "auditor");
  const svc = await serviceIds(officer);
  // A sub-processor in the United States under standard contractual clauses, for the email service.
  const created = await officer.send(
    "POST",
    "/api/v1/subprocessors",
    subprocessorBody(
      "Cloudy Mail Inc",
      [svc.email ?? ""],
      [
        { country: "US", city: "Seattle", mechanism: "scc" },
        { country: "IE", city: "Dublin", mechanism: null },
      ],
    ),
  );
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json<{ id: string }>().id;
  const announced = await officer.send("POST", "/api/v1/subprocessor-changes", {
    kind: "add",
    subprocessorId: id,
    plan: {},
    description,
    plannedEffectiveAt: "2026-10-20T06:00:00Z",
  });
  assert.equal(announced.statusCode, 201, announced.body);
  t.clock.set(new Date("2026-10-20T06:00:00Z"));
  const applied = await inScope(t.database.db, { kind: "processor" }, (tx) => sweepTasks().subprocessorChangesApplied?.(tx, t.clock) ?? Promise.resolve(0));
  assert.equal(applied, 1, "Cloudy Mail Inc is active");
  alpha = await customer(t, "Alpha Bakkerij", ["web-hosting", "email"]);
  bravo = await customer(t, "Bravo Boekhouding", ["backup"]);
});
after(async () => {
  await t.close();
});

const csvOf = (body: string, delimiter: string) => parse(body.replace(/^\uFEFF/, ""), { delimiter, relax_column_count: false }) as string[][];
const column = (table: string[][], header: string) => {
  const index = table[0]?.indexOf(header) ?? -1;
  assert.ok(index >= 0, `column ${header} in ${JSON.stringify(table[0])}`);
  return index;
};

test("the register as CSV: one line per customer and service, with its categories, contact and transfers outside the EEA", async () => {
  const response = await officer.get("/api/v1/register/export?format=csv&lang=en");
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers["content-type"]), /^text\/csv/);
  assert.match(String(response.headers["content-disposition"]), /attachment; filename="processing-register-2026-10-20\.csv"/);
  const table = csvOf(response.body, ",");
  const lines = table.slice(1);
  const alphaLines = lines.filter((l) => l[column(table, "Controller")] === "Alpha Bakkerij");
  assert.deepEqual(
    alphaLines.map((l) => l[column(table, "Service (category of processing)")]),
    ["Web hosting", "Email"],
  );
  const email = alphaLines[1] ?? [];
  assert.equal(email[column(table, "Purposes")], "Hosting; Security");
  assert.match(email[column(table, "Categories of data subjects")] ?? "", /Customers/);
  assert.equal(email[column(table, "Sub-processors")], "Cloudy Mail Inc");
  assert.equal(
    email[column(table, "Transfers outside the EEA (country: mechanism)")],
    "Cloudy Mail Inc: United States of America (Seattle): Standard contractual clauses (Implementing Decision (EU) 2021/914)",
    "the US location with its mechanism; Ireland is in the EEA",
  );
  assert.equal(alphaLines[0]?.[column(table, "Transfers outside the EEA (country: mechanism)")], "none");
  assert.equal(email[column(table, "Contact role")], "Data protection officer");
  assert.equal(email[column(table, "Contact (DPO/privacy)")], "Dirk Pieters");
  assert.match(email[column(table, "Contact email")] ?? "", /^dpo-.*@customer\.example$/);
  assert.match(
    email[column(table, "Security measures (general description)")] ?? "",
    /^Annex 2 \(version 1\) of the data processing agreement: Access control/,
  );
  assert.ok(email[column(table, "Processor")] !== "", "the processor's name on every line");
  const bravoLines = lines.filter((l) => l[column(table, "Controller")] === "Bravo Boekhouding");
  assert.deepEqual(
    bravoLines.map((l) => l[column(table, "Service (category of processing)")]),
    ["Backup"],
  );
});

test("the register as CSV in Dutch: Dutch headers, semicolons", async () => {
  const response = await officer.get("/api/v1/register/export?format=csv&lang=nl");
  assert.equal(response.statusCode, 200, response.body);
  const table = csvOf(response.body, ";");
  assert.equal(table[0]?.[column(table, "Verwerkingsverantwoordelijke")], "Verwerkingsverantwoordelijke");
  const email = table.find((l) => l.includes("Alpha Bakkerij") && l.includes("E-mail")) ?? [];
  assert.match(email[column(table, "Doorgifte buiten de EER (land: grondslag)")] ?? "", /Verenigde Staten.*Standaardcontractbepalingen/);
});

test("the register as XLSX reads back: the register sheet, the processor and the measures", async () => {
  const response = await auditor.get("/api/v1/register/export?format=xlsx&lang=en");
  assert.equal(response.statusCode, 200, response.body);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    workbook.worksheets.map((s) => s.name),
    ["Register", "Processor", "Measures"],
  );
  const sheet = workbook.getWorksheet("Register");
  assert.ok(sheet);
  const values = (n: number) => ((sheet.getRow(n).values as unknown[]) ?? []).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)));
  const head = values(1);
  const table = [head];
  for (let n = 2; n <= sheet.rowCount; n++) {
    table.push(values(n));
  }
  const email = table.find((l) => l[column(table, "Controller")] === "Alpha Bakkerij" && l[column(table, "Service (category of processing)")] === "Email");
  assert.ok(email, "Alpha's email line");
  assert.match(
    email[column(table, "Transfers outside the EEA (country: mechanism)")] ?? "",
    /United States of America \(Seattle\): Standard contractual clauses/,
  );
  const measures = workbook.getWorksheet("Measures");
  assert.ok(measures && measures.rowCount > 5, "the measures in force");
  assert.equal(measures.getRow(1).getCell(2).value, "Measure");
});

test("the register as PDF: the processor, the categories, the transfer and every customer", { skip: !POPPLER && "pdftotext not installed" }, async () => {
  const response = await officer.get("/api/v1/register/export?format=pdf&lang=nl");
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers["content-type"], "application/pdf");
  const dir = mkdtempSync(join(tmpdir(), "register-pdf-"));
  try {
    const file = join(dir, "r.pdf");
    writeFileSync(file, response.rawPayload);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    for (const expected of [
      "Register van verwerkingen",
      "Alpha Bakkerij",
      "Bravo Boekhouding",
      "Dirk Pieters",
      "Cloudy Mail Inc",
      "Verenigde Staten",
      "Bijlage 2",
    ]) {
      assert.ok(text.includes(expected), `${expected} in the PDF`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a customer exports its own slice in every format; another customer's is not found; the whole register is staff-only", async () => {
  const json = await alpha.viewer.get(`/api/v1/controllers/${alpha.controllerId}/register?format=json&lang=en`);
  assert.equal(json.statusCode, 200, json.body);
  const slice = json.json<{
    controller: { name: string };
    categories: { service: { code: string }; transfersOutsideEea: { country: string; mechanism: string }[] }[];
  }>();
  assert.equal(slice.controller.name, "Alpha Bakkerij");
  assert.deepEqual(
    slice.categories.map((c) => c.service.code),
    ["web-hosting", "email"],
  );
  assert.deepEqual(
    slice.categories[1]?.transfersOutsideEea.map((x) => x.country),
    ["US"],
  );

  const csv = await alpha.owner.get(`/api/v1/controllers/${alpha.controllerId}/register?format=csv&lang=en`);
  assert.equal(csv.statusCode, 200, csv.body);
  const table = csvOf(csv.body, ",");
  assert.deepEqual(new Set(table.slice(1).map((l) => l[column(table, "Controller")])), new Set(["Alpha Bakkerij"]), "its own lines only");

  const xlsx = await alpha.owner.get(`/api/v1/controllers/${alpha.controllerId}/register?format=xlsx`);
  assert.equal(xlsx.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.equal(workbook.worksheets[0]?.rowCount, 3, "header and its two services");

  const pdf = await alpha.owner.get(`/api/v1/controllers/${alpha.controllerId}/register?format=pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers["content-type"], "application/pdf");

  const other = await alpha.owner.get(`/api/v1/controllers/${bravo.controllerId}/register?format=json`);
  assert.equal(other.statusCode, 404, "another customer's slice does not exist for Alpha");
  assert.equal((await alpha.owner.get("/api/v1/register/export?format=csv")).statusCode, 403);
  assert.equal((await alpha.owner.get("/api/v1/register/preview")).statusCode, 403);
  const support = await staffSession(t, "support");
  assert.equal((await support.get("/api/v1/register/export?format=csv")).statusCode, 403);
});

test("a bad format is refused naming the field", async () => {
  const response = await officer.get("/api/v1/register/export?format=docx");
  assert.equal(response.statusCode, 400);
  assert.match(JSON.stringify(errorOf(response)), /format/);
  const slice = await alpha.owner.get(`/api/v1/controllers/${alpha.controllerId}/register?format=odt`);
  assert.equal(slice.statusCode, 400);
  assert.match(JSON.stringify(errorOf(slice)), /format/);
});

test("the preview: the first lines with the export's columns and the number of customers", async () => {
  const response = await officer.get("/api/v1/register/preview?limit=2&lang=en");
  assert.equal(response.statusCode, 200, response.body);
  const preview = response.json<{ controllers: number; pdfMaxControllers: number; columns: string[]; rows: string[][] }>();
  assert.equal(preview.controllers, 2);
  assert.equal(preview.rows.length, 2);
  assert.equal(preview.columns[3], "Controller");
  assert.equal(preview.rows[0]?.length, preview.columns.length);
});

test("above its limit the staff PDF is refused, naming the format and recommending the XLSX; the CSV still streams them all", async () => {
  // The customers in bulk, as an import would leave them (the limit is about size, not content).
  await t.database.db.execute(
    sql.raw(
      `insert into controllers (customer_number, name, city) select 'Z-' || lpad(i::text, 5, '0'), 'Bulk ' || i, 'Utrecht' from generate_series(1, ${PDF_MAX_CONTROLLERS}) as i`,
    ),
  );
  const refused = await officer.get("/api/v1/register/export?format=pdf", { "accept-language": "en" });
  assert.equal(refused.statusCode, 400);
  const error = errorOf(refused);
  assert.equal(error.fields[0]?.field, "query.format");
  assert.match(error.message, /^query\.format: The register holds 1002 controllers; as a PDF it goes up to 1000\. Export it as XLSX or CSV\.$/);
  const csv = await officer.get("/api/v1/register/export?format=csv&lang=en");
  assert.equal(csv.statusCode, 200);
  const table = csvOf(csv.body, ",");
  assert.equal(table.length, 1 + 3 + PDF_MAX_CONTROLLERS, "header, Alpha's two lines, Bravo's one, a line for each customer without services");
  assert.equal(
    new Set(table.slice(1).map((l) => l[column(table, "Customer number")])).size,
    2 + PDF_MAX_CONTROLLERS,
    "every customer once, across the batches of 1,000",
  );
});

test("a cancelled XLSX download stops reading the register", async () => {
  const slice = await readControllerSlice(t.database.db, { kind: "processor" }, alpha.controllerId);
  if (slice === null) {
    throw new Error("Alpha's slice");
  }
  const { controller } = slice;
  const out = new PassThrough();
  out.resume();
  let pulled = 0;
  async function* batches() {
    for (let i = 0; i < 100; i++) {
      pulled += 1;
      if (i === 2) {
        out.destroy();
      }
      await Promise.resolve();
      yield [controller];
    }
  }
  await assert.rejects(writeRegisterXlsx({ context: slice.context, batches: batches() }, "en", out), /went away/);
  assert.equal(pulled, 3, "no batch read after the reader went away");
});
