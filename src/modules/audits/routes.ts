import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF, type Audience } from "../../http/audience.ts";
import { requireCustomer, scopeOf, type Actor } from "../../http/actor.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { invalid, notFound } from "../../http/errors.ts";
import { withMultipart } from "../../http/multipart-scope.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { readMultipart, UPLOAD_LIMITS, type ReceivedFile } from "../threads/index.ts";
import { acceptExpert } from "./accept-expert.ts";
import { addAction, agreeFinding, completeAction, recordFinding } from "./findings.ts";
import { answerInformation, askInformation } from "./information.ts";
import { presentAudit, presentAuditSummary } from "./present.ts";
import { proposeAuditDate, acceptAuditDate } from "./propose-date.ts";
import { proposeExpert } from "./propose-expert.ts";
import { actionsOf, costsOf, expertsOf, filesOf, findAudit, findFile, findingsOf, informationRequestsOf, listAudits } from "./queries.ts";
import { recordAuditCost } from "./record-cost.ts";
import { refuseAudit } from "./refuse-audit.ts";
import { requestAudit } from "./request-audit.ts";
import { Temporal } from "temporal-polyfill";
import {
  ActionBody,
  ActionParams,
  AnswerBody,
  AnswerForm,
  AuditBody,
  AuditDetail,
  AuditSummary,
  CostBody,
  DateBody,
  ExpertForm,
  ExpertParams,
  FindingBody,
  FindingParams,
  InformationBody,
  RefusalBody,
  RequestParams,
} from "./schemas.ts";
import { auditWho } from "./who.ts";
import { auditWords } from "./words.ts";

/**
 * art. 9.1 (last sentence), 10: an audit and its results are for the two parties only: the
 * processor's admin and privacy officer, the customer's owner and privacy contact. Not support,
 * the security officer or the auditor role, not the customer's viewers (403), not another
 * customer (404, row-level security).
 */
export const AUDIT_STAFF: readonly StaffRole[] = ["admin", "privacy_officer"];
const tags = ["audits"];
const parties = { staff: AUDIT_STAFF, customer: CUSTOMER_WRITERS } satisfies Audience;
const onAudit = { ...parties, record: "audit" as const };
const staffOnAudit = { staff: AUDIT_STAFF, customer: NO_CUSTOMERS, record: "audit" as const };
const NOT_A_DATE = { nl: "is geen bestaande datum", en: "is not a date that exists" };

/** A YYYY-MM-DD the pattern let through that does not exist (31 November): 400 naming the field. */
function realDate(value: string, field: string): string {
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" }).toString();
  } catch {
    throw invalid(field, NOT_A_DATE);
  }
}

/** The audits' routes, in a plugin of their own that accepts multipart (an undertaking, an answer's attachments). */
export function auditRoutes(app: TypedApp, deps: RouteDeps): void {
  withMultipart(app, UPLOAD_LIMITS, (scoped) => registerAuditRoutes(scoped, deps));
}

function registerAuditRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  /** The audit if this actor may see it (its own customer's, or staff of the two roles), else 404. */
  async function visible(actor: Actor, id: string) {
    const found = await inScope(db, scopeOf(actor), (tx) => findAudit(tx, id));
    if (!found || (actor.kind === "customer" && actor.controllerId !== found.audit.controllerId)) {
      throw notFound(auditWords.noun.audit);
    }
    return found;
  }

  async function detail(tx: Db, actor: Actor, id: string) {
    const found = await findAudit(tx, id);
    if (!found || (actor.kind === "customer" && actor.controllerId !== found.audit.controllerId)) {
      throw notFound(auditWords.noun.audit);
    }
    const parts = {
      experts: await expertsOf(tx, id),
      files: await filesOf(tx, id),
      requests: await informationRequestsOf(tx, id),
      findings: await findingsOf(tx, id),
      actions: await actionsOf(tx, id),
      costs: await costsOf(tx, id),
    };
    return presentAudit(found.audit, found.customerName, parts, clock.now(), actor.kind === "staff" ? "processor" : "customer");
  }

  /** One act on an audit in one transaction (with its evidence), answering the audit as it is then. */
  async function act(actor: Actor, id: string, run: (tx: Db) => Promise<unknown>) {
    await visible(actor, id);
    return inScope(db, scopeOf(actor), async (tx) => {
      await run(tx);
      return detail(tx, actor, id);
    });
  }

  app.get(
    "/audits",
    {
      config: { audience: parties },
      schema: {
        tags,
        summary: "Audits (art. 10): the customer's own, or all (admin, privacy officer), newest first",
        response: { 200: Type.Array(AuditSummary), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await inScope(db, scopeOf(actor), (tx) => listAudits(tx));
      return rows.filter((r) => actor.kind === "staff" || r.audit.controllerId === actor.controllerId).map((r) => presentAuditSummary(r.audit, r.customerName));
    },
  );

  app.post(
    "/audits",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS } },
      schema: {
        tags,
        summary:
          "Request an audit on a concrete, written, reasoned suspicion of misuse (art. 10.2); it takes place at the earliest on the 14th calendar day after",
        body: AuditBody,
        response: { 201: AuditDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const controllerId = requireCustomer(actor, CUSTOMER_WRITERS);
      const out = await inScope(db, scopeOf(actor), async (tx) =>
        detail(tx, actor, await requestAudit(tx, clock, auditWho(actor), controllerId, request.body)),
      );
      return reply.status(201).send(out);
    },
  );

  app.get(
    "/audits/:id",
    {
      config: { audience: onAudit, personalData: "audit" },
      schema: {
        tags,
        summary: "One audit: its expert, date, information requests, findings, actions and costs",
        params: IdParams,
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), (tx) => detail(tx, actor, request.params.id));
    },
  );

  app.post(
    "/audits/:id/refusal",
    {
      config: { audience: staffOnAudit },
      schema: {
        tags,
        summary: "Refuse a request without a concrete, reasoned suspicion of misuse (art. 10.2), with the reasoning; the customer is told",
        params: IdParams,
        body: RefusalBody,
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return act(actor, request.params.id, (tx) => refuseAudit(tx, clock, auditWho(actor), request.params.id, request.body));
    },
  );

  app.post(
    "/audits/:id/experts",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary:
          'Propose an independent expert (art. 10.1): multipart/form-data with "name", "firm" and the confidentiality undertaking as "undertaking" (one file, at most 10 MB)',
        params: IdParams,
        consumes: ["multipart/form-data"],
        body: { content: { "multipart/form-data": { schema: ExpertForm } } },
        response: { 201: AuditDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visible(actor, request.params.id);
      const form = await readExpertForm(request);
      const out = await act(actor, request.params.id, (tx) => proposeExpert(tx, clock, auditWho(actor), request.params.id, form));
      return reply.status(201).send(out);
    },
  );

  app.post(
    "/audits/:id/experts/:expertId/acceptance",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Accept the other party's proposed expert: the expert is agreed (art. 10.1)",
        params: ExpertParams,
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return act(actor, request.params.id, (tx) => acceptExpert(tx, clock, auditWho(actor), request.params.id, request.params.expertId));
    },
  );

  app.post(
    "/audits/:id/date",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Propose when the audit starts: not before the start of the 14th calendar day after the written notice (a 400 names the earliest)",
        params: IdParams,
        body: DateBody,
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return act(actor, request.params.id, (tx) => proposeAuditDate(tx, clock, auditWho(actor), request.params.id, request.body));
    },
  );

  app.post(
    "/audits/:id/date/acceptance",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Accept the other party's proposed date, naming it",
        params: IdParams,
        body: DateBody,
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return act(actor, request.params.id, (tx) => acceptAuditDate(tx, clock, auditWho(actor), request.params.id, request.body));
    },
  );

  app.post(
    "/audits/:id/information-requests",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Ask for information (art. 10.3): the customer's or the expert's request; the processor answers within 14 calendar days",
        params: IdParams,
        body: InformationBody,
        response: { 201: AuditDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await act(actor, request.params.id, (tx) => askInformation(tx, clock, auditWho(actor), request.params.id, request.body)));
    },
  );

  app.post(
    "/audits/:id/information-requests/:requestId/answer",
    {
      config: { audience: staffOnAudit },
      schema: {
        tags,
        summary: 'Answer an information request (art. 10.3): JSON { answer }, or multipart/form-data with "answer" and up to 5 "files"; met in time or late',
        params: RequestParams,
        body: { content: { "application/json": { schema: AnswerBody }, "multipart/form-data": { schema: AnswerForm } } },
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visible(actor, request.params.id);
      const form = await readAnswerForm(request);
      return act(actor, request.params.id, (tx) => answerInformation(tx, clock, auditWho(actor), request.params.id, request.params.requestId, form));
    },
  );

  app.post(
    "/audits/:id/findings",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Record a finding with its assessment (art. 10.4); the other party agrees to assess it jointly",
        params: IdParams,
        body: FindingBody,
        response: { 201: AuditDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await act(actor, request.params.id, (tx) => recordFinding(tx, clock, auditWho(actor), request.params.id, request.body)));
    },
  );

  app.post(
    "/audits/:id/findings/:findingId/agreement",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Agree to the other party's assessment of a finding: assessed jointly (art. 10.4)",
        params: FindingParams,
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return act(actor, request.params.id, (tx) => agreeFinding(tx, clock, auditWho(actor), request.params.id, request.params.findingId));
    },
  );

  app.post(
    "/audits/:id/actions",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Agree an action on a finding (art. 10.4): who carries it out, its owner and due date (a duty on the obligation engine)",
        params: IdParams,
        body: ActionBody,
        response: { 201: AuditDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(
        await act(actor, request.params.id, async (tx) => {
          const dueDate = realDate(request.body.dueDate, "body.dueDate");
          return addAction(tx, clock, auditWho(actor), request.params.id, { ...request.body, dueDate });
        }),
      );
    },
  );

  app.post(
    "/audits/:id/actions/:actionId/completion",
    {
      config: { audience: onAudit },
      schema: {
        tags,
        summary: "Mark an action carried out (by a party that carries it out): its duty met, in time or late",
        params: ActionParams,
        response: { 200: AuditDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return act(actor, request.params.id, (tx) => completeAction(tx, clock, auditWho(actor), request.params.id, request.params.actionId));
    },
  );

  app.post(
    "/audits/:id/costs",
    {
      config: { audience: staffOnAudit },
      schema: {
        tags,
        summary: "Record a cost of the audit, borne by the customer (art. 10.5): a billable item at once, exported with the billable items",
        params: IdParams,
        body: CostBody,
        response: { 201: AuditDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visible(actor, request.params.id);
      const costDate = realDate(request.body.costDate, "body.costDate");
      return reply
        .status(201)
        .send(await act(actor, request.params.id, (tx) => recordAuditCost(tx, clock, auditWho(actor), request.params.id, { ...request.body, costDate })));
    },
  );

  app.get(
    "/audit-files/:id",
    {
      config: { audience: { ...parties, record: "auditFile" }, personalData: "audit_file" },
      schema: {
        tags,
        summary: "Download a file of an audit (an undertaking, an answer's attachment), byte for byte (header x-content-sha256)",
        params: IdParams,
        response: FileResponses("the file as uploaded", "application/octet-stream"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await inScope(db, scopeOf(actor), (tx) => findFile(tx, request.params.id));
      if (!file || (actor.kind === "customer" && actor.controllerId !== file.controllerId)) {
        throw notFound(auditWords.noun.file);
      }
      return reply
        .type("application/octet-stream")
        .header("content-disposition", contentDisposition(file.fileName))
        .header("x-content-sha256", file.sha256)
        .send(Buffer.from(file.content));
    },
  );
}

const textField = (fields: Map<string, string>, name: string, max: number, needed: { nl: string; en: string }) => {
  const value = (fields.get(name) ?? "").trim();
  if (value === "") {
    throw invalid(`body.${name}`, needed);
  }
  if ([...value].length > max) {
    throw invalid(`body.${name}`, auditWords.tooLong(max));
  }
  return value;
};

/** An expert proposal's form: "name", "firm" and one file "undertaking"; anything else is a 400 naming its field. */
async function readExpertForm(request: FastifyRequest): Promise<{ name: string; firm: string; undertaking: ReceivedFile }> {
  if (!request.isMultipart()) {
    throw invalid("body.undertaking", auditWords.sendMultipart);
  }
  const { fields, files } = await readMultipart(request);
  const stray = files.find((f) => f.fieldName !== "undertaking");
  if (stray) {
    throw invalid(`body.${stray.fieldName}`, auditWords.unknownField);
  }
  const name = textField(fields, "name", 200, auditWords.nameNeeded);
  const firm = textField(fields, "firm", 200, auditWords.firmNeeded);
  const [undertaking] = files;
  if (!undertaking || files.length > 1) {
    throw invalid("body.undertaking", auditWords.undertakingNeeded);
  }
  return { name, firm, undertaking };
}

/** An answer: JSON { answer }, or multipart "answer" with up to 5 "files". */
async function readAnswerForm(request: FastifyRequest): Promise<{ answer: string; files: ReceivedFile[] }> {
  if (!request.isMultipart()) {
    return { answer: (request.body as { answer: string }).answer, files: [] };
  }
  const { fields, files } = await readMultipart(request);
  const stray = files.find((f) => f.fieldName !== "files");
  if (stray) {
    throw invalid(`body.${stray.fieldName}`, auditWords.unknownField);
  }
  return { answer: textField(fields, "answer", 20_000, auditWords.answerNeeded), files };
}
