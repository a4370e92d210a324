import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { catalogueWords } from "./words.ts";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { notFound } from "../../http/errors.ts";
import { IdParams } from "../../http/schemas.ts";
import { scopeOf, STAFF_WRITE, STAFF_ALL } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { listServices, listTerms } from "./queries.ts";
import { saveService } from "./save-service.ts";
import { Catalogue, NewServiceBody, Service, ServiceBody } from "./schemas.ts";

export function catalogueRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  async function catalogue() {
    const [terms, services] = await Promise.all([listTerms(db), listServices(db)]);
    const pick = (kind: string) => terms.filter((t) => t.kind === kind);
    return { purposes: pick("purpose"), dataCategories: pick("data_category"), subjectCategories: pick("subject_category"), services };
  }

  app.get(
    "/catalogue",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["catalogue"],
        summary: "Services (Annex 1A) and their purposes and categories (1B–1D)",
        response: { 200: Catalogue, ...ErrorResponses },
      },
    },
    async (request) => {
      actorOf(request);
      return catalogue();
    },
  );

  app.post(
    "/services",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: { tags: ["catalogue"], summary: "Add a service to the catalogue", body: NewServiceBody, response: { 201: Service, ...ErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { code, ...input } = request.body;
      const id = await inScope(db, scopeOf(actor), (tx) => saveService(tx, clock, eventActor(actor), { code }, input));
      const [created] = await listServices(db, [id]);
      if (!created) {
        throw notFound(catalogueWords.noun.service);
      }
      return reply.status(201).send(created);
    },
  );

  app.put(
    "/services/:id",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags: ["catalogue"],
        summary: "Change a service; customers taking it get a new Annex 1 version",
        params: IdParams,
        body: ServiceBody,
        response: { 200: Service, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const id = await inScope(db, scopeOf(actor), (tx) => saveService(tx, clock, eventActor(actor), { id: request.params.id }, request.body));
      const [saved] = await listServices(db, [id]);
      if (!saved) {
        throw notFound(catalogueWords.noun.service);
      }
      return saved;
    },
  );
}
