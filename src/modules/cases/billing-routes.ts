import { stringify } from "csv-stringify/sync";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import { NO_CUSTOMERS } from "../../http/audience.ts";
import { scopeOf, STAFF_WRITE } from "../../http/actor.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { invalid, notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import type { Db } from "../../db/engine.ts";
import { auditBillableItems, auditCostsOfExport } from "../audits/index.ts";
import { findExport, itemsOfExport, listBillableItems, listExports } from "./billing-queries.ts";
import { exportBillableItems } from "./export-billable-items.ts";
import { periodInstants } from "./period.ts";
import { presentExport, presentItem } from "./present.ts";
import { BillableItem, BillingExport, BillingExportWithItems, ExportBody, PeriodQuery } from "./schemas.ts";
import { caseWords } from "./words.ts";

const tags = ["billing"];

/** The billing system's CSV of an export: one line per item, amounts in cents, credit lines negative and naming what they credit. */
export function billableItemsCsv(exportId: string, present: PresentedItem[], locale: "nl" | "en"): string {
  return stringify([
    [...caseWords.csvColumns[locale]],
    ...present.map((i) => [
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
  ]);
}

type PresentedItem = ReturnType<typeof presentItem>;

/** In the order they became billable: the cases' entries and the audits' costs (art. 10.5, modules/audits) together. */
const byBillableAt = (a: PresentedItem, b: PresentedItem) => a.billableAt.localeCompare(b.billableAt) || a.id.localeCompare(b.id);

/** One export's items: the cases' and the audits'. */
async function exportItems(tx: Db, exportId: string): Promise<PresentedItem[]> {
  return [...(await itemsOfExport(tx, exportId)).map(presentItem), ...(await auditCostsOfExport(tx, exportId))].sort(byBillableAt);
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
        summary: "Billable items that became billable in a period (local dates, inclusive): unexported, exported or all",
        querystring: PeriodQuery,
        response: { 200: Type.Array(BillableItem), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const instants = await period(request.query.from, request.query.to, "query");
      const filter = { ...instants, state: request.query.state ?? "all" } as const;
      const items = await inScope(db, scopeOf(actor), async (tx) => [
        ...(await listBillableItems(tx, filter)).map(presentItem),
        ...(await auditBillableItems(tx, filter)),
      ]);
      return items.sort(byBillableAt);
    },
  );

  app.post(
    "/billable-items/exports",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "Export the period's billable items not yet exported, once: each is marked with this export and never exported again",
        body: ExportBody,
        response: { 201: BillingExportWithItems, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const instants = await period(request.body.from, request.body.to, "body");
      const { row, items } = await inScope(db, scopeOf(actor), async (tx) => {
        const id = await exportBillableItems(tx, clock, { actor: eventActor(actor), userId: actor.userId, name: actor.name }, request.body, instants);
        return { row: await findExport(tx, id), items: await exportItems(tx, id) };
      });
      if (!row) {
        throw new Error("the export vanished");
      }
      return reply.status(201).send({ ...presentExport(row), items });
    },
  );

  app.get(
    "/billable-items/exports",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: { tags, summary: "The exports to the billing system, newest first", response: { 200: Type.Array(BillingExport), ...ErrorResponses } },
    },
    async (request) => (await inScope(db, scopeOf(actorOf(request)), (tx) => listExports(tx))).map(presentExport),
  );

  app.get(
    "/billable-items/exports/:id/csv",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "One export's items as CSV for the billing system (the same items every time)",
        params: IdParams,
        response: FileResponses("the export", "text/csv"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, items } = await inScope(db, scopeOf(actor), async (tx) => ({
        row: await findExport(tx, request.params.id),
        items: await exportItems(tx, request.params.id),
      }));
      if (!row) {
        throw notFound(caseWords.noun.export);
      }
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", contentDisposition(`billable-items-${row.periodFrom}-${row.periodTo}-${row.id.slice(0, 8)}.csv`))
        .send(billableItemsCsv(row.id, items, actor.locale));
    },
  );
}
