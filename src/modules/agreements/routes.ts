import { CUSTOMER_ALL, CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF } from "../../http/audience.ts";
import { agreementWords } from "./words.ts";
import { createHash } from "node:crypto";
import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf, requestMeta } from "../../http/request-context.ts";
import { ErrorResponses, iso, FileResponses } from "../../http/schemas.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { IdParams } from "../../http/schemas.ts";
import { assertMaySee, requireCustomer, requireStaff, scopeOf, STAFF_ALL, STAFF_WRITE, type Actor } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { recordEvent } from "../evidence/index.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { findProcessor } from "../processor/index.ts";
import { composeAgreementDocument } from "./compose-document.ts";
import { countersignAgreement } from "./countersign-agreement.ts";
import { documentPdfAndHash } from "./document-hash.ts";
import { renderAgreementHtml } from "./document/html.ts";
import { renderSignedAgreementPdf } from "./document/pdf.ts";
import { offerTemplateVersion } from "./offer-template.ts";
import { publishTemplateVersion } from "./publish-template.ts";
import {
  countAgreementsByTemplate,
  findAgreement,
  listTemplateVersions,
  findTemplateText,
  findTemplateVersion,
  listAgreements,
  signaturesOf,
  AGREEMENT_LIST_KEY,
} from "./queries.ts";
import { decodeKeyset, keysetPage, NEXT_LINK_HEADER, nextLink } from "../../http/cursor.ts";
import { signAgreement } from "./sign-agreement.ts";
import { chooseAgreementLanguage } from "./choose-language.ts";
import {
  Agreement,
  AgreementListQuery,
  CountersignBody,
  LanguageBody,
  DocumentOut,
  PublishBody,
  SignBody,
  TemplateDetail,
  TemplateSummary,
  VersionParams,
} from "./schemas.ts";

type Found = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;
/** What an answer shows of an agreement: a list reads no more (not its PDF). */
type Shown = Pick<Found, "templateVersion" | "controllerName" | "annexVersion" | "annex2Version"> & {
  agreement: Pick<
    Found["agreement"],
    "id" | "controllerId" | "locale" | "status" | "offeredAt" | "customerSignedAt" | "processorSignedAt" | "effectiveAt" | "supersededAt" | "documentSha256"
  >;
};

/** The answer for agreements read in this transaction, with their signatures (read in it too). */
async function present(tx: Db, found: Shown[]) {
  const sigs = await signaturesOf(
    tx,
    found.map((f) => f.agreement.id),
  );
  return found.map(({ agreement: a, templateVersion, controllerName, annexVersion, annex2Version }) => ({
    id: a.id,
    controllerId: a.controllerId,
    controllerName,
    templateVersion,
    annexVersion,
    annex2Version,
    locale: a.locale,
    status: a.status,
    offeredAt: a.offeredAt.toISOString(),
    customerSignedAt: iso(a.customerSignedAt),
    processorSignedAt: iso(a.processorSignedAt),
    effectiveAt: iso(a.effectiveAt),
    supersededAt: iso(a.supersededAt),
    documentSha256: a.documentSha256,
    signatures: sigs
      .filter((s) => s.agreementId === a.id)
      .map((s) => ({
        party: s.party,
        method: s.method,
        typedName: s.typedName,
        function: s.function,
        signedAt: s.signedAt.toISOString(),
        ip: s.ip,
        ipSource: s.ipSource ?? null,
        proxyIp: s.proxyIp ?? null,
        documentSha256: s.documentSha256,
      })),
  }));
}

/** The agreement if the actor may see it (own customer; assigned support); else not found. */
/** The agreement if the actor may see it (own customer; assigned support); else not found. Call it in the actor's scope. */
async function visibleAgreement(tx: Db, actor: Actor, id: string): Promise<Found> {
  const found = await findAgreement(tx, id);
  if (!found) {
    throw notFound(agreementWords.noun.agreement);
  }
  assertMaySee(actor, found.agreement.controllerId, await assignmentsOf(tx, actor), agreementWords.noun.agreement);
  return found;
}

