import { test } from "node:test";
import assert from "node:assert/strict";
import { halfYearOf, reportCount, transparencyReport, underGag, type ReportOrder } from "./transparency-report.ts";

const ZONE = "Europe/Amsterdam";
const NOW = new Date("2026-12-01T12:00:00Z");

const order = (overrides: Partial<ReportOrder<"police" | "court", "comply" | "contest">> = {}): ReportOrder<"police" | "court", "comply" | "contest"> => ({
  receivedAt: new Date("2026-08-01T10:00:00Z"),
  authorityKind: "police",
  decision: "comply",
  gag: "none",
  gagUntil: null,
  gagEndedAt: null,
  customers: 1,
  ...overrides,
});

test("counts are exact without a gagged order, and in their band with one", () => {
  assert.deepEqual(reportCount(0, false), { exact: 0, band: null });
  assert.deepEqual(reportCount(3, true), { exact: null, band: { from: 0, to: 9 } });
  assert.deepEqual(reportCount(9, true), { exact: null, band: { from: 0, to: 9 } });
  assert.deepEqual(reportCount(10, true), { exact: null, band: { from: 10, to: 49 } });
  assert.deepEqual(reportCount(49, true), { exact: null, band: { from: 10, to: 49 } });
  assert.deepEqual(reportCount(5000, true), { exact: null, band: { from: 1000, to: null } });
});

test("an order is under its gag until the gag is lifted or its date has passed", () => {
  assert.equal(underGag(order(), NOW), false);
  assert.equal(underGag(order({ gag: "until_lifted" }), NOW), true);
  assert.equal(underGag(order({ gag: "until_lifted", gagEndedAt: new Date("2026-11-01T00:00:00Z") }), NOW), false);
  assert.equal(underGag(order({ gag: "until_date", gagUntil: new Date("2026-12-02T00:00:00Z") }), NOW), true);
  assert.equal(underGag(order({ gag: "until_date", gagUntil: new Date("2026-12-01T12:00:00Z") }), NOW), false, "its date passed, even before the sweep saw it");
});

test("half-years by the local date of receipt: New Year's night in Amsterdam is already the next year", () => {
  assert.equal(halfYearOf(new Date("2026-06-30T21:59:59Z"), ZONE), "2026-H1");
  assert.equal(halfYearOf(new Date("2026-06-30T22:00:00Z"), ZONE), "2026-H2");
  assert.equal(halfYearOf(new Date("2026-12-31T23:30:00Z"), ZONE), "2027-H1");
});

test("the report: newest half-year first; gagged cells banded; orders still under a gag left out entirely", () => {
  const report = transparencyReport(
    [
      order({ receivedAt: new Date("2026-03-01T10:00:00Z"), customers: 12 }),
      order({ authorityKind: "court", decision: "contest", gag: "until_lifted", gagEndedAt: new Date("2026-10-01T00:00:00Z"), customers: 2 }),
      order({ customers: 3 }),
      order({ authorityKind: "court", gag: "until_lifted", customers: 40 }),
    ],
    ["police", "court"],
    ["comply", "contest"],
    NOW,
    ZONE,
  );
  assert.deepEqual(
    report.map((p) => p.period),
    ["2026-H2", "2026-H1"],
  );
  const [h2, h1] = report;
  assert.deepEqual(h2?.orders, { exact: null, band: { from: 0, to: 9 } });
  assert.deepEqual(h2?.customers, { exact: null, band: { from: 0, to: 9 } }, "5 customers, not 45: the gagged order's 40 are not counted");
  assert.deepEqual(h2?.byAuthority, [
    { kind: "police", orders: { exact: 1, band: null } },
    { kind: "court", orders: { exact: null, band: { from: 0, to: 9 } } },
  ]);
  assert.deepEqual(h2?.byOutcome, [
    { decision: "comply", orders: { exact: 1, band: null } },
    { decision: "contest", orders: { exact: null, band: { from: 0, to: 9 } } },
  ]);
  assert.deepEqual(h1?.orders, { exact: 1, band: null });
  assert.deepEqual(h1?.customers, { exact: 12, band: null });
});

test("nothing but orders under a gag: no period at all", () => {
  assert.deepEqual(transparencyReport([order({ gag: "until_lifted" })], ["police", "court"], ["comply", "contest"], NOW, ZONE), []);
});
