import { NO_CUSTOMERS } from "../../http/audience.ts";
import { Type } from "typebox";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { STAFF_WRITE } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { CSV_COLUMNS } from "./customer-import.ts";
import { runCustomerImport } from "./run-customer-import.ts";

const Summary = Type.Object({
  dryRun: Type.Boolean(),
  customers: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  services: Type.Integer(),
  contacts: Type.Integer(),
  annexVersions: Type.Integer(),
});
const Query = Type.Object({ dryRun: Type.Boolean({ default: false, description: "validate only; write nothing" }) }, { additionalProperties: false });
const Nullable = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const CustomerJson = Type.Object(
  {
    customerNumber: Type.String({ minLength: 1, maxLength: 50 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kvk: Type.Optional(Type.Union([Type.String({ pattern: "^[0-9]{8}$" }), Type.Null()])),
    address: Nullable(200),
    postalCode: Nullable(20),
    city: Nullable(100),
    country: Type.Optional(Type.String({ pattern: "^[A-Z]{2}$" })),
    locale: Type.Optional(Type.Enum(["nl", "en"])),
    services: Type.Array(Type.Object({ code: Type.String({ minLength: 1 }), monthlyFeeCents: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }), {
      maxItems: 100,
    }),
    contact: Type.Optional(
      Type.Union([
        Type.Object(
          {
            role: Type.Enum(["dpo", "privacy_contact"]),
            name: Type.String({ minLength: 2, maxLength: 200 }),
            email: Type.String({ maxLength: 254 }),
            phone: Nullable(20),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);

export function importRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: 50 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.post(
    "/imports/customers",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["imports"],
        summary: "Create or update customers, their services, fees and privacy contacts (all or nothing)",
        querystring: Query,
        body: Type.Object({ customers: Type.Array(CustomerJson, { minItems: 1, maxItems: 100_000 }) }, { additionalProperties: false }),
        response: { 200: Summary, ...ErrorResponses },
      },
      bodyLimit: 50 * 1024 * 1024,
    },
    async (request) => {
      const actor = actorOf(request);
      return runCustomerImport(db, clock, eventActor(actor), { format: "json", customers: request.body.customers }, { dryRun: request.query.dryRun });
    },
  );

  app.post(
    "/imports/customers.csv",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["imports"],
        summary: `The same from a CSV billing export (Content-Type: text/csv; "," or ";"); one row per customer and service. Columns: ${CSV_COLUMNS.join(", ")}`,
        querystring: Query,
        consumes: ["text/csv"],
        body: Type.String({ minLength: 1 }),
        response: { 200: Summary, ...ErrorResponses },
      },
      bodyLimit: 50 * 1024 * 1024,
    },
    async (request) => {
      const actor = actorOf(request);
      return runCustomerImport(db, clock, eventActor(actor), { format: "csv", text: request.body }, { dryRun: request.query.dryRun });
    },
  );
}
