import { stringify } from "csv-stringify/sync";
import type { Writable } from "node:stream";
import type { Db } from "../../db/engine.ts";
import { inScope, type Scope } from "../../db/scope.ts";
import type { AccessWhy, StaffRole } from "../../db/schema/index.ts";
import type { Locale } from "../../domain/text.ts";
import type { Actor } from "../../http/actor.ts";
import { writePages } from "../../http/download.ts";
import { invalid, notFound } from "../../http/errors.ts";
import type { PersonalDataView } from "../../http/personal-data.ts";
import { accessLogPage, type AccessLogFilter } from "./queries.ts";
import { accessWords } from "./words.ts";

type Row = Awaited<ReturnType<typeof accessLogPage>>[number];

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

export function presentAccess({ key: _key, ...row }: Row) {
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

/**
 * Writes the access log as CSV in the reader's language, newest first, to `out`: a page of
 * ROWS_PER_STATEMENT entries at a time after the last one written (keyset), each page read in its
 * own short transaction and written as one chunk, so an export of any length holds one page in
 * memory and other requests are answered between pages (it is not one snapshot: an entry logged
 * meanwhile may be in it).
 */
export async function writeAccessLogCsv(
  db: Db,
  scope: Scope,
  filter: Omit<AccessLogFilter, "offset" | "limit" | "after">,
  locale: Locale,
  out: Writable,
): Promise<void> {
  await writePages(
    out,
    stringify([[...accessWords.csvColumns[locale]]]),
    (after, size) => inScope(db, scope, (tx) => accessLogPage(tx, { ...filter, limit: size, after })),
    (rows) =>
      stringify(
        rows
          .map(presentAccess)
          .map((item) => [
            item.at,
            cell(item.customerNumber),
            cell(item.customerName),
            cell(item.userName),
            item.roleLabel[locale],
            item.whatLabel[locale],
            item.recordId,
            item.whyLabel[locale],
            cell(item.reason ?? ""),
          ]),
      ),
  );
}
