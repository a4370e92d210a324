import { NO_CUSTOMERS } from "../../http/audience.ts";
import { inScope } from "../../db/scope.ts";
import { scopeOf } from "../../http/actor.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { visibleController } from "../controllers/index.ts";
import { eventActor } from "../evidence/index.ts";
import { decodeCsvText } from "../imports/index.ts";
import { importFees, LEDGER_COLUMNS } from "./import-fees.ts";
import { customerName, heldFeesOf, ledgerOf } from "./ledger-queries.ts";
import { CLAIM_STAFF } from "./routes.ts";
import { LEDGER_BODY_LIMIT, LedgerCsvBody, LedgerJsonBody, LedgerQuery, LedgerSummary, LedgerView } from "./schemas.ts";
import { claimWords } from "./words.ts";

const tags = ["claims"];
const staffOnly = { staff: CLAIM_STAFF, customer: NO_CUSTOMERS };

/** art. 11.1: the fee ledger, imported from billing (CSV or JSON, all or nothing), and a customer's view of it for staff. */
export function ledgerRoutes(app: TypedApp, { db, clock }: RouteDeps): void {
  // The customer import (modules/imports) reads text/csv the same way; whichever module comes first adds it.
  if (!app.hasContentTypeParser("text/csv")) {
    app.addContentTypeParser("text/csv", { parseAs: "buffer", bodyLimit: LEDGER_BODY_LIMIT }, (_request, body, done) => {
      try {
        done(null, decodeCsvText(body as Buffer));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  }

  app.post(
    "/fee-ledger",
    {
      config: { audience: staffOnly },
      schema: {
        tags,
        summary:
          "Import what customers paid per calendar month for the services under the agreement (art. 11.1 cap), all or nothing; a month already held is replaced",
        querystring: LedgerQuery,
        body: LedgerJsonBody,
        response: { 200: LedgerSummary, ...ErrorResponses },
      },
      bodyLimit: LEDGER_BODY_LIMIT,
    },
    async (request) => importFees(db, clock, eventActor(actorOf(request)), { format: "json", entries: request.body.entries }, { dryRun: request.query.dryRun }),
  );

  app.post(
    "/fee-ledger.csv",
    {
      config: { audience: staffOnly },
      schema: {
        tags,
        summary: `The same from billing's CSV export (Content-Type: text/csv, UTF-8; "," or ";"), one row per customer and month. Columns: ${LEDGER_COLUMNS.join(", ")} (amount in euros, e.g. 1234,50; month YYYY-MM)`,
        querystring: LedgerQuery,
        consumes: ["text/csv"],
        body: LedgerCsvBody,
        response: { 200: LedgerSummary, ...ErrorResponses },
      },
      bodyLimit: LEDGER_BODY_LIMIT,
    },
    async (request) => importFees(db, clock, eventActor(actorOf(request)), { format: "csv", text: request.body }, { dryRun: request.query.dryRun }),
  );

  app.get(
    "/controllers/:id/fee-ledger",
    {
      config: { audience: { ...staffOnly, record: "controller" } },
      schema: {
        tags,
        summary: "A customer's fee ledger, and the monthly fees Art28 holds for its services (the cap's fallback)",
        params: IdParams,
        response: { 200: LedgerView, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      return inScope(db, scopeOf(actor), async (tx) => {
        const name = await customerName(tx, request.params.id);
        if (name === null) {
          throw notFound(claimWords.noun.customer);
        }
        const entries = await ledgerOf(tx, request.params.id);
        const held = await heldFeesOf(tx, request.params.id);
        return {
          controllerId: request.params.id,
          customerName: name,
          entries: entries.map((e) => ({
            month: e.month,
            amountCents: e.amountCents,
            description: e.description,
            importedAt: e.importedAt.toISOString(),
            importedBy: e.importedBy,
          })),
          heldFees: held.map((h) => ({
            service: actor.locale === "nl" ? h.nameNl : h.nameEn,
            monthlyFeeCents: h.monthlyFeeCents,
            since: h.since.toISOString(),
          })),
          fallbackLabel: claimWords.capSources.fallback,
        };
      });
    },
  );
}
