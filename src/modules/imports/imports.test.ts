import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestApp, login, type Client, type TestApp } from "../../../test/support/app.ts";
import { createCustomer, createStaff } from "../../../test/support/factories.ts";
import { parseEuroCents } from "./customer-import.ts";

let t: TestApp;
let officer: Client;

const CSV = [
  "customer_number;name;kvk;city;locale;service;monthly_fee;contact_role;contact_name;contact_email;contact_phone",
  "B100;Bakkerij Honderd;12345678;Assen;nl;web-hosting;12,50;dpo;Dirk Honderd;Dirk@Honderd.example;+31 592 123456",
  "B100;Bakkerij Honderd;;;;email;3,00;;;;",
  "B200;Dentist Two Hundred;;Delft;en;colocation;1.250,00;;;;",
  "B300;Zonder Diensten;;;;;;;;;",
].join("\n");

before(async () => {
  t = await createTestApp();
  officer = await login(t.app, (await createStaff(t.database.db, "privacy_officer")).email);
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
    assert.deepEqual(response.json(), { dryRun: false, customers: 3, created: 3, updated: 0, services: 3, contacts: 1, annexVersions: 3 });
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
});
