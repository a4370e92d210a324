import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { session, type Session } from "../../../test/support/sessions.ts";
import { AppError } from "../../http/errors.ts";
import { decodeCsvText } from "./csv-text.ts";
import { parseEuroCents } from "./customer-import.ts";
import { runCustomerImport } from "./run-customer-import.ts";

let t: TestApp;
let officer: Client;
let raw: Session;

const CSV = [
  "customer_number;name;kvk;city;locale;service;monthly_fee;contact_role;contact_name;contact_email;contact_phone",
  "B100;Bakkerij Honderd;12345678;Assen;nl;web-hosting;12,50;dpo;Dirk Honderd;Dirk@Honderd.example;+31 592 123456",
  "B100;Bakkerij Honderd;;;;email;3,00;;;;",
  "B200;Dentist Two Hundred;;Delft;en;colocation;1.250,00;;;;",
  "B300;Zonder Diensten;;;;;;;;;",
].join("\n");

before(async () => {
  t = await createTestApp();
  const email = (await createStaff(t.database.db, "privacy_officer")).email;
  officer = await login(t.app, email);
  raw = await session(t.app, email);
});
after(async () => {
  await t.close();
});

async function customerCount() {
  return (await officer.get("/api/v1/controllers?limit=1")).json<{ total: number }>().total;
}

async function sendCsv(body: string, query = "") {
  return officer.sendText(`/api/v1/imports/customers.csv${query}`, body, "text/csv");
}

