import { CUSTOMER_ALL } from "../../http/audience.ts";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { FileResponses, IdParams } from "../../http/schemas.ts";
import { notFound } from "../../http/errors.ts";
import { assertMaySee, scopeOf, STAFF_ALL } from "../../http/actor.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { findThreadAttachment } from "./queries.ts";
import { threadWords } from "./words.ts";

/** The download of any thread's attachment (an objection's consultation, a case). */
export function threadRoutes(app: TypedApp, { db }: RouteDeps) {
  app.get(
    "/attachments/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "attachment" }, personalData: "attachment" },
      schema: {
        tags: ["threads"],
        summary: "Download an attachment of a thread (a consultation, a case), byte for byte (header x-content-sha256)",
        params: IdParams,
        response: FileResponses("the attachment as uploaded", "application/octet-stream"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await inScope(db, scopeOf(actor), (tx) => findThreadAttachment(tx, request.params.id));
      if (!found) {
        throw notFound(threadWords.noun.attachment);
      }
      assertMaySee(actor, found.controllerId, await assignmentsOf(db, actor), threadWords.noun.attachment);
      return reply
        .type(found.mediaType)
        .header("content-disposition", contentDisposition(found.fileName))
        .header("x-content-sha256", found.sha256)
        .send(Buffer.from(found.bytes));
    },
  );
}
