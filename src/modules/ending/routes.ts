import { CUSTOMER_WRITERS, NO_CUSTOMERS } from "../../http/audience.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { assertMaySee, scopeOf, type Actor } from "../../http/actor.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { notFound } from "../../http/errors.ts";
import { withMultipart } from "../../http/multipart-scope.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { certificatePdf, issuedCertificatePdf } from "./certificate.ts";
import { attachConfirmation, confirmLine } from "./confirm-line.ts";
import { recordHold, releaseHold } from "./legal-holds.ts";
import { ONE_FILE_LIMITS, readOneFile } from "../threads/index.ts";
import { presentEnding, presentEndings } from "./present.ts";
import { ENDING_LIST_KEY, findCertificate, findEndingOf, lineAttachment, lockHold, lockLine } from "./queries.ts";
import { decodeKeyset, keysetPage } from "../../http/cursor.ts";
import { AttachmentForm, CertificateQuery, ConfirmBody, EndingAnswer, EndingList, EndingListQuery, HoldBody, ReleaseBody } from "./schemas.ts";
import type { Who } from "./who.ts";
import { endingWords } from "./words.ts";

/**
 * Who manages the end of an agreement (art. 12.2, 12.4): the administrator and the privacy officer.
 * Support is not admitted, not even to read: confirming a deletion is the processor's accountable
 * statement that the certificate repeats to the customer, and the plan is no support task.
 */
export const ENDING_STAFF: readonly StaffRole[] = ["admin", "privacy_officer"];

const tags = ["ending"];
const staffOnly = { staff: ENDING_STAFF, customer: NO_CUSTOMERS };
const who = (actor: Actor): Who => ({ actor: eventActor(actor), userId: actor.userId, name: actor.name });

/**
 * The end of the agreement: staff see every ended agreement, a customer's plan, confirm its lines
 * (with a sub-processor's own confirmation attached), record legal holds and their deletion; the
 * customer's owner and privacy contact see their own plan and download its certificates. There is no
 * route to end an agreement: it ends when the customer's last service ends (art. 12.2).
 */
export function endingRoutes(app: TypedApp, deps: RouteDeps): void {
  withMultipart(app, ONE_FILE_LIMITS, (scoped) => routes(scoped, deps));
}

