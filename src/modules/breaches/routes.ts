import { NO_CUSTOMERS } from "../../http/audience.ts";
import { breachWords } from "./words.ts";
import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { ErrorResponses, FileResponses } from "../../http/schemas.ts";
import { scopeOf, type Actor } from "../../http/actor.ts";
import { eventActor, eventLabel } from "../evidence/index.ts";
import { IdParams } from "../../http/schemas.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import { findProcessor } from "../processor/index.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { addAffectedCustomers, proposalPage, removeAffectedCustomer } from "./affected-customers.ts";
import { assessIncident } from "./assess-incident.ts";
import { closeIncident } from "./close-incident.ts";
import { registerCsv, registerPdf, registerXlsx } from "./documents/register-export.ts";
import { saveCustomerFacts, saveSharedFacts } from "./notice-facts.ts";
import { presentAffected, presentIncident, presentSummary } from "./present.ts";
import { AFFECTED_LIST_KEY, REACHED_LIST_KEY } from "./affected-queries.ts";
import { decodeKeyset, encodeCursor } from "../../http/cursor.ts";
import { becauseNames, countsOf, findIncident, listIncidents, timelineOf } from "./queries.ts";
import { recordIncident, updateIncident } from "./record-incident.ts";
import { registerRows } from "./register-rows.ts";
import {
  AddCustomersBody,
  AffectedList,
  AffectedQuery,
  Assessment,
  AssessmentBody,
  CloseBody,
  CustomerParams,
  ExportQuery,
  FactsBody,
  Incident,
  IncidentBody,
  IncidentListQuery,
  IncidentPatch,
  IncidentSummary,
  Proposal,
  ProposalQuery,
  SendBody,
  SendResult,
  Timeline,
  TimelineQuery,
} from "./schemas.ts";
import { sendBreachNotices } from "./send-notices.ts";

/** Who works on incidents (art. 6): the security and privacy officers and the administrator. */
export const INCIDENT_WRITE: readonly StaffRole[] = ["admin", "security_officer", "privacy_officer"];
/** And who may read the register: those, and the auditor. Support staff see customers, not incidents. */
export const INCIDENT_READ: readonly StaffRole[] = [...INCIDENT_WRITE, "auditor"];

const staffActor = (actor: Actor) => ({ ...eventActor(actor), id: actor.userId, name: actor.name });

