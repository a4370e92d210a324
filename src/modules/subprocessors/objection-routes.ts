import { CUSTOMER_ALL, CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF } from "../../http/audience.ts";
import { subprocessorWords } from "./words.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { invalid, notFound } from "../../http/errors.ts";
import { IdParams } from "../../http/schemas.ts";
import { requireCustomer, requireStaff, scopeOf, STAFF_WRITE, STAFF_ALL } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { visibleChange, visibleObjection } from "./access.ts";
import { recordObjectionOutcome } from "./close-objection.ts";
import { listThread, Message, MessageBody, MessageForm, readMessageForm } from "../threads/index.ts";
import { findObjection, listObjections, OBJECTION_LIST_KEY } from "./objection-queries.ts";
import { arrayPage, decodeKeyset, NEXT_LINK_HEADER } from "../../http/cursor.ts";
import type { FastifyReply } from "fastify";
import { postConsultationMessage } from "./post-message.ts";
import { presentObjection } from "./present.ts";
import { ChangeObjectionsQuery, Objection, ObjectionBody, ObjectionListQuery, OutcomeBody } from "./schemas.ts";
import { submitObjection } from "./submit-objection.ts";

/** A page of objections as an array, the next page in the Link header. */
function pageAnswer(reply: FastifyReply, url: string, found: Awaited<ReturnType<typeof listObjections>>, limit: number) {
  return arrayPage(reply, url, found, limit).map(presentObjection);
}

export function objectionRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.post(
    "/subprocessor-changes/:id/objections",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "subprocessorChange" } },
      schema: {
        tags: ["subprocessors"],
        summary: "Object to a change announced to you, in writing and reasoned, within your window (art. 5.2)",
        params: IdParams,
        body: ObjectionBody,
        response: { 201: Objection, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleChange(db, actor, request.params.id);
      const controllerId = requireCustomer(actor, CUSTOMER_WRITERS);
      const id = await inScope(db, scopeOf(actor), (tx) =>
        submitObjection(tx, clock, { ...eventActor(actor), id: actor.userId }, request.params.id, controllerId, request.body.reason),
      );
      return reply.status(201).send(presentObjection(await visibleObjection(db, actor, id)));
    },
  );

  app.get(
    "/subprocessor-changes/:id/objections",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "subprocessorChange" } },
      schema: {
        tags: ["subprocessors"],
        summary:
          "Objections to a change: all (staff; support only its customers) or your own (customer), newest first; a page after `after` (keyset), the next one in the Link header",
        params: IdParams,
        querystring: ChangeObjectionsQuery,
        response: { 200: Type.Array(Objection, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleChange(db, actor, request.params.id);
      const assigned = await assignmentsOf(db, actor);
      const { after, limit, ...query } = request.query;
      const found = await inScope(db, scopeOf(actor), (tx) =>
        listObjections(tx, {
          ...query,
          changeId: request.params.id,
          controllerId: actor.kind === "customer" ? (actor.controllerId ?? undefined) : undefined,
          onlyIds: assigned ? [...assigned] : null,
          limit,
          after: decodeKeyset(after, OBJECTION_LIST_KEY),
        }),
      );
      return pageAnswer(reply, request.url, found, limit);
    },
  );

  app.get(
    "/objections",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["subprocessors"],
        summary:
          "Objections: your own (customer) or all (staff; support only its customers), newest first; a page after `after` (keyset), the next one in the Link header",
        querystring: ObjectionListQuery,
        response: { 200: Type.Array(Objection, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { after, limit, ...query } = request.query;
      const from = decodeKeyset(after, OBJECTION_LIST_KEY);
      if (actor.kind === "customer" && !actor.controllerId) {
        return [];
      }
      const assigned = await assignmentsOf(db, actor);
      const found = await inScope(db, scopeOf(actor), (tx) =>
        listObjections(tx, {
          ...query,
          controllerId: actor.kind === "customer" ? (actor.controllerId ?? undefined) : undefined,
          onlyIds: assigned ? [...assigned] : null,
          limit,
          after: from,
        }),
      );
      return pageAnswer(reply, request.url, found, limit);
    },
  );

  app.get(
    "/objections/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "objection" }, personalData: "objection" },
      schema: { tags: ["subprocessors"], summary: "One objection", params: IdParams, response: { 200: Objection, ...ErrorResponses } },
    },
    async (request) => presentObjection(await visibleObjection(db, actorOf(request), request.params.id)),
  );

  app.get(
    "/objections/:id/messages",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "objection" }, personalData: "objection" },
      schema: {
        tags: ["subprocessors"],
        summary: "The consultation of an objection, oldest first (art. 5.2)",
        params: IdParams,
        response: { 200: Type.Array(Message), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleObjection(db, actor, request.params.id);
      const messages = await inScope(db, scopeOf(actor), (tx) => listThread(tx, { type: "objection", id: request.params.id }));
      return messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }));
    },
  );

  app.post(
    "/objections/:id/messages",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_WRITERS, record: "objection" } },
      schema: {
        tags: ["subprocessors"],
        summary: 'Add a message to the consultation: JSON { body }, or multipart/form-data with "body" and up to 5 "files"',
        params: IdParams,
        body: { content: { "application/json": { schema: MessageBody }, "multipart/form-data": { schema: MessageForm } } },
        response: { 201: Message, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const objection = await visibleObjection(db, actor, request.params.id);
      if (actor.kind === "customer") {
        requireCustomer(actor, CUSTOMER_WRITERS);
      } else {
        requireStaff(actor, STAFF_WRITE);
      }
      const { body, files } = await readMessageForm(request);
      const id = await inScope(db, scopeOf(actor), (tx) =>
        postConsultationMessage(tx, clock, eventActor(actor), objection.id, {
          from: actor.kind === "staff" ? "processor" : "customer",
          authorId: actor.userId,
          authorName: actor.name,
          body,
          files,
        }),
      );
      const messages = await inScope(db, scopeOf(actor), (tx) => listThread(tx, { type: "objection", id: objection.id }));
      const message = messages.find((m) => m.id === id);
      if (!message) {
        throw new Error(`message ${id} vanished`);
      }
      return reply.status(201).send({ ...message, createdAt: message.createdAt.toISOString() });
    },
  );

  app.post(
    "/objections/:id/outcome",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "objection" } },
      schema: {
        tags: ["subprocessors"],
        summary: "Close the consultation with its outcome: withdrawn, resolved, or customer_leaves (staff)",
        params: IdParams,
        body: OutcomeBody,
        response: { 200: Objection, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleObjection(db, actor, request.params.id);
      const note = request.body.note.trim();
      if (note === "") {
        throw invalid("body.note", subprocessorWords.required);
      }
      await inScope(db, scopeOf(actor), (tx) =>
        recordObjectionOutcome(tx, clock, { ...eventActor(actor), id: actor.userId }, request.params.id, request.body.outcome, note),
      );
      const found = await inScope(db, scopeOf(actor), (tx) => findObjection(tx, request.params.id));
      if (!found) {
        throw notFound(subprocessorWords.noun.objection);
      }
      return presentObjection(found);
    },
  );
}
