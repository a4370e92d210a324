import { stringify } from "csv-stringify/sync";
import { Type } from "typebox";
import type { Writable } from "node:stream";
import { inScope, type Scope } from "../../db/scope.ts";
import { NO_CUSTOMERS } from "../../http/audience.ts";
import { scopeOf, STAFF_WRITE } from "../../http/actor.ts";
import { streamDownload, writePages } from "../../http/download.ts";
import { arrayPage, decodeKeyset, NEXT_LINK_HEADER } from "../../http/cursor.ts";
import { invalid, notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import type { Db } from "../../db/engine.ts";
import { auditBillableItems } from "../audits/index.ts";
import { BILLABLE_ITEM_KEY, EXPORT_LIST_KEY, findExport, listBillableItems, listExports, type ItemSelection } from "./billing-queries.ts";
import { exportBillableItems } from "./export-billable-items.ts";
import { periodInstants } from "./period.ts";
import { presentExport, presentItem } from "./present.ts";
import { BillableItem, BillingExport, ExportBody, ExportItemsQuery, ExportListQuery, PeriodQuery } from "./schemas.ts";
import { caseWords } from "./words.ts";

const tags = ["billing"];

/** The lines of the billing system's CSV of an export: amounts in cents, credit lines negative and naming what they credit. */
function csvLines(exportId: string, present: readonly PresentedItem[]): string {
  return stringify(
    present.map((i) => [
      i.id,
      exportId,
      i.customerName,
      i.controllerId,
      i.caseReference,
      i.caseKind,
      i.type,
      i.description,
      i.workDate,
      i.minutes ?? "",
      i.rateCents ?? "",
      i.amountCents,
      i.currency,
      i.creditsId ?? "",
      i.billableAt,
    ]),
  );
}

type PresentedItem = ReturnType<typeof presentItem>;

/** By key (billable instant to the microsecond, then id): the order both sources' pages are read in. */
const byKey = (a: { key: readonly string[] }, b: { key: readonly string[] }) =>
  (a.key[0] ?? "").localeCompare(b.key[0] ?? "") || (a.key[1] ?? "").localeCompare(b.key[1] ?? "");

/**
 * A page of billable items from both sources, the cases' entries and the audits' costs: `limit + 1`
 * of each after the cursor, merged in the one order, the first `limit + 1` kept.
 */
async function itemsPage(tx: Db, selection: ItemSelection, page: { limit: number; after?: readonly string[] | undefined }) {
  const cases = (await listBillableItems(tx, selection, page)).map((row) => ({ ...presentItem(row), key: row.key }));
  const costs = await auditBillableItems(tx, selection, page);
  return [...cases, ...costs].sort(byKey).slice(0, page.limit + 1);
}

/**
 * Writes one export's items as the billing system's CSV to `out`, a page of ROWS_PER_STATEMENT
 * after the last one written (keyset), each page in its own short transaction, so an export of
 * any size holds one page in memory.
 */
async function writeExportCsv(db: Db, scope: Scope, exportId: string, locale: "nl" | "en", out: Writable): Promise<void> {
  await writePages(
    out,
    stringify([[...caseWords.csvColumns[locale]]]),
    (after, size) => inScope(db, scope, (tx) => itemsPage(tx, { exportId }, { limit: size, after })),
    (rows) => csvLines(exportId, rows),
  );
}

/** Billable items (the finished cases' billable entries and credit lines) and their exports to the billing system; admin and privacy officer only. */
export function billingRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  async function period(from: string, to: string, where: "query" | "body") {
    if (to < from) {
      throw invalid(`${where}.to`, caseWords.periodOrder);
    }
    const { timeZone } = await inScope(db, { kind: "processor" }, (tx) => findProcessor(tx));
    return periodInstants(from, to, timeZone, { from: `${where}.from`, to: `${where}.to` });
  }

  app.get(
    "/billable-items",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary:
          "Billable items that became billable in a period (local dates, inclusive): unexported, exported or all; in the order they became billable, a page after `after` (keyset), the next one in the Link header",
        querystring: PeriodQuery,
        response: { 200: Type.Array(BillableItem, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const instants = await period(request.query.from, request.query.to, "query");
      const { limit } = request.query;
      const after = decodeKeyset(request.query.after, BILLABLE_ITEM_KEY);
      const found = await inScope(db, scopeOf(actor), (tx) => itemsPage(tx, { ...instants, state: request.query.state ?? "all" }, { limit, after }));
      return arrayPage(reply, request.url, found, limit).map(({ key: _key, ...item }) => item);
    },
  );

  app.post(
    "/billable-items/exports",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary:
          "Export the period's billable items not yet exported, once: each is marked with this export and never exported again. The answer is the export (its count and total); its items are read through `GET /billable-items/exports/{id}/items` (pages) or its CSV (streamed)",
        body: ExportBody,
        response: { 201: BillingExport, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const instants = await period(request.body.from, request.body.to, "body");
      const row = await inScope(db, scopeOf(actor), async (tx) => {
        const id = await exportBillableItems(tx, clock, { actor: eventActor(actor), userId: actor.userId, name: actor.name }, request.body, instants);
        return findExport(tx, id);
      });
      if (!row) {
        throw new Error("the export vanished");
      }
      return reply.status(201).send(presentExport(row));
    },
  );

  app.get(
    "/billable-items/exports",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "The exports to the billing system, newest first; a page after `after` (keyset), the next one in the Link header",
        querystring: ExportListQuery,
        response: { 200: Type.Array(BillingExport, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { limit } = request.query;
      const after = decodeKeyset(request.query.after, EXPORT_LIST_KEY);
      const found = await inScope(db, scopeOf(actorOf(request)), (tx) => listExports(tx, { limit, after }));
      return arrayPage(reply, request.url, found, limit).map((row) => presentExport(row.export));
    },
  );

  app.get(
    "/billable-items/exports/:id/items",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary:
          "One export's items (the same items every time), in the order they became billable; a page after `after` (keyset), the next one in the Link header",
        params: IdParams,
        querystring: ExportItemsQuery,
        response: { 200: Type.Array(BillableItem, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { limit } = request.query;
      const after = decodeKeyset(request.query.after, BILLABLE_ITEM_KEY);
      const found = await inScope(db, scopeOf(actorOf(request)), async (tx) => {
        if (!(await findExport(tx, request.params.id))) {
          throw notFound(caseWords.noun.export);
        }
        return itemsPage(tx, { exportId: request.params.id }, { limit, after });
      });
      return arrayPage(reply, request.url, found, limit).map(({ key: _key, ...item }) => item);
    },
  );

  app.get(
    "/billable-items/exports/:id/csv",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "One export's items as CSV for the billing system (the same items every time), streamed",
        params: IdParams,
        response: FileResponses("the export", "text/csv"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await inScope(db, scopeOf(actor), (tx) => findExport(tx, request.params.id));
      if (!row) {
        throw notFound(caseWords.noun.export);
      }
      return streamDownload(request, reply, "text/csv; charset=utf-8", `billable-items-${row.periodFrom}-${row.periodTo}-${row.id.slice(0, 8)}.csv`, (out) =>
        writeExportCsv(db, scopeOf(actor), row.id, actor.locale, out),
      );
    },
  );
}
