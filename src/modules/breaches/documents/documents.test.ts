import { PassThrough } from "node:stream";
import { finished } from "node:stream/promises";
import { describe, test } from "node:test";
import { toolsPresent } from "../../../../test/support/requirements.ts";
import assert from "node:assert/strict";
import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { buildApDraft, type ApDraftInput } from "../../../domain/ap-draft.ts";
import type { StoredNoticeFacts } from "../../../domain/breach-notice.ts";
import type { BreachNotice } from "../../../domain/breach-notice.ts";
import { renderApDraftPdf } from "./ap-draft-pdf.ts";
import { renderBreachNoticePdf, type BreachNoticePdfInput } from "./notice-pdf.ts";
import { REGISTER_CSV_DELIMITER, registerCsv, registerPdf, writeRegisterXlsx, type RegisterRow } from "./register-export.ts";

const ZONE = "Europe/Amsterdam";
/** Customer text that Typst would run or format if it were ever put into markup. */
const MARKUP = '#eval("1+1") and *bold* _x_ $y$ <l> @ref';
/** MARKUP's pieces: pdftotext reads a table column by column, so a cell's lines may come apart. */
const MARKUP_PARTS = ['#eval("1+1")', "*bold*", "_x_", "$y$", "<l>", "@ref"];
/** A title a CSV writer must quote: a comma, a quote and a line break. */
const AWKWARD_TITLE = 'Storage node st-07, "critical"\nsecond line';

// ---- factories ---------------------------------------------------------------------------------

const facts = (): StoredNoticeFacts => ({
  cause: { status: "known", value: `A flaw in the admin interface of node st-07 was exploited. ${MARKUP}` },
  consequences: { status: "unknown", reason: "forensisch onderzoek loopt" },
  solution: { status: "known", value: "The node was isolated and patched." },
  contact: { status: "known", value: { name: "Sam Security", email: "security@hoster.example", phone: "+31 20 123 4567" } },
  affectedCount: { status: "known", value: { kind: "range", min: 120, max: 480 } },
  subjectGroup: { status: "known", value: "Staff and clients of the customer" },
  dataKinds: { status: "known", value: ["name", "email address", "email content"] },
  period: { status: "known", value: { start: "2026-03-27T22:00:00.000Z", end: "ongoing" } },
  discoveredAt: { status: "known", value: "2026-03-28T08:00:00.000Z" },
  unintelligible: { status: "known", value: { state: "partly", description: "Passwords hashed (argon2id); mail stored unencrypted." } },
  measuresTaken: { status: "known", value: "Access revoked.\nLogs secured." },
  measuresPlanned: { status: "unknown" },
});

function breachNotice(overrides: Partial<BreachNotice> = {}): BreachNotice {
  return {
    kind: "breach_notice",
    incidentId: "00000000-0000-4000-8000-000000000007",
    reference: "INC-0007",
    title: "Storage node st-07 compromised",
    stage: "initial",
    sequence: 1,
    facts: facts(),
    changed: [],
    message: null,
    nature: { confidentiality: true, integrity: false, availability: true },
    dueAt: "2026-03-30T08:00:00.000Z",
    affectedCustomers: null,
    ...overrides,
  };
}

function noticeInput(overrides: Partial<BreachNoticePdfInput> = {}): BreachNoticePdfInput {
  return {
    locale: "nl",
    zone: ZONE,
    processor: { name: "Hoster B.V.", email: "privacy@hoster.example" },
    controller: { name: "Bakkerij De Korst B.V." },
    data: breachNotice(),
    sentAt: new Date("2026-03-28T09:00:00Z"),
    ...overrides,
  };
}

function apInput(overrides: Partial<ApDraftInput> = {}): ApDraftInput {
  return {
    locale: "nl",
    zone: ZONE,
    controller: { name: "Bakkerij De Korst B.V.", kvk: null, address: "Dorpsstraat 1", postalCode: "1234 AB", city: "Ergens", country: "NL" },
    contact: { name: "Pim Privacy", email: "privacy@korst.example", phone: null },
    processor: { name: "Hoster B.V.", kvk: "12345678", email: "privacy@hoster.example" },
    notices: [{ data: breachNotice(), sentAt: new Date("2026-03-28T09:00:00Z") }],
    awareAt: new Date("2026-03-28T09:00:00Z"),
    ...overrides,
  };
}

