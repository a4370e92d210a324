import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { claimLapsesAt, formatCents, isMonth, liabilityCap, monthBefore, type HeldFee, type LedgerEntry } from "./liability-cap.ts";

// Europe/Amsterdam: CET (UTC+1) in winter, CEST (UTC+2) from the last Sunday of March. Inputs are UTC
// instants with the local time they stand for in the comment.
const AMS = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);
const entry = (month: string, amountCents: number, description: string | null = null): LedgerEntry => ({ month, amountCents, description });
const fee = (service: string, monthlyFeeCents: number, since: string): HeldFee => ({ service, monthlyFeeCents, since: at(since) });

describe("monthBefore: the local calendar month before the event", () => {
  const rows: { why: string; event: string; month: string; start: string; end: string }[] = [
    { why: "mid-month", event: "2026-03-15T12:00:00Z", month: "2026-02", start: "2026-01-31T23:00:00.000Z", end: "2026-02-28T23:00:00.000Z" },
    // 1 March 00:30 CET is still 28 February in UTC: the month before is February, not January.
    {
      why: "first of the month, just after local midnight",
      event: "2026-02-28T23:30:00Z",
      month: "2026-02",
      start: "2026-01-31T23:00:00.000Z",
      end: "2026-02-28T23:00:00.000Z",
    },
    // 28 February 23:30 CET is the last local minute of February: the month before is January.
    {
      why: "last local minute of a month",
      event: "2026-02-28T22:30:00Z",
      month: "2026-01",
      start: "2025-12-31T23:00:00.000Z",
      end: "2026-01-31T23:00:00.000Z",
    },
    // 1 January 2027 00:10 CET: the month before is December of the year before.
    { why: "over the turn of the year", event: "2026-12-31T23:10:00Z", month: "2026-12", start: "2026-11-30T23:00:00.000Z", end: "2026-12-31T23:00:00.000Z" },
    // 1 April 00:00 CEST (summer time) = 31 March 22:00 UTC; March starts 00:00 CET.
    { why: "a month with a DST change", event: "2026-04-01T10:00:00Z", month: "2026-03", start: "2026-02-28T23:00:00.000Z", end: "2026-03-31T22:00:00.000Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      const got = monthBefore(at(row.event), AMS);
      assert.equal(got.month, row.month);
      assert.equal(got.start.toISOString(), row.start);
      assert.equal(got.end.toISOString(), row.end);
    });
  }
  test("an invalid date is refused", () => {
    assert.throws(() => monthBefore(new Date(Number.NaN), AMS), RangeError);
  });
});

