import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { subprocessorWords } from "./words.ts";
import { withMultipart } from "../../http/multipart-scope.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses } from "../../http/schemas.ts";
import { forbidden, invalid, notFound } from "../../http/errors.ts";
import { IdParams } from "../../http/schemas.ts";
import { scopeOf, STAFF_WRITE, STAFF_ALL } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { recordEvent } from "../evidence/index.ts";
import { changeRoutes } from "./change-routes.ts";
import { readMultipart, UPLOAD_LIMITS } from "../threads/index.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { objectionRoutes } from "./objection-routes.ts";
import { presentSubprocessor } from "./present.ts";
import { findContract, findSubprocessor, isInvolvedWith, listSubprocessors } from "./queries.ts";
import { createSubprocessor, updateSubprocessor } from "./save-subprocessor.ts";
import { ContractForm, ContractUploaded, RegisterQuery, Subprocessor, SubprocessorBody } from "./schemas.ts";
import { transferRoutes } from "./transfer-routes.ts";
import { uploadSubprocessorContract } from "./upload-contract.ts";

/**
 * The sub-processor register, changes, objections and transfers (art. 3.1, 5), in a plugin of
 * their own so multipart uploads (contracts, attachments) are accepted here and nowhere else.
 */
export function subprocessorRoutes(app: TypedApp, deps: RouteDeps): void {
  withMultipart(app, UPLOAD_LIMITS, (scoped) => {
    registerRoutes(scoped, deps);
    changeRoutes(scoped, deps);
    objectionRoutes(scoped, deps);
    transferRoutes(scoped, deps);
  });
}

function registerRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.get(
    "/subprocessors",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["subprocessors"],
        summary: "The sub-processor register (art. 5): staff see proposals too; customers what is engaged or announced",
        querystring: RegisterQuery,
        response: { 200: Type.Array(Subprocessor), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const list = await inScope(db, scopeOf(actor), (tx) => listSubprocessors(tx, { status: request.query.status, announcedOnly: actor.kind !== "staff" }));
      return list.map(presentSubprocessor);
    },
  );

  app.get(
    "/subprocessors/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "shared" } },
      schema: { tags: ["subprocessors"], summary: "One sub-processor", params: IdParams, response: { 200: Subprocessor, ...ErrorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const found = await inScope(db, scopeOf(actor), (tx) => findSubprocessor(tx, request.params.id, actor.kind !== "staff"));
      if (!found) {
        throw notFound(subprocessorWords.noun.subprocessor);
      }
      return presentSubprocessor(found);
    },
  );

  app.post(
    "/subprocessors",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["subprocessors"],
        summary: 'Register a sub-processor; it starts as proposed, to be engaged by an announced "add" change',
        body: SubprocessorBody,
        response: { 201: Subprocessor, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await inScope(db, scopeOf(actor), async (tx) =>
        findSubprocessor(tx, await createSubprocessor(tx, clock, eventActor(actor), request.body)),
      );
      if (!created) {
        throw new Error("created sub-processor not found");
      }
      return reply.status(201).send(presentSubprocessor(created));
    },
  );

  app.put(
    "/subprocessors/:id",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags: ["subprocessors"],
        summary: "Change a sub-processor; an engaged one's services and locations change only through an announced change (409)",
        params: IdParams,
        body: SubprocessorBody,
        response: { 200: Subprocessor, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const saved = await inScope(db, scopeOf(actor), async (tx) => {
        await updateSubprocessor(tx, clock, eventActor(actor), request.params.id, request.body);
        return findSubprocessor(tx, request.params.id);
      });
      if (!saved) {
        throw notFound(subprocessorWords.noun.subprocessor);
      }
      return presentSubprocessor(saved);
    },
  );

  app.post(
    "/subprocessors/:id/contract",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags: ["subprocessors"],
        summary: 'Put the sub-processor\'s contract on file (multipart/form-data, field "file", at most 10 MB; art. 5.3)',
        params: IdParams,
        consumes: ["multipart/form-data"],
        body: { content: { "multipart/form-data": { schema: ContractForm } } },
        response: { 200: ContractUploaded, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) {
        throw invalid("body.file", {
          nl: 'stuur het contract als multipart/form-data in het veld "file"',
          en: 'send the contract as multipart/form-data in the field "file"',
        });
      }
      const { files } = await readMultipart(request);
      const [file, ...more] = files.filter((f) => f.fieldName === "file");
      if (!file || more.length > 0 || files.length > 1) {
        throw invalid("body.file", { nl: 'stuur precies één bestand in het veld "file"', en: 'send exactly one file in the field "file"' });
      }
      const saved = await inScope(db, scopeOf(actor), (tx) => uploadSubprocessorContract(tx, clock, eventActor(actor), request.params.id, file));
      return { ...saved, fileName: file.fileName, mediaType: file.mediaType };
    },
  );

  app.get(
    "/subprocessors/:id/contract",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "shared" } },
      schema: {
        tags: ["subprocessors"],
        summary: "Download the sub-processor's contract (art. 5.3): staff always; a customer when it serves or is announced to that customer",
        params: IdParams,
        response: FileResponses("the contract as uploaded", "application/octet-stream"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const contract = await inScope(db, scopeOf(actor), async (tx) => {
        const sub = await findSubprocessor(tx, request.params.id, actor.kind !== "staff");
        if (!sub) {
          throw notFound(subprocessorWords.noun.subprocessor);
        }
        if (actor.kind === "customer") {
          if (!actor.controllerId || !(await isInvolvedWith(tx, sub.id, actor.controllerId))) {
            throw forbidden(subprocessorWords.contractNotYours);
          }
        }
        const found = await findContract(tx, sub.id);
        if (!found) {
          throw notFound(subprocessorWords.noun.contract);
        }
        if (actor.kind === "customer" && actor.controllerId) {
          // art. 5.3: the customer exercised its right to read the contract.
          await recordEvent(tx, clock, {
            type: "subprocessor.contract_read",
            actor: eventActor(actor),
            controllerId: actor.controllerId,
            subject: { type: "subprocessor", id: sub.id },
            data: { name: sub.name, sha256: found.sha256 },
          });
        }
        return found;
      });
      return reply
        .type(contract.mediaType)
        .header("content-disposition", contentDisposition(contract.fileName))
        .header("x-content-sha256", contract.sha256)
        .send(Buffer.from(contract.bytes));
    },
  );
}