function registerRow(overrides: Partial<RegisterRow> = {}): RegisterRow {
  return {
    reference: "INC-0007",
    title: "Storage node st-07 compromised",
    description: `Admin interface exploited. ${MARKUP}`,
    startedAt: new Date("2026-03-27T22:00:00Z"),
    endedAt: null,
    ongoing: true,
    discoveredAt: new Date("2026-03-30T09:00:00Z"),
    discoveryHow: "Monitoring alert",
    systems: ["st-07", "mail-02"],
    services: ["E-mail", "Storage"],
    subprocessors: [],
    decision: "notify",
    breach: true,
    personalData: true,
    risk: "high",
    reasoning: "Mail content was read.",
    decidedBy: "Sam Security",
    decidedAt: new Date("2026-03-30T10:00:00Z"),
    assessments: 2,
    affectedCustomers: 3000,
    notifiedCustomers: 3000,
    notifiedInTime: 2998,
    firstNoticeAt: new Date("2026-03-30T11:00:00Z"),
    status: "open",
    closedAt: null,
    closingSummary: null,
    measuresTaken: "Access revoked.",
    consequences: null,
    ...overrides,
  };
}

const registerRows = (): RegisterRow[] => [
  registerRow({ title: AWKWARD_TITLE }),
  registerRow({
    reference: "INC-0008",
    title: '=HYPERLINK("http://evil.example")',
    startedAt: null,
    ongoing: false,
    decision: "no_notify",
    breach: false,
    personalData: false,
    risk: "none",
    affectedCustomers: 0,
    notifiedCustomers: 0,
    notifiedInTime: 0,
    firstNoticeAt: null,
    status: "closed",
    closedAt: new Date("2026-04-02T10:00:00Z"),
  }),
];

// ---- PDF helpers ---------------------------------------------------------------------------------

const POPPLER = toolsPresent("pdftotext");
// Poppler warns about Typst's valid /MarkInfo; not ours to show.
const QUIET: ExecFileSyncOptionsWithStringEncoding = { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] };

/** The PDF's text as a reader copies it: soft hyphens joined, whitespace collapsed to one space. */
function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "art28-breach-pdf-"));
  try {
    const path = join(dir, "doc.pdf");
    writeFileSync(path, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], QUIET)
      .replace(/\u00ad\s*/g, "")
      .replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isPdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";

// ---- the notice PDF ------------------------------------------------------------------------------

describe("the breach notice PDF", () => {
  const cases = [
    {
      locale: "nl" as const,
      words: [
        "tussen 120 en 480",
        "Melding datalek",
        "Eerste melding",
        "Nog onbekend (forensisch onderzoek loopt)",
        "Meldtermijn (art. 6.1)",
        "30-03-2026 10:00 (UTC+02:00)",
        "binnen de termijn verzonden",
        "vertrouwelijkheid en beschikbaarheid",
        "Pagina 1 van",
      ],
    },
    {
      locale: "en" as const,
      words: [
        "between 120 and 480",
        "Data breach notification",
        "First notification",
        "Not yet known (forensisch onderzoek loopt)",
        "Notification deadline (art. 6.1)",
        "30 Mar 2026 10:00 (UTC+02:00)",
        "sent within the deadline",
        "confidentiality and availability",
        "Page 1 of",
      ],
    },
  ];
  for (const c of cases) {
    test(`${c.locale}: the reference, the facts (unknown said so), the deadline, and customer text printed literally`, (t) => {
      const pdf = renderBreachNoticePdf(noticeInput({ locale: c.locale }));
      assert.ok(isPdf(pdf));
      if (!POPPLER) {
        t.skip("pdftotext (poppler-utils) is not installed");
        return;
      }
      const text = pdfText(pdf);
      for (const expected of ["INC-0007", "Storage node st-07 compromised", "Hoster B.V.", "Bakkerij De Korst B.V.", ...MARKUP_PARTS, ...c.words]) {
        assert.ok(text.includes(expected), `missing ${JSON.stringify(expected)} in: ${text}`);
      }
    });
  }

  test("a follow-up marks what changed and lists the notices up to it", (t) => {
    const pdf = renderBreachNoticePdf(
      noticeInput({
        data: breachNotice({ stage: "follow_up", sequence: 2, changed: ["affectedCount"], message: "New counts are in." }),
        sentAt: new Date("2026-03-29T12:00:00Z"),
        history: [
          { sequence: 2, stage: "follow_up", sentAt: new Date("2026-03-29T12:00:00Z") },
          { sequence: 1, stage: "initial", sentAt: new Date("2026-03-28T09:00:00Z") },
          { sequence: 3, stage: "final", sentAt: new Date("2026-04-02T09:00:00Z") },
        ],
      }),
    );
    if (!POPPLER) {
      t.skip("pdftotext (poppler-utils) is not installed");
      return;
    }
    const text = pdfText(pdf);
    for (const expected of [
      "Aanvulling 1 · melding nr. 2",
      "New counts are in.",
      "Gewijzigd sinds onze vorige melding: Aantal personen van wie gegevens zijn gelekt.",
      "GEWIJZIGD",
      "Meldingen over dit datalek",
      "Eerste melding",
      "28-03-2026 10:00 (UTC+01:00)",
      "Aanvulling 1 (deze melding)",
    ]) {
      assert.ok(text.includes(expected), `missing ${JSON.stringify(expected)} in: ${text}`);
    }
    assert.ok(!text.includes("binnen de termijn verzonden"), "only the first notice is measured against the 48 hours");
    assert.ok(!text.includes("Afsluitende melding"), "as sent: a later notice is not in its history");
  });

  test("the same notice gives the same bytes", () => {
    assert.deepEqual(renderBreachNoticePdf(noticeInput()), renderBreachNoticePdf(noticeInput()));
  });
});

