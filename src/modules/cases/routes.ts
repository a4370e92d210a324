import { withMultipart } from "../../http/multipart-scope.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import { CUSTOMER_ALL, CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF } from "../../http/audience.ts";
import { requireCustomer, scopeOf, STAFF_ALL, STAFF_WRITE, type Actor } from "../../http/actor.ts";
import { invalid } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { eventActor } from "../evidence/index.ts";
import { listThread, Message, MessageBody, MessageForm, readMessageForm, readMultipart, UPLOAD_LIMITS } from "../threads/index.ts";
import { visibleCase } from "./access.ts";
import { billingRoutes } from "./billing-routes.ts";
import { CASE_KINDS, caseKindOf } from "./case-kinds.ts";
import { answerMeasuresQuestion } from "./answer-measures-question.ts";
import { closeCase } from "./close-case.ts";
import { instructionRoutes } from "./instruction-routes.ts";
import { decideCaseEstimate } from "./decide-estimate.ts";
import { logCaseEntry } from "./log-entry.ts";
import { openCase } from "./open-case.ts";
import { postCaseMessage } from "./post-case-message.ts";
import { outcomesOf, presentCase, presentEntry, presentEstimate } from "./present.ts";
import { proposeEstimate } from "./propose-estimate.ts";
import { CASE_LIST_KEY, listCases, listEntries, listEstimates } from "./queries.ts";
import { arrayPage, decodeKeyset, NEXT_LINK_HEADER } from "../../http/cursor.ts";
import {
  CaseBody,
  CaseDetail,
  CaseKindInfo,
  CaseListQuery,
  CaseMessages,
  CaseSummary,
  CloseBody,
  CloseForm,
  MeasuresAnswerBody,
  MeasuresAnswerForm,
  DecisionBody,
  EntryBody,
  EntryParams,
  EstimateBody,
  VoidBody,
} from "./schemas.ts";
import { voidCaseEntry } from "./void-entry.ts";
import type { Who } from "./who.ts";

const tags = ["cases"];
const whoOf = (actor: Actor): Who => ({ actor: eventActor(actor), userId: actor.userId, name: actor.name });

/** The cases (art. 2.4 and the kinds after it) and the billable items, in a plugin of their own that accepts multipart (attachments, deliverables). */
export function caseRoutes(app: TypedApp, deps: RouteDeps): void {
  withMultipart(app, UPLOAD_LIMITS, (scoped) => {
    registerCaseRoutes(scoped, deps);
    billingRoutes(scoped, deps);
  });
}

