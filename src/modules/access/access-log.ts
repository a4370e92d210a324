import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db/engine.ts";
import type { AccessWhy, StaffRole } from "../../db/schema/index.ts";
import type { Locale } from "../../domain/text.ts";
import type { Actor } from "../../http/actor.ts";
import { invalid, notFound } from "../../http/errors.ts";
import type { PersonalDataView } from "../../http/personal-data.ts";
import { listAccessLog, type AccessLogFilter } from "./queries.ts";
import { accessWords } from "./words.ts";

type Row = Awaited<ReturnType<typeof listAccessLog>>["items"][number];

/** Whose access log a caller may read: a customer its own only (another's id: 404), staff one customer or all. */
export function logScope(actor: Actor, controllerId: string | undefined): string | null {
  if (actor.kind === "customer") {
    if (controllerId && controllerId !== actor.controllerId) {
      throw notFound(accessWords.noun.customer);
    }
    return actor.controllerId;
  }
  return controllerId ?? null;
}

/** The period of a query: from (inclusive) to (exclusive), refused when reversed. */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }): { from: Date | null; to: Date | null } {
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : null;
  if (from && to && from.getTime() > to.getTime()) {
    throw invalid("query.from", accessWords.periodReversed);
  }
  return { from, to };
}

export function presentAccess(row: Row) {
  return {
    ...row,
    roleLabel: accessWords.role[row.staffRole as StaffRole] ?? { nl: row.staffRole, en: row.staffRole },
    whatLabel: accessWords.what[row.what as PersonalDataView] ?? { nl: row.what, en: row.what },
    why: row.why as AccessWhy,
    whyLabel: accessWords.why[row.why as AccessWhy],
    at: row.at.toISOString(),
  };
}

/** Rows a spreadsheet would run as a formula are quoted as text (CSV injection). */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const EXPORT_PAGE = 1000;
const EXPORT_MAX = 100_000;

/** The access log as CSV in the reader's language, newest first (at most 100,000 rows). */
export async function accessLogCsv(tx: Db, filter: Omit<AccessLogFilter, "offset" | "limit">, locale: Locale): Promise<string> {
  const lines: string[][] = [[...accessWords.csvColumns[locale]]];
  for (let offset = 0; offset < EXPORT_MAX; offset += EXPORT_PAGE) {
    const page = await listAccessLog(tx, { ...filter, offset, limit: EXPORT_PAGE });
    for (const item of page.items.map(presentAccess)) {
      lines.push([
        item.at,
        cell(item.customerNumber),
        cell(item.customerName),
        cell(item.userName),
        item.roleLabel[locale],
        item.whatLabel[locale],
        item.recordId,
        item.whyLabel[locale],
        cell(item.reason ?? ""),
      ]);
    }
    if (page.items.length < EXPORT_PAGE) {
      break;
    }
  }
  return stringify(lines);
}