// ---- the AP draft PDF ----------------------------------------------------------------------------

describe("the AP draft PDF", () => {
  const cases = [
    {
      locale: "nl" as const,
      words: [
        "CONCEPT — NIET INGEDIEND",
        "UW UITERSTE MELDTERMIJN BIJ DE AP",
        "31-03-2026 11:00 (UTC+02:00)",
        "DOOR U IN TE VULLEN",
        "Gaat het om bijzondere persoonsgegevens (art. 9 AVG)?",
        "Nog onbekend",
        "https://datalekken.autoriteitpersoonsgegevens.nl",
        "1. Contactgegevens",
        "8. Vervolgacties",
      ],
    },
    {
      locale: "en" as const,
      words: [
        "DRAFT — NOT SUBMITTED",
        "YOUR DEADLINE FOR NOTIFYING THE AP",
        "31 Mar 2026 11:00 (UTC+02:00)",
        "FOR YOU TO FILL IN",
        "Are special categories of personal data involved (GDPR art. 9)?",
        "Not yet known",
        "https://datalekken.autoriteitpersoonsgegevens.nl",
        "1. Contact details",
        "8. Follow-up",
      ],
    },
  ];
  for (const c of cases) {
    test(`${c.locale}: the deadline, the fields to answer, unknown facts, the disclaimer`, (t) => {
      const pdf = renderApDraftPdf(buildApDraft(apInput({ locale: c.locale })));
      assert.ok(isPdf(pdf));
      if (!POPPLER) {
        t.skip("pdftotext (poppler-utils) is not installed");
        return;
      }
      const text = pdfText(pdf);
      for (const expected of ["INC-0007", "Storage node st-07 compromised", ...MARKUP_PARTS, ...c.words]) {
        assert.ok(text.includes(expected), `missing ${JSON.stringify(expected)} in: ${text}`);
      }
    });
  }

  test("without awareAt the deadline says it has not started", (t) => {
    const pdf = renderApDraftPdf(buildApDraft(apInput({ awareAt: null })));
    if (!POPPLER) {
      t.skip("pdftotext (poppler-utils) is not installed");
      return;
    }
    assert.match(pdfText(pdf), /UW UITERSTE MELDTERMIJN BIJ DE AP Nog niet gestart De termijn van 72 uur is nog niet gestart/);
  });

  test("the same draft gives the same bytes", () => {
    assert.deepEqual(renderApDraftPdf(buildApDraft(apInput())), renderApDraftPdf(buildApDraft(apInput())));
  });
});

// ---- the register ----------------------------------------------------------------------------------

