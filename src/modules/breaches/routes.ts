import { NO_CUSTOMERS } from "../../http/audience.ts";
import { breachWords } from "./words.ts";
import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import { invalid, notFound } from "../../http/errors.ts";
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
import { registerCsvHeader, registerCsvRecords, registerPdf, writeRegisterXlsx } from "./documents/register-export.ts";
import { readPages, streamDownload, writePages } from "../../http/download.ts";
import { saveCustomerFacts, saveSharedFacts } from "./notice-facts.ts";
import { presentAffected, presentIncident, presentSummary } from "./present.ts";
import { AFFECTED_LIST_KEY, REACHED_LIST_KEY } from "./affected-queries.ts";
import { decodeKeyset, encodeCursor, keysetPage } from "../../http/cursor.ts";
import { becauseNames, countIncidents, countsOf, findIncident, INCIDENT_LIST_KEY, listIncidents, TIMELINE_KEY, timelineOf } from "./queries.ts";
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
  IncidentList,
  IncidentListQuery,
  IncidentPatch,
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

/** The most incidents the register's PDF lays out; a longer register is exported as CSV or XLSX (streamed). */
export const REGISTER_PDF_MAX = 2_000;

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
        summary: "The incident register (GDPR art. 33(5)): every security incident, breach or not, newest discovery first; a page after `after` (keyset)",
        querystring: IncidentListQuery,
        response: { 200: IncidentList, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { status, decision, q, limit } = request.query;
      const after = decodeKeyset(request.query.after, INCIDENT_LIST_KEY);
      return inScope(db, scopeOf(actor), async (tx) => {
        const found = await listIncidents(tx, { status, decision, q, limit, after });
        const { items, next } = keysetPage(found.items, limit);
        const counts = await countsOf(
          tx,
          items.map((i) => i.incident.id),
          clock.now(),
        );
        return { total: found.total, totalExact: found.exact, items: items.map(({ incident }) => presentSummary(incident, counts.get(incident.id))), next };
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
      const scope = scopeOf(actor);
      const locale = actor.locale;
      const processor = await inScope(db, scope, (tx) => findProcessor(tx));
      const zone = processor.timeZone;
      const stamp = clock.now().toISOString().slice(0, 10);
      const base = `${breachWords.fileName.register[locale]}-${stamp}`;
      // The `size + 1` incidents after `after`, in their own short transaction (http/download.ts readPages).
      const page = (after: readonly string[] | undefined, size: number) => inScope(db, scope, (tx) => registerRows(tx, locale, after, size + 1));
      switch (request.query.format) {
        case "csv":
          return streamDownload(request, reply, "text/csv; charset=utf-8", `${base}.csv`, (out) =>
            writePages(out, registerCsvHeader(locale), page, (rows) => registerCsvRecords(rows, locale, zone)),
          );
        case "xlsx":
          return streamDownload(request, reply, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `${base}.xlsx`, (out) =>
            writeRegisterXlsx(readPages(page), locale, zone, out),
          );
        case "pdf": {
          // One document, laid out whole: bounded, and refused before anything is read beyond the limit.
          const rows = await page(undefined, REGISTER_PDF_MAX + 1);
          if (rows.length > REGISTER_PDF_MAX) {
            const { total } = await inScope(db, scope, (tx) => countIncidents(tx));
            throw invalid("querystring.format", breachWords.registerPdfTooLarge(total, REGISTER_PDF_MAX));
          }
          return reply
            .type("application/pdf")
            .header("content-disposition", contentDisposition(`${base}.pdf`))
            .send(Buffer.from(await registerPdf(rows, locale, zone, processor.name, clock.now())));
        }
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
        summary: "The acts of an incident in order, with their evidence hash; a page after `after` (keyset)",
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: Timeline, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit } = request.query;
      const after = decodeKeyset(request.query.after, TIMELINE_KEY);
      return inScope(db, scopeOf(actor), async (tx) => {
        await incidentOr404(tx, request.params.id);
        const found = await timelineOf(tx, request.params.id, { limit, after });
        const { items, next } = keysetPage(found.entries, limit);
        return {
          total: found.total,
          totalExact: found.exact,
          entries: items.map(({ key: _key, ...e }) => ({ ...e, typeLabel: eventLabel(e.type), at: e.at.toISOString() })),
          next,
        };
      });
    },
  );
}