export function incidentRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  const tags = ["breaches"];
  const incidentOr404 = async (tx: Db, id: string) => {
    const incident = await findIncident(tx, id);
    if (!incident) {
      throw notFound(breachWords.noun.incident);
    }
    return incident;
  };
  const detail = (actor: Actor, id: string) => inScope(db, scopeOf(actor), async (tx) => presentIncident(tx, await incidentOr404(tx, id), clock.now()));

  app.get(
    "/incidents",
    {
      config: { audience: { staff: INCIDENT_READ, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "The incident register (GDPR art. 33(5)): every security incident, breach or not",
        querystring: IncidentListQuery,
        response: { 200: Type.Array(IncidentSummary), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        const list = await listIncidents(tx, request.query);
        const counts = await countsOf(
          tx,
          list.map((i) => i.id),
          clock.now(),
        );
        return list.map((incident) => presentSummary(incident, counts.get(incident.id)));
      });
    },
  );

  app.post(
    "/incidents",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS } },
      schema: { tags, summary: "Record a security incident", body: IncidentBody, response: { 201: Incident, ...ErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await inScope(db, scopeOf(actor), (tx) => recordIncident(tx, clock, staffActor(actor), request.body));
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    "/incidents/export",
    {
      config: { audience: { staff: INCIDENT_READ, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "The incident register as CSV, XLSX or PDF (art. 33(5) documentation)",
        querystring: ExportQuery,
        response: FileResponses("the register", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { rows, processor } = await inScope(db, scopeOf(actor), async (tx) => ({
        rows: await registerRows(tx, actor.locale),
        processor: await findProcessor(tx),
      }));
      const zone = processor.timeZone;
      const locale = actor.locale;
      const stamp = clock.now().toISOString().slice(0, 10);
      const base = `${breachWords.fileName.register[locale]}-${stamp}`;
      switch (request.query.format) {
        case "csv":
          return reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", contentDisposition(`${base}.csv`))
            .send(registerCsv(rows, locale, zone));
        case "xlsx":
          return reply
            .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .header("content-disposition", contentDisposition(`${base}.xlsx`))
            .send(await registerXlsx(rows, locale, zone));
        case "pdf":
          return reply
            .type("application/pdf")
            .header("content-disposition", contentDisposition(`${base}.pdf`))
            .send(Buffer.from(await registerPdf(rows, locale, zone, processor.name, clock.now())));
      }
    },
  );

  app.get(
    "/incidents/:id",
    {
      config: { audience: { staff: INCIDENT_READ, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "An incident: its facts, assessments, notice completeness and counts",
        params: IdParams,
        response: { 200: Incident, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return detail(actor, request.params.id);
    },
  );

  app.patch(
    "/incidents/:id",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Change what the register says about an incident",
        params: IdParams,
        body: IncidentPatch,
        response: { 200: Incident, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await inScope(db, scopeOf(actor), (tx) => updateIncident(tx, clock, staffActor(actor), request.params.id, request.body));
      return detail(actor, request.params.id);
    },
  );

  app.post(
    "/incidents/:id/assessments",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary:
          "Assess an incident: personal data, breach or not (art. 6.1), C/I/A, risk, and the decision to notify, with reasoning; a revision keeps the earlier ones",
        params: IdParams,
        body: AssessmentBody,
        response: { 201: Assessment, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await inScope(db, scopeOf(actor), (tx) => assessIncident(tx, clock, staffActor(actor), request.params.id, request.body));
      const incident = await detail(actor, request.params.id);
      const assessment = incident.assessments.find((a) => a.id === id);
      if (!assessment) {
        throw new Error(`assessment ${id} vanished`);
      }
      return reply.status(201).send(assessment);
    },
  );

  app.get(
    "/incidents/:id/proposal",
    {
      config: { audience: { staff: INCIDENT_READ, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary:
          "The customers Art28 proposes as affected: those taking the incident's services or services using its sub-processors; by name, a page after `after` (keyset)",
        params: IdParams,
        querystring: ProposalQuery,
        response: { 200: Proposal, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit = 100, waiting } = request.query;
      const after = decodeKeyset(request.query.after, REACHED_LIST_KEY);
      return inScope(db, scopeOf(actor), async (tx) => {
        const { customers, nextKey, ...counts } = await proposalPage(tx, await incidentOr404(tx, request.params.id), { limit, after, waiting });
        const namesOf = await becauseNames(
          tx,
          customers.map((p) => p.because),
        );
        return {
          ...counts,
          customers: customers.map((p) => ({
            controllerId: p.controllerId,
            name: p.name,
            customerNumber: p.customerNumber,
            ...namesOf(p.because),
            affected: p.affected,
          })),
          next: nextKey ? encodeCursor(nextKey) : null,
        };
      });
    },
  );

  app.get(
    "/incidents/:id/customers",
    {
      config: { audience: { staff: INCIDENT_READ, customer: NO_CUSTOMERS, record: "shared" }, personalData: "breach_facts" },
      schema: {
        tags,
        summary: "The affected customers: each one's 48-hour deadline, notice completeness, and its notices (sent, delivered, read, acknowledged, in time)",
        params: IdParams,
        querystring: AffectedQuery,
        response: { 200: AffectedList, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit = 100, offset = 0, q } = request.query;
      const after = decodeKeyset(request.query.after, AFFECTED_LIST_KEY);
      const { nextKey, ...page } = await inScope(db, scopeOf(actor), async (tx) =>
        presentAffected(tx, await incidentOr404(tx, request.params.id), { limit, offset, after, q }, clock.now()),
      );
      return { ...page, next: nextKey ? encodeCursor(nextKey) : null };
    },
  );

  app.post(
    "/incidents/:id/customers",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Add affected customers (named, or every proposed one); each gets its 48-hour clock from the discovery",
        params: IdParams,
        body: AddCustomersBody,
        response: { 200: Type.Object({ added: Type.Integer() }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const added = await inScope(db, scopeOf(actor), (tx) => addAffectedCustomers(tx, clock, staffActor(actor), request.params.id, request.body));
      return { added };
    },
  );

  app.delete(
    "/incidents/:id/customers/:controllerId",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Take a customer off the affected list (only before it was notified)",
        params: CustomerParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await inScope(db, scopeOf(actor), (tx) => removeAffectedCustomer(tx, clock, staffActor(actor), request.params.id, request.params.controllerId));
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/incidents/:id/facts",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "The art. 6.2 facts every affected customer's notice shares; a fact not yet known is {status: unknown}",
        params: IdParams,
        body: FactsBody,
        response: { 200: Incident, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await inScope(db, scopeOf(actor), (tx) => saveSharedFacts(tx, clock, staffActor(actor), request.params.id, request.body as StoredNoticeFacts));
      return detail(actor, request.params.id);
    },
  );

  app.put(
    "/incidents/:id/customers/:controllerId/facts",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "One customer's own facts (its counts, kinds of data, ...), over the shared ones",
        params: CustomerParams,
        body: FactsBody,
        response: { 200: AffectedList, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, controllerId } = request.params;
      await inScope(db, scopeOf(actor), (tx) => saveCustomerFacts(tx, clock, staffActor(actor), id, controllerId, request.body as StoredNoticeFacts));
      return inScope(db, scopeOf(actor), async (tx) => {
        const incident = await incidentOr404(tx, id);
        const { nextKey, ...page } = await presentAffected(tx, incident, { limit: 1, offset: 0, controllerId }, clock.now());
        return { ...page, next: nextKey ? encodeCursor(nextKey) : null };
      });
    },
  );

  app.post(
    "/incidents/:id/notices",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Send a round of breach notices: a first notice to each customer not yet told, a follow-up (what changed) to the others",
        description:
          "All or nothing: if any customer's notice is incomplete, nothing is sent and the 400 names the customers and facts (customers.<customer number>.<fact>).",
        params: IdParams,
        body: SendBody,
        response: { 200: SendResult, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), (tx) => sendBreachNotices(tx, clock, staffActor(actor), request.params.id, { message: request.body.message }));
    },
  );

  app.post(
    "/incidents/:id/close",
    {
      config: { audience: { staff: INCIDENT_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Close an incident; every customer notified gets a final notice with the summary",
        params: IdParams,
        body: CloseBody,
        response: { 200: Incident, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await inScope(db, scopeOf(actor), (tx) => closeIncident(tx, clock, staffActor(actor), request.params.id, request.body.summary));
      return detail(actor, request.params.id);
    },
  );

  app.get(
    "/incidents/:id/timeline",
    {
      config: { audience: { staff: INCIDENT_READ, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Every act of an incident in order, with its evidence hash",
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: Timeline, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit = 1000, offset = 0 } = request.query;
      return inScope(db, scopeOf(actor), async (tx) => {
        await incidentOr404(tx, request.params.id);
        const { total, entries } = await timelineOf(tx, request.params.id, { limit, offset });
        return { total, entries: entries.map((e) => ({ ...e, typeLabel: eventLabel(e.type), at: e.at.toISOString() })) };
      });
    },
  );
}
