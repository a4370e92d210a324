import { Type, type Static } from "typebox";
import { inScope } from "../../db/scope.ts";
import { CUSTOMER_ALL, CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF, PUBLIC } from "../../http/audience.ts";
import { requireCustomer, scopeOf, STAFF_WRITE, type Actor } from "../../http/actor.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { invalid, notFound } from "../../http/errors.ts";
import { withMultipart } from "../../http/multipart-scope.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { readMultipart, UPLOAD_LIMITS } from "../threads/index.ts";
import { visibleRequest } from "./access.ts";
import { closeNotOurs } from "./close-not-ours.ts";
import { confirmRequest } from "./confirm-request.ts";
import { forwardRequest } from "./forward-request.ts";
import { presentRequest } from "./present.ts";
import { customersByDomain, findFile, insertTicket, listFiles, listRequests, REQUEST_LIST_KEY } from "./queries.ts";
import { arrayPage, decodeKeyset, NEXT_LINK_HEADER } from "../../http/cursor.ts";
import { recordOutcome } from "./record-outcome.ts";
import { recordRequest, type RecordInput } from "./record-request.ts";
import { networkOf, requestDomains, type Who } from "./reference.ts";
import {
  ConfirmBody,
  ConfirmedOut,
  ForwardBody,
  FormBody,
  ListQuery,
  NotOursBody,
  OutcomeBody,
  RecordFields,
  RequestDetail,
  RequestSummary,
  SubmittedOut,
  TicketOut,
} from "./schemas.ts";
import { MIN_FILL_SECONDS, submitForm } from "./submit-form.ts";
import { subjectRequestWords as W } from "./words.ts";

const tags = ["subject-requests"];
const whoOf = (actor: Actor): Who => ({ actor: eventActor(actor), userId: actor.userId, name: actor.name });
const PROCESSOR = { kind: "processor" } as const;

/** Data subjects' requests (art. 8.1): the public form, the privacy staff's intake and forwarding, the customer's outcome. */
export function subjectRequestRoutes(app: TypedApp, deps: RouteDeps): void {
  publicRoutes(app, deps);
  withMultipart(app, UPLOAD_LIMITS, (scoped) => requestRoutes(scoped, deps));
}