describe("customer import (CSV and JSON, all or nothing)", () => {
  test("euro amounts in Dutch and English notation", () => {
    const rows: [string, number | null][] = [
      ["12,50", 1250],
      ["12.50", 1250],
      ["1.250,00", 125000],
      ["1,250.00", 125000],
      ["€ 3", 300],
      ["", 0],
      ["abc", null],
      ["1,234", null],
      ["-5", null],
    ];
    for (const [input, cents] of rows) {
      assert.equal(parseEuroCents(input), cents, input);
    }
  });

  test("creates customers with services, fees and contacts, merged per customer number", async () => {
    const response = await sendCsv(CSV);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      dryRun: false,
      customers: 3,
      created: 3,
      updated: 0,
      services: 3,
      contacts: 1,
      domains: 0,
      annexVersions: 3,
      ownersInvited: 0,
      agreementsEnded: 0,
    });
    const list = (await officer.get("/api/v1/controllers?search=B100")).json<{ items: { id: string }[] }>();
    const id = list.items[0]?.id;
    assert.ok(id);
    const detail = (await officer.get(`/api/v1/controllers/${id}`)).json<{
      services: { code: string; monthlyFeeCents: number }[];
      contact: { email: string; role: string };
    }>();
    assert.deepEqual(
      detail.services.map((s) => [s.code, s.monthlyFeeCents]),
      [
        ["web-hosting", 1250],
        ["email", 300],
      ],
    );
    assert.deepEqual([detail.contact.role, detail.contact.email], ["dpo", "dirk@honderd.example"]);
  });

  test("importing the same file again updates and makes no new annex versions", async () => {
    const response = await sendCsv(CSV);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ updated: number; annexVersions: number }>().updated, 3);
    assert.equal(response.json<{ annexVersions: number }>().annexVersions, 0);
  });

  test("with inviteOwners, each new customer's owner is invited at its privacy contact's address; existing customers and taken addresses are not", async () => {
    const csv = [
      "customer_number;name;locale;service;monthly_fee;contact_role;contact_name;contact_email;contact_phone",
      "B100;Bakkerij Honderd;nl;web-hosting;12,50;dpo;Dirk Honderd;dirk@honderd.example;",
      "B400;Vierhonderd BV;en;web-hosting;5,00;privacy_contact;Vera Vier;Vera@Vierhonderd.example;",
      "B500;Zonder Contact;nl;web-hosting;5,00;;;;",
    ].join("\n");
    const response = await sendCsv(csv, "?inviteOwners=true");
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ ownersInvited: number; created: number }>().created, 2);
    assert.equal(response.json<{ ownersInvited: number }>().ownersInvited, 1, "B100 existed; B500 has no contact");
    const id = (await officer.get("/api/v1/controllers?search=B400")).json<{ items: { id: string }[] }>().items[0]?.id;
    assert.ok(id);
    const admin = await login(t.app, "admin@test.example");
    const users = (await admin.get(`/api/v1/controllers/${id}/users`)).json<{ email: string; role: string; status: string; locale: string }[]>();
    assert.deepEqual(users, [{ ...users[0], email: "vera@vierhonderd.example", role: "owner", status: "invited", locale: "en" }] as typeof users);
    const events = (await admin.get(`/api/v1/controllers/${id}/events`)).json<{ type: string }[]>().map((e) => e.type);
    assert.ok(events.includes("user.invited") && events.includes("notice.queued"), events.join());
    const again = await sendCsv(csv.replace("B400", "B600").replace("Vierhonderd BV", "Zeshonderd BV"), "?inviteOwners=true");
    assert.equal(again.json<{ ownersInvited: number }>().ownersInvited, 0, "the address already has a user");
  });

  test("every bad row is reported by line number, and nothing is written", async () => {
    const before = await customerCount();
    const bad = [
      "customer_number,name,kvk,service,monthly_fee,contact_email",
      "N1,Nieuw Een,,web-hosting,1,",
      "N2,Nieuw Twee,1234,no-such-service,1,",
      "N3,,,email,abc,bad@",
      "N1,Ander Naam,,email,1,",
    ].join("\n");
    const response = await sendCsv(bad);
    assert.equal(response.statusCode, 400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field);
    for (const expected of ["line 3: kvk", "line 3: service", "line 4: name", "line 4: monthly_fee", "line 4: contact_email", "line 5: name"]) {
      assert.ok(fields.includes(expected), `${expected} in ${fields.join(", ")}`);
    }
    assert.equal(await customerCount(), before, "all or nothing");
  });

  test("an unknown column, a missing required column and a broken file are refused", async () => {
    assert.match((await sendCsv("customer_number,naam\nX,Y")).body, /line 1: name.*column is missing|line 1: naam/);
    assert.match((await sendCsv('customer_number,name\n"X,Y')).body, /not valid CSV/);
  });

  test("JSON import, with dry run, duplicate numbers and unknown services named by index", async () => {
    const customers = [
      {
        customerNumber: "J1",
        name: "Json Een",
        services: [{ code: "email", monthlyFeeCents: 500 }],
        contact: { role: "privacy_contact", name: "Jan Json", email: "jan@json.example" },
      },
      { customerNumber: "J2", name: "Json Twee", services: [] },
    ];
    const before = await customerCount();
    const dry = await officer.send("POST", "/api/v1/imports/customers?dryRun=true", { customers });
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json<{ dryRun: boolean }>().dryRun, true);
    assert.equal(await customerCount(), before, "a dry run writes nothing");

    const bad = await officer.send("POST", "/api/v1/imports/customers", {
      customers: [...customers, { customerNumber: "J1", name: "Dubbel", services: [{ code: "nope", monthlyFeeCents: 1 }] }],
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /customers\[2\]\.customerNumber/);
    assert.match(bad.body, /customers\[2\]\.services\[0\]\.code/);

    const ok = await officer.send("POST", "/api/v1/imports/customers", { customers });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await customerCount(), before + 2);
  });

  test("only the privacy officer and the administrator may import", async () => {
    const c = await createCustomer(t.database.db, t.clock);
    const owner = await login(t.app, c.owner.email);
    assert.equal((await owner.send("POST", "/api/v1/imports/customers", { customers: [{ customerNumber: "Z", name: "Z", services: [] }] })).statusCode, 403);
    const auditor = await login(t.app, (await createStaff(t.database.db, "auditor")).email);
    assert.equal((await auditor.send("POST", "/api/v1/imports/customers", { customers: [{ customerNumber: "Z", name: "Z", services: [] }] })).statusCode, 403);
  });
  test("a CSV row is held to the JSON import's schema: lengths, fees and characters, named by line and column", async () => {
    const before = await customerCount();
    const csv = [
      "customer_number;name;city;service;monthly_fee;contact_name;contact_email",
      `L1;${"N".repeat(5000)};Assen;;;;`,
      `${"9".repeat(500)};Lang Nummer;;;;;`,
      "L3;Dure Klant;;email;12345678901234;;",
      "L3;Dure Klant;;web-hosting;1,00;;",
      `L4;Verre Stad;${"S".repeat(101)};;;Jan Contact;jan@l4.example`,
      `L5;Lange Contact;;;;${"C".repeat(201)};c@l5.example`,
    ].join("\n");
    const response = await sendCsv(csv);
    assert.equal(response.statusCode, 400, response.body);
    const fields = response.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
    const byField = new Map(fields.map((f) => [f.field, f.message]));
    assert.match(byField.get("line 2: name") ?? "", /langer dan 200 tekens/);
    assert.match(byField.get("line 3: customer_number") ?? "", /langer dan 50 tekens/);
    assert.match(byField.get("line 4: monthly_fee") ?? "", /groter dan het maximum \(2147483647\)/);
    assert.ok(!byField.has("line 5: monthly_fee"), "the other service of the customer is fine");
    assert.match(byField.get("line 6: city") ?? "", /langer dan 100 tekens/);
    assert.match(byField.get("line 7: contact_name") ?? "", /langer dan 200 tekens/);
    assert.equal(await customerCount(), before, "nothing was imported");

    const json = await officer.send("POST", "/api/v1/imports/customers", { customers: [{ customerNumber: "L1", name: "N".repeat(5000), services: [] }] });
    assert.equal(json.statusCode, 400, "the JSON import refuses the same");
  });

  test("a file that is not UTF-8 is refused with its line, never stored with replacement characters", async () => {
    const before = await customerCount();
    const latin1 = Buffer.from(["customer_number;name", "U1;Bakker Jansen", "U2;Café Müller"].join("\n"), "latin1");
    const response = await raw.send("POST", "/api/v1/imports/customers.csv", latin1, { "content-type": "text/csv" });
    assert.equal(response.statusCode, 400, response.body);
    const error = response.json<{ error: { message: string; fields: { field: string; message: string }[] } }>().error;
    assert.deepEqual(
      error.fields.map((f) => f.field),
      ["line 3: file"],
    );
    assert.match(error.fields[0]?.message ?? "", /geen geldige UTF-8/);
    assert.equal(await customerCount(), before);
    assert.doesNotMatch((await officer.get("/api/v1/controllers?search=Caf")).body, /\uFFFD|Caf/);

    const utf8 = await raw.send("POST", "/api/v1/imports/customers.csv", Buffer.from("customer_number;name\nU2;Café Müller", "utf8"), {
      "content-type": "text/csv",
    });
    assert.equal(utf8.statusCode, 200, utf8.body);
    assert.match((await officer.get("/api/v1/controllers?search=U2")).body, /Café Müller/);
  });

  test("a control character in a CSV file is refused with its line", async () => {
    const response = await sendCsv("customer_number;name\nC1;Goed\nC2;Nul\u0000Byte");
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(
      response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field),
      ["line 3: file"],
    );
  });

  test("names that look like spreadsheet formulas are stored as given, and stay inert in every spreadsheet export", async () => {
    // Excel runs a cell that starts with = + - @ (OWASP "CSV injection"). An import may hold such a
    // name; no export carries customer names today, so the one spreadsheet export (the incident
    // register, CSV and XLSX) gets them where staff would paste them: an incident's title.
    const formulas = ['=HYPERLINK("http://evil.example","Klik")', "+SUM(1,2)", "-2+3", "@cmd"];
    const csv = ["customer_number;name", ...formulas.map((name, i) => `F${i};"${name.replaceAll('"', '""')}"`)].join("\n");
    const response = await sendCsv(csv);
    assert.equal(response.statusCode, 200, response.body);
    const stored: string[] = [];
    for (const i of formulas.keys()) {
      const list = (await officer.get(`/api/v1/controllers?search=F${i}`)).json<{ items: { name: string }[] }>();
      stored.push(list.items[0]?.name ?? "");
    }
    assert.deepEqual(stored, formulas, "stored as given");

    const security = await session(t.app, (await createStaff(t.database.db, "security_officer")).email);
    for (const title of stored) {
      const incident = await security.send("POST", "/api/v1/incidents", {
        title,
        description: `Reported by the customer ${title}.`,
        discoveredAt: "2026-03-28T08:00:00Z",
        discoveryHow: "Phone call",
      });
      assert.equal(incident.statusCode, 201, incident.body);
    }
    const exported = await security.get("/api/v1/incidents/export?format=csv");
    assert.equal(exported.statusCode, 200);
    // The register's delimiter follows the reader's language (";" in Dutch, "," in English).
    const delimiter = (exported.body.split("\n", 1)[0] ?? "").includes(";") ? ";" : ",";
    const cells = parseCsv(exported.body, { bom: true, delimiter }) as string[][];
    const flat = cells.flat();
    for (const name of formulas) {
      assert.ok(flat.includes(`'${name}`), `${name} is exported behind an apostrophe`);
    }
    assert.deepEqual(
      flat.filter((cell) => /^[=+\-@]/.test(cell)),
      [],
      "no CSV cell starts a formula",
    );

    const xlsx = await security.get("/api/v1/incidents/export?format=xlsx");
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: string[] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      row.eachCell((cell) => {
        assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${cell.address} is a formula`);
        if (typeof cell.value === "string") {
          values.push(cell.value);
        }
      });
    });
    for (const name of formulas) {
      assert.ok(values.includes(name), `${name} is a text cell in the XLSX`);
    }
  });
  test("decoding a file: UTF-8 with or without a BOM; the first line that is not UTF-8 named", () => {
    assert.equal(decodeCsvText(Buffer.from("\uFEFFa;b\nCafé;Müller", "utf8")), "a;b\nCafé;Müller");
    const lineOf = (bytes: Buffer) => {
      try {
        decodeCsvText(bytes);
        return null;
      } catch (error) {
        assert.ok(error instanceof AppError);
        return error.fields[0]?.field;
      }
    };
    const lines = ["customer_number;name", "A;Één", "B;Twee", "C;Drie", "D;Vier"];
    const mixed = Buffer.concat([Buffer.from(lines.slice(0, 4).join("\n") + "\n", "utf8"), Buffer.from("D;Vi\u00e8r", "latin1")]);
    assert.equal(lineOf(mixed), "line 5: file");
    assert.equal(lineOf(Buffer.from([0x61, 0x0a, 0xc3])), "line 2: file", "a character cut off at the end");
    assert.equal(lineOf(Buffer.from("a\tb\r\nc", "utf8")), null, "tab and CRLF are fine");
  });

  test("the JSON import through `art28 import` (no route in between) is held to the same schema", async () => {
    const actor = { kind: "system" as const, id: null, label: "test" };
    const refused = await runCustomerImport(
      t.database.db,
      t.clock,
      actor,
      { format: "json", customers: [{ customerNumber: "CLI1", name: "N".repeat(5000), services: [{ code: "email", monthlyFeeCents: 2 ** 40 }] }] },
      { dryRun: true },
    ).then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof AppError, String(refused));
    assert.deepEqual(
      refused.fields.map((f) => f.field),
      ["customers[0].name", "customers[0].services[0].monthlyFeeCents"],
    );
  });
  test("a domains column (names separated by spaces or |) replaces a customer's domain names; without it they stay; evidence says what changed", async () => {
    const domainsOf = async (number: string) => {
      const id = (await officer.get(`/api/v1/controllers?search=${number}`)).json<{ items: { id: string }[] }>().items[0]?.id ?? "";
      return (await officer.get(`/api/v1/controllers/${id}/domains`)).json<{ domain: string; display: string }[]>().map((d) => d.domain);
    };
    const first = [
      "customer_number;name;service;monthly_fee;domains",
      "D100;Domein Honderd;web-hosting;1;https://www.Domein-Honderd.nl/contact | domein-honderd.com  info@mail.domein-honderd.nl",
      "D100;Domein Honderd;email;1;",
      "D200;Domein Tweehonderd;;;münchen.de",
      "D300;Zonder Namen;;;",
    ].join("\n");
    const response = await sendCsv(first);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ domains: number }>().domains, 2);
    assert.deepEqual(await domainsOf("D100"), ["domein-honderd.com", "domein-honderd.nl", "mail.domein-honderd.nl"]);
    assert.deepEqual(await domainsOf("D200"), ["xn--mnchen-3ya.de"]);
    assert.deepEqual(await domainsOf("D300"), []);

    // The column is absent: every customer keeps its names. An empty cell: the same.
    const without = await sendCsv(["customer_number;name", "D100;Domein Honderd", "D200;Domein Tweehonderd"].join("\n"));
    assert.equal(without.statusCode, 200, without.body);
    assert.deepEqual(await domainsOf("D100"), ["domein-honderd.com", "domein-honderd.nl", "mail.domein-honderd.nl"]);
    const empty = await sendCsv(["customer_number;name;domains", "D200;Domein Tweehonderd;"].join("\n"));
    assert.equal(empty.statusCode, 200, empty.body);
    assert.deepEqual(await domainsOf("D200"), ["xn--mnchen-3ya.de"]);

    const replaced = await sendCsv(["customer_number,name,domains", "D100,Domein Honderd,domein-honderd.nl|nieuw-honderd.nl"].join("\n"));
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.deepEqual(await domainsOf("D100"), ["domein-honderd.nl", "nieuw-honderd.nl"]);
    const id = (await officer.get("/api/v1/controllers?search=D100")).json<{ items: { id: string }[] }>().items[0]?.id ?? "";
    const events = (await officer.get(`/api/v1/controllers/${id}/events`)).json<
      { type: string; data: { domains?: { added: string[]; removed: string[] } } }[]
    >();
    const latest = events.find((e) => e.type === "controller.updated_by_import");
    assert.deepEqual(latest?.data.domains?.added, ["nieuw-honderd.nl"]);
    assert.deepEqual(latest?.data.domains?.removed, ["domein-honderd.com", "mail.domein-honderd.nl"]);
    const unchanged = events.filter((e) => e.type === "controller.updated_by_import").slice(1, 2);
    assert.equal(unchanged[0]?.data.domains, undefined, "an import without the column says nothing about domain names");
  });

  test("a bad domain name is refused with its line and column (CSV) or index (JSON), and nothing is written", async () => {
    const before = await customerCount();
    const bad = ["customer_number,name,domains", "DB1,Goed Een,goed-een.nl", "DB2,Slecht Twee,goed-twee.nl localhost", "DB3,Slecht Drie,192.168.1.1"].join(
      "\n",
    );
    const response = await sendCsv(bad);
    assert.equal(response.statusCode, 400, response.body);
    const fields = response.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
    assert.deepEqual(
      fields.map((f) => f.field),
      ["line 3: domains", "line 4: domains"],
    );
    assert.match(fields[0]?.message ?? "", /"localhost"/);
    assert.match(fields[1]?.message ?? "", /IP/);
    assert.equal(await customerCount(), before, "all or nothing");

    const json = await officer.send("POST", "/api/v1/imports/customers", {
      customers: [
        { customerNumber: "DJ1", name: "Json Domein", services: [], domains: ["json-domein.nl", "exa_mple.nl"] },
        { customerNumber: "DJ2", name: "Json Domein Twee", services: [], domains: Array.from({ length: 101 }, (_, i) => `d${i}.nl`) },
      ],
    });
    assert.equal(json.statusCode, 400, json.body);
    assert.match(json.body, /customers(\[1\]|\.1)\.domains/);
    const good = await officer.send("POST", "/api/v1/imports/customers", {
      customers: [{ customerNumber: "DJ1", name: "Json Domein", services: [], domains: ["json-domein.nl", "exa_mple.nl"] }],
    });
    assert.equal(good.statusCode, 400);
    assert.match(good.body, /customers\[0\]\.domains\[1\].*exa_mple/);
    assert.equal(await customerCount(), before);

    const many = ["customer_number,name,domains", `DB4,Te Veel,${Array.from({ length: 101 }, (_, i) => `d${i}.nl`).join(" ")}`].join("\n");
    const tooMany = await sendCsv(many);
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json<{ error: { fields: { field: string }[] } }>().error.fields[0]?.field, "line 2: domains");
  });
});
