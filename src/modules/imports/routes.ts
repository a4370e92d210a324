import { NO_CUSTOMERS } from "../../http/audience.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { STAFF_WRITE } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { CSV_COLUMNS } from "./customer-import.ts";
import { decodeCsvText } from "./csv-text.ts";
import { runCustomerImport } from "./run-customer-import.ts";
import { IMPORT_BODY_LIMIT, ImportCsvBody, ImportJsonBody, ImportQuery, ImportSummary } from "./schemas.ts";

export function importRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  // The file's bytes, decoded here: a file that is not UTF-8 is refused with its line, never read
  // with replacement characters.
  app.addContentTypeParser("text/csv", { parseAs: "buffer", bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
    try {
      done(null, decodeCsvText(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.post(
    "/imports/customers",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["imports"],
        summary: "Create or update customers, their services, fees, privacy contacts and domain names (all or nothing)",
        querystring: ImportQuery,
        body: ImportJsonBody,
        response: { 200: ImportSummary, ...ErrorResponses },
      },
      bodyLimit: IMPORT_BODY_LIMIT,
    },
    async (request) => {
      const actor = actorOf(request);
      return runCustomerImport(
        db,
        clock,
        eventActor(actor),
        { format: "json", customers: request.body.customers },
        { dryRun: request.query.dryRun, inviteOwners: request.query.inviteOwners },
      );
    },
  );

  app.post(
    "/imports/customers.csv",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["imports"],
        summary: `The same from a CSV billing export (Content-Type: text/csv, UTF-8; "," or ";"); one row per customer and service, each row checked as the JSON import checks a customer. Columns: ${CSV_COLUMNS.join(", ")}. The optional domains column holds the customer's domain names (art. 8.1) separated by spaces or "|": given, they replace its list; an absent column or an empty cell leaves its names as they are`,
        querystring: ImportQuery,
        consumes: ["text/csv"],
        body: ImportCsvBody,
        response: { 200: ImportSummary, ...ErrorResponses },
      },
      bodyLimit: IMPORT_BODY_LIMIT,
    },
    async (request) => {
      const actor = actorOf(request);
      return runCustomerImport(
        db,
        clock,
        eventActor(actor),
        { format: "csv", text: request.body },
        { dryRun: request.query.dryRun, inviteOwners: request.query.inviteOwners },
      );
    },
  );
}