function registerCaseRoutes(app: TypedApp, deps: RouteDeps) {
  const { db, clock } = deps;
  /** A case with its estimates and entries, as this actor may see it. */
  async function detail(actor: Actor, id: string) {
    const row = await visibleCase(db, actor, id);
    const { estimates, entries } = await inScope(db, scopeOf(actor), async (tx) => ({
      estimates: await listEstimates(tx, id),
      entries: await listEntries(tx, id),
    }));
    const definition = caseKindOf(row.kind);
    return {
      ...presentCase(row, clock.now()),
      request: row.request,
      outcomeNote: row.outcomeNote,
      // The outcomes POST /cases/{id}/close accepts (a kind's action outcomes come from its own action).
      outcomes: outcomesOf(definition).filter((o) => !definition.actionOutcomes?.includes(o.code)),
      costs: definition.costs,
      estimates: estimates.map(presentEstimate),
      entries: entries.map(presentEntry),
      billableCents: entries.filter((e) => e.billable && !e.voidedAt && e.type !== "credit").reduce((sum, e) => sum + e.amountCents, 0),
    };
  }

  app.get(
    "/case-kinds",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary: "The kinds of request a customer can make, with their outcomes",
        response: { 200: Type.Array(CaseKindInfo), ...ErrorResponses },
      },
    },
    async () => CASE_KINDS.map((k) => ({ kind: k.kind, label: k.label, article: k.article, costs: k.costs, outcomes: outcomesOf(k) })),
  );

  app.get(
    "/cases",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary:
          "Requests (cases): your own (customer) or all, with filters (staff; support only its customers), newest first; a page after `after` (keyset), the next page in the Link header",
        querystring: CaseListQuery,
        response: { 200: Type.Array(CaseSummary, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { limit } = request.query;
      const after = decodeKeyset(request.query.after, CASE_LIST_KEY);
      if (actor.kind === "customer" && !actor.controllerId) {
        return [];
      }
      const assigned = await assignmentsOf(db, actor);
      const now = clock.now();
      const found = await inScope(db, scopeOf(actor), (tx) =>
        listCases(tx, {
          kind: request.query.kind,
          status: request.query.status,
          controllerId: actor.kind === "customer" ? (actor.controllerId ?? undefined) : request.query.controllerId,
          overdueAt: request.query.overdue ? now : undefined,
          onlyIds: assigned ? [...assigned] : null,
          q: request.query.q,
          limit,
          after,
        }),
      );
      return arrayPage(reply, request.url, found, limit).map((row) => presentCase(row, now));
    },
  );

  app.post(
    "/cases",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS } },
      schema: {
        tags,
        summary: "Ask the processor: a request of one kind (e.g. DPIA help, art. 2.4)",
        body: CaseBody,
        response: { 201: CaseDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const controllerId = requireCustomer(actor, CUSTOMER_WRITERS);
      const id = await inScope(db, scopeOf(actor), (tx) =>
        openCase(
          tx,
          clock,
          whoOf(actor),
          controllerId,
          (request.body as { kind: string }).kind,
          (request.body as { request: Record<string, unknown> }).request,
        ),
      );
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    "/cases/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "case" }, personalData: "case" },
      schema: { tags, summary: "One request with its estimates, time and costs", params: IdParams, response: { 200: CaseDetail, ...ErrorResponses } },
    },
    async (request) => detail(actorOf(request), request.params.id),
  );

  app.get(
    "/cases/:id/messages",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "case" }, personalData: "case" },
      schema: { tags, summary: "The thread of a request, oldest first", params: IdParams, response: { 200: CaseMessages, ...ErrorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      const messages = await inScope(db, scopeOf(actor), (tx) => listThread(tx, { type: "case", id: request.params.id }));
      return messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }));
    },
  );

  app.post(
    "/cases/:id/messages",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_WRITERS, record: "case" } },
      schema: {
        tags,
        summary: 'Add a message to a request\'s thread: JSON { body }, or multipart/form-data with "body" and up to 5 "files"',
        params: IdParams,
        body: { content: { "application/json": { schema: MessageBody }, "multipart/form-data": { schema: MessageForm } } },
        response: { 201: Message, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await visibleCase(db, actor, request.params.id);
      const { body, files } = await readMessageForm(request);
      const id = await inScope(db, scopeOf(actor), (tx) =>
        postCaseMessage(tx, clock, eventActor(actor), found.id, {
          from: actor.kind === "staff" ? "processor" : "customer",
          authorId: actor.userId,
          authorName: actor.name,
          body,
          files,
        }),
      );
      const message = (await inScope(db, scopeOf(actor), (tx) => listThread(tx, { type: "case", id: found.id }))).find((m) => m.id === id);
      if (!message) {
        throw new Error(`message ${id} vanished`);
      }
      return reply.status(201).send({ ...message, createdAt: message.createdAt.toISOString() });
    },
  );

  app.post(
    "/cases/:id/estimates",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "case" } },
      schema: {
        tags,
        summary: "Answer with an estimate (hours × rate, or a fixed price, in cents) the customer must accept before billable work (art. 2.4)",
        params: IdParams,
        body: EstimateBody,
        response: { 201: CaseDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => proposeEstimate(tx, clock, whoOf(actor), request.params.id, request.body));
      return reply.status(201).send(await detail(actor, request.params.id));
    },
  );

  for (const [path, accept] of [
    ["accept", true],
    ["decline", false],
  ] as const) {
    app.post(
      `/cases/:id/estimate/${path}`,
      {
        config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "case" } },
        schema: {
          tags,
          summary: accept
            ? "Accept the estimate awaiting your decision: billable work may start (art. 2.4)"
            : "Decline the estimate: the request ends without billable work",
          params: IdParams,
          body: DecisionBody,
          response: { 200: CaseDetail, ...ErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await visibleCase(db, actor, request.params.id);
        requireCustomer(actor, CUSTOMER_WRITERS);
        await inScope(db, scopeOf(actor), (tx) => decideCaseEstimate(tx, clock, whoOf(actor), request.params.id, request.body.estimateId, accept));
        return detail(actor, request.params.id);
      },
    );
  }

  app.post(
    "/cases/:id/entries",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "case" } },
      schema: {
        tags,
        summary: "Log time (minutes × hourly rate) or a cost against a request; billable only after the customer accepted the estimate",
        params: IdParams,
        body: EntryBody,
        response: { 201: CaseDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => logCaseEntry(tx, clock, whoOf(actor), request.params.id, request.body));
      return reply.status(201).send(await detail(actor, request.params.id));
    },
  );

  app.post(
    "/cases/:id/entries/:entryId/void",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "case" } },
      schema: {
        tags,
        summary: "Void an entry: not yet exported, it leaves billing; exported, a credit line goes out with the next export",
        params: EntryParams,
        body: VoidBody,
        response: { 200: CaseDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => voidCaseEntry(tx, clock, whoOf(actor), request.params.id, request.params.entryId, request.body.reason));
      return detail(actor, request.params.id);
    },
  );

  app.post(
    "/cases/:id/close",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "case" } },
      schema: {
        tags,
        summary: 'Close a request with an outcome of its kind and a note; the deliverable as multipart "files" (JSON { outcome, note } without files)',
        params: IdParams,
        body: { content: { "application/json": { schema: CloseBody }, "multipart/form-data": { schema: CloseForm } } },
        response: { 200: CaseDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      let outcome: string;
      let note: string;
      let files: Awaited<ReturnType<typeof readMultipart>>["files"] = [];
      if (request.isMultipart()) {
        const form = await readMultipart(request);
        outcome = form.fields.get("outcome") ?? "";
        note = form.fields.get("note") ?? "";
        files = form.files;
        const stray = files.find((f) => f.fieldName !== "files");
        if (stray) {
          throw invalid(`body.${stray.fieldName}`, { nl: 'bestanden horen in het veld "files"', en: 'files belong in the field "files"' });
        }
        if (outcome.length > 50) {
          throw invalid("body.outcome", { nl: "is te lang", en: "is too long" });
        }
        if (note.length > 20_000) {
          throw invalid("body.note", { nl: "is langer dan 20.000 tekens", en: "is longer than 20,000 characters" });
        }
      } else {
        ({ outcome, note } = request.body as { outcome: string; note: string });
      }
      await inScope(db, scopeOf(actor), (tx) => closeCase(tx, clock, whoOf(actor), request.params.id, { outcome, note, files }));
      return detail(actor, request.params.id);
    },
  );

  app.post(
    "/cases/:id/measures-answer",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "case" } },
      schema: {
        tags,
        summary:
          'Answer a question about the measures (art. 2.2) with a note and the measures report in the customer\'s language, which closes it as answered; extra files as multipart "files" (JSON { note } without)',
        params: IdParams,
        body: { content: { "application/json": { schema: MeasuresAnswerBody }, "multipart/form-data": { schema: MeasuresAnswerForm } } },
        response: { 200: CaseDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      let note: string;
      let files: Awaited<ReturnType<typeof readMultipart>>["files"] = [];
      if (request.isMultipart()) {
        const form = await readMultipart(request);
        note = form.fields.get("note") ?? "";
        files = form.files;
        const stray = files.find((f) => f.fieldName !== "files");
        if (stray) {
          throw invalid(`body.${stray.fieldName}`, { nl: 'bestanden horen in het veld "files"', en: 'files belong in the field "files"' });
        }
        if (files.length > 4) {
          throw invalid("body.files", { nl: "hooguit 4 bestanden naast het rapport", en: "at most 4 files beside the report" });
        }
        if (note.length > 20_000) {
          throw invalid("body.note", { nl: "is langer dan 20.000 tekens", en: "is longer than 20,000 characters" });
        }
      } else {
        ({ note } = request.body as { note: string });
      }
      await inScope(db, scopeOf(actor), (tx) => answerMeasuresQuestion(tx, clock, whoOf(actor), request.params.id, { note, files }));
      return detail(actor, request.params.id);
    },
  );

  instructionRoutes(app, deps, detail, whoOf);
}
