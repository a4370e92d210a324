import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { IdParams } from "../../http/schemas.ts";
import { scopeOf, STAFF_ALL } from "../../http/actor.ts";
import { visibleController } from "../controllers/index.ts";
import { CountryTransfers, TransferWarning } from "./schemas.ts";
import { controllerTransfers, transferWarnings } from "./transfers.ts";
import { WARNING_LIST_KEY } from "./transfer-queries.ts";
import { arrayPage, decodeKeyset, keysetQuery, NEXT_LINK_HEADER } from "../../http/cursor.ts";

export function transferRoutes(app: TypedApp, { db }: RouteDeps) {
  app.get(
    "/controllers/:id/transfers",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags: ["transfers"],
        summary: "Every country the customer's data may go to through its services and their sub-processors, with zone and transfer mechanism (art. 3.1)",
        params: IdParams,
        response: { 200: Type.Object({ controllerId: Type.String(), countries: Type.Array(CountryTransfers) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const countries = await inScope(db, scopeOf(actor), (tx) => controllerTransfers(tx, request.params.id));
      return { controllerId: request.params.id, countries };
    },
  );

  app.get(
    "/transfers/warnings",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["transfers"],
        summary:
          "Locations outside the EEA without an adequacy decision and without a transfer mechanism, with the customers they touch (staff); by sub-processor, a page after `after` (keyset), the next one in the Link header",
        querystring: Type.Object(keysetQuery({ default: 100, maximum: 500 }), { additionalProperties: false }),
        response: { 200: Type.Array(TransferWarning, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { limit } = request.query;
      const after = decodeKeyset(request.query.after, WARNING_LIST_KEY);
      const found = await inScope(db, scopeOf(actor), (tx) => transferWarnings(tx, { limit, after }));
      return arrayPage(reply, request.url, found, limit).map(({ key: _key, ...warning }) => warning);
    },
  );
}