describe("the register as CSV", () => {
  const cases = [
    {
      locale: "nl" as const,
      delimiter: ";",
      headers: ["Kenmerk", "Titel", "Omschrijving", "Begin", "Einde", "Nog gaande", "Ontdekt"],
      yes: "ja",
      decision: ["melden", "niet melden"],
      status: ["open", "gesloten"],
    },
    {
      locale: "en" as const,
      delimiter: ",",
      headers: ["Reference", "Title", "Description", "Started", "Ended", "Ongoing", "Discovered"],
      yes: "yes",
      decision: ["notify", "do not notify"],
      status: ["open", "closed"],
    },
  ];
  for (const c of cases) {
    test(`${c.locale}: parses back with the locale's headers and the same values`, () => {
      const csv = registerCsv(registerRows(), c.locale, ZONE);
      assert.ok(csv.startsWith("\uFEFF"), "UTF-8 BOM, so Excel reads it as UTF-8");
      assert.equal(REGISTER_CSV_DELIMITER[c.locale], c.delimiter);
      const records: string[][] = parse(csv, { bom: true, delimiter: c.delimiter });
      const [header, first, second] = records;
      assert.ok(header && first && second && records.length === 3);
      assert.deepEqual(header.slice(0, c.headers.length), c.headers);
      assert.equal(header.length, 28);
      const cell = (row: string[], name: string): string | undefined => row[header.indexOf(name)];
      assert.equal(cell(first, c.headers[1] ?? ""), AWKWARD_TITLE);
      assert.equal(cell(first, c.headers[2] ?? ""), `Admin interface exploited. ${MARKUP}`);
      // Instants: ISO 8601 with the zone's offset, on either side of the change to summer time.
      assert.equal(cell(first, c.headers[3] ?? ""), "2026-03-27T23:00:00+01:00");
      assert.equal(cell(first, c.headers[6] ?? ""), "2026-03-30T11:00:00+02:00");
      assert.equal(Date.parse(cell(first, c.headers[6] ?? "") ?? ""), Date.parse("2026-03-30T09:00:00Z"));
      assert.equal(cell(first, c.headers[4] ?? ""), "", "no end: empty");
      assert.equal(cell(first, c.headers[5] ?? ""), c.yes);
      assert.ok(first.includes("st-07; mail-02"), "lists joined with '; '");
      assert.ok(first.includes("3000") && first.includes("2998"), "counts as plain numbers");
      assert.deepEqual(
        [first, second].map((r) => r[14]),
        c.decision,
      );
      assert.deepEqual(
        [first, second].map((r) => r[23]),
        c.status,
      );
      // A title Excel would run as a formula stays text.
      assert.equal(cell(second, c.headers[1] ?? ""), '\'=HYPERLINK("http://evil.example")');
    });
  }

  test("an empty register is a header row", () => {
    const records: string[][] = parse(registerCsv([], "en", ZONE), { bom: true });
    assert.equal(records.length, 1);
  });
});