export function agreementRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  /**
   * One transaction under the actor's scope: reads the agreement the actor may see (else 404), lets
   * `act` check and change it, and answers with the agreement as `act` returns it, with its
   * signatures. What is checked is what is acted on.
   */
  const onAgreement = (actor: Actor, id: string, act: (tx: Db, found: Found) => Promise<Found>) =>
    inScope(db, scopeOf(actor), async (tx) => {
      const [out] = await present(tx, [await act(tx, await visibleAgreement(tx, actor, id))]);
      return out;
    });

  app.get(
    "/agreements",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["agreements"],
        summary: "Agreements: all (staff) or your own (customer), newest offer first; a page after `after` (keyset), the next one in the Link header",
        querystring: AgreementListQuery,
        response: { 200: Type.Array(Agreement, { headers: NEXT_LINK_HEADER }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { controllerId, after, limit, ...rest } = request.query;
      const own = actor.kind === "customer" ? (actor.controllerId ?? undefined) : controllerId;
      const from = decodeKeyset(after, AGREEMENT_LIST_KEY);
      const page = await inScope(db, scopeOf(actor), async (tx) => {
        const assigned = await assignmentsOf(tx, actor);
        const found = await listAgreements(tx, {
          ...rest,
          ...(own ? { controllerId: own } : {}),
          onlyControllerIds: assigned ? [...assigned] : null,
          limit,
          after: from,
        });
        const { items, next } = keysetPage(found, limit);
        return { items: await present(tx, items), next };
      });
      const link = nextLink(request.url, page.next);
      if (link) {
        void reply.header("link", link);
      }
      return page.items;
    },
  );

  app.get(
    "/agreements/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "agreement" } },
      schema: { tags: ["agreements"], summary: "One agreement with its signatures", params: IdParams, response: { 200: Agreement, ...ErrorResponses } },
    },
    async (request) => onAgreement(actorOf(request), request.params.id, async (_tx, found) => found),
  );

  app.get(
    "/agreements/:id/document",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "agreement" } },
      schema: {
        tags: ["agreements"],
        summary: "The exact document to sign (HTML) and the SHA-256 of its PDF",
        params: IdParams,
        response: { 200: DocumentOut, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        const found = await visibleAgreement(tx, actor, request.params.id);
        const document = await composeAgreementDocument(tx, found.agreement.id);
        if (!document) {
          throw notFound(agreementWords.noun.agreement);
        }
        const { sha256 } = documentPdfAndHash(document);
        if (actor.kind === "customer") {
          await recordEvent(tx, clock, {
            type: "agreement.viewed",
            actor: eventActor(actor),
            controllerId: found.agreement.controllerId,
            subject: { type: "agreement", id: found.agreement.id },
            data: { documentSha256: sha256, templateVersion: found.templateVersion },
          });
        }
        return { sha256, html: renderAgreementHtml(document) };
      });
    },
  );

  app.get(
    "/agreements/:id/document.pdf",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "agreement" } },
      schema: {
        tags: ["agreements"],
        summary: "The agreement as PDF: before signing the document to sign, once signed the exact bytes signed",
        description:
          "Without variant: before the customer signs, the document to sign (its SHA-256 is the one GET /agreements/{id}/document shows and POST /agreements/{id}/sign compares); once signed, the exact bytes the customer signed, as stored (their SHA-256 is the agreement's documentSha256). " +
          "variant=as-signed: the bytes signed only (409 before the customer has signed). " +
          "variant=with-signatures: a copy re-rendered with a signature page (both signatures and the signed hash); not the signed bytes, so its SHA-256 differs. " +
          "The X-Document-SHA256 header is the SHA-256 of the file sent.",
        params: IdParams,
        querystring: Type.Object({ variant: Type.Optional(Type.Enum(["with-signatures", "as-signed"])) }, { additionalProperties: false }),
        response: FileResponses("the PDF", "application/pdf"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { variant } = request.query;
      // What the PDF needs is read under the actor's scope, in one transaction; it is rendered after.
      const { found, signed, composed } = await inScope(db, scopeOf(actor), async (tx) => {
        const found = await visibleAgreement(tx, actor, request.params.id);
        const { agreement } = found;
        if (agreement.documentPdf || variant === "as-signed") {
          if (variant !== "with-signatures" || !agreement.documentJson || !agreement.documentSha256) {
            return { found, signed: null, composed: null };
          }
          const signatures = await signaturesOf(tx, [agreement.id]);
          const processor = await findProcessor(tx);
          return { found, signed: { document: agreement.documentJson, documentSha256: agreement.documentSha256, signatures, processor }, composed: null };
        }
        return { found, signed: null, composed: await composeAgreementDocument(tx, agreement.id) };
      });
      const { agreement } = found;
      let pdf: Uint8Array;
      let suffix = "";
      if (signed) {
        pdf = renderSignedAgreementPdf({
          document: signed.document,
          documentSha256: signed.documentSha256,
          signatures: signed.signatures.map((s) => ({
            party: s.party,
            name: s.typedName,
            function: s.function,
            organisation: s.party === "controller" ? found.controllerName : signed.processor.name,
            signedAt: s.signedAt.toISOString(),
            method: s.method,
            ip: s.ip,
          })),
        });
        suffix = "-re-rendered";
      } else if (composed) {
        pdf = documentPdfAndHash(composed).pdf;
      } else if (agreement.documentPdf) {
        // The default once signed: the bytes signed, as stored, whose SHA-256 every page shows.
        pdf = agreement.documentPdf;
      } else if (variant === "as-signed") {
        throw conflict(agreementWords.notSignedYet);
      } else {
        throw notFound(agreementWords.noun.agreement);
      }
      const name = `verwerkersovereenkomst-v${found.templateVersion}-${found.controllerName.replace(/[^A-Za-z0-9]+/g, "-")}${suffix}.pdf`;
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("x-document-sha256", createHash("sha256").update(pdf).digest("hex"))
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    "/agreements/:id/sign",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "agreement" } },
      schema: {
        tags: ["agreements"],
        summary: "Sign as the customer (art. 12.1)",
        params: IdParams,
        body: SignBody,
        response: { 200: Agreement, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return onAgreement(actor, request.params.id, (tx, found) => {
        const controllerId = requireCustomer(actor, ["owner", "privacy_contact"]);
        return signAgreement(tx, clock, { ...eventActor(actor), id: actor.userId, controllerId }, found, request.body, requestMeta(request));
      });
    },
  );

  app.put(
    "/agreements/:id/language",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_WRITERS, record: "agreement" } },
      schema: {
        tags: ["agreements"],
        summary: "Choose the language (nl or en) of an agreement before signing it",
        params: IdParams,
        body: LanguageBody,
        response: { 200: Agreement, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return onAgreement(actor, request.params.id, async (tx) => {
        if (actor.kind === "customer") {
          requireCustomer(actor, ["owner", "privacy_contact"]);
        } else {
          requireStaff(actor, STAFF_WRITE);
        }
        await chooseAgreementLanguage(tx, clock, eventActor(actor), request.params.id, request.body.locale);
        return visibleAgreement(tx, actor, request.params.id);
      });
    },
  );

  app.post(
    "/agreements/:id/countersign",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "agreement" } },
      schema: {
        tags: ["agreements"],
        summary: "Countersign as the processor; in force from this signature (art. 12.1)",
        params: IdParams,
        body: CountersignBody,
        response: { 200: Agreement, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return onAgreement(actor, request.params.id, (tx, found) => {
        return countersignAgreement(tx, clock, eventActor(actor), found, request.body, requestMeta(request));
      });
    },
  );

  app.get(
    "/templates",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["templates"],
        summary: "Published template versions with their uptake",
        response: { 200: Type.Array(TemplateSummary), ...ErrorResponses },
      },
    },
    async () => {
      const [versions, counts] = await Promise.all([listTemplateVersions(db), countAgreementsByTemplate(db)]);
      return versions.map((v) => {
        const c = counts.find((x) => x.version === v.version);
        return {
          version: v.version,
          publishedAt: v.publishedAt.toISOString(),
          notes: v.notes,
          parameters: v.parameters,
          offered: Number(c?.offered ?? 0),
          signed: Number(c?.signed ?? 0),
          inForce: Number(c?.in_force ?? 0),
        };
      });
    },
  );

  app.get(
    "/templates/:version",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags: ["templates"],
        summary: "A template version with its texts",
        params: VersionParams,
        response: { 200: TemplateDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const v = await findTemplateVersion(db, request.params.version);
      if (!v) {
        throw notFound(agreementWords.noun.templateVersion(request.params.version));
      }
      const [nl, en, counts] = await Promise.all([findTemplateText(db, v.id, "nl"), findTemplateText(db, v.id, "en"), countAgreementsByTemplate(db)]);
      const c = counts.find((x) => x.version === v.version);
      return {
        version: v.version,
        publishedAt: v.publishedAt.toISOString(),
        notes: v.notes,
        parameters: v.parameters,
        offered: Number(c?.offered ?? 0),
        signed: Number(c?.signed ?? 0),
        inForce: Number(c?.in_force ?? 0),
        texts: { nl, en },
      };
    },
  );

  app.post(
    "/templates",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["templates"],
        summary: "Publish the next template version (and offer it to every customer)",
        body: PublishBody,
        response: { 201: Type.Object({ version: Type.Integer(), offered: Type.Integer() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await inScope(db, scopeOf(actor), async (tx) => {
        const published = await publishTemplateVersion(tx, clock, eventActor(actor), request.body, actor.userId);
        const offer = request.body.offer ? await offerTemplateVersion(tx, clock, eventActor(actor), published.version) : { offered: 0 };
        return { version: published.version, offered: offer.offered };
      });
      return reply.status(201).send(result);
    },
  );

  app.post(
    "/templates/:version/offer",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags: ["templates"],
        summary: "Offer a template version to every customer without it",
        params: VersionParams,
        response: { 200: Type.Object({ offered: Type.Integer() }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), (tx) => offerTemplateVersion(tx, clock, eventActor(actor), request.params.version));
    },
  );
}
