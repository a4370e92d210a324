import { localDate } from "./legal-time.ts";

// art. 9.2 and the practice of transparency reports: per half-year, how many disclosure orders the
// processor received, by kind of authority and by outcome, and how many customers they concerned.
// A count that could identify a gagged order is shown as a band, never exactly; an order whose gag
// has not ended is left out altogether (its existence may not be disclosed). Pure: the clock is passed in.

/** The bands a count is shown in when a gagged order is among what it counts. */
export const COUNT_BANDS: readonly { from: number; to: number | null }[] = [
  { from: 0, to: 9 },
  { from: 10, to: 49 },
  { from: 50, to: 99 },
  { from: 100, to: 499 },
  { from: 500, to: 999 },
  { from: 1000, to: null },
];

export type ReportCount = { exact: number; band: null } | { exact: null; band: { from: number; to: number | null } };

export interface ReportOrder<K extends string, D extends string> {
  receivedAt: Date;
  authorityKind: K;
  decision: D;
  gag: "none" | "until_date" | "until_lifted";
  gagUntil: Date | null;
  gagEndedAt: Date | null;
  customers: number;
}

export interface ReportPeriod<K extends string, D extends string> {
  period: string;
  orders: ReportCount;
  customers: ReportCount;
  byAuthority: { kind: K; orders: ReportCount }[];
  byOutcome: { decision: D; orders: ReportCount }[];
}

/** Whether an order's gag still forbids it being known: gagged, and neither lifted nor past its date. */
export function underGag(order: Pick<ReportOrder<string, string>, "gag" | "gagUntil" | "gagEndedAt">, now: Date): boolean {
  if (order.gag === "none" || order.gagEndedAt !== null) {
    return false;
  }
  return !(order.gag === "until_date" && order.gagUntil !== null && order.gagUntil <= now);
}

/** A count, exact or (when a gagged order is among it) its band. */
export function reportCount(count: number, gagged: boolean): ReportCount {
  if (!gagged) {
    return { exact: count, band: null };
  }
  const band = COUNT_BANDS.find((b) => count >= b.from && (b.to === null || count <= b.to)) ?? { from: count, to: null };
  return { exact: null, band };
}

/** The half-year of an instant in the processor's zone: 2026-H1 (January–June) or 2026-H2. */
export function halfYearOf(at: Date, zone: string): string {
  const [year, month] = localDate(at, zone).split("-");
  return `${year}-H${Number(month) <= 6 ? 1 : 2}`;
}

/**
 * The transparency report: one entry per half-year with an order in it (newest first), every kind of
 * authority and outcome listed (zero where none), counts banded where any counted order was gagged.
 */
export function transparencyReport<K extends string, D extends string>(
  orders: readonly ReportOrder<K, D>[],
  kinds: readonly K[],
  decisions: readonly D[],
  now: Date,
  zone: string,
): ReportPeriod<K, D>[] {
  const byPeriod = new Map<string, ReportOrder<K, D>[]>();
  for (const order of orders) {
    if (underGag(order, now)) {
      continue;
    }
    const period = halfYearOf(order.receivedAt, zone);
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), order]);
  }
  const cell = (some: ReportOrder<K, D>[]) =>
    reportCount(
      some.length,
      some.some((o) => o.gag !== "none"),
    );
  return [...byPeriod.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([period, inPeriod]) => ({
      period,
      orders: cell(inPeriod),
      customers: reportCount(
        inPeriod.reduce((sum, o) => sum + o.customers, 0),
        inPeriod.some((o) => o.gag !== "none"),
      ),
      byAuthority: kinds.map((kind) => ({ kind, orders: cell(inPeriod.filter((o) => o.authorityKind === kind)) })),
      byOutcome: decisions.map((decision) => ({ decision, orders: cell(inPeriod.filter((o) => o.decision === decision)) })),
    }));
}