describe("liabilityCap (art. 11.1)", () => {
  const rows: {
    why: string;
    event: string;
    ledger: LedgerEntry[];
    held: HeldFee[];
    source: "ledger" | "fallback" | "none";
    month: string;
    cap: number;
    lines: number[];
  }[] = [
    {
      why: "the ledger's month before counts, not the event's month or older ones",
      event: "2026-03-15T12:00:00Z",
      ledger: [entry("2026-01", 10_000), entry("2026-02", 12_345, "Factuur 2026-0042"), entry("2026-03", 99_999)],
      held: [fee("Webhosting", 995, "2025-01-01T00:00:00Z")],
      source: "ledger",
      month: "2026-02",
      cap: 12_345,
      lines: [12_345],
    },
    {
      why: "several ledger lines of the month are added up",
      event: "2026-03-15T12:00:00Z",
      ledger: [entry("2026-02", 1_000, "Hosting"), entry("2026-02", 250, "E-mail")],
      held: [],
      source: "ledger",
      month: "2026-02",
      cap: 1_250,
      lines: [1_000, 250],
    },
    {
      why: "an event on the first of the month (local) uses the month just ended",
      event: "2026-02-28T23:30:00Z",
      ledger: [entry("2026-01", 5_000), entry("2026-02", 7_000)],
      held: [],
      source: "ledger",
      month: "2026-02",
      cap: 7_000,
      lines: [7_000],
    },
    {
      why: "a ledger entry of 0 says nothing was received: cap 0, no fallback",
      event: "2026-03-15T12:00:00Z",
      ledger: [entry("2026-02", 0)],
      held: [fee("Webhosting", 995, "2025-01-01T00:00:00Z")],
      source: "ledger",
      month: "2026-02",
      cap: 0,
      lines: [0],
    },
    {
      why: "no ledger entry for the month: the held monthly fees, labelled as the fallback",
      event: "2026-03-15T12:00:00Z",
      ledger: [entry("2026-01", 5_000)],
      held: [fee("Webhosting", 995, "2025-01-01T00:00:00Z"), fee("E-mail", 1_500, "2026-01-31T23:00:00Z")],
      source: "fallback",
      month: "2026-02",
      cap: 2_495,
      lines: [995, 1_500],
    },
    {
      // Taken from 15 February (local): 14 of February's 28 days → half, rounded down.
      why: "a partial month counts pro rata by local days, rounded down to the cent",
      event: "2026-03-15T12:00:00Z",
      ledger: [],
      held: [fee("Webhosting", 999, "2026-02-14T23:00:00Z")],
      source: "fallback",
      month: "2026-02",
      cap: 499,
      lines: [499],
    },
    {
      why: "a service taken only after the month does not count",
      event: "2026-03-15T12:00:00Z",
      ledger: [],
      held: [fee("Webhosting", 995, "2025-01-01T00:00:00Z"), fee("E-mail", 1_500, "2026-02-28T23:00:00Z")],
      source: "fallback",
      month: "2026-02",
      cap: 995,
      lines: [995],
    },
    {
      why: "no ledger entry and no fees held: cap 0, source none",
      event: "2026-03-15T12:00:00Z",
      ledger: [],
      held: [fee("E-mail", 1_500, "2026-03-01T00:00:00Z")],
      source: "none",
      month: "2026-02",
      cap: 0,
      lines: [],
    },
  ];
  for (const row of rows) {
    test(row.why, () => {
      const got = liabilityCap({ eventAt: at(row.event), zone: AMS, ledger: row.ledger, heldFees: row.held });
      assert.equal(got.source, row.source);
      assert.equal(got.month, row.month);
      assert.equal(got.capCents, row.cap);
      assert.deepEqual(
        got.lines.map((l) => l.amountCents),
        row.lines,
      );
      assert.ok(Number.isSafeInteger(got.capCents), "money stays in whole cents");
    });
  }
  test("a partial month shows its days", () => {
    const got = liabilityCap({ eventAt: at("2026-03-15T12:00:00Z"), zone: AMS, ledger: [], heldFees: [fee("Webhosting", 999, "2026-02-14T23:00:00Z")] });
    assert.deepEqual(got.lines[0]?.days, { counted: 14, inMonth: 28 });
  });
  test("amounts that are not whole cents are refused", () => {
    assert.throws(() => liabilityCap({ eventAt: at("2026-03-15T12:00:00Z"), zone: AMS, ledger: [entry("2026-02", 12.5)], heldFees: [] }), RangeError);
    assert.throws(
      () => liabilityCap({ eventAt: at("2026-03-15T12:00:00Z"), zone: AMS, ledger: [], heldFees: [fee("x", -1, "2025-01-01T00:00:00Z")] }),
      RangeError,
    );
  });
});

describe("claimLapsesAt (art. 11.6): 12 months, the months rule of legal-time.ts", () => {
  const rows: { why: string; arisen: string; lapses: string }[] = [
    // 15 March 2026 10:00 CET → end of 15 March 2027 (CET).
    { why: "the same date a year later, end of day", arisen: "2026-03-15T09:00:00Z", lapses: "2027-03-15T22:59:59.999Z" },
    // 29 February 2028 → 28 February 2029 (no 29th).
    { why: "29 February to the month's last day", arisen: "2028-02-29T12:00:00Z", lapses: "2029-02-28T22:59:59.999Z" },
    // 1 July 2026 00:30 CEST is 30 June in UTC: the local date counts.
    { why: "the local date, not the UTC date", arisen: "2026-06-30T22:30:00Z", lapses: "2027-07-01T21:59:59.999Z" },
  ];
  for (const row of rows) {
    test(row.why, () => {
      assert.equal(claimLapsesAt(at(row.arisen), AMS).toISOString(), row.lapses);
    });
  }
});

describe("isMonth and formatCents", () => {
  test("months", () => {
    for (const ok of ["2026-01", "2026-12", "2000-06"]) {
      assert.ok(isMonth(ok), ok);
    }
    for (const bad of ["2026-13", "2026-00", "2026-1", "26-01", "1999-12", "2026-01-01", ""]) {
      assert.ok(!isMonth(bad), bad);
    }
  });
  test("cents as euros", () => {
    assert.equal(formatCents(123_456, "nl"), "€ 1.234,56");
    assert.equal(formatCents(123_456, "en"), "€1,234.56");
    assert.equal(formatCents(5, "nl"), "€ 0,05");
    assert.equal(formatCents(100_000_000, "en"), "€1,000,000.00");
  });
});