/** The streamed workbook of `rows` (two pages: the first row, then the rest), collected. */
async function xlsxOf(rows: RegisterRow[], locale: "nl" | "en"): Promise<Buffer> {
  async function* pages() {
    yield rows.slice(0, 1);
    yield rows.slice(1);
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeRegisterXlsx(pages(), locale, ZONE, out);
  await finished(out);
  return Buffer.concat(chunks);
}

describe("the register as XLSX", () => {
  const cases = [
    { locale: "nl" as const, sheet: "Incidentenregister", discovered: "Ontdekt (Europe/Amsterdam)", title: "Titel" },
    { locale: "en" as const, sheet: "Incident register", discovered: "Discovered (Europe/Amsterdam)", title: "Title" },
  ];
  for (const c of cases) {
    test(`${c.locale}: one sheet, bold frozen filtered header, real date cells in the zone's wall time`, async () => {
      const workbook = new ExcelJS.Workbook();
      // exceljs types its input as its own Buffer (an ArrayBuffer); a copy of the bytes is one.
      await workbook.xlsx.load(new Uint8Array(await xlsxOf(registerRows(), c.locale)).buffer);
      assert.deepEqual(
        workbook.worksheets.map((s) => s.name),
        [c.sheet],
      );
      const sheet = workbook.worksheets[0];
      assert.ok(sheet);
      assert.equal(sheet.rowCount, 3);
      const header = sheet.getRow(1);
      const column = (name: string): number => {
        let found = 0;
        header.eachCell((cell, n) => {
          if (cell.value === name) {
            found = n;
          }
        });
        assert.ok(found > 0, `no column ${name}`);
        return found;
      };
      assert.equal(header.font?.bold, true);
      assert.equal(sheet.views[0]?.state, "frozen");
      assert.ok(sheet.autoFilter, "auto filter on the header");
      assert.equal(sheet.getRow(2).getCell(column(c.title)).value, AWKWARD_TITLE);
      const discovered = sheet.getRow(2).getCell(column(c.discovered)).value;
      assert.ok(discovered instanceof Date, "a date cell, not text");
      // 09:00 UTC is 11:00 in Amsterdam on 30 March 2026 (summer time): Excel shows 11:00.
      assert.equal(discovered.toISOString(), "2026-03-30T11:00:00.000Z");
      assert.equal(sheet.getRow(2).getCell(column(c.discovered)).numFmt, c.locale === "nl" ? "dd-mm-yyyy hh:mm" : "d mmm yyyy hh:mm");
      const started = sheet.getRow(3).getCell(column(c.locale === "nl" ? "Begin (Europe/Amsterdam)" : "Started (Europe/Amsterdam)")).value;
      assert.equal(started, null, "unknown start: an empty cell");
      assert.equal(sheet.getRow(2).getCell(column(c.locale === "nl" ? "Getroffen klanten" : "Customers affected")).value, 3000);
      assert.equal(sheet.getRow(3).getCell(column(c.title)).value, '=HYPERLINK("http://evil.example")', "a string cell, which Excel never runs");
      assert.ok((sheet.getColumn(column(c.title)).width ?? 0) >= 10);
    });
  }
});

describe("the register as PDF", () => {
  const generatedAt = new Date("2026-04-03T08:00:00Z");
  const cases = [
    {
      locale: "nl" as const,
      words: [
        "Incidentenregister (art. 33 lid 5 AVG)",
        "Gegenereerd op 03-04-2026 10:00 (UTC+02:00) · 2 incidenten",
        "eerste melding: 30-03-2026 13:00 (UTC+02:00)",
        "binnen 48 uur: 2.998",
        "niet melden",
        "gesloten 02-04-2026",
        "Pagina 1 van 1",
      ],
    },
    {
      locale: "en" as const,
      words: [
        "Incident register (GDPR art. 33(5))",
        "Generated on 3 Apr 2026 10:00 (UTC+02:00) · 2 incidents",
        "first notice: 30 Mar 2026 13:00 (UTC+02:00)",
        "within 48 h: 2,998",
        "do not notify",
        "closed 2 Apr 2026",
        "Page 1 of 1",
      ],
    },
  ];
  for (const c of cases) {
    test(`${c.locale}: title, generated-at line, the key columns, page numbers`, (t) => {
      const pdf = registerPdf(registerRows(), c.locale, ZONE, "Hoster B.V.", generatedAt);
      assert.ok(isPdf(pdf));
      if (!POPPLER) {
        t.skip("pdftotext (poppler-utils) is not installed");
        return;
      }
      const text = pdfText(pdf);
      for (const expected of ["Hoster B.V.", "INC-0007", "INC-0008", 'Storage node st-07, "critical"', "second line", ...MARKUP_PARTS, ...c.words]) {
        assert.ok(text.includes(expected), `missing ${JSON.stringify(expected)} in: ${text}`);
      }
    });
  }

  test("an empty register says so", (t) => {
    const pdf = registerPdf([], "nl", ZONE, "Hoster B.V.", generatedAt);
    if (!POPPLER) {
      t.skip("pdftotext (poppler-utils) is not installed");
      return;
    }
    assert.match(pdfText(pdf), /Incidentenregister \(art\. 33 lid 5 AVG\).*Er zijn geen incidenten geregistreerd\./);
  });

  test("the same rows give the same bytes", () => {
    assert.deepEqual(registerPdf(registerRows(), "en", ZONE, "Hoster B.V.", generatedAt), registerPdf(registerRows(), "en", ZONE, "Hoster B.V.", generatedAt));
  });
});