function routes(app: TypedApp, { db, clock }: RouteDeps): void {
  /** The customer's ending as the API shows it, read in the act's transaction. */
  const endingOf = async (tx: Parameters<typeof presentEnding>[0], controllerId: string) => {
    const ending = await findEndingOf(tx, controllerId);
    return { ended: ending !== null, ending: ending ? await presentEnding(tx, ending, clock.now()) : null };
  };

  app.get(
    "/endings",
    {
      config: { audience: staffOnly },
      schema: {
        tags,
        summary: "Ended agreements (art. 12.2), newest first, with their deletion plan's progress; a page after `after` (keyset)",
        querystring: EndingListQuery,
        response: { 200: EndingList, ...ErrorResponses },
      },
    },
    async (request) => {
      const { status, q, limit } = request.query;
      const after = decodeKeyset(request.query.after, ENDING_LIST_KEY);
      const page = await inScope(db, scopeOf(actorOf(request)), (tx) => presentEndings(tx, { status, q, limit, after, now: clock.now() }));
      const { items, next } = keysetPage(page.items, limit);
      return { total: page.total, totalExact: page.exact, items: items.map(({ key: _key, ...item }) => item), next };
    },
  );

  app.get(
    "/controllers/:id/ending",
    {
      config: { audience: { staff: ENDING_STAFF, customer: CUSTOMER_WRITERS, record: "controller" } },
      schema: {
        tags,
        summary:
          "A customer's end of agreement (art. 12.2): the deletion plan and its confirmations, legal holds, certificates, return requests; ended: false while it runs",
        params: IdParams,
        response: { 200: EndingAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertMaySee(actor, request.params.id, null, endingWords.noun.ending);
      return inScope(db, scopeOf(actor), (tx) => endingOf(tx, request.params.id));
    },
  );

  app.post(
    "/controllers/:id/ending/holds",
    {
      config: { audience: { ...staffOnly, record: "controller" } },
      schema: {
        tags,
        summary: "Record a legal hold (art. 12.4): what data, the legal ground, in what capacity, until when; before the plan's last confirmation",
        params: IdParams,
        body: HoldBody,
        response: { 201: EndingAnswer, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const out = await inScope(db, scopeOf(actor), async (tx) => {
        await recordHold(tx, clock, who(actor), request.params.id, request.body);
        return endingOf(tx, request.params.id);
      });
      return reply.status(201).send(out);
    },
  );

  app.post(
    "/deletion-lines/:id/attachment",
    {
      config: { audience: { ...staffOnly, record: "deletionLine" } },
      schema: {
        tags,
        summary: 'Attach a sub-processor\'s confirmation of its own deletion to its line (art. 5.3; multipart/form-data, field "file", at most 10 MB)',
        params: IdParams,
        consumes: ["multipart/form-data"],
        body: { content: { "multipart/form-data": { schema: AttachmentForm } } },
        response: { 200: EndingAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const file = await readOneFile(request, endingWords);
      return inScope(db, scopeOf(actor), async (tx) => {
        await attachConfirmation(tx, clock, who(actor), request.params.id, file);
        const line = await lockLine(tx, request.params.id);
        return endingOf(tx, line?.controllerId ?? "");
      });
    },
  );

  app.get(
    "/deletion-lines/:id/attachment",
    {
      config: { audience: { ...staffOnly, record: "deletionLine" } },
      schema: {
        tags,
        summary: "A sub-processor's confirmation of deletion as received",
        params: IdParams,
        response: FileResponses("the file as received", "application/octet-stream"),
      },
    },
    async (request, reply) => {
      const file = await inScope(db, scopeOf(actorOf(request)), (tx) => lineAttachment(tx, request.params.id));
      if (!file) {
        throw notFound(endingWords.noun.line);
      }
      return reply
        .type("application/octet-stream")
        .header("content-disposition", contentDisposition(file.name))
        .header("x-content-sha256", file.sha256)
        .send(Buffer.from(file.bytes));
    },
  );

  app.post(
    "/deletion-lines/:id/confirmation",
    {
      config: { audience: { ...staffOnly, record: "deletionLine" } },
      schema: {
        tags,
        summary: "Confirm a line of the deletion plan: when and how its data were deleted; the last one sends the customer its deletion certificate",
        params: IdParams,
        body: ConfirmBody,
        response: { 200: EndingAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await confirmLine(tx, clock, who(actor), request.params.id, request.body);
        const line = await lockLine(tx, request.params.id);
        return endingOf(tx, line?.controllerId ?? "");
      });
    },
  );

  app.post(
    "/legal-holds/:id/release",
    {
      config: { audience: { ...staffOnly, record: "legalHold" } },
      schema: {
        tags,
        summary: "Record that a hold's data were deleted after it ended; a supplementary certificate goes to the customer if the final one was issued",
        params: IdParams,
        body: ReleaseBody,
        response: { 200: EndingAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await releaseHold(tx, clock, who(actor), request.params.id, request.body);
        const hold = await lockHold(tx, request.params.id);
        return endingOf(tx, hold?.controllerId ?? "");
      });
    },
  );

  app.get(
    "/deletion-certificates/:id",
    {
      config: { audience: { staff: ENDING_STAFF, customer: CUSTOMER_WRITERS, record: "deletionCertificate" } },
      schema: {
        tags,
        summary:
          "A deletion certificate as PDF: what was deleted, when and how, what is still held, why and until when. In the customer's language (the default) the bytes as issued, whose SHA-256 its evidence records; `lang` the other language, rendered from the same content",
        params: IdParams,
        querystring: CertificateQuery,
        produces: ["application/pdf"],
        response: FileResponses("the deletion certificate", "application/pdf"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { certificate, pdf, locale } = await inScope(db, scopeOf(actor), async (tx) => {
        const found = await findCertificate(tx, request.params.id);
        if (!found) {
          throw notFound(endingWords.noun.certificate);
        }
        assertMaySee(actor, found.controllerId, null, endingWords.noun.certificate);
        // The language it was issued in gives the stored bytes; the other one is a translation.
        const lang = request.query.lang ?? found.locale;
        const pdf = lang === found.locale ? await issuedCertificatePdf(tx, found) : await certificatePdf(tx, found, lang);
        return { certificate: found, pdf, locale: lang };
      });
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(endingWords.certificate.fileName(certificate.content.reference, certificate.number, locale)))
        .send(Buffer.from(pdf));
    },
  );
}
