import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { catalogueWords } from "./words.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, iso } from "../../http/schemas.ts";
import { notFound } from "../../http/errors.ts";
import { IdParams } from "../../http/schemas.ts";
import { scopeOf, STAFF_WRITE, STAFF_ALL } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { listMeasures, listServices, listTerms } from "./queries.ts";
import { saveService } from "./save-service.ts";
import { saveMeasure } from "./save-measure.ts";
import { Catalogue, Measure, MeasureBody, NewServiceBody, Service, ServiceBody } from "./schemas.ts";

const MEASURE_EDITORS = ["admin", "privacy_officer", "security_officer"] as const;

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

  const measureOut = (m: Awaited<ReturnType<typeof listMeasures>>[number]) => ({ ...m, lastReviewedAt: iso(m.lastReviewedAt) });

  app.get(
    "/measures",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: { tags: ["measures"], summary: "Technical and organisational measures (Annex 2)", response: { 200: Type.Array(Measure), ...ErrorResponses } },
    },
    async (request) => {
      actorOf(request);
      return (await listMeasures(db)).map(measureOut);
    },
  );

  app.post(
    "/measures",
    {
      config: { audience: { staff: MEASURE_EDITORS, customer: NO_CUSTOMERS } },
      schema: { tags: ["measures"], summary: "Add a measure", body: MeasureBody, response: { 201: Measure, ...ErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = { ...request.body, lastReviewedAt: request.body.lastReviewedAt ? new Date(request.body.lastReviewedAt) : null };
      const id = await inScope(db, scopeOf(actor), (tx) => saveMeasure(tx, clock, eventActor(actor), null, body));
      const saved = (await listMeasures(db)).find((m) => m.id === id);
      if (!saved) {
        throw notFound(catalogueWords.noun.measure);
      }
      return reply.status(201).send(measureOut(saved));
    },
  );

  app.put(
    "/measures/:id",
    {
      config: { audience: { staff: MEASURE_EDITORS, customer: NO_CUSTOMERS, record: "shared" } },
      schema: { tags: ["measures"], summary: "Change a measure", params: IdParams, body: MeasureBody, response: { 200: Measure, ...ErrorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = { ...request.body, lastReviewedAt: request.body.lastReviewedAt ? new Date(request.body.lastReviewedAt) : null };
      await inScope(db, scopeOf(actor), (tx) => saveMeasure(tx, clock, eventActor(actor), request.params.id, body));
      const saved = (await listMeasures(db)).find((m) => m.id === request.params.id);
      if (!saved) {
        throw notFound(catalogueWords.noun.measure);
      }
      return measureOut(saved);
    },
  );
}
