import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, rows, type Db } from "./engine.ts";

// What an operator's probes and metrics read from the database (no customer's data: counts only).

/** The migrations this build knows (drizzle-kit's journal). */
export function knownMigrations(folder = MIGRATIONS_FOLDER): number {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

export interface Readiness {
  database: "reachable" | "unreachable";
  migrationsApplied: number | null;
  migrationsKnown: number;
  ready: boolean;
}

/** Ready when the database answers and has every migration of this build (upgrades migrate first). */
export async function readiness(db: Db): Promise<Readiness> {
  const known = knownMigrations();
  try {
    const [applied] = await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const n = Number(applied?.n ?? 0);
    return { database: "reachable", migrationsApplied: n, migrationsKnown: known, ready: n >= known };
  } catch {
    return { database: "unreachable", migrationsApplied: null, migrationsKnown: known, ready: false };
  }
}

/** Whether Art28 is installed in this database (its processor exists): the first run of `art28 serve` does it. */
export async function isInstalled(db: Db): Promise<boolean> {
  const [row] = await rows<{ installed: boolean }>(db, sql`select exists (select 1 from processor) as installed`);
  return row?.installed === true;
}

export interface OperationalCounts {
  /** The processor's open duties (party processor) not yet due, and past due. */
  deadlinesOpen: number;
  deadlinesOverdue: number;
  /** Deliveries by status; retrying: pending after at least one refused or failed try. */
  deliveries: Record<"pending" | "sent" | "held" | "failed", number>;
  deliveriesRetrying: number;
}

/** The counts /metrics reports, read on each scrape (as the database owner: no scope needed for counts). */
export async function operationalCounts(db: Db, now: Date): Promise<OperationalCounts> {
  const [deadlines] = await rows<{ open: number; overdue: number }>(
    db,
    sql`select count(*) filter (where due_at >= ${now.toISOString()}::timestamptz)::int as open,
               count(*) filter (where due_at < ${now.toISOString()}::timestamptz)::int as overdue
          from obligations where status = 'open' and party = 'processor'`,
  );
  const byStatus = await rows<{ status: string; n: number; retrying: number }>(
    db,
    sql`select status, count(*)::int as n, count(*) filter (where status = 'pending' and attempts > 0)::int as retrying from deliveries group by status`,
  );
  const deliveries = { pending: 0, sent: 0, held: 0, failed: 0 };
  let retrying = 0;
  for (const row of byStatus) {
    if (row.status in deliveries) {
      deliveries[row.status as keyof typeof deliveries] = Number(row.n);
    }
    retrying += Number(row.retrying);
  }
  return { deadlinesOpen: Number(deadlines?.open ?? 0), deadlinesOverdue: Number(deadlines?.overdue ?? 0), deliveries, deliveriesRetrying: retrying };
}