function publicRoutes(app: TypedApp, { db, clock }: RouteDeps): void {
  app.post(
    "/public/privacy-requests/tickets",
    {
      config: { audience: PUBLIC, rateLimit: { max: 30, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "A ticket for the public form of a data subject's request (art. 8.1), handed out when the form is shown; spent by one submission",
        security: [],
        response: { 201: TicketOut, ...ErrorResponses },
      },
    },
    async (_request, reply) => {
      const ticket = await inScope(db, PROCESSOR, (tx) => insertTicket(tx, clock.now()));
      return reply.status(201).send({ ticket, minSeconds: MIN_FILL_SECONDS });
    },
  );

  app.post(
    "/public/privacy-requests",
    {
      config: { audience: PUBLIC, rateLimit: { max: 5, timeWindow: "1 hour" } },
      bodyLimit: 32 * 1024,
      schema: {
        tags,
        summary:
          "A data subject's request about its personal data held for one of the processor's customers (art. 8.1), without login: nothing reaches anyone until the address is confirmed through the e-mailed link",
        security: [],
        body: FormBody,
        response: { 202: SubmittedOut, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await inScope(db, PROCESSOR, (tx) => submitForm(tx, clock, request.body, networkOf(request.ip)));
      return reply.status(202).send({ reference: result.reference, confirmBy: result.confirmBy.toISOString() });
    },
  );

  app.post(
    "/public/privacy-requests/confirm",
    {
      config: { audience: PUBLIC, rateLimit: { max: 30, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "Confirm a data subject's request with the secret of the e-mailed link: only then is it received and forwarded",
        security: [],
        body: ConfirmBody,
        response: { 200: ConfirmedOut, ...ErrorResponses },
      },
    },
    async (request) => inScope(db, PROCESSOR, (tx) => confirmRequest(tx, clock, request.body.secret)),
  );
}

function requestRoutes(app: TypedApp, { db, clock }: RouteDeps): void {
  async function detail(actor: Actor, id: string) {
    const row = await visibleRequest(db, actor, id);
    const { files, proposals } = await inScope(db, scopeOf(actor), async (tx) => ({
      files: await listFiles(tx, id),
      proposals: actor.kind === "staff" && row.status === "received" && row.content ? await customersByDomain(tx, requestDomains(row.content)) : [],
    }));
    return {
      ...presentRequest(row, clock.now()),
      locale: row.locale,
      requesterTold: row.requesterTold,
      outcomeNote: row.outcomeNote,
      contentSha256: row.contentSha256,
      content: row.content,
      files,
      proposals,
    };
  }

  app.get(
    "/subject-requests",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary:
          "Data subjects' requests: all (the processor's privacy staff), or those forwarded to you (customer); newest first, a page after `after` (keyset), the next one in the Link header",
        querystring: ListQuery,
        response: { 200: Type.Array(RequestSummary, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.kind === "customer" && !actor.controllerId) {
        return [];
      }
      const { status, q, limit } = request.query;
      const after = decodeKeyset(request.query.after, REQUEST_LIST_KEY);
      const found = await inScope(db, scopeOf(actor), (tx) =>
        listRequests(tx, { status, q, limit, after, controllerId: actor.kind === "customer" ? (actor.controllerId ?? undefined) : undefined }),
      );
      const now = clock.now();
      return arrayPage(reply, request.url, found, limit).map((row) => presentRequest(row, now));
    },
  );

  app.post(
    "/subject-requests",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary:
          'Record a request received by letter, phone or e-mail: JSON, or multipart/form-data with the same fields and the original as "files" (up to 5); the duty to forward runs from now',
        body: { content: { "application/json": { schema: RecordFields }, "multipart/form-data": { schema: Type.Object({}) } } },
        response: { 201: RequestDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      let fields: Record<string, unknown>;
      let files: RecordInput["files"] = [];
      if (request.isMultipart()) {
        const form = await readMultipart(request);
        const stray = form.files.find((f) => f.fieldName !== "files");
        if (stray) {
          throw invalid(`body.${stray.fieldName}`, { nl: 'bestanden horen in het veld "files"', en: 'files belong in the field "files"' });
        }
        fields = Object.fromEntries([...form.fields].filter(([, value]) => value !== ""));
        files = form.files;
        const validate = request.compileValidationSchema(RecordFields, "body");
        if (!validate(fields)) {
          throw Object.assign(new Error("invalid form"), { statusCode: 400, validation: validate.errors ?? [], validationContext: "body" });
        }
      } else {
        fields = request.body as Record<string, unknown>;
      }
      const f = fields as unknown as Static<typeof RecordFields>;
      const { id } = await inScope(db, PROCESSOR, (tx) =>
        recordRequest(tx, clock, whoOf(actor), {
          source: f.source as RecordInput["source"],
          right: f.right,
          locale: f.locale,
          receivedAt: f.receivedAt ? new Date(f.receivedAt) : undefined,
          content: {
            name: f.name,
            email: f.email?.trim().toLowerCase() || null,
            phone: f.phone?.trim() || null,
            organisation: f.organisation,
            website: f.website?.trim() || null,
            message: f.message,
          },
          files,
        }),
      );
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    "/subject-requests/:id",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_ALL, record: "subjectRequest" }, personalData: "subject_request" },
      schema: {
        tags,
        summary: "One request with what the requester wrote (until it is erased), its files and, for staff, the customers its domain names point to",
        params: IdParams,
        response: { 200: RequestDetail, ...ErrorResponses },
      },
    },
    async (request) => detail(actorOf(request), request.params.id),
  );

  app.post(
    "/subject-requests/:id/forward",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "subjectRequest" } },
      schema: {
        tags,
        summary: "Forward a received request to the customer it concerns (art. 8.1), optionally telling the requester it went to the organisation responsible",
        params: IdParams,
        body: ForwardBody,
        response: { 200: RequestDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleRequest(db, actor, request.params.id);
      await inScope(db, PROCESSOR, (tx) => forwardRequest(tx, clock, whoOf(actor), request.params.id, request.body));
      return detail(actor, request.params.id);
    },
  );

  app.post(
    "/subject-requests/:id/not-ours",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "subjectRequest" } },
      schema: {
        tags,
        summary: "Record that a received request concerns none of the processor's customers, optionally telling the requester so",
        params: IdParams,
        body: NotOursBody,
        response: { 200: RequestDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleRequest(db, actor, request.params.id);
      await inScope(db, PROCESSOR, (tx) => closeNotOurs(tx, clock, whoOf(actor), request.params.id, request.body));
      return detail(actor, request.params.id);
    },
  );

  app.post(
    "/subject-requests/:id/outcome",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "subjectRequest" } },
      schema: {
        tags,
        summary: "Record what you did with a request forwarded to you: handled it, not yours, or forwarded it to the right organisation",
        params: IdParams,
        body: OutcomeBody,
        response: { 200: RequestDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const controllerId = requireCustomer(actor, CUSTOMER_WRITERS);
      await visibleRequest(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => recordOutcome(tx, clock, whoOf(actor), controllerId, request.params.id, request.body));
      return detail(actor, request.params.id);
    },
  );

  app.get(
    "/subject-request-files/:id",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_ALL, record: "subjectRequestFile" }, personalData: "subject_request_file" },
      schema: {
        tags,
        summary: "A file of a data subject's request as received (a letter, an e-mail), byte for byte (header x-content-sha256)",
        params: IdParams,
        response: FileResponses("the file as received", "application/octet-stream"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await inScope(db, scopeOf(actor), (tx) => findFile(tx, request.params.id));
      if (!file) {
        throw notFound(W.noun.file);
      }
      // The request's own rule: its privacy staff, or the customer it was forwarded to.
      await visibleRequest(db, actor, file.requestId);
      return reply
        .type(file.mediaType)
        .header("content-disposition", contentDisposition(file.fileName))
        .header("x-content-sha256", file.sha256)
        .send(Buffer.from(file.bytes));
    },
  );
}
